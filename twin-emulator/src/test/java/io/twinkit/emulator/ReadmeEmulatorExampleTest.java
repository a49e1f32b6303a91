package io.twinkit.emulator;

import io.twinkit.query.QueryPage;
import io.twinkit.core.TwinKey;
import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.query.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Runs the examples of the README's "A taste of twin-emulator", "Direct methods" and "Scheduled jobs" sections,
 * statement for statement.
 */
class ReadmeEmulatorExampleTest {

    @Test
    void theReadmeExampleRunsTheTutorialAgainstTheInProcessHub() {
        List<JsonObject> notifications = new ArrayList<>();
        List<String> inRedmond;
        List<String> onCellular;

        try (IotHub hub = IotHub.create()) {
            TwinKey device = TwinKey.device("myDeviceId");
            hub.registry().createDevice(device.deviceId());
            Subscription subscription = hub.twins().subscribe(device, (key, patch) -> notifications.add(patch));

            hub.twins().update(device, JsonValue.parse(
                    "{\"tags\":{\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\"}}}").asObject(), null);
            hub.twins().report(device, JsonValue.parse("{\"connectivity\":{\"type\":\"cellular\"}}").asObject(), null);

            Query query = selectAll().fromDevices()
                    .where(tag("location.plant").eq("Redmond43").and(reported("connectivity.type").eq("cellular")));
            onCellular = ids(hub.queries().query(query.toSql()));
            inRedmond = ids(hub.queries().query(
                    selectAll().fromDevices().where(tag("location.plant").eq("Redmond43")).toSql()));
            subscription.close();
        }

        assertThat(inRedmond).containsExactly("myDeviceId");
        assertThat(onCellular).containsExactly("myDeviceId");
        assertThat(notifications).as("a tags-only update sends the device nothing").isEmpty();
    }

    @Test
    void theReadmeJobExampleUpdatesTheSelectedDevice() throws InterruptedException {
        try (IotHub hub = IotHub.create()) {
            TwinKey device = TwinKey.device("myDeviceId");
            hub.registry().createDevice(device.deviceId());
            hub.twins().update(device, JsonValue.parse(
                    "{\"tags\":{\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\"}}}").asObject(), null);

            HubJob job = hub.jobs().schedule(JobRequest.updateTwin("rate-5", tag("location.plant").eq("Redmond43"))
                    .desired(JsonObject.of("rate", JsonValue.of(5)))
                    .build());
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            job = hub.jobs().awaitFinished("rate-5", Duration.ofSeconds(10));
            assertThat(job.statistics()).isEqualTo(new DeviceJobStatistics(1, 1, 0, 0, 0));
            assertThat(hub.twins().get(device).desired().properties().toJson())
                    .isEqualTo(JsonObject.of("rate", JsonValue.of(5)));
        }
    }

    @Test
    void theReadmeDirectMethodExampleCallsTheInProcessDevice() throws InterruptedException {
        try (IotHub hub = IotHub.create()) {
            hub.registry().createDevice(TwinKey.device("myDeviceId").deviceId());
            MethodResult answered;
            try (Subscription device = hub.methods().register(TwinKey.device("myDeviceId"), (key, name, payload) ->
                    CompletableFuture.completedFuture(new MethodResult(200, payload)))) {     // an in-process device
                MethodResult result = hub.methods().invoke(TwinKey.device("myDeviceId"), "echo", JsonValue.of("hi"),
                        Duration.ofSeconds(30), Duration.ZERO);                              // status 200, payload "hi"
                answered = result;
            }
            assertThat(answered).isEqualTo(new MethodResult(200, JsonValue.of("hi")));
        }
    }

    @Test
    void theReadmeMethodJobExampleCallsTheSelectedDevice() throws InterruptedException {
        try (IotHub hub = IotHub.create()) {
            TwinKey device = TwinKey.device("myDeviceId");
            hub.registry().createDevice(device.deviceId());
            hub.twins().update(device, JsonValue.parse(
                    "{\"tags\":{\"location\":{\"region\":\"US\",\"plant\":\"Redmond43\"}}}").asObject(), null);
            List<String> called = new ArrayList<>();
            try (Subscription online = hub.methods().register(device, (key, name, payload) -> {
                synchronized (called) {
                    called.add(name + " " + payload);
                }
                return CompletableFuture.completedFuture(MethodResult.of(200));
            })) {
                HubJob reboot = hub.jobs().schedule(JobRequest.deviceMethod("reboot-43",
                        tag("location.plant").eq("Redmond43"), CloudToDeviceMethod.of("reboot", JsonValue.of(5)))
                        .build());   // each device called as a direct method
                assertThat(reboot.status()).isEqualTo(JobStatus.QUEUED);
                assertThat(hub.jobs().awaitFinished("reboot-43", Duration.ofSeconds(10)).statistics())
                        .isEqualTo(new DeviceJobStatistics(1, 1, 0, 0, 0));
            }
            assertThat(called).containsExactly("reboot 5");
        }
    }

    private static List<String> ids(QueryPage<JsonObject> page) {
        return page.items().stream().map(twin -> twin.valueOrNull("deviceId").asString()).toList();
    }
}
