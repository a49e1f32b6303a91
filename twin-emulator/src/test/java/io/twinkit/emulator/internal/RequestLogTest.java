package io.twinkit.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.TwinKey;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The request log's lines: their fields, redaction of credentials, escaping and bounds, and the log that is off. */
class RequestLogTest {

    private static final String KEY = "c2VjcmV0LWtleS1vZi10aGUtcG9saWN5LTAxMjM0NTY3ODk=";
    private static final String TOKEN = SharedAccessSignature.create(KEY, "localhost/devices/d1", 4_000_000_000L,
            "iothubowner");

    private final List<String> lines = new ArrayList<>();
    private final RequestLog log = RequestLog.to(lines::add);

    private String only() {
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static String signatureOf(String token) {
        for (String part : token.substring("SharedAccessSignature ".length()).split("&")) {
            if (part.startsWith("sig=")) {
                return part.substring(4);
            }
        }
        throw new AssertionError("no sig in " + token);
    }

    @Test
    void anHttpsLineHasMethodPathStatusMillisecondsAndPolicy() {
        log.https("GET", "/twins/d1?api-version=2021-04-12", 200, TimeUnit.MILLISECONDS.toNanos(42), "iothubowner");
        assertThat(only()).isEqualTo("HTTPS GET /twins/d1?api-version=2021-04-12 200 42ms policy=iothubowner");
    }

    @Test
    void anUnauthenticatedOrUnansweredRequestSaysSo() {
        log.https("PATCH", "/twins/d1", 401, 0, null);
        log.httpsUnanswered("POST", "/twins/d1/methods", TimeUnit.MILLISECONDS.toNanos(7));
        assertThat(lines).containsExactly("HTTPS PATCH /twins/d1 401 0ms",
                "HTTPS POST /twins/d1/methods - 7ms closed before an answer");
    }

    @Test
    void mqttLinesNameTransportClientTopicAndOutcome() {
        TwinKey module = TwinKey.module("d1", "m1");
        log.mqttConnect("MQTT", "d1/m1", null, 0, null);
        log.mqttConnect("MQTT-WS", "d2", "CONNECTION_REFUSED_NOT_AUTHORIZED", 5, "the token has expired");
        log.mqttTwin("MQTT", module, "$iothub/twin/PATCH/properties/reported/?$rid=4", 204);
        log.mqttTelemetry("MQTT", module, "devices/d1/modules/m1/messages/events/", true, 17);
        log.mqttTelemetry("MQTT-WS", module, "devices/d1/modules/m1/messages/events/", false, 18);
        log.mqttMethodAnswer("MQTT", module, "$iothub/methods/res/200/?$rid=9", "delivered");
        log.mqttRefused("MQTT", null, "nowhere", "not a topic a device may publish to");
        assertThat(lines).containsExactly(
                "MQTT CONNECT d1/m1 accepted",
                "MQTT-WS CONNECT d2 refused 5 CONNECTION_REFUSED_NOT_AUTHORIZED: the token has expired",
                "MQTT PUBLISH d1/m1 $iothub/twin/PATCH/properties/reported/?$rid=4 204",
                "MQTT PUBLISH d1/m1 devices/d1/modules/m1/messages/events/ acked #17",
                "MQTT-WS PUBLISH d1/m1 devices/d1/modules/m1/messages/events/ enqueued #18",
                "MQTT PUBLISH d1/m1 $iothub/methods/res/200/?$rid=9 delivered",
                "MQTT PUBLISH - nowhere refused: not a topic a device may publish to");
    }

    @Test
    void signaturesAndKeysInAQueryAreRedacted() {
        String signature = signatureOf(TOKEN);
        log.https("GET", "/twins/d1?api-version=1&sig=" + signature + "&se=4000000000&skn=iothubowner"
                + "&SharedAccessKey=" + KEY + "&primaryKey=" + KEY + "&x-api-token=abc&Password=pw", 200, 0, null);
        assertThat(only()).isEqualTo("HTTPS GET /twins/d1?api-version=1&sig=<redacted>&se=4000000000"
                + "&skn=iothubowner&SharedAccessKey=<redacted>&primaryKey=<redacted>&x-api-token=<redacted>"
                + "&Password=<redacted> 200 0ms");
    }

    @Test
    void aTokenHiddenInAParameterOrAPathOrPercentEncodedIsRedacted() {
        String encoded = URLEncoder.encode(TOKEN, StandardCharsets.UTF_8);
        log.https("GET", "/twins/d1?auth=" + encoded, 401, 0, null);
        log.https("GET", "/twins/" + encoded + "/x", 401, 0, null);
        log.https("GET", "/twins/d1?%73%69%67=" + signatureOf(TOKEN), 401, 0, null);
        log.mqttRefused("MQTT", TwinKey.device("d1"), "devices/d1/messages/events/" + TOKEN.replace(' ', '&'),
                "bad topic " + TOKEN);
        String signature = signatureOf(TOKEN);
        assertThat(lines).hasSize(4).noneMatch(line -> line.contains(signature)
                || line.contains(URLEncoder.encode(signature, StandardCharsets.UTF_8)) || line.contains(KEY));
        assertThat(lines.get(0)).isEqualTo("HTTPS GET /twins/d1?auth=<redacted> 401 0ms");
        assertThat(lines.get(1)).isEqualTo("HTTPS GET /twins/<redacted>/x 401 0ms");
        assertThat(lines.get(2)).isEqualTo("HTTPS GET /twins/d1?%73%69%67=<redacted> 401 0ms");
        assertThat(lines.get(3)).contains("refused: bad topic <redacted> sr=localhost/devices/d1&sig=<redacted>"
                + "&se=4000000000&skn=iothubowner");
        String decoded = URLDecoder.decode(signature, StandardCharsets.UTF_8);
        assertThat(lines).noneMatch(line -> line.contains(decoded));
    }

    @Test
    void controlAndOtherCharactersAreEscapedAndSpacesInFieldsToo() {
        log.https("GET", "/twins/a b\r\nHTTPS GET /forged 200 0ms\u0000\u007f\u00e9\u20ac\\", 404, 0, null);
        assertThat(only()).isEqualTo("HTTPS GET /twins/a\\x20b\\r\\nHTTPS\\x20GET\\x20/forged\\x20200\\x200ms"
                + "\\x00\\x7f\\xe9\\u20ac\\\\ 404 0ms");
        lines.clear();
        log.mqttRefused("MQTT", TwinKey.device("d1"), "t", "a reason with spaces\tand a tab");
        assertThat(only()).isEqualTo("MQTT PUBLISH d1 t refused: a reason with spaces\\tand a tab");
    }

    @Test
    void aHugeHostileInputGivesOneBoundedLine() {
        String hostile = "\u0001\n\u00ff".repeat(30_000) + "sig=" + "x".repeat(100_000);
        log.mqttConnect("MQTT", hostile, "CONNECTION_REFUSED_IDENTIFIER_REJECTED", 2, hostile);
        log.mqttRefused("MQTT", TwinKey.device("d1"), hostile, hostile);
        log.https(hostile, hostile, 400, 0, hostile);
        assertThat(lines).hasSize(3).allSatisfy(line -> {
            assertThat(line.length()).isLessThanOrEqualTo(RequestLog.MAX_LINE_CHARS);
            assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSize(line.length());
            assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        });
        assertThat(lines.get(1)).startsWith("MQTT PUBLISH d1 \\x01\\n\\xff").contains("...(+");
    }

    @Property(tries = 300)
    void everyLineIsPrintableAsciiAndBounded(@ForAll String method, @ForAll String uri, @ForAll String policy,
                                             @ForAll String topic, @ForAll String reason) {
        List<String> logged = new ArrayList<>();
        RequestLog any = RequestLog.to(logged::add);
        any.https(method, uri, 200, 1, policy);
        any.httpsUnanswered(method, uri, 1);
        any.mqttConnect("MQTT", topic, "X", 1, reason);
        any.mqttTwin("MQTT", TwinKey.device("d"), topic, 200);
        any.mqttRefused("MQTT", null, topic, reason);
        assertThat(logged).hasSize(5).allSatisfy(line -> {
            assertThat(line.length()).isLessThanOrEqualTo(RequestLog.MAX_LINE_CHARS);
            assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        });
    }

    @Test
    void theLogThatIsOffHasNoSinkAndASinkThatThrowsLosesOnlyItsLine() {
        assertThat(RequestLog.OFF.enabled()).isFalse();
        assertThat(RequestLog.to(null)).isSameAs(RequestLog.OFF);
        RequestLog.OFF.https("GET", "/", 200, 0, null);
        assertThat(log.enabled()).isTrue();

        List<String> kept = new ArrayList<>();
        RequestLog failing = RequestLog.to(line -> {
            if (line.contains("first")) {
                throw new IllegalStateException("sink is full");
            }
            kept.add(line);
        });
        failing.https("GET", "/first", 200, 0, null);
        failing.https("GET", "/second", 200, 0, null);
        assertThat(kept).containsExactly("HTTPS GET /second 200 0ms");
    }
}
