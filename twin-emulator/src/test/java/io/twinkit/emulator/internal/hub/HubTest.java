package io.twinkit.emulator.internal.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.DeviceStatus;
import io.twinkit.core.ModuleId;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.TwinKey;
import io.twinkit.core.conformance.ConformanceVectors;
import io.twinkit.core.conformance.ConformanceVectors.Fixture;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinValidationException;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hub behind the facade: the stored twins of imported fixtures, and the change hook for views. */
class HubTest {

    static List<Fixture> fixtures() {
        return ConformanceVectors.fixtures("twins.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyTwinOfTheFixtureReadsBackExactlyAsImported(Fixture fixture) {
        try (Hub hub = Hub.open(HubOptions.defaults())) {
            List<TwinDocument> all = new ArrayList<>();
            for (String member : List.of("twins", "modules")) {
                for (JsonValue value : fixture.json().valueOrNull(member).asArray()) {
                    all.add(TwinDocument.fromJson(value.asObject()));
                }
            }
            assertThat(all).as("twins and module twins of " + fixture).isNotEmpty();
            for (TwinDocument twin : all) {
                TwinDocument imported = hub.twins().importTwin(twin);
                assertThat(imported).as(twin.deviceId() + " as returned").isEqualTo(twin);
                TwinKey key = new TwinKey(twin.deviceId(), twin.moduleId().orElse(null));
                assertThat(hub.twins().get(key)).as(key + " read back").isEqualTo(twin);
                assertThat(hub.twins().get(key).toJson()).isEqualTo(twin.toJson());
            }
            assertThat(hub.snapshot()).as("one stored twin per fixture twin").hasSize(all.size());
        }
    }


    @Test
    void theChangeHookSeesEveryCommittedChangeInOrderWithTheStoredState() {
        try (Hub hub = Hub.open(HubOptions.defaults())) {
            List<String> events = new ArrayList<>();
            List<TwinDocument> states = new ArrayList<>();
            hub.addTwinChangeListener((key, state) -> {
                events.add(key + (state == null ? " deleted" : " v" + state.version().orElseThrow() + " "
                        + state.status().orElseThrow()));
                states.add(state);
            });
            TwinKey dev = TwinKey.device("hooked");
            TwinKey mod = TwinKey.module("hooked", "m");
            DeviceIdentity device = hub.registry().createDevice(dev.deviceId());
            hub.registry().createModule(dev.deviceId(), ModuleId.of("m"));
            hub.twins().update(dev, json("{\"tags\":{\"a\":1}}"), null);
            assertThat(states.get(states.size() - 1)).isEqualTo(hub.twins().get(dev));
            hub.twins().report(mod, json("{\"r\":1}"), null);
            hub.registry().update(device.toBuilder().status(DeviceStatus.DISABLED).build(), null);
            assertThat(states.get(states.size() - 1)).isEqualTo(hub.twins().get(dev));
            assertThatThrownBy(() -> hub.twins().update(dev, json("{\"tags\":{\"$a\":1}}"), null))
                    .isInstanceOf(TwinValidationException.class);
            assertThat(hub.snapshot()).containsExactly(hub.twins().get(dev), hub.twins().get(mod));
            hub.registry().delete(dev, null);
            assertThat(events).containsExactly(
                    "hooked v2 enabled",
                    "hooked/m v2 enabled",
                    "hooked v3 enabled",
                    "hooked/m v3 enabled",
                    "hooked v3 disabled",
                    "hooked/m deleted",
                    "hooked deleted");
            assertThat(hub.snapshot()).isEmpty();
        }
    }


    @Test
    void aThrowingChangeListenerDoesNotFailTheWrite() {
        try (Hub hub = Hub.open(HubOptions.defaults())) {
            hub.addTwinChangeListener((key, state) -> {
                throw new IllegalStateException("view bug");
            });
            Logger logger = Logger.getLogger(IotHub.class.getName());
            logger.setUseParentHandlers(false);
            try {
                hub.registry().createDevice(DeviceId.of("d"));
                assertThat(hub.twins().get(TwinKey.device("d")).version()).hasValue(2);
            } finally {
                logger.setUseParentHandlers(true);
            }
        }
    }

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }
}
