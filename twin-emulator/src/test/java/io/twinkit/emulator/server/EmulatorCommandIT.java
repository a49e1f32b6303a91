package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.internal.hub.HubProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded launcher jar as a user runs it: {@code java -jar target/twin-emulator-cli.jar …} in its own process,
 * read until the READY line, used over HTTPS with only the announced trust store, stopped with SIGTERM.
 */
@Timeout(120)
class EmulatorCommandIT {

    private static final Path JAR = Path.of(System.getProperty("twinkit.cli.jar", "target/twin-emulator-cli.jar"));

    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dataDirectory;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process process : processes) {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process launch(String... args) throws IOException {
        assertThat(JAR).as("the shaded jar; run mvn package first").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        processes.add(process);
        return process;
    }

    @Test
    void theJarKeepsTheServiceThroughWhichIotHubFindsTheHub() throws Exception {
        assertThat(JAR).as("the shaded jar; run mvn package first").isRegularFile();
        String service = "META-INF/services/" + IotHub.Provider.class.getName();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            JarEntry entry = jar.getJarEntry(service);
            assertThat(entry).as(service).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty())).containsExactly(HubProvider.class.getName());
            }
        }
    }

    @Test
    void theJarAnnouncesItselfServesHttpsAndStopsCleanlyOnSigterm() throws Exception {
        Process process = launch("--https-port", "0", "--mqtt-port", "0", "--mqtt-ws-port", "0", "--device", "dev1",
                "--data-dir", dataDirectory.toString());
        BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(60, TimeUnit.SECONDS);
        assertThat(line).startsWith(EmulatorCommand.READY_PREFIX);
        JsonObject info = JsonValue.parseObject(line.substring(EmulatorCommand.READY_PREFIX.length()));
        List<Integer> ports = new ArrayList<>();
        for (String port : List.of("httpsPort", "mqttPort", "mqttWsPort")) {
            ports.add((int) ((JsonNumber) info.get(port).orElseThrow()).longValue());
        }
        assertThat(ports).noneMatch(ServiceProbe::isFree);
        assertThat(((JsonObject) info.get("devices").orElseThrow()).keys()).containsExactly("dev1");

        SSLContext trust = trustFrom(Path.of(text(info, "trustStoreFile")), text(info, "trustStorePassword"));
        String ownerKey = ServiceProbe.sharedAccessKey(text(info, "serviceConnectionString"));
        ServiceProbe.Reply twin = ServiceProbe.getTwin(trust, ports.get(0), "dev1", ServiceProbe.ownerToken(ownerKey));
        assertThat(twin.status()).isEqualTo(200);
        assertThat(twin.body().get("deviceId")).contains(JsonString.of("dev1"));

        // SIGTERM, as Process.destroy() sends it, but without closing our end of the pipes before they are read
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exits within 20 s of SIGTERM").isTrue();
        // a JVM ended by SIGTERM reports 128 + 15 once its shutdown hooks have run
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(stdout.readLine()).as("nothing but the READY line on stdout").isNull();
        assertThat(ports).allMatch(ServiceProbe::isFree);
    }

    @Test
    void badArgumentsExitWithTwoAndTheUsage() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--mqtt-port", "x").start();
        processes.add(process);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(out.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(err.get(10, TimeUnit.SECONDS))
                .contains("option --mqtt-port needs a port number from 0 to 65535, not 'x'")
                .contains("Usage: java -jar twin-emulator-cli.jar");
    }

    private static String text(JsonObject info, String key) {
        return ((JsonString) info.get(key).orElseThrow()).value();
    }

    private static SSLContext trustFrom(Path trustStore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
