package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.DeviceNotFoundException;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.SymmetricKey;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The emulator in-process: one call starts hub, HTTPS and MQTT; what it announces; restarts; closing. */
@Timeout(60)
class TwinkitEmulatorTest {

    private static final DeviceId DEV1 = DeviceId.of("dev1");

    @TempDir
    Path dataDirectory;

    private EmulatorConfig anyPorts(String hubName) {
        return EmulatorConfig.builder().hubName(hubName).httpsPort(0).mqttPort(0).mqttWsPort(0)
                .dataDirectory(dataDirectory).device(DEV1).build();
    }

    @Test
    void withoutASeparateWebSocketPortTheHttpsPortIsAnnouncedForMqttOverWebSocketAndServesIt() throws Exception {
        EmulatorConfig config = anyPorts("ws-off-hub").toBuilder().mqttWsPort(EmulatorConfig.DEFAULT_MQTT_WS_PORT)
                .separateMqttWsPort(false).build();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            assertThat(emulator.mqttWsPort()).isEqualTo(emulator.httpsPort());
            JsonObject info = emulator.readyInfo();
            assertThat(info.get("mqttWsPort")).contains(JsonValue.of(emulator.httpsPort()));
            assertThat(info.get("mqttWsPath")).contains(JsonString.of("/$iothub/websocket"));
            assertThat(emulator.toString()).contains("mqtt-ws " + emulator.httpsPort());
            SymmetricKey key = emulator.hub().registry().getDevice(DEV1).authentication().symmetricKey();
            com.microsoft.azure.sdk.iot.device.DeviceClient client = new com.microsoft.azure.sdk.iot.device
                    .DeviceClient("HostName=127.0.0.1;DeviceId=dev1;SharedAccessKey=" + key.primaryKey()
                    + ";GatewayHostName=localhost:" + emulator.mqttWsPort(),
                    com.microsoft.azure.sdk.iot.device.IotHubClientProtocol.MQTT_WS,
                    com.microsoft.azure.sdk.iot.device.ClientOptions.builder()
                            .sslContext(emulator.clientSslContext()).build());
            try {
                client.open(false);
            } finally {
                client.close();
            }
        }
    }

    @Test
    void connectionStringsCarryTheBareHostOnPort443AndHostColonPortOtherwise() {
        // the SDKs connect to 443 whatever the string says; the Java service SDK refuses host:port, the Node SDK
        // cannot resolve localhost:443, the Java device SDK refuses a host without a dot (binding 443 in a test is not
        // possible, so the rule is tested directly)
        assertThat(TwinkitEmulator.connectionStringHost(null, 443)).isEqualTo("127.0.0.1");
        assertThat(TwinkitEmulator.connectionStringHost(null, 8443)).isEqualTo("localhost:8443");
        assertThat(TwinkitEmulator.connectionStringHost(null, 4430)).isEqualTo("localhost:4430");
        assertThat(TwinkitEmulator.connectionStringHost("127.0.0.7", 443)).isEqualTo("127.0.0.7");
        assertThat(TwinkitEmulator.connectionStringHost("127.0.0.7", 8443)).isEqualTo("127.0.0.7:8443");
        assertThat(TwinkitEmulator.connectionStringHost("fd00::1", 443)).isEqualTo("[fd00::1]");
        assertThat(TwinkitEmulator.connectionStringHost("fd00::1", 8443)).isEqualTo("[fd00::1]:8443");
    }

    @Test
    void readyInfoAnnouncesPortsConnectionStringsAndTrust() throws Exception {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(anyPorts("ready-hub"))) {
            JsonObject info = emulator.readyInfo();
            assertThat(info.keys()).containsExactlyInAnyOrder("hubName", "hostName", "deviceHost", "bindAddress",
                    "httpsPort", "mqttPort",
                    "mqttWsPort", "mqttWsPath", "serviceConnectionString", "caCertificatePem", "caCertificateFile",
                    "trustStoreFile",
                    "trustStorePassword", "devices");
            assertThat(info.get("hubName")).contains(JsonString.of("ready-hub"));
            assertThat(info.get("hostName")).contains(JsonString.of("localhost"));
            assertThat(info.get("deviceHost")).contains(JsonString.of("127.0.0.1"));
            assertThat(info.get("bindAddress")).contains(JsonString.of("127.0.0.1"));
            assertThat(emulator.bindAddress()).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(emulator.deviceHost()).isEqualTo("127.0.0.1");
            assertThat(emulator.serviceHost()).isEqualTo("localhost");
            List<Integer> ports = List.of(emulator.httpsPort(), emulator.mqttPort(), emulator.mqttWsPort());
            assertThat(ports).allSatisfy(port -> assertThat(port).isPositive()).doesNotHaveDuplicates();
            assertThat(info.get("httpsPort")).contains(JsonValue.of(emulator.httpsPort()));
            assertThat(info.get("mqttPort")).contains(JsonValue.of(emulator.mqttPort()));
            assertThat(info.get("mqttWsPort")).contains(JsonValue.of(emulator.mqttWsPort()));
            assertThat(ports).noneMatch(ServiceProbe::isFree);
            for (int port : ports.subList(1, 3)) {
                X509Certificate server = (X509Certificate) ServiceProbe.tlsHandshake(emulator.clientSslContext(),
                        port);
                server.verify(emulator.caCertificate().getPublicKey());
                assertThat(server.getBasicConstraints())
                        .as("MQTT port %d presents the server certificate the CA signed, not the CA", port)
                        .isEqualTo(-1);
                assertThat(server.getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"));
            }

            SharedAccessPolicy owner = emulator.hub().registry().policy("iothubowner").orElseThrow();
            String service = "HostName=localhost:" + emulator.httpsPort()
                    + ";SharedAccessKeyName=iothubowner;SharedAccessKey=" + owner.primaryKey();
            assertThat(emulator.serviceConnectionString()).isEqualTo(service);
            assertThat(info.get("serviceConnectionString")).contains(JsonString.of(service));

            SymmetricKey key = emulator.hub().registry().getDevice(DEV1).authentication().symmetricKey();
            String device = "HostName=127.0.0.1;DeviceId=dev1;SharedAccessKey=" + key.primaryKey();
            assertThat(emulator.deviceConnectionString(DEV1)).isEqualTo(device);
            assertThat(info.get("devices")).contains(JsonObject.of("dev1", JsonString.of(device)));

            // the PEM text alone is enough to trust the emulator: it is the CA, the servers' certificate chains to it
            String pem = ((JsonString) info.get("caCertificatePem").orElseThrow()).value();
            X509Certificate announced = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            assertThat(announced).isEqualTo(emulator.caCertificate());
            for (int port : ports) {
                X509Certificate presented = (X509Certificate) ServiceProbe.tlsHandshake(
                        TestCertificates.trusting(announced), port);
                presented.verify(announced.getPublicKey());
                assertThat(presented.getIssuerX500Principal()).isEqualTo(announced.getSubjectX500Principal());
            }
            assertThat(emulator.readyInfo().toString()).as("one line").doesNotContain("\n");

            Path ca = Path.of(((JsonString) info.get("caCertificateFile").orElseThrow()).value());
            assertThat(ca).isAbsolute().startsWith(dataDirectory);
            assertThat(Files.readString(ca)).isEqualTo(emulator.caCertificatePem());
            Path trustStore = Path.of(((JsonString) info.get("trustStoreFile").orElseThrow()).value());
            String password = ((JsonString) info.get("trustStorePassword").orElseThrow()).value();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(trustStore)) {
                store.load(in, password.toCharArray());
            }
            assertThat(Collections.list(store.aliases())).singleElement().satisfies(alias ->
                    assertThat(store.getCertificate(alias)).isEqualTo(emulator.caCertificate()));
        }
    }

    @Test
    void theServiceApiAnswersOverVerifiedTlsWithTheOwnerKey() throws Exception {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(anyPorts("https-hub"))) {
            String ownerKey = ServiceProbe.sharedAccessKey(emulator.serviceConnectionString());
            ServiceProbe.Reply twin = ServiceProbe.getTwin(emulator.clientSslContext(),
                    emulator.httpsPort(), "dev1", ServiceProbe.ownerToken(ownerKey));
            assertThat(twin.status()).isEqualTo(200);
            assertThat(twin.body().get("deviceId")).contains(JsonString.of("dev1"));

            String otherKey = SharedAccessPolicy.newKey();
            ServiceProbe.Reply refused = ServiceProbe.getTwin(emulator.clientSslContext(),
                    emulator.httpsPort(), "dev1", ServiceProbe.ownerToken(otherKey));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.body().get("Message").orElseThrow().asString())
                    .startsWith("ErrorCode:IotHubUnauthorizedAccess;");
        }
    }

    @Test
    void hubOptionsFromTheCommandLineReachTheRunningHubOverHttps() throws Exception {
        EmulatorConfig config = CommandLine.parse(List.of("--https-port", "0", "--mqtt-port", "0", "--mqtt-ws-port",
                "0", "--hub-name", "lagging-hub", "--device", "early", "--query-lag", "600000")).config();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            assertThat(emulator.hub().options().queryLag()).isEqualTo(Duration.ofMinutes(10));
            emulator.hub().registry().createDevice(DeviceId.of("late"));
            String token = ServiceProbe.ownerToken(ServiceProbe.sharedAccessKey(emulator.serviceConnectionString()));
            SSLContext trust = emulator.clientSslContext();

            HttpResponse<String> result = ServiceProbe.query(trust, emulator.httpsPort(),
                    "SELECT deviceId FROM devices", token);
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(JsonValue.parse(result.body())).as("queries see the creates ten minutes late")
                    .isEqualTo(JsonValue.parse("[]"));
            assertThat(ServiceProbe.getTwin(trust, emulator.httpsPort(), "early", token).status())
                    .as("a point read is fresh").isEqualTo(200);
            assertThat(ServiceProbe.getTwin(trust, emulator.httpsPort(), "late", token).status()).isEqualTo(200);
        }
    }

    @Test
    void aRestartOnTheSameDataDirectoryKeepsCaKeysAndTwins() throws Exception {
        JsonObject desired = JsonObject.of("properties",
                JsonObject.of("desired", JsonObject.of("rate", JsonValue.of(5))));
        String caPem;
        String deviceString;
        String ownerKey;
        try (TwinkitEmulator first = TwinkitEmulator.start(anyPorts("restart-hub"))) {
            first.hub().twins().update(TwinKey.device(DEV1), desired, null);
            caPem = first.caCertificatePem();
            deviceString = first.deviceConnectionString(DEV1);
            ownerKey = ServiceProbe.sharedAccessKey(first.serviceConnectionString());
        }
        try (TwinkitEmulator second = TwinkitEmulator.start(anyPorts("restart-hub"))) {
            assertThat(second.caCertificatePem()).isEqualTo(caPem);
            assertThat(second.deviceConnectionString(DEV1)).isEqualTo(deviceString);
            assertThat(ServiceProbe.sharedAccessKey(second.serviceConnectionString())).isEqualTo(ownerKey);
            ServiceProbe.Reply twin = ServiceProbe.getTwin(second.clientSslContext(),
                    second.httpsPort(), "dev1", ServiceProbe.ownerToken(ownerKey));
            assertThat(twin.status()).isEqualTo(200);
            assertThat(twin.body().get("properties").map(p -> ((JsonObject) p).valueOrNull("desired"))
                    .map(d -> ((JsonObject) d).valueOrNull("rate"))).contains(JsonValue.of(5));
        }
    }

    @Test
    void closeReleasesEveryPortAndIsIdempotent() {
        TwinkitEmulator emulator = TwinkitEmulator.start(anyPorts("close-hub"));
        List<Integer> ports = List.of(emulator.httpsPort(), emulator.mqttPort(), emulator.mqttWsPort());
        emulator.close();
        emulator.close();
        assertThat(ports).allMatch(ServiceProbe::isFree);
        assertThat(emulator).hasToString("TwinkitEmulator[close-hub, https " + ports.get(0) + ", mqtt "
                + ports.get(1) + ", mqtt-ws " + ports.get(2) + ", closed]");
    }

    @Test
    void aTakenPortFailsTheStartAndClosesWhatHadStarted() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            EmulatorConfig config = anyPorts("taken-hub").toBuilder().mqttWsPort(taken.getLocalPort()).build();
            assertThatThrownBy(() -> TwinkitEmulator.start(config))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
            assertThat(threadsSettlingAtZero("twinkit-https-taken-hub")).isZero();
        }
        // the hub closed its storage: the data directory opens again
        try (TwinkitEmulator again = TwinkitEmulator.start(anyPorts("taken-hub"))) {
            assertThat(again.hub().registry().find(TwinKey.device(DEV1))).isPresent();
        }
    }

    @Test
    void anUnknownDeviceHasNoConnectionString() {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(EmulatorConfig.builder().hubName("memory-hub")
                .httpsPort(0).mqttPort(0).mqttWsPort(0).build())) {
            assertThat(emulator.readyInfo().get("devices")).contains(JsonObject.empty());
            Path ca = Path.of(((JsonString) emulator.readyInfo().get("caCertificateFile").orElseThrow()).value());
            assertThat(ca).isAbsolute().isRegularFile();
            assertThat(ca.startsWith(dataDirectory)).as("in memory: a temporary CA outside %s", dataDirectory)
                    .isFalse();
            assertThatThrownBy(() -> emulator.deviceConnectionString(DeviceId.of("ghost")))
                    .isInstanceOf(DeviceNotFoundException.class);
        }
    }

    private static int threadsSettlingAtZero(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            int count = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
            if (count == 0 || System.nanoTime() > deadline) {
                return count;
            }
            Thread.sleep(20);
        }
    }
}
