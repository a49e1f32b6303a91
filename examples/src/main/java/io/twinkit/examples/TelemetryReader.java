package io.twinkit.examples;

import io.twinkit.core.DeviceId;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonValue;
import io.twinkit.emulator.TelemetryMessage;
import io.twinkit.emulator.TelemetryPage;
import io.twinkit.emulator.TelemetryService;
import io.twinkit.service.ServiceConnectionString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a back end of the examples reads what devices sent: the journal of an emulator in this process
 * ({@code IotHub.telemetry()}), that of a standalone emulator through its emulator-only HTTPS endpoint
 * ({@code GET /twinkit/telemetry?since=&max=}, with a hub-level token of the back end's policy), or nowhere: a real hub
 * delivers telemetry to its built-in Event Hubs endpoint, which takes an Event Hubs client to read, and the examples
 * use none.
 */
abstract class TelemetryReader {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final int PAGE = 1000;

    /** Returns a reader of the journal of a hub in this process. */
    static TelemetryReader journal(TelemetryService telemetry) {
        Objects.requireNonNull(telemetry, "telemetry");
        return new TelemetryReader() {
            @Override
            String source() {
                return "the emulator's journal";
            }

            @Override
            long mark() {
                return telemetry.lastSequenceNumber();
            }

            @Override
            TelemetryPage page(long after) {
                return telemetry.poll(after, PAGE);
            }
        };
    }

    /**
     * Returns a reader of a standalone emulator's journal over HTTPS. A back-end client built before (one that
     * trusts the emulator's CA) makes the JVM trust the emulator's certificate.
     *
     * @param settings an emulator's settings
     */
    static TelemetryReader endpoint(HubSettings settings) {
        ServiceConnectionString hub = settings.serviceConnectionString();
        return new TelemetryReader() {
            @Override
            String source() {
                return "the emulator's journal (GET /twinkit/telemetry)";
            }

            @Override
            long mark() {
                return get(hub, 0, 1).lastSequenceNumber();
            }

            @Override
            TelemetryPage page(long after) {
                return get(hub, after, PAGE);
            }
        };
    }

    private static TelemetryPage get(ServiceConnectionString hub, long after, int max) {
        String url = "https://" + hub.hostName() + "/twinkit/telemetry?since=" + after + "&max=" + max;
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(30_000);
            connection.setReadTimeout(60_000);
            connection.setRequestProperty("Authorization", HubTokens.hubToken(hub));
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            byte[] answer;
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            if (status != 200) {
                throw new ExampleFailure("GET /twinkit/telemetry answered HTTP " + status + ": "
                        + new String(answer, StandardCharsets.UTF_8));
            }
            JsonObject page = JsonValue.parseObject(answer);
            List<TelemetryMessage> messages = new ArrayList<>();
            for (JsonValue message : page.valueOrNull("messages").asArray()) {
                messages.add(TelemetryMessage.fromJson(message.asObject()));
            }
            return new TelemetryPage(messages, after, number(page, "lastSequenceNumber"),
                    number(page, "droppedCount"), number(page, "skipped"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the telemetry of " + hub.hostName() + " failed", e);
        }
    }

    private static long number(JsonObject page, String name) {
        JsonValue value = page.valueOrNull(name);
        if (value == null || !value.isNumber()) {
            throw new ExampleFailure("a telemetry page without " + name + ": " + page);
        }
        return value.asNumber().longValue();
    }

    /** Returns a reader that reads nothing back, saying why. */
    static TelemetryReader none(String where) {
        Objects.requireNonNull(where, "where");
        return new TelemetryReader() {
            @Override
            String source() {
                return where;
            }

            @Override
            boolean readsBack() {
                return false;
            }

            @Override
            long mark() {
                return 0;
            }

            @Override
            TelemetryPage page(long after) {
                throw new IllegalStateException("telemetry sent to " + where + " is not read back");
            }
        };
    }

    /** Returns where the messages are read, or where they went when they are not read back, for the output. */
    abstract String source();

    /** Returns whether the messages can be read back. */
    boolean readsBack() {
        return true;
    }

    /** Returns the sequence number of the newest message now, to read what comes after. */
    abstract long mark();

    /** Returns the messages after {@code after}, up to a page of them. */
    abstract TelemetryPage page(long after);

    /**
     * Returns the messages of {@code device} after {@code mark}, oldest first, waiting until there are
     * {@code count} of them or {@code timeout} passed (then returns those there are).
     *
     * @throws IllegalStateException if the reader does not read back
     * @throws InterruptedException if interrupted while waiting
     */
    List<TelemetryMessage> read(long mark, DeviceId device, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TelemetryMessage> found = new ArrayList<>();
        long after = mark;
        while (true) {
            TelemetryPage page = page(after);
            after = page.next();
            for (TelemetryMessage message : page.messages()) {
                if (message.deviceId().equals(device) && message.moduleId().isEmpty()) {
                    found.add(message);
                }
            }
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            if (page.messages().isEmpty()) {
                Thread.sleep(POLL.toMillis());
            }
        }
    }
}
