package io.twinkit.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonNumber;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.device.DeviceConnection;
import io.twinkit.device.Transport;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * A direct method's round trip through the wire emulator ({@link TwinkitEmulator}, every port free, never 8883): the
 * back end sends {@code POST /twins/{id}/methods} over HTTPS (TLS, keep-alive, a SAS token of {@code iothubowner};
 * the JDK's {@code HttpClient}, no SDK), the emulator delivers the call to the connected device over MQTT, the device
 * answers, and the emulator answers the HTTP request with the device's status and payload. The method is
 * {@code firmwareUpdate} with {@code {"version":"2.0.0","url":"…"}}, answered 200 with a small JSON result. JMH's
 * sample mode gives the percentiles of the round trip.
 *
 * <p>Two devices, {@code device}: {@code netty}, a bare MQTT client on Netty's codec over TLS
 * ({@link LoopbackMqttDevice}) that answers from its event loop, so that the figure is the emulator's (HTTP in,
 * MQTT out and back, HTTP answer) plus loopback TLS; and {@code sdk}, a twinkit {@link DeviceConnection} with a typed
 * handler, over the official device SDK with MQTT over WebSocket, which is what a device app built with twinkit
 * adds (the SDK's receive thread, the method thread hop, JSON mapping):
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar MethodRoundTripBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MethodRoundTripBenchmark {

    /** The device the calls go to. */
    static final String DEVICE = "firmware-device";
    /** The method called. */
    static final String METHOD = "firmwareUpdate";
    /** The method's payload. */
    static final String PAYLOAD = "{\"version\":\"2.0.0\",\"url\":\"https://firmware.example/2.0.0.bin\"}";

    /** The firmware request the device reads. */
    public record FirmwareRequest(String version, String url) {
    }

    /** The device's answer. */
    public record FirmwareAccepted(String version, String state) {
    }

    /** The device that answers: {@code netty} (a bare MQTT client) or {@code sdk} (the official device SDK). */
    @Param({"netty", "sdk"})
    public String device;

    // created by setUp, before any benchmark runs
    private TwinkitEmulator emulator;
    private EventLoopGroup loops;
    private LoopbackMqttDevice nettyDevice;
    private DeviceConnection sdkDevice;
    private HttpClient client;
    private HttpRequest request;

    /** Creates the benchmark; JMH calls {@link #setUp()} before measuring. */
    public MethodRoundTripBenchmark() {
    }

    /**
     * Starts the emulator, connects the device and builds the request.
     *
     * @throws Exception if the device cannot connect
     */
    @Setup
    public void setUp() throws Exception {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .devices(List.of(DeviceId.of(DEVICE))).build());
        String connectionString = emulator.deviceConnectionString(DeviceId.of(DEVICE));
        switch (device) {
            case "netty" -> {
                loops = LoopbackMqttDevice.eventLoops(1);
                byte[] answer = "{\"version\":\"2.0.0\",\"state\":\"downloading\"}".getBytes(StandardCharsets.UTF_8);
                nettyDevice = LoopbackMqttDevice.connect(loops, emulator, DeviceId.of(DEVICE),
                        (name, payload) -> answer).get(30, TimeUnit.SECONDS);
            }
            case "sdk" -> {
                sdkDevice = DeviceConnection.builder()
                        .connectionString(connectionString)
                        .sslContext(emulator.clientSslContext())
                        .transport(Transport.MQTT_WEBSOCKET)
                        .endpoint(TwinkitEmulator.SERVICE_HOST + ":" + emulator.mqttWsPort())
                        .build();
                sdkDevice.onMethod(METHOD, FirmwareRequest.class,
                        firmware -> new FirmwareAccepted(firmware.version(), "downloading"));
                sdkDevice.open();
            }
            default -> throw new IllegalArgumentException("device is netty or sdk: " + device);
        }
        String owner = emulator.hub().registry().policy(TwinkitEmulator.OWNER_POLICY).orElseThrow().primaryKey();
        String token = SharedAccessSignature.create(owner, TwinkitEmulator.SERVICE_HOST,
                Instant.now().getEpochSecond() + 86_400, TwinkitEmulator.OWNER_POLICY);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(emulator.clientSslContext()).build();
        // a connect timeout lets the first call wait for the device's subscription; later calls find it online
        request = HttpRequest.newBuilder(URI.create("https://" + TwinkitEmulator.SERVICE_HOST + ":"
                        + emulator.httpsPort() + "/twins/" + DEVICE + "/methods?api-version=2021-04-12"))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"methodName\":\"" + METHOD
                        + "\",\"responseTimeoutInSeconds\":30,\"connectTimeoutInSeconds\":30,\"payload\":" + PAYLOAD
                        + "}"))
                .build();
    }

    /** Disconnects the device and stops the emulator. */
    @TearDown
    public void tearDown() {
        if (nettyDevice != null) {
            nettyDevice.close();
        }
        if (loops != null) {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (sdkDevice != null) {
            sdkDevice.close();
        }
        emulator.close();
    }

    /** Returns the device's direct method calls answered by the bare device, for tests; 0 for the SDK device. */
    long answeredByNettyDevice() {
        return nettyDevice == null ? 0 : nettyDevice.methodsAnswered();
    }

    /**
     * Calls {@code firmwareUpdate} and waits for the HTTP answer.
     *
     * @return the device's answer, {@code {"status":200,"payload":{...}}}
     * @throws IllegalStateException if the call was not answered 200 with the device's status 200
     */
    @Benchmark
    public JsonObject invoke() {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonObject answer = JsonValue.parseObject(response.body());
        if (!(answer.valueOrNull("status") instanceof JsonNumber status) || status.longValue() != 200) {
            throw new IllegalStateException("the device answered " + answer);
        }
        return answer;
    }
}
