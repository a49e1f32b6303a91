package io.twinkit.emulator;

import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.TwinKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.ModuleId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.validation.TwinValidationException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Desired-property notifications: payload shapes, when none is sent, unsubscribing, faulty listeners. */
class NotificationTest {

    private final IotHub hub = IotHub.create();
    private final TwinKey key = TwinKey.device("notify-1");
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();

    NotificationTest() {
        hub.registry().createDevice(key.deviceId());
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void anUpdateSendsTheDesiredObjectOfTheBodyVerbatimPlusTheVersion() {
        hub.twins().subscribe(key, (k, payload) -> received.add(payload));
        hub.twins().update(key, json("{\"properties\":{\"desired\":{\"a\":1,\"b\":{\"c\":2}}}}"), null);
        hub.twins().update(key, json("{\"tags\":{\"t\":1},\"properties\":{\"desired\":{\"a\":null,\"ghost\":null,"
                + "\"b\":{\"c\":null,\"d\":[1,2]}}}}"), null);
        assertThat(received).containsExactly(
                json("{\"a\":1,\"b\":{\"c\":2},\"$version\":2}"),
                json("{\"a\":null,\"ghost\":null,\"b\":{\"c\":null,\"d\":[1,2]},\"$version\":3}"));
        assertThat(received.get(1).keys()).as("the patch's own order, $version last")
                .containsExactly("a", "ghost", "b", "$version");
    }

    @Test
    void aReplaceSendsTheWholeNewDesiredDocumentWithoutNullsForRemovedKeys() {
        hub.twins().update(key, json("{\"properties\":{\"desired\":{\"a\":1,\"b\":2}}}"), null);
        hub.twins().subscribe(key, (k, payload) -> received.add(payload));
        hub.twins().replace(key, json("{\"tags\":{},\"properties\":{\"desired\":{\"b\":3,\"c\":{\"d\":4}}}}"), null);
        assertThat(received).containsExactly(json("{\"b\":3,\"c\":{\"d\":4},\"$version\":3}"));
    }

    @Test
    void tagsOnlyWritesReportsAndFailedWritesSendNothing() {
        hub.twins().subscribe(key, (k, payload) -> received.add(payload));
        hub.twins().update(key, json("{\"tags\":{\"a\":1}}"), null);
        hub.twins().report(key, json("{\"a\":1}"), null);
        assertThatThrownBy(() -> hub.twins().update(key, json("{\"properties\":{\"desired\":{\"a\":1}}}"),
                "\"AAAAAAAAAAE=\"")).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> hub.twins().update(key, json("{\"properties\":{\"desired\":{\"$a\":1}}}"),
                null)).isInstanceOf(TwinValidationException.class);
        hub.registry().update(hub.registry().get(key).toBuilder().statusReason("why").build(), null);
        assertThat(received).isEmpty();
    }

    @Test
    void anEmptyDesiredObjectNotifiesOnlyWhenTheOptionSaysItBumps() {
        hub.twins().subscribe(key, (k, payload) -> received.add(payload));
        hub.twins().update(key, json("{\"properties\":{\"desired\":{}}}"), null);
        assertThat(received).containsExactly(json("{\"$version\":2}"));

        try (IotHub quiet = IotHub.create(HubOptions.builder().emptyDesiredBumpsVersion(false).build())) {
            quiet.registry().createDevice(key.deviceId());
            List<JsonObject> quietReceived = new CopyOnWriteArrayList<>();
            quiet.twins().subscribe(key, (k, payload) -> quietReceived.add(payload));
            var twin = quiet.twins().update(key, json("{\"properties\":{\"desired\":{}}}"), null);
            assertThat(quietReceived).isEmpty();
            assertThat(twin.desired().version()).hasValue(1);
            assertThat(twin.etag().orElseThrow().counter()).hasValue(2);
            quiet.twins().update(key, json("{\"properties\":{\"desired\":{\"x\":1}}}"), null);
            assertThat(quietReceived).containsExactly(json("{\"x\":1,\"$version\":2}"));
        }
    }

