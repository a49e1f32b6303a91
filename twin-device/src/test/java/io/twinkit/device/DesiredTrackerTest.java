package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.PropertySection;
import io.twinkit.core.PropertySet;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The §3.5 rules of {@link DesiredTracker}, without a network. */
class DesiredTrackerTest {

    private final List<DesiredUpdate> updates = new CopyOnWriteArrayList<>();

    @Test
    void notificationsBeforeTheFirstFetchAreKeptOnlyWhenNewerThanIt() {
        try (DesiredTracker tracker = tracker()) {
            assertThat(tracker.onPatch(json("{\"a\":1}"), 2)).isFalse();
            assertThat(tracker.onPatch(json("{\"b\":2}"), 4)).isFalse();
            assertThat(tracker.onFetched(section("{\"a\":1,\"c\":3,\"$version\":3}"))).isFalse();
            tracker.close();
            assertThat(updates).extracting(DesiredUpdate::version).containsExactly(3L, 4L);
            assertThat(updates.get(1).properties()).isEqualTo(PropertySet.of(json("{\"a\":1,\"b\":2,\"c\":3}")));
        }
    }

    @Test
    void staleAndDuplicateNotificationsAreDroppedAndAGapAsksForAResync() {
        try (DesiredTracker tracker = tracker()) {
            tracker.onFetched(section("{\"a\":1,\"$version\":5}"));
            assertThat(tracker.onPatch(json("{\"a\":0}"), 4)).isFalse();
            assertThat(tracker.onPatch(json("{\"a\":2}"), 6)).isFalse();
            assertThat(tracker.onPatch(json("{\"a\":2}"), 6)).isFalse();
            assertThat(tracker.onPatch(json("{\"a\":9}"), 8)).as("7 is missing").isTrue();
            assertThat(tracker.onFetched(section("{\"a\":9,\"z\":1,\"$version\":8}"))).isFalse();
            assertThat(tracker.onFetched(section("{\"a\":2,\"$version\":6}"))).as("older fetch").isFalse();
            tracker.close();
            assertThat(updates).extracting(DesiredUpdate::version).containsExactly(5L, 6L, 8L);
            assertThat(updates.get(2).patch().toJson()).isEqualTo(json("{\"a\":9,\"z\":1}"));
            assertThat(updates.get(2).resync()).isTrue();
            assertThat(tracker.snapshot().version()).hasValue(8);
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        try (DesiredTracker tracker = new DesiredTracker()) {
            tracker.addListener(update -> {
                throw new IllegalStateException("listener bug");
            });
            tracker.addListener(updates::add);
            tracker.onFetched(section("{\"$version\":1}"));
            tracker.onPatch(json("{\"a\":1}"), 2);
            tracker.close();
            assertThat(updates).extracting(DesiredUpdate::version).containsExactly(1L, 2L);
        }
    }

    private DesiredTracker tracker() {
        DesiredTracker tracker = new DesiredTracker();
        tracker.addListener(updates::add);
        return tracker;
    }

    private static PropertySection section(String text) {
        return PropertySection.fromJson(json(text));
    }

    private static JsonObject json(String text) {
        return JsonValue.parseObject(text);
    }
}
