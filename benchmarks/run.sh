#!/usr/bin/env bash
# Runs every twinkit benchmark and writes benchmarks/RESULTS.md.
#
#   benchmarks/run.sh --quick   one fork, 3 + 4 one-second iterations, under 15 minutes on 2 cores, then the durable
#                               twin write table with 5-second windows (about 4 minutes more)
#   benchmarks/run.sh --full    two forks, 5 + 5 two-second iterations, a one-minute MQTT run, then the durable twin
#                               write table with 20-second windows after 5 seconds of warm-up (about 10 minutes)
#
# Options after the mode: --skip-build (reuse benchmarks/target/benchmarks.jar), and anything else is passed to JMH
# (for instance a benchmark name pattern such as ParseBenchmark). Needs only bash, Maven and a JDK 17+.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
mode=${1:---quick}
shift || true
build=yes
jmh_extra=()
for arg in "$@"; do
  case "$arg" in
    --skip-build) build=no ;;
    *) jmh_extra+=("$arg") ;;
  esac
done

case "$mode" in
  --quick)
    jmh_opts=(-f 1 -wi 3 -w 1s -i 4 -r 1s)
    mqtt_opts=(--devices 100 --warmup 5 --seconds 15)
    durable_opts=(-p seconds=5 -p warmupSeconds=2)
    ;;
  --full)
    jmh_opts=(-f 2 -wi 5 -w 2s -i 5 -r 2s)
    mqtt_opts=(--devices 100 --warmup 10 --seconds 60)
    durable_opts=(-p seconds=20 -p warmupSeconds=5)
    ;;
  *)
    echo "usage: benchmarks/run.sh --quick|--full [--skip-build] [JMH options]" >&2
    exit 2
    ;;
esac

SECONDS=0
command_line="benchmarks/run.sh $mode${*:+ $*}"
jar=benchmarks/target/benchmarks.jar
results=benchmarks/target/results
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

if [ "$build" = yes ]; then
  echo "== building $jar"
  # compile the benchmarks afresh against this checkout's modules, never against stale classes
  rm -rf benchmarks/target
  mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi
rm -rf "$results"
mkdir -p "$results"

if [ ${#jmh_extra[@]} -eq 0 ]; then
  # the durable twin write benchmark runs on its own below: one window per fork, not timed iterations
  jmh_extra=(-e DurableTwinWriteBenchmark)
  everything=yes
else
  everything=no
fi
echo "== JMH ${jmh_opts[*]} ${jmh_extra[*]}"
java -jar "$jar" "${jmh_opts[@]}" -rf json -rff "$results/jmh.json" "${jmh_extra[@]}"
load_jmh=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

if [ "$everything" = yes ]; then
  echo "== emulator memory: 1,000,000 fleet twins in a 4 GiB heap"
  if ! java -Xms4g -Xmx4g -cp "$jar" io.twinkit.benchmarks.EmulatorMemory 1000000 full "$results/memory-full.json"; then
    echo "the million-twin import did not complete in a 4 GiB heap; measuring in 8 GiB instead" >&2
    java -Xms8g -Xmx8g -cp "$jar" io.twinkit.benchmarks.EmulatorMemory 1000000 full "$results/memory-full.json"
  fi
  echo "== MQTT over WebSocket: ${mqtt_opts[*]}"
  java -Xmx2g -cp "$jar" io.twinkit.benchmarks.MqttThroughput "${mqtt_opts[@]}" --out "$results/mqtt.json"
  echo "== durable twin writes: ${durable_opts[*]}"
  java -jar "$jar" DurableTwinWriteBenchmark "${durable_opts[@]}" -rf json -rff "$results/durable-writes.json"
fi

load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)
memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo unknown)
{
  echo "- CPUs (\`nproc\`): $(nproc)"
  echo "- CPU model (\`/proc/cpuinfo\`): ${cpu:-unknown}"
  echo "- Memory: $memory"
  echo "- OS: $(uname -srm)"
  echo "- Load average (1, 5, 15 min) before the run: $load_before; after JMH: $load_jmh; at the end: $load_after"
  echo "  (the JMH forks keep about 2 runnable threads themselves; the MQTT run, last, about 100)"
  echo "- JDK (\`java -version\`):"
  echo
  echo '```'
  java -version 2>&1
  echo '```'
  echo
  echo "- JMH options: \`${jmh_opts[*]}\`; forks run with the heap each benchmark class sets (\`@Fork(jvmArgsAppend)\`)"
} > "$results/machine.md"

java -cp "$jar" io.twinkit.benchmarks.ResultsReport --results "$results" --out benchmarks/RESULTS.md \
  --machine "$results/machine.md" --command "$command_line" --elapsed "$SECONDS"
echo "== done in $((SECONDS / 60)) min $((SECONDS % 60)) s: $root/benchmarks/RESULTS.md"