    @Test
    void closingTheSubscriptionStopsNotifications() {
        Subscription subscription = hub.twins().subscribe(key, (k, payload) -> received.add(payload));
        assertThat(subscription.key()).isEqualTo(key);
        assertThat(subscription.isActive()).isTrue();
        updateDesired("{\"a\":1}");
        subscription.close();
        subscription.close();
        assertThat(subscription.isActive()).isFalse();
        updateDesired("{\"a\":2}");
        assertThat(received).containsExactly(json("{\"a\":1,\"$version\":2}"));
    }

    @Test
    void eachSubscriberOfTheTwinGetsItAndOtherTwinsStayQuiet() {
        List<JsonObject> second = new CopyOnWriteArrayList<>();
        List<JsonObject> other = new CopyOnWriteArrayList<>();
        TwinKey module = TwinKey.module(key.deviceId(), ModuleId.of("m1"));
        hub.registry().createModule(key.deviceId(), ModuleId.of("m1"));
        hub.twins().subscribe(key, (k, payload) -> received.add(payload));
        hub.twins().subscribe(key, (k, payload) -> second.add(payload));
        hub.twins().subscribe(module, (k, payload) -> other.add(payload));
        updateDesired("{\"a\":1}");
        assertThat(received).containsExactly(json("{\"a\":1,\"$version\":2}"));
        assertThat(second).containsExactly(json("{\"a\":1,\"$version\":2}"));
        assertThat(other).isEmpty();
        hub.twins().update(module, json("{\"properties\":{\"desired\":{\"m\":1}}}"), null);
        assertThat(other).containsExactly(json("{\"m\":1,\"$version\":2}"));
    }

    @Test
    void aThrowingListenerFailsNeitherTheWriteNorTheOtherListeners() {
        Logger logger = Logger.getLogger(IotHub.class.getName());
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
        try {
            throwingListenersAreIsolated();
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(true);
        }
        assertThat(logged).hasSize(2).allSatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("notify-1").contains("$version 2");
        });
        assertThat(logged).extracting(LogRecord::getThrown).extracting(Throwable::getMessage)
                .containsExactly("listener bug", "listener assertion");
    }

    private void throwingListenersAreIsolated() {
        hub.twins().subscribe(key, (k, payload) -> {
            throw new IllegalStateException("listener bug");
        });
        hub.twins().subscribe(key, (k, payload) -> {
            throw new AssertionError("listener assertion");
        });
        hub.twins().subscribe(key, (k, payload) -> received.add(payload));
        var twin = hub.twins().update(key, json("{\"properties\":{\"desired\":{\"a\":1}}}"), null);
        assertThat(twin.desired().version()).hasValue(2);
        assertThat(received).containsExactly(json("{\"a\":1,\"$version\":2}"));
        assertThat(hub.twins().get(key).desired().properties().toJson()).isEqualTo(json("{\"a\":1}"));
    }

    @Test
    void notificationsAreDeliveredBeforeTheWriteReturns() {
        hub.twins().subscribe(key, (k, payload) -> received.add(payload));
        for (int i = 0; i < 5; i++) {
            updateDesired("{\"n\":" + i + "}");
            assertThat(received).hasSize(i + 1);
            assertThat(received.get(i).valueOrNull("$version").asNumber().longValue()).isEqualTo(i + 2);
        }
    }

    @Test
    void aSubscriptionMayPrecedeTheTwinAndOutlivesItsDeletion() {
        TwinKey later = TwinKey.device("later");
        hub.twins().subscribe(later, (k, payload) -> received.add(payload));
        hub.registry().createDevice(later.deviceId());
        hub.twins().update(later, json("{\"properties\":{\"desired\":{\"a\":1}}}"), null);
        hub.registry().delete(later, null);
        hub.registry().createDevice(later.deviceId());
        hub.twins().update(later, json("{\"properties\":{\"desired\":{\"b\":1}}}"), null);
        assertThat(received).containsExactly(json("{\"a\":1,\"$version\":2}"), json("{\"b\":1,\"$version\":2}"));
    }

    private void updateDesired(String desired) {
        hub.twins().update(key, JsonObject.of("properties", JsonObject.of("desired", json(desired))), null);
    }

    private static JsonObject json(String text) {
        return JsonValue.parse(text).asObject();
    }
}
