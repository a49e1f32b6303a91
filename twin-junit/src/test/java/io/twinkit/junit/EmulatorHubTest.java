package io.twinkit.junit;

import static io.twinkit.query.TwinQuery.reported;
import static io.twinkit.query.TwinQuery.selectAll;
import static io.twinkit.query.TwinQuery.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.device.ConnectionState;
import io.twinkit.device.DeviceConnection;
import io.twinkit.device.DeviceConnectionString;
import io.twinkit.device.DesiredUpdate;
import io.twinkit.emulator.DeviceIdentity;
import io.twinkit.emulator.server.EmulatorCommand;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.query.Query;
import io.twinkit.service.ServiceConnectionString;
import io.twinkit.service.TwinPatch;
import io.twinkit.service.TwinServiceClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The extension on a real test class: the injected clients reach the emulator over the network (the device-twin
 * tutorial's flow), the declared devices and modules exist, and the endpoint says how to reach them.
 */
@EmulatorHub(devices = {"myDeviceId", "otherDevice", "gateway/module1"})
@Timeout(120)
class EmulatorHubTest {

    private static final Query IN_REDMOND43 = selectAll().fromDevices().where(tag("location.plant").eq("Redmond43"));
    private static final Query ON_CELLULAR_IN_REDMOND43 = selectAll().fromDevices()
            .where(tag("location.plant").eq("Redmond43").and(reported("connectivity.type").eq("cellular")));

    private final TwinkitEmulator emulator;

    EmulatorHubTest(TwinkitEmulator emulator) {
        this.emulator = emulator;
    }

    private static List<String> ids(TwinServiceClient backEnd, Query query) {
        return backEnd.queries().twins(query).map(twin -> twin.deviceId().value()).toList();
    }

    @Test
    void theBackEndTagsTheDeviceReportsAndTheBackEndFindsItByBoth(TwinServiceClient backEnd,
                                                                   DeviceConnections devices) {
        TwinKey device = TwinKey.device("myDeviceId");
        backEnd.update(device, TwinPatch.ofTags(MergePatch.builder().set("location.region", "US")
                .set("location.plant", "Redmond43").build()));
        assertThat(ids(backEnd, IN_REDMOND43)).containsExactly("myDeviceId");
        assertThat(ids(backEnd, ON_CELLULAR_IN_REDMOND43)).isEmpty();

        DeviceConnection connection = devices.connect("myDeviceId");
        assertThat(connection.connectionStatus().state()).isEqualTo(ConnectionState.CONNECTED);
        connection.report(MergePatch.builder().set("connectivity.type", "cellular").build());

        assertThat(ids(backEnd, ON_CELLULAR_IN_REDMOND43)).containsExactly("myDeviceId");
        assertThat(emulator.hub().twins().get(device).reported().properties().getString("connectivity.type"))
                .as("what the hub holds").hasValue("cellular");
        assertThat(emulator.hub().registry().get(device).connectionState())
                .isEqualTo(io.twinkit.core.ConnectionState.CONNECTED);
    }

    @Test
    void aDesiredChangeOfTheBackEndReachesTheDevice(TwinServiceClient backEnd, DeviceConnections devices)
            throws InterruptedException {
        BlockingQueue<DesiredUpdate> updates = new LinkedBlockingQueue<>();
        DeviceConnection connection = devices.build("otherDevice");
        connection.addDesiredListener(updates::add);
        connection.open();

        backEnd.update(TwinKey.device("otherDevice"), TwinPatch.ofDesired(MergePatch.builder()
                .set("telemetryInterval", 30).build()));

        DesiredUpdate update;
        do {
            update = updates.poll(30, TimeUnit.SECONDS);
            assertThat(update).as("a desired update within 30 s").isNotNull();
        } while (update.properties().getLong("telemetryInterval").isEmpty());
        assertThat(update.properties().getLong("telemetryInterval")).hasValue(30L);
    }

    @Test
    void aDeclaredModuleConnectsAndTheBackEndReadsItsReport(TwinServiceClient backEnd, DeviceConnections devices) {
        DeviceConnection module = devices.connect("gateway/module1");
        module.report(MergePatch.builder().set("firmware", "1.2.3").build());

        assertThat(backEnd.getTwin(TwinKey.module("gateway", "module1")).reported().properties().getString("firmware"))
                .hasValue("1.2.3");
        assertThat(emulator.hub().twins().get(TwinKey.device("gateway")).reported().properties().getString("firmware"))
                .as("the module's device twin is another twin").isEmpty();
    }

    @Test
    void theDeclaredDevicesAndModulesExistWithTheirConnectionStrings(EmulatorEndpoint endpoint) {
        assertThat(emulator.hub().registry().list()).extracting(DeviceIdentity::key).extracting(TwinKey::toString)
                .containsExactlyInAnyOrder("myDeviceId", "otherDevice", "gateway");
        assertThat(emulator.hub().registry().modules(DeviceId.of("gateway"))).extracting(DeviceIdentity::key)
                .containsExactly(TwinKey.module("gateway", "module1"));
        assertThat(endpoint.deviceConnectionStrings()).containsOnlyKeys("myDeviceId", "otherDevice",
                "gateway/module1");
        assertThat(List.copyOf(endpoint.deviceConnectionStrings().keySet())).as("in the order declared")
                .containsExactly("myDeviceId", "otherDevice", "gateway/module1");
        assertThat(endpoint.deviceConnectionString("myDeviceId"))
                .isEqualTo(emulator.deviceConnectionString(DeviceId.of("myDeviceId")));
        DeviceConnectionString module = DeviceConnectionString.parse(endpoint.deviceConnectionString(
                "gateway/module1"));
        assertThat(module.twinKey()).isEqualTo(TwinKey.module("gateway", "module1"));
        assertThat(module.hostName()).isEqualTo(endpoint.deviceHostName());
        assertThat(module.sharedAccessKey()).isEqualTo(emulator.hub().registry().get(TwinKey.module("gateway",
                "module1")).authentication().symmetricKey().primaryKey());
        assertThatThrownBy(() -> endpoint.deviceConnectionString("gateway")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("not declared");
    }

    @Test
    void theEndpointIsTheEmulatorsReadyLineAndWhatItSays(EmulatorEndpoint endpoint) {
        assertThat(endpoint.readyLine()).startsWith(EmulatorCommand.READY_PREFIX);
        JsonObject ready = JsonValue.parseObject(endpoint.readyLine().substring(EmulatorCommand.READY_PREFIX
                .length()));
        assertThat(ready).isEqualTo(emulator.readyInfo());
        assertThat(endpoint.hubName()).isEqualTo("twinkit");
        assertThat(endpoint.httpsPort()).isEqualTo(emulator.httpsPort()).isPositive();
        assertThat(endpoint.mqttPort()).isEqualTo(emulator.mqttPort()).isPositive();
        assertThat(endpoint.mqttWsPort()).isEqualTo(emulator.mqttWsPort()).isPositive();
        assertThat(endpoint.serviceHostName()).isEqualTo(emulator.serviceHost());
        assertThat(endpoint.deviceHostName()).isEqualTo(emulator.deviceHost());
        assertThat(endpoint.caCertificatePem()).isEqualTo(emulator.caCertificatePem())
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(endpoint.serviceConnectionString()).isEqualTo(emulator.serviceConnectionString());
        assertThat(ServiceConnectionString.parse(endpoint.serviceConnectionString()).hostName())
                .isEqualTo(emulator.serviceHost() + ":" + emulator.httpsPort());
        assertThat(endpoint.toString()).contains("twinkit", Integer.toString(endpoint.httpsPort()))
                .doesNotContain(emulator.hub().registry().policy(TwinkitEmulator.OWNER_POLICY).orElseThrow()
                        .primaryKey());
    }

    @Test
    void theFactoryConnectsDevicesCreatedByTheTestAndRefusesUnknownOnes(DeviceConnections devices) {
        emulator.hub().registry().createDevice(DeviceId.of("created-later"));
        try {
            DeviceConnection later = devices.connect("created-later", b -> b.operationTimeout(Duration.ofSeconds(20)));
            assertThat(later.connectionStatus().state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(devices.connectionString("created-later")).isEqualTo(emulator.deviceConnectionString(
                    DeviceId.of("created-later")));
            assertThat(devices.connections()).containsExactly(later);
        } finally {
            devices.connections().forEach(DeviceConnection::close);
            emulator.hub().registry().delete(TwinKey.device("created-later"), null);
        }
        assertThatThrownBy(() -> devices.connect("no-such-device")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-device").hasMessageContaining("@EmulatorHub(devices)");
        assertThatThrownBy(() -> devices.build("not a device id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a device id");
    }

    @Test
    void eachTestGetsItsOwnClientAndFactoryOfTheClassEmulator(TwinServiceClient client, DeviceConnections devices,
                                                              TwinkitEmulator sameEmulator) {
        assertThat(sameEmulator).isSameAs(emulator);
        assertThat(devices.endpoint().httpsPort()).isEqualTo(emulator.httpsPort());
        assertThat(client.hostName()).isEqualTo(emulator.serviceHost() + ":" + emulator.httpsPort());
        assertThat(devices.connections()).isEmpty();
    }

    /** A nested class without the annotation uses its outer class's emulator. */
    @Nested
    class Inner {
        @Test
        void sharesTheOuterEmulator(TwinkitEmulator inner) {
            assertThat(inner).isSameAs(emulator);
        }
    }

    /** A nested class with an annotation of its own gets an emulator of its own, as it says. */
    @Nested
    @EmulatorHub(hubName = "inner-hub", devices = "inner-device")
    class OwnHub {
        @Test
        void hasItsOwnEmulator(TwinkitEmulator inner, TwinServiceClient backEnd) {
            assertThat(inner).isNotSameAs(emulator);
            assertThat(inner.hub().options().hubName()).isEqualTo("inner-hub");
            assertThat(backEnd.getTwin(TwinKey.device("inner-device")).deviceId().value()).isEqualTo("inner-device");
            assertThat(inner.hub().registry().find(TwinKey.device("myDeviceId"))).isEmpty();
        }
    }
}
