package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.DeviceId;
import io.twinkit.core.SharedAccessSignature;
import io.twinkit.core.json.JsonObject;
import io.twinkit.core.json.JsonString;
import io.twinkit.core.TwinKey;
import io.twinkit.emulator.internal.http.RawTlsClient;
import io.twinkit.emulator.internal.http.WireRequests;
import io.twinkit.emulator.internal.http.WireResponse;
import io.twinkit.emulator.server.EmulatorConfig;
import io.twinkit.emulator.server.TwinkitEmulator;
import io.twinkit.reliability.support.Figures;
import io.twinkit.reliability.support.Settings;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 7: {@code WHERE tags.a = 1+1+…} with thousands of terms, posted to the HTTPS query route. Each
 * operator of a chain counts one level of the parser's nesting limit (256), so a 3,000-term chain is 400 (400004)
 * naming the position of the operator that nests too deep, where it was a {@code StackOverflowError} answered 500;
 * and a chain within the limit is folded into one constant when the query is compiled, not computed for every twin.
 * The hub serves the next query as before. {@code reliability.query.twins} twins (2,000; 100,000 in the long run).
 */
class QueryOperatorChainTest {

    private static final String API = "?api-version=2021-04-12";
    private static final String PREFIX = "SELECT * FROM devices WHERE tags.a = ";
    private static final int TWINS = Settings.integer("reliability.query.twins", 2_000);

    private static TwinkitEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = TwinkitEmulator.start(EmulatorConfig.builder().httpsPort(0).mqttPort(0).mqttWsPort(0).build());
        for (int i = 0; i < TWINS; i++) {
            DeviceId id = DeviceId.of(String.format("chain-%06d", i));
            emulator.hub().registry().createDevice(id);
            emulator.hub().twins().update(TwinKey.device(id), JsonObject.of("tags", JsonObject.of("a",
                    io.twinkit.core.json.JsonNumber.of(i))), null);
        }
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String chain(int terms) {
        return "1" + "+1".repeat(terms - 1);
    }

    private static WireResponse query(String sql) throws IOException {
        String owner = emulator.hub().registry().policy(TwinkitEmulator.OWNER_POLICY).orElseThrow().primaryKey();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", SharedAccessSignature.create(owner, "localhost", Instant.now().getEpochSecond() + 3600,
                TwinkitEmulator.OWNER_POLICY));
        headers.put("Content-Type", "application/json; charset=utf-8");
        String body = "{\"query\":\"" + sql.replace("'", "\\u0027") + "\"}";
        try (RawTlsClient client = new RawTlsClient(emulator.clientSslContext(),
                emulator.httpsPort())) {
            client.send(WireRequests.format("POST", "/devices/query" + API, headers, body));
            return client.readOne();
        }
    }

    @Test
    void aChainTooLongIs400WithThePositionAndTheHubStillServes() throws IOException {
        // 3,000 terms as in the issue, and the most that fit in the 8,192 characters of a query
        int longest = (8_192 - PREFIX.length() + 1) / 2;
        long refusedMillis = 0;
        for (int terms : new int[] {3_000, longest}) {
            long started = System.nanoTime();
            WireResponse refused = query(PREFIX + chain(terms));
            refusedMillis = Math.max(refusedMillis, (System.nanoTime() - started) / 1_000_000);
            String message = refused.assertError(400, 400004);
            // the 257th '+' is the first that nests deeper than 256 levels
            int position = PREFIX.length() + 1 + 2 * 256;
            assertThat(message).contains("at most 256 levels of nesting").contains("at position " + position)
                    .contains("found '+' nested deeper");
        }

        // the longest chain within the limit: folded into 257 once, not added up for every twin
        long started = System.nanoTime();
        WireResponse within = query(PREFIX + chain(257));
        long withinMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(within.status()).as(within.body()).isEqualTo(200);
        assertThat(within.json().asArray().size()).isOne();
        assertThat(within.json().asArray().get(0).asObject().get("deviceId").orElseThrow())
                .isEqualTo(JsonString.of(String.format("chain-%06d", 257)));

        WireResponse after = query("SELECT COUNT() AS n FROM devices");
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().asArray().get(0).asObject().get("n").orElseThrow().asNumber().longValue())
                .isEqualTo(TWINS);
        Figures.write("query-operator-chain", JsonObject.builder()
                .put("twins", TWINS)
                .put("refusedTerms", longest)
                .put("refusedMillis", refusedMillis)
                .put("withinTerms", 257)
                .put("withinMillis", withinMillis)
                .build());
    }
}
