package io.twinkit.benchmarks;

import io.twinkit.core.SharedAccessSignature;
import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import io.twinkit.emulator.SharedAccessPolicy;
import io.twinkit.emulator.internal.http.HttpsServiceServer;
import io.twinkit.emulator.internal.security.EmulatorCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Creating devices over the wire emulator's HTTPS service API, on loopback with TLS and keep-alive, into a hub in
 * memory ({@code storage=memory}) or one that persists to a data directory ({@code storage=disk}): 100 devices by one bulk registry request ({@code POST /devices} with 100
 * {@code create} items, one storage commit) against the same 100 devices by one {@code PUT /devices/{id}} each (one
 * commit each). Both report the time per 100 devices, so their ratio is how many times faster the bulk route creates
 * devices; the hub keeps growing through the run (hundreds of thousands of devices over a run):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EmulatorBulkRegistryBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EmulatorBulkRegistryBenchmark {

    /** Devices per operation: one bulk request, or this many PUTs. */
    static final int DEVICES = 100;

    /** Where the hub keeps its devices: {@code memory}, or {@code disk} (a data directory, one commit per write). */
    @Param({"memory", "disk"})
    public String storage;

    private Path directory;
    private IotHub hub;
    private HttpsServiceServer server;
    private HttpClient client;
    private String token;
    private String base;
    private long next;

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public EmulatorBulkRegistryBenchmark() {
    }

    /** Starts the hub behind the HTTPS service API and a keep-alive client trusting it. */
    @Setup
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("twinkit-bulk-bench");
        hub = IotHub.create(storage.equals("disk")
                ? HubOptions.builder().dataDirectory(directory.resolve("hub")).build()
                : HubOptions.defaults());
        EmulatorCertificates certificates = EmulatorCertificates.loadOrCreate(directory.resolve("certs"));
        server = HttpsServiceServer.start(hub, certificates,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(certificates.clientSslContext()).build();
        SharedAccessPolicy owner = hub.registry().policy("iothubowner").orElseThrow();
        token = SharedAccessSignature.create(owner.primaryKey(), "localhost", Instant.now().getEpochSecond() + 86_400,
                owner.name());
        base = "https://localhost:" + server.port();
    }

    /** Stops the server and the hub and removes the data directory. */
    @TearDown
    public void tearDown() throws IOException {
        server.close();
        hub.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Creates 100 devices with one bulk registry request. */
    @Benchmark
    public int bulk() {
        StringBuilder body = new StringBuilder(DEVICES * 48).append('[');
        for (int i = 0; i < DEVICES; i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"bulk-").append(next++)
                    .append("\",\"importMode\":\"create\"}");
        }
        return send(HttpRequest.newBuilder(URI.create(base + "/devices?api-version=2021-04-12"))
                .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())));
    }

    /** Creates 100 devices with one {@code PUT /devices/{id}} each. */
    @Benchmark
    public int perDevicePut() {
        int status = 0;
        for (int i = 0; i < DEVICES; i++) {
            String id = "put-" + next++;
            status += send(HttpRequest.newBuilder(URI.create(base + "/devices/" + id + "?api-version=2021-04-12"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"" + id + "\"}")));
        }
        return status;
    }

    private int send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.header("Authorization", token)
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
