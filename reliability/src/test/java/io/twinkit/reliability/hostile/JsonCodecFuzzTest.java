package io.twinkit.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.error.TwinJsonException;
import io.twinkit.core.json.JsonValue;
import io.twinkit.reliability.support.Bounded;
import io.twinkit.reliability.support.Mutator;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The JSON codec under hostile input: random bytes, mutations of well-formed documents, and deep or huge structures.
 * Reading gives a value or a {@link TwinJsonException}, never another exception or a hang; a value read writes back
 * to text that reads as the same value. Tries per property: {@code jqwik.tries.default} (the build's
 * {@code reliability.tries}).
 */
class JsonCodecFuzzTest {

    private static final FuzzCounts COUNTS = new FuzzCounts("json");

    @AfterContainer
    static void writeFigures() {
        COUNTS.write();
    }

    @Provide
    Arbitrary<String> documents() {
        return JsonArbitraries.values(4).map(JsonValue::toString);
    }

    @Property
    void randomBytesReadAsAValueOrAFormatError(@ForAll @Size(max = 600) byte[] bytes) throws Exception {
        readEverySway("random-bytes", bytes);
    }

    @Property
    void mutatedDocumentsReadAsAValueOrAFormatError(@ForAll("documents") String document, @ForAll long seed)
            throws Exception {
        byte[] mutated = new Mutator(seed).mutate(document.getBytes(StandardCharsets.UTF_8), Mutator.JSON_TOKENS);
        readEverySway("mutated-documents", mutated);
    }

    @Example
    void deepAndHugeInputIsAFormatErrorOrAValueNeverAStackOverflow() throws Exception {
        readEverySway("deep", "[".repeat(200_000).getBytes(StandardCharsets.UTF_8));
        readEverySway("deep", "{\"a\":".repeat(200_000).getBytes(StandardCharsets.UTF_8));
        readEverySway("deep", ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
        readEverySway("huge", ("1".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        readEverySway("huge", ("\"" + "x".repeat(2_000_000) + "\"").getBytes(StandardCharsets.UTF_8));
        readEverySway("huge", ("{" + "\"k\":1,".repeat(100_000) + "\"k\":1}").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@code input} as a value, an object, a twin and a patch; each must succeed or fail as a format error. */
    private static void readEverySway(String target, byte[] input) throws Exception {
        String outcome = Bounded.call(Bounded.TRY_LIMIT, () -> {
            String result = expectValueOrFormatError(() -> {
                JsonValue value = JsonValue.parse(input);
                String written = value.toString();
                assertThat(JsonValue.parse(written)).as("a value read from %s writes back as itself", written)
                        .isEqualTo(value);
            });
            expectValueOrFormatError(() -> JsonValue.parseObject(input));
            expectValueOrFormatError(() -> TwinDocument.fromJson(JsonValue.parseObject(input)));
            expectValueOrFormatError(() -> MergePatch.of(JsonValue.parseObject(input)));
            return result;
        });
        COUNTS.count(target, outcome);
    }

    private static String expectValueOrFormatError(Runnable read) {
        try {
            read.run();
            return "accepted";
        } catch (TwinJsonException e) {
            assertThat(e.errorCode().code()).isEqualTo(400006);
            return "rejected";
        } catch (RuntimeException | StackOverflowError e) {
            return fail("reading threw " + e + " instead of a TwinJsonException", e);
        }
    }
}
