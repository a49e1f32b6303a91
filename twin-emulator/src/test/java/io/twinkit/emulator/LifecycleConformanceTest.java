package io.twinkit.emulator;

import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.TwinDocument;
import io.twinkit.core.conformance.ConformanceVectors.VectorCase;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.error.TwinException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of lifecycle.json, each against a fresh hub. */
class LifecycleConformanceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:08:09.1234567Z"), ZoneOffset.UTC);

    static List<VectorCase> cases() {
        return ConformanceVectors.cases("lifecycle.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runsEveryStepWithTheExpectedOutcome(VectorCase vector) {
        TwinKey key = TwinKey.device(vector.get("deviceId").asString());
        try (IotHub hub = IotHub.create(HubOptions.builder().clock(CLOCK).build())) {
            List<JsonObject> received = new CopyOnWriteArrayList<>();
            hub.twins().subscribe(key, (k, payload) -> {
                assertThat(k).isEqualTo(key);
                received.add(payload);
            });
            int index = 0;
            for (JsonValue stepValue : vector.get("steps").asArray()) {
                JsonObject step = stepValue.asObject();
                String op = step.valueOrNull("op").asString();
                String where = vector.name() + ", step " + index++ + " (" + op + ")";
                received.clear();
                Outcome outcome = run(hub, key, op, step);
                JsonObject expect = step.valueOrNull("expect").asObject();

                assertThat(outcome.status).as(where + ": status, failure %s", outcome.failure)
                        .isEqualTo(expect.valueOrNull("status").asNumber().longValue());
                if (expect.contains("errorCode")) {
                    assertThat(outcome.errorCode).as(where + ": errorCode")
                            .isEqualTo(expect.valueOrNull("errorCode").asNumber().longValue());
                }
                checkState(hub, key, expect, where, outcome.response);
                if (expect.contains("notification")) {
                    assertThat(received).as(where + ": notification").containsExactly(
                            expect.valueOrNull("notification").asObject());
                } else {
                    assertThat(received).as(where + ": no notification").isEmpty();
                }
            }
        }
    }

    private static void checkState(IotHub hub, TwinKey key, JsonObject expect, String where,
                                   TwinDocument response) {
        if (!expect.contains("etag")) {
            assertThat(hub.registry().find(key)).as(where + ": the twin does not exist").isEmpty();
            return;
        }
        TwinDocument twin = hub.twins().get(key);
        if (response != null) {
            assertThat(response).as(where + ": the response is the stored twin").isEqualTo(twin);
        }
        assertThat(twin.etag().orElseThrow().value()).as(where + ": etag")
                .isEqualTo(expect.valueOrNull("etag").asString());
        assertThat(twin.version().orElseThrow()).as(where + ": version")
                .isEqualTo(expect.valueOrNull("version").asNumber().longValue());
        assertThat(twin.desired().version().orElseThrow()).as(where + ": desiredVersion")
                .isEqualTo(expect.valueOrNull("desiredVersion").asNumber().longValue());
        assertThat(twin.reported().version().orElseThrow()).as(where + ": reportedVersion")
                .isEqualTo(expect.valueOrNull("reportedVersion").asNumber().longValue());
        assertThat(twin.tags().toJson()).as(where + ": tags").isEqualTo(expect.valueOrNull("tags"));
        assertThat(twin.desired().properties().toJson()).as(where + ": desired")
                .isEqualTo(expect.valueOrNull("desired"));
        assertThat(twin.reported().properties().toJson()).as(where + ": reported")
                .isEqualTo(expect.valueOrNull("reported"));
        JsonObject deviceView = hub.twins().deviceGet(key);
        assertThat(deviceView.valueOrNull("desired").asObject().valueOrNull("$version").asNumber().longValue())
                .as(where + ": device view of desired $version")
                .isEqualTo(expect.valueOrNull("desiredVersion").asNumber().longValue());
    }

    private static Outcome run(IotHub hub, TwinKey key, String op, JsonObject step) {
        try {
            return switch (op) {
                case "create" -> {
                    hub.registry().createDevice(key.deviceId());
                    yield new Outcome(200, -1, null, null);
                }
                case "get" -> new Outcome(200, -1, hub.twins().get(key), null);
                case "update" -> new Outcome(200, -1, hub.twins().update(key, step.valueOrNull("body").asObject(),
                        text(step.valueOrNull("ifMatch"))), null);
                case "replace" -> new Outcome(200, -1, hub.twins().replace(key,
                        step.valueOrNull("body").asObject(), text(step.valueOrNull("ifMatch"))), null);
                case "report" -> {
                    JsonValue version = step.valueOrNull("version");
                    long reported = hub.twins().report(key, step.valueOrNull("patch").asObject(),
                            version.isNull() ? null : version.asNumber().longValue());
                    assertThat(reported).isEqualTo(hub.twins().get(key).reported().version().orElseThrow());
                    yield new Outcome(204, -1, null, null);
                }
                default -> throw new IllegalStateException("unknown op " + op);
            };
        } catch (TwinException e) {
            return new Outcome(e.httpStatus(), e.errorCode().code(), null, e);
        }
    }

    private static String text(JsonValue value) {
        return value.isNull() ? null : value.asString();
    }

    private record Outcome(int status, long errorCode, TwinDocument response, TwinException failure) {
    }
}
