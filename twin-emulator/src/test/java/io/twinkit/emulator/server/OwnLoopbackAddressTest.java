package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.testing.SdkTwinCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link EmulatorConfig#ownLoopbackAddress()}: each emulator claims a loopback address of its own, so that several
 * serve MQTT over TLS on port 8883 at once, the only port the official device SDK uses for MQTT.
 */
@Timeout(120)
class OwnLoopbackAddressTest {

    private static final DeviceId DEV1 = DeviceId.of("dev1");

    private static EmulatorConfig ownLoopback(String hubName) {
        // the MQTT port stays the default 8883, as the device SDK needs
        return EmulatorConfig.builder().hubName(hubName).httpsPort(0).mqttWsPort(0).device(DEV1)
                .ownLoopbackAddress(true).build();
    }

    @Test
    void twoEmulatorsEachServePort8883OnTheirOwnLoopbackAddressToTheOfficialDeviceSdk() throws Exception {
        try (TwinkitEmulator first = TwinkitEmulator.start(ownLoopback("loopback-one"));
             TwinkitEmulator second = TwinkitEmulator.start(ownLoopback("loopback-two"))) {
            for (TwinkitEmulator emulator : List.of(first, second)) {
                assertThat(emulator.config().mqttPort()).isEqualTo(EmulatorConfig.DEFAULT_MQTT_PORT);
                assertThat(emulator.mqttPort()).isEqualTo(8883);
                InetAddress address = emulator.bindAddress();
                assertThat(address.isLoopbackAddress()).as("%s is a loopback address", address).isTrue();
                assertThat(address.getHostAddress()).isNotEqualTo("127.0.0.1");
                assertThat(emulator.deviceHost()).isEqualTo(address.getHostAddress());
                assertThat(emulator.deviceConnectionString(DEV1))
                        .startsWith("HostName=" + address.getHostAddress() + ";DeviceId=dev1;");
            }
            assertThat(first.bindAddress()).isNotEqualTo(second.bindAddress());

            report(first, "one");
            report(second, "two");

            assertThat(reported(first)).as("the first hub sees only its own device's report")
                    .isEqualTo(JsonString.of("one"));
            assertThat(reported(second)).as("the second hub sees only its own device's report")
                    .isEqualTo(JsonString.of("two"));
        }
    }

    /** Connects the official device SDK over MQTT (port 8883) with the connection string and reports a property. */
    private static void report(TwinkitEmulator emulator, String value) throws Exception {
        DeviceClient client = new DeviceClient(emulator.deviceConnectionString(DEV1), IotHubClientProtocol.MQTT,
                ClientOptions.builder().sslContext(emulator.clientSslContext()).build());
        try {
            client.open(false);
            // the SDK reports only after subscribing to desired properties
            client.subscribeToDesiredProperties((twin, context) -> { }, null, 20_000);
            assertThat(SdkTwinCalls.report(client, new TwinCollection(Map.of("reportedBy", value))).status())
                    .isEqualTo(IotHubStatusCode.OK);
        } finally {
            client.close();
        }
    }

    private static Object reported(TwinkitEmulator emulator) {
        return ((JsonObject) emulator.hub().twins().deviceGet(TwinKey.device(DEV1)).valueOrNull("reported"))
                .valueOrNull("reportedBy");
    }

