package io.twinkit.benchmarks;

import io.twinkit.benchmarks.TwinGenerator.Size;
import io.twinkit.core.MergePatch;
import io.twinkit.core.TwinDocument;
import io.twinkit.core.json.JsonObject;
import java.util.Objects;

/**
 * The desired properties of a {@link TwinGenerator} twin before and after a change (see
 * {@link DesiredChanges#next}), and the merge patch between them, as UTF-8 JSON: each library of the diff and apply
 * benchmarks parses its own trees from these bytes, so no library starts from shared instances.
 *
 * @param before the desired properties, version 1
 * @param after the desired properties, version 2
 * @param patch the merge patch from {@code before} to {@code after}
 */
public record DiffFixture(byte[] before, byte[] after, byte[] patch) {

    /** The seed of the change from version 1 to 2. */
    static final long CHANGE_SEED = 2;

    /** Checks the parts. */
    public DiffFixture {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(patch, "patch");
    }

    /** Returns the fixture of the twin of {@code size}. */
    public static DiffFixture of(Size size) {
        JsonObject v1 = TwinDocument.fromJson(TwinGenerator.twin(size)).desired().properties().toJson();
        JsonObject v2 = DesiredChanges.next(v1, CHANGE_SEED);
        return new DiffFixture(v1.toJsonBytes(), v2.toJsonBytes(),
                MergePatch.compute(v1, v2).toJson().toJsonBytes());
    }
}
