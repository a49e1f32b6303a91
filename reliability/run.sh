#!/usr/bin/env bash
# The long reliability runs (docs/RELIABILITY.md): 1,000 MQTT devices for 60 s, reconnect storms, SIGKILL restarts,
# a full disk, and tens of thousands of fuzz inputs. The normal build runs the same tests in a short version.
#
#   reliability/run.sh                                  # the long versions, with the profile's sizes
#   reliability/run.sh -Dreliability.devices=500        # any size can be overridden (see reliability/pom.xml)
#   reliability/run.sh -Dtest=LoadTest                  # one test class
#
# Figures land in reliability/target/figures/*.json and are printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q install -DskipTests
rm -rf reliability/target/figures
# -am builds the upstream modules in the same reactor, so the run never picks up stale snapshots from ~/.m2;
# the test filter keeps their own suites (and the emulator's port-8883 tests) out of it
mvn -B -ntp -Preliability-long -pl reliability -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtest='io.twinkit.reliability.**.*Test' "$@"

echo
echo "Figures (reliability/target/figures):"
for figures in reliability/target/figures/*.json; do
    echo "  $(basename "$figures" .json): $(cat "$figures")"
done
