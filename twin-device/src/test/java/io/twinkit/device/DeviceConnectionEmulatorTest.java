package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.PropertySection;
import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link DeviceConnection} against the emulator over both transports. */
class DeviceConnectionEmulatorTest {

    private static TwinkitEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = EmulatorDevices.start();
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void openDeliversTheInitialDesiredStateAndThenBackEndChanges(Transport transport) throws Exception {
        TwinKey key = device("open-" + transport);
        emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"rate\":5}}}"), null);
        List<DesiredUpdate> updates = new CopyOnWriteArrayList<>();
        DeviceConnection client = EmulatorDevices.builder(emulator, key.deviceId(), transport).build();
        try {
            client.addDesiredListener(updates::add);
            client.open();
            EmulatorDevices.await(() -> updates.size() == 1, "the initial desired state");
            DesiredUpdate initial = updates.get(0);
            assertThat(initial.version()).isEqualTo(2);
            assertThat(initial.resync()).isTrue();
            assertThat(initial.properties().getLong("rate")).hasValue(5);
            assertThat(initial.patch().toJson()).isEqualTo(json("{\"rate\":5}"));
            assertThat(client.desired()).isEqualTo(initial.desired());
            assertThat(client.reported().version()).hasValue(1);

            emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"mode\":\"eco\",\"rate\":null}}}"),
                    null);
            EmulatorDevices.await(() -> updates.size() == 2, "the back-end change");
            DesiredUpdate change = updates.get(1);
            assertThat(change.version()).isEqualTo(3);
            assertThat(change.resync()).isFalse();
            assertThat(change.patch().toJson()).isEqualTo(json("{\"mode\":\"eco\",\"rate\":null}"));
            assertThat(change.properties().toJson()).isEqualTo(json("{\"mode\":\"eco\"}"));
            assertThat(client.desired().version()).hasValue(3);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void reportsAreVisibleInTheHubAndAStaleExpectedVersionIs412(Transport transport) {
        TwinKey key = device("report-" + transport);
        DeviceConnection client = EmulatorDevices.builder(emulator, key.deviceId(), transport).build();
        try {
            client.open();
            long first = client.report(MergePatch.builder().set("temp", 21).set("unit", "C").build());
            assertThat(first).isEqualTo(2);
            long second = client.report(MergePatch.builder().set("temp", 22).build(), first);
            assertThat(second).isEqualTo(3);
            PropertySection hubReported = emulator.hub().twins().get(key).reported();
            assertThat(hubReported.version()).hasValue(3);
            assertThat(hubReported.properties().toJson()).isEqualTo(json("{\"temp\":22,\"unit\":\"C\"}"));
            assertThat(client.reported().properties().toJson()).isEqualTo(json("{\"temp\":22,\"unit\":\"C\"}"));

            assertThatThrownBy(() -> client.report(MergePatch.builder().set("temp", 99).build(), first))
                    .isInstanceOfSatisfying(DeviceTwinException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(412);
                        assertThat(e.errorCode()).isEqualTo(IotHubErrorCode.PRECONDITION_FAILED);
                    });
            assertThat(emulator.hub().twins().get(key).reported().properties().getLong("temp")).hasValue(22);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTypedReportSendsOnlyTheDifference(Transport transport) {
        TwinKey key = device("typed-" + transport);
        DeviceConnection client = EmulatorDevices.builder(emulator, key.deviceId(), transport).build();
        try {
            client.open();
            assertThat(client.report(new Status("on", 3))).isEqualTo(2);
            assertThat(client.report(new Status("on", 3))).as("nothing to send").isEqualTo(2);
            assertThat(client.report(new Status("off", 3))).isEqualTo(3);
            assertThat(emulator.hub().twins().get(key).reported().properties().toJson())
                    .isEqualTo(json("{\"state\":\"off\",\"level\":3}"));
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void afterADroppedConnectionTheListenerSeesTheFinalStateWithStrictlyNewerVersions(Transport transport)
            throws Exception {
        TwinKey key = device("drop-" + transport);
        List<DesiredUpdate> updates = new CopyOnWriteArrayList<>();
        DeviceConnection client = EmulatorDevices.builder(emulator, key.deviceId(), transport).build();
        try {
            client.addDesiredListener(updates::add);
            client.open();
            EmulatorDevices.await(() -> updates.size() == 1, "the initial desired state");

            assertThat(emulator.dropConnection(key)).isTrue();
            for (int step = 1; step <= 3; step++) {
                emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"step\":" + step
                        + ",\"k" + step + "\":true}}}"), null);
            }
            PropertySection expected = emulator.hub().twins().get(key).desired();
            assertThat(expected.version()).hasValue(4);
            EmulatorDevices.await(() -> !updates.isEmpty() && updates.get(updates.size() - 1).version() == 4,
                    "the final desired state after the reconnect");

            DesiredUpdate last = updates.get(updates.size() - 1);
            assertThat(last.properties()).isEqualTo(expected.properties());
            assertThat(last.properties().getLong("step")).hasValue(3);
            for (int i = 1; i < updates.size(); i++) {
                assertThat(updates.get(i).version()).isGreaterThan(updates.get(i - 1).version());
                assertThat(updates.get(i).patch().applyTo(updates.get(i - 1).properties()))
                        .as("each patch leads from the previous state to the next")
                        .isEqualTo(updates.get(i).properties());
            }

            emulator.hub().twins().update(key, json("{\"properties\":{\"desired\":{\"after\":1}}}"), null);
            EmulatorDevices.await(() -> updates.get(updates.size() - 1).version() == 5, "a change after the reconnect");
            assertThat(updates.get(updates.size() - 1).patch().toJson())
                    .isEqualTo(JsonObject.of("after", JsonNumber.of(1)));
        } finally {
            client.close();
        }
    }

    /** A typed reported value. */
    record Status(String state, int level) {
    }

    private static TwinKey device(String id) {
        emulator.hub().registry().createDevice(DeviceId.of(id));
        return TwinKey.device(id);
    }

    private static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }
}
