package io.twinkit.emulator.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The container recipe {@code twin-emulator/docker/Dockerfile} stays in step with the emulator: its ENTRYPOINT and
 * CMD arguments (and the {@code docker run} lines of the README) parse as a command line, the ports it exposes and
 * checks are the ones that command line serves, the health check asks the health route, the data directory is the
 * volume, the user is not root, and the jar it copies is the one the build makes. The image itself cannot be built
 * here (no Docker daemon, no base image), so this is what can be checked of it.
 *
 * <p>What Docker would do about port 443 was tried by hand, as root, outside Docker: in a new network namespace
 * ({@code unshare --net}, loopback up) the jar ran with the ENTRYPOINT's arguments and {@code --log-requests} as user
 * 10001 without any capability ({@code setpriv --reuid=10001 --regid=10001 --clear-groups --inh-caps=-all}), its data
 * directory made as the Dockerfile makes {@code /data} (owner 10001, 0700). With the namespace's
 * {@code net.ipv4.ip_unprivileged_port_start} at 1024 it stopped with "cannot listen on /0.0.0.0:443: Permission
 * denied"; at 0, as Docker sets it for a container, it started, the HEALTHCHECK's
 * {@code curl -fsk https://127.0.0.1:443/twinkit/health} answered {@code {"status":"ok",...}} (exit 0), a twin
 * without a token answered 401, both requests were logged, and SIGTERM closed it ("stopped", exit 143).
 */
class DockerfileTest {

    private static final Path DOCKERFILE = Path.of("docker", "Dockerfile");
    private static final String JAR = "twin-emulator/target/twin-emulator-cli.jar";

    /** Returns the instructions of the Dockerfile in order, continuation lines joined, comments left out. */
    private static List<Map.Entry<String, String>> instructions() throws IOException {
        List<Map.Entry<String, String>> result = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : Files.readAllLines(DOCKERFILE)) {
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String text = pending.toString().strip();
            pending.setLength(0);
            int space = text.indexOf(' ');
            result.add(Map.entry(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
        }
        return result;
    }

    private static String single(String instruction) throws IOException {
        List<String> values = instructions().stream().filter(e -> e.getKey().equals(instruction))
                .map(Map.Entry::getValue).toList();
        assertThat(values).as(instruction).hasSize(1);
        return values.get(0);
    }

    private static List<String> execForm(String instruction) throws IOException {
        JsonArray array = (JsonArray) JsonValue.parse(single(instruction));
        List<String> result = new ArrayList<>();
        array.forEach(value -> result.add(((JsonString) value).value()));
        return result;
    }

    /** Returns the arguments the emulator gets when the image runs without arguments of its own. */
    private static List<String> emulatorArguments() throws IOException {
        List<String> entrypoint = execForm("ENTRYPOINT");
        assertThat(entrypoint.subList(0, 3)).containsExactly("java", "-jar", "/opt/twinkit/twin-emulator-cli.jar");
        List<String> arguments = new ArrayList<>(entrypoint.subList(3, entrypoint.size()));
        arguments.addAll(execForm("CMD"));
        return arguments;
    }

    @Test
    void theEntrypointAndCmdArgumentsAreAValidCommandLineForAContainer() throws IOException {
        CommandLine line = CommandLine.parse(emulatorArguments());
        EmulatorConfig config = line.config();
        assertThat(config.bindAddress().isAnyLocalAddress()).as("bound to every interface").isTrue();
        assertThat(config.dataDirectory()).contains(Path.of("/data"));
        assertThat(config.httpsPort()).isEqualTo(443);
        assertThat(config.mqttPort()).isEqualTo(8883);
        assertThat(config.separateMqttWsPort()).as("MQTT over WebSocket only on 443, as IoT Hub").isFalse();
        assertThat(line.logRequests()).isTrue();
        assertThat(line.help()).isFalse();
    }

    @Test
    void exposedPortsVolumeHealthCheckAndUserMatchTheCommandLine() throws IOException {
        EmulatorConfig config = CommandLine.parse(emulatorArguments()).config();
        Set<Integer> exposed = Arrays.stream(single("EXPOSE").split("\\s+")).map(Integer::valueOf)
                .collect(Collectors.toSet());
        assertThat(exposed).containsExactlyInAnyOrder(config.httpsPort(), config.mqttPort());
        assertThat(single("VOLUME")).isEqualTo(config.dataDirectory().orElseThrow().toString());
        assertThat(single("HEALTHCHECK")).contains("CMD curl -fsk https://127.0.0.1:" + config.httpsPort()
                + "/twinkit/health");
        assertThat(CommandLine.USAGE).contains("/twinkit/health");
        String user = single("USER");
        assertThat(user.split(":")[0]).isNotIn("root", "0").matches("[1-9][0-9]*");
        assertThat(single("FROM")).isEqualTo("eclipse-temurin:17-jre");
    }

    @Test
    void theCopiedJarIsTheOneTheBuildMakesAndTheOnlyFileOfTheBuildContext() throws IOException {
        assertThat(single("COPY")).isEqualTo(JAR + " /opt/twinkit/twin-emulator-cli.jar");
        assertThat(Files.readString(Path.of("pom.xml")))
                .contains("<finalName>twin-emulator-cli</finalName>");
        List<String> ignored = Files.readAllLines(DOCKERFILE.resolveSibling("Dockerfile.dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ignored).containsExactly("*", "!" + JAR);
    }

    @Test
    void theReadmesDockerRunLinesAreValidCommandLinesToo() throws IOException {
        List<String> runs = Files.readAllLines(Path.of("..", "README.md")).stream()
                .map(String::strip).filter(l -> l.startsWith("docker run ")).toList();
        assertThat(runs).isNotEmpty();
        for (String run : runs) {
            List<String> words = List.of(run.split("\\s+"));
            int image = words.indexOf("twinkit-emulator");
            assertThat(image).as(run).isPositive();
            List<String> arguments = new ArrayList<>(emulatorArguments().subList(0,
                    execForm("ENTRYPOINT").size() - 3));
            arguments.addAll(words.subList(image + 1, words.size()));
            assertThat(CommandLine.parse(arguments).config().httpsPort()).as(run).isEqualTo(443);
        }
    }
}
