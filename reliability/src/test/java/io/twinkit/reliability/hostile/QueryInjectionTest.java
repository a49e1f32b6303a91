package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonArray;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.json.JsonValue;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.http.RawTlsClient;
import io.twinkit.emulator.internal.http.WireRequests;
import io.twinkit.emulator.internal.http.WireResponse;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.HubState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Query text that tries to leave the query language, sent to {@code POST /devices/query} over TLS: statement
 * separators, comments, other statements, nested and joined selects, JSON smuggled through string literals, absurd
 * sizes and nesting, and bodies that smuggle a second query. Each is either answered as a pure query (rows of twins
 * or projections, never more rows than twins) or refused with 400; none changes anything.
 */
class QueryInjectionTest {

    private static final String QUERY = "/devices/query?api-version=2021-04-12";
    private static final FuzzCounts COUNTS = new FuzzCounts("query-injection");

    private static TwinkitEmulator emulator;
    private static String token;

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0)
                .device(DeviceId.of("qi-1")).device(DeviceId.of("qi-2")).build());
        emulator.hub().twins().update(TwinKey.device("qi-1"), JsonObject.of("tags",
                JsonObject.of("owner", JsonString.of("alice"), "secret", JsonString.of("s3cr3t"))), null);
        String key = emulator.hub().registry().policy(TwinkitEmulator.OWNER_POLICY).orElseThrow().primaryKey();
        token = SharedAccessSignature.create(key, "localhost", Instant.now().getEpochSecond() + 3600,
                TwinkitEmulator.OWNER_POLICY);
    }

    @AfterAll
    static void stop() {
        emulator.close();
        COUNTS.write();
    }

    @Test
    void escapeAttemptsAreAnsweredAsPureQueriesOrRefusedAndChangeNothing() throws IOException {
        List<String> texts = new ArrayList<>(QueryTexts.escapes());
        texts.addAll(QueryTexts.VALID);
        for (String sql : texts) {
            String body = JsonObject.of("query", JsonString.of(sql)).toString();
            check(sql, body);
        }
    }

    @Test
    void bodiesThatSmuggleASecondQueryOrStatementAreRefusedOrIgnoredAndChangeNothing() throws IOException {
        List<String> bodies = List.of(
                "{\"query\":\"SELECT * FROM devices\",\"query\":\"DELETE FROM devices\"}",
                "{\"query\":\"SELECT * FROM devices\"}{\"query\":\"DELETE FROM devices\"}",
                "{\"query\":\"SELECT * FROM devices\",\"statement\":\"DELETE FROM devices\"}",
                "{\"query\":[\"SELECT * FROM devices\",\"DELETE FROM devices\"]}",
                "{\"query\":{\"$where\":\"1=1\"}}",
                "{\"query\":\"SELECT * FROM devices\\u0000; DROP\"}",
                "{\"query\":\"SELECT * FROM devices WHERE tags.owner = 'alice\\\"}, {\\\"x\\\":\\\"'\"}",
                "[{\"query\":\"SELECT * FROM devices\"}]",
                "{\"query\":null}",
                "{}",
                "{\"query\":\"" + "x".repeat(300 * 1024) + "\"}");
        for (String body : bodies) {
            check(body, body);
        }
    }

    private static void check(String what, String body) throws IOException {
        JsonObject before = HubState.of(emulator.hub());
        WireResponse response;
        try (RawTlsClient client = new RawTlsClient(emulator.clientSslContext(),
                emulator.httpsPort())) {
            client.send(WireRequests.format("POST", QUERY, Map.of("Authorization", token), body));
            response = client.readOne();
        }
        String shown = QueryParserFuzzTest.abbreviate(what);
        assertThat(response.status()).as("answer to %s: %s", shown, abbreviateBody(response)).isIn(200, 400, 413);
        if (response.status() == 200) {
            JsonValue rows = response.json();
            assertThat(rows).as("rows of %s", shown).isInstanceOf(JsonArray.class);
            assertThat(((JsonArray) rows).size()).as("rows of %s", shown)
                    .isLessThanOrEqualTo(emulator.hub().registry().list().size());
            for (JsonValue row : (JsonArray) rows) {
                assertThat(row).as("a row of %s", shown).isInstanceOf(JsonObject.class);
            }
            COUNTS.count("queries", "answered");
        } else {
            COUNTS.count("queries", "refused-" + response.status());
        }
        assertThat(HubState.of(emulator.hub())).as("state after %s", shown).isEqualTo(before);
    }

    private static String abbreviateBody(WireResponse response) {
        String body = response.body();
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