    @Test
    void theClaimedAddressIsInTheCertificateTheConnectionStringsTheReadyLineAndTheAcceptedTokens() throws Exception {
        try (TwinkitEmulator emulator = TwinkitEmulator.start(ownLoopback("loopback-ready"))) {
            String host = emulator.bindAddress().getHostAddress();
            JsonObject info = emulator.readyInfo();
            assertThat(info.get("deviceHost")).contains(JsonString.of(host));
            assertThat(info.get("bindAddress")).contains(JsonString.of(host));
            assertThat(info.get("hostName")).contains(JsonString.of(host));
            assertThat(emulator.serviceConnectionString()).startsWith("HostName=" + host + ":" + emulator.httpsPort()
                    + ";SharedAccessKeyName=iothubowner;");
            assertThat(emulator.toString()).contains("on " + host);

            // the server certificate names the address, so a client verifying host names connects to it
            HttpClient client = HttpClient.newBuilder().sslContext(emulator.clientSslContext())
                    .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            String key = ServiceProbe.sharedAccessKey(emulator.serviceConnectionString());
            String token = SharedAccessSignature.create(key, host, Instant.now().plusSeconds(3600).getEpochSecond(),
                    TwinkitEmulator.OWNER_POLICY);
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":"
                            + emulator.httpsPort() + "/twins/dev1?api-version=2021-04-12"))
                    .header("Authorization", token).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("a token naming %s is accepted: %s", host, response.body())
                    .isEqualTo(200);
            X509Certificate server = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
            assertThat(server.getSubjectAlternativeNames()).contains(List.of(7, host));
        }
    }

    @Test
    void anAddressWhosePortIsTakenIsSkippedAndTheNextOneClaimed() throws Exception {
        InetAddress taken = InetAddress.getByName("127.0.0.201");
        InetAddress next = InetAddress.getByName("127.0.0.202");
        try (ServerSocket occupant = new ServerSocket()) {
            occupant.bind(new InetSocketAddress(taken, 0));
            EmulatorConfig config = ownLoopback("loopback-skip").toBuilder().mqttPort(occupant.getLocalPort())
                    .build();
            try (TwinkitEmulator emulator = LoopbackClaim.start(config, List.of(taken, next),
                    address -> TwinkitEmulator.start(config, address))) {
                assertThat(emulator.bindAddress()).isEqualTo(next);
                assertThat(emulator.mqttPort()).isEqualTo(occupant.getLocalPort());
                assertThat(emulator.deviceHost()).isEqualTo("127.0.0.202");
            }
        }
    }

    @Test
    void anAddressAnotherProcessClaimsBetweenTheProbeAndTheBindIsSkipped() throws Exception {
        InetAddress lost = InetAddress.getByName("127.0.0.203");
        InetAddress won = InetAddress.getByName("127.0.0.204");
        EmulatorConfig config = ownLoopback("loopback-race").toBuilder().mqttPort(0).build();
        List<InetAddress> tried = new ArrayList<>();
        try (TwinkitEmulator emulator = LoopbackClaim.start(config, List.of(lost, won), address -> {
            tried.add(address);
            if (address.equals(lost)) {
                throw new UncheckedIOException("cannot listen", new BindException("Address already in use"));
            }
            return TwinkitEmulator.start(config, address);
        })) {
            assertThat(tried).containsExactly(lost, won);
            assertThat(emulator.bindAddress()).isEqualTo(won);
        }
    }

    @Test
    void aFailureOtherThanABindIsNotTakenForAClaimedAddress() throws Exception {
        EmulatorConfig config = ownLoopback("loopback-other").toBuilder().mqttPort(0).build();
        UncheckedIOException storage = new UncheckedIOException("disk full", new IOException("disk full"));
        assertThatThrownBy(() -> LoopbackClaim.start(config, List.of(InetAddress.getByName("127.0.0.205"),
                InetAddress.getByName("127.0.0.206")), address -> {
                    throw storage;
                })).isSameAs(storage);
    }

    @Test
    void whenNoAddressCanBeClaimedTheStartFailsSayingWhatWasTriedAndHowToFixIt() throws Exception {
        // 192.0.2.1 (TEST-NET-1) is no address of this machine, as 127.0.0.2 is none on macOS; binding it sends nothing
        InetAddress foreign = InetAddress.getByName("192.0.2.1");
        InetAddress taken = InetAddress.getByName("127.0.0.207");
        try (ServerSocket occupant = new ServerSocket()) {
            occupant.bind(new InetSocketAddress(taken, 0));
            EmulatorConfig config = ownLoopback("loopback-none").toBuilder().mqttPort(occupant.getLocalPort())
                    .build();
            assertThatThrownBy(() -> LoopbackClaim.start(config, List.of(foreign, taken), address -> {
                throw new AssertionError("no start is tried where the probe failed: " + address);
            })).isInstanceOf(OwnLoopbackUnavailableException.class)
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("no loopback address of its own could be claimed for the emulator: tried 2"
                            + " addresses, 192.0.2.1 to 127.0.0.207;")
                    .hasMessageContaining("1 is not an address of this machine (macOS has only 127.0.0.1")
                    .hasMessageContaining("sudo ifconfig lo0 alias 127.0.0.2 up")
                    .hasMessageContaining("1 has a configured port in use [" + occupant.getLocalPort() + "]")
                    .hasMessageContaining("last failure: cannot bind 127.0.0.207:" + occupant.getLocalPort())
                    .hasMessageContaining("MQTT over WebSocket");
        }
    }

    @Test
    void linuxHasLoopbackAddressesBeside127001() {
        boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
        if (linux) {
            assertThat(TwinkitEmulator.ownLoopbackAddressesSupported()).isTrue();
        }
        assertThat(LoopbackClaim.candidates()).hasSize(253).first().hasToString("/127.0.0.2");
        assertThat(LoopbackClaim.candidates()).last().hasToString("/127.0.0.254");
    }

    @Test
    void theOptionExcludesABindAddressAndSurvivesToBuilder() throws Exception {
        EmulatorConfig config = ownLoopback("loopback-config");
        assertThat(config.ownLoopbackAddress()).isTrue();
        assertThat(config.toBuilder().build().ownLoopbackAddress()).isTrue();
        assertThat(config.toString()).contains("on an own loopback address");
        assertThat(EmulatorConfig.defaults().ownLoopbackAddress()).isFalse();
        assertThat(EmulatorConfig.builder().ownLoopbackAddress(true).bindAddress(InetAddress.getByName("127.0.0.1"))
                .build().ownLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> EmulatorConfig.builder().ownLoopbackAddress(true)
                .bindAddress(InetAddress.getByName("0.0.0.0")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("an own loopback address and the bind address 0.0.0.0 exclude each other");
    }

    @Test
    void theCommandLineOptionSetsItAndExcludesBindAddress() {
        assertThat(CommandLine.parse(List.of()).config().ownLoopbackAddress()).isFalse();
        assertThat(CommandLine.parse(List.of("--own-loopback-address", "--https-port", "0")).config()
                .ownLoopbackAddress()).isTrue();
        for (List<String> args : List.of(List.of("--own-loopback-address", "--bind-address", "127.0.0.1"),
                List.of("--bind-address", "0.0.0.0", "--own-loopback-address"))) {
            assertThatThrownBy(() -> CommandLine.parse(args)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("options --own-loopback-address and --bind-address exclude each other");
        }
        assertThat(CommandLine.USAGE).contains("--own-loopback-address", "127.0.0.2 to", "sudo ifconfig lo0 alias",
                "Excludes --bind-address");
    }
}
