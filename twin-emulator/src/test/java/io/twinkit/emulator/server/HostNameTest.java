package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.emulator.SymmetricKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --host-name} and {@code --bind-address}: the names in the server certificate, the names SAS tokens may carry,
 * the host of the connection strings, and a hub bound to every interface answering on more than one loopback address.
 * Traffic goes to loopback addresses only; a DNS name is verified by SNI and endpoint identification on a connection
 * to 127.0.0.1.
 */
@Timeout(60)
class HostNameTest {

    private static final String NAME = "twinkit.example.test";

    @Test
    void aHubBoundToEveryInterfaceAnswersOnTwoLoopbackAddressesUnderEveryNameItsCertificateHolds() throws Exception {
        EmulatorConfig config = CommandLine.parse(List.of("--bind-address", "0.0.0.0", "--host-name", NAME,
                "--host-name", "127.0.0.2", "--https-port", "0", "--mqtt-port", "0", "--mqtt-ws-port", "0",
                "--device", "dev1", "--hub-name", "named-hub")).config();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            assertThat(emulator.bindAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
            String ownerKey = ServiceProbe.sharedAccessKey(emulator.serviceConnectionString());
            SSLContext trust = emulator.clientSslContext();

            // verified TLS on 127.0.0.1 (a loopback name of the certificate) and 127.0.0.2 (a --host-name address)
            for (String address : List.of("127.0.0.1", "127.0.0.2")) {
                Exchange reply = getTwin(trust, address, emulator.httpsPort(), address, token(ownerKey, address));
                assertThat(reply.status()).as("GET on %s: %s", address, reply.body()).isEqualTo(200);
                assertThat(reply.certificate().getSubjectAlternativeNames()).contains(List.of(7, address));
            }
            // the DNS name, verified by SNI and endpoint identification, with a token naming it
            Exchange named = getTwin(trust, "127.0.0.1", emulator.httpsPort(), NAME, token(ownerKey, NAME));
            assertThat(named.status()).as(named.body()).isEqualTo(200);
            assertThat(named.certificate().getSubjectAlternativeNames()).contains(List.of(2, NAME));
            assertThatThrownBy(() -> getTwin(trust, "127.0.0.1", emulator.httpsPort(), "other.example.test",
                    token(ownerKey, NAME))).isInstanceOf(SSLHandshakeException.class);
            // a token for a name the hub was not given is refused
            assertThat(getTwin(trust, "127.0.0.1", emulator.httpsPort(), NAME, token(ownerKey, "other.example.test"))
                    .status()).isEqualTo(401);

            // the MQTT listener presents the same certificate on the other loopback address
            Exchange mqtt = handshake(trust, "127.0.0.2", emulator.mqttPort(), "127.0.0.2");
            assertThat(mqtt.certificate().getSubjectAlternativeNames()).contains(List.of(2, NAME),
                    List.of(7, "127.0.0.2"));
            mqtt.certificate().verify(emulator.caCertificate().getPublicKey());
        }
    }

    @Test
    void theFirstHostNameIsTheHostOfTheConnectionStringsAndTheReadyLine() throws Exception {
        EmulatorConfig config = EmulatorConfig.builder().hubName("first-name-hub").httpsPort(0).mqttPort(0)
                .mqttWsPort(0).device(DeviceId.of("dev1")).hostName("Emulator.Example.Test").hostName("10.9.8.7")
                .build();
        try (TwinkitEmulator emulator = TwinkitEmulator.start(config)) {
            SymmetricKey key = emulator.hub().registry().getDevice(DeviceId.of("dev1")).authentication()
                    .symmetricKey();
            assertThat(emulator.deviceHost()).isEqualTo("emulator.example.test");
            assertThat(emulator.serviceHost()).isEqualTo("emulator.example.test");
            assertThat(emulator.deviceConnectionString(DeviceId.of("dev1")))
                    .isEqualTo("HostName=emulator.example.test;DeviceId=dev1;SharedAccessKey=" + key.primaryKey());
            assertThat(emulator.serviceConnectionString()).startsWith("HostName=emulator.example.test:"
                    + emulator.httpsPort() + ";SharedAccessKeyName=iothubowner;SharedAccessKey=");
            JsonObject info = emulator.readyInfo();
            assertThat(info.get("hostName")).contains(JsonString.of("emulator.example.test"));
            assertThat(info.get("deviceHost")).contains(JsonString.of("emulator.example.test"));
            assertThat(info.get("bindAddress")).contains(JsonString.of("127.0.0.1"));
            assertThat(emulator.hub().options().acceptsHostName("10.9.8.7:8443")).isTrue();
            assertThat(emulator.hub().options().acceptsHostName("EMULATOR.example.test")).isTrue();
        }
    }

