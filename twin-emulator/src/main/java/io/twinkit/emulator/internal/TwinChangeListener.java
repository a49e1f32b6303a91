package io.twinkit.emulator.internal;

import io.twinkit.core.TwinDocument;
import io.twinkit.emulator.TwinKey;
import org.jspecify.annotations.Nullable;

/** Receives every committed twin change; state null means the twin was deleted. */
public interface TwinChangeListener {

    void twinChanged(TwinKey key, @Nullable TwinDocument state);
}