    @Test
    void withADataDirectoryTheSameCaReissuesTheServerCertificateWhenTheNamesChange(@TempDir Path data)
            throws Exception {
        EmulatorConfig plain = EmulatorConfig.builder().hubName("rename-hub").httpsPort(0).mqttPort(0).mqttWsPort(0)
                .dataDirectory(data).build();
        X509Certificate before;
        SSLContext trustedBefore;
        String caPem;
        try (TwinkitEmulator emulator = TwinkitEmulator.start(plain)) {
            before = handshake(emulator.clientSslContext(), "127.0.0.1", emulator.httpsPort(), "localhost")
                    .certificate();
            trustedBefore = emulator.clientSslContext();
            caPem = emulator.caCertificatePem();
        }
        X509Certificate renamed;
        try (TwinkitEmulator emulator = TwinkitEmulator.start(plain.toBuilder().hostName(NAME).build())) {
            assertThat(emulator.caCertificatePem()).isEqualTo(caPem);
            renamed = handshake(trustedBefore, "127.0.0.1", emulator.httpsPort(), NAME).certificate();
            assertThat(renamed).isNotEqualTo(before);
            assertThat(renamed.getSubjectAlternativeNames()).contains(List.of(2, NAME));
        }
        try (TwinkitEmulator emulator = TwinkitEmulator.start(plain.toBuilder().hostName(NAME).build())) {
            assertThat(handshake(trustedBefore, "127.0.0.1", emulator.httpsPort(), NAME).certificate())
                    .as("the same names keep the certificate").isEqualTo(renamed);
        }
    }

    @Test
    void hostNamesAreCheckedNormalisedAndExcludeAnOwnLoopbackAddress() {
        EmulatorConfig config = CommandLine.parse(List.of("--host-name", "A.Example", "--host-name", "10.0.0.1",
                "--host-name", "[FD00::1]", "--host-name", "fd00::2", "--host-name", "a.example")).config();
        assertThat(config.hostNames()).containsExactly("a.example", "10.0.0.1", "[fd00::1]", "[fd00::2]");
        assertThat(config.toBuilder().build().hostNames()).isEqualTo(config.hostNames());
        assertThat(config.acceptedHostNames()).as("only --accept-host").isEmpty();
        assertThat(config.hubOptions().hostNames()).contains("a.example", "10.0.0.1", "fd00::1", "fd00::2");
        assertThat(config.toString()).contains("host names [a.example, 10.0.0.1, [fd00::1], [fd00::2]]");
        assertThat(EmulatorConfig.defaults().hostNames()).isEmpty();
        assertThat(TwinkitEmulator.connectionStringHost("[fd00::1]", 8443)).isEqualTo("[fd00::1]:8443");

        assertThatThrownBy(() -> EmulatorConfig.builder().hostName("emulator.example").ownLoopbackAddress(true)
                .build()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("an own loopback address and the host names [emulator.example] exclude each"
                        + " other");
        assertThatThrownBy(() -> CommandLine.parse(List.of("--host-name", "x.example", "--own-loopback-address")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("options --own-loopback-address and --host-name exclude each other");
        for (String bad : List.of("emulator.example:8443", "a/b", "-x.example", "two words", "[fd00::1]:443")) {
            assertThatThrownBy(() -> CommandLine.parse(List.of("--host-name", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("option --host-name: host name '" + bad + "' must be a DNS name, an IPv4 address or"
                            + " an IPv6 literal, without a port");
        }
        assertThatThrownBy(() -> CommandLine.parse(List.of("--host-name")))
                .hasMessage("option --host-name needs a value");
        assertThat(CommandLine.USAGE).contains("--host-name NAME", "needs a dot", "re-issues");
    }

    private static String token(String ownerKey, String host) {
        return SharedAccessSignature.create(ownerKey, host, Instant.now().plusSeconds(3600).getEpochSecond(),
                TwinkitEmulator.OWNER_POLICY);
    }

    /** What a verified TLS exchange gave: the HTTP status (0 without a request), the body, the server certificate. */
    private record Exchange(int status, String body, X509Certificate certificate) {
    }

    /** Completes a TLS handshake with {@code address:port} verifying {@code host} (SNI and endpoint identification). */
    private static Exchange handshake(SSLContext trust, String address, int port, String host) throws IOException {
        try (SSLSocket socket = open(trust, address, port, host)) {
            return new Exchange(0, "", (X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }

    /** Sends {@code GET /twins/dev1} over a connection to {@code address:port} that verifies {@code host}. */
    private static Exchange getTwin(SSLContext trust, String address, int port, String host, String authorization)
            throws IOException {
        try (SSLSocket socket = open(trust, address, port, host)) {
            String request = "GET /twins/dev1?api-version=2021-04-12 HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAuthorization: " + authorization + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Exchange(status, text.substring(text.indexOf("\r\n\r\n") + 4),
                    (X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }

    private static SSLSocket open(SSLContext trust, String address, int port, String host) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(InetAddress.getByName(address), port), 10_000);
            raw.setSoTimeout(10_000);
            // layered with the host name: the JDK sends it as SNI (for a DNS name) and verifies the certificate
            // against it, and against nothing else
            SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket(raw, host, port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
