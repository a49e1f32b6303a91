package io.twinkit.service;

import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.ETag;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TwinServiceClient} writes a twin: unconditionally or only while the twin still has a given etag
 * ({@link #ifMatch(ETag)}, sent as {@code If-Match}), and how patiently the read-modify-write form
 * {@link TwinServiceClient#update(io.twinkit.core.TwinKey, java.util.function.Function, UpdateOptions)} starts over
 * after a conflict ({@link #retry(RetryOptions)}).
 *
 * <p>The etag applies to the writes given a patch or a replacement: {@code update(key, patch, options)} and
 * {@code replace(key, tags, desired, options)}. The read-modify-write form conditions every attempt on the etag it has
 * just read, so it refuses options with an etag. The retry options apply to the read-modify-write form only; the other
 * writes make one attempt.
 *
 * <pre>{@code
 * backEnd.update(key, patch, UpdateOptions.defaults().ifMatch(twin.etag().orElseThrow()));
 * backEnd.update(key, twin -> change(twin), UpdateOptions.defaults().retry(RetryOptions.defaults().withMaxAttempts(9)));
 * }</pre>
 *
 * <p>Immutable and thread-safe; the methods that configure return new options.
 */
public final class UpdateOptions {

    private static final UpdateOptions DEFAULTS = new UpdateOptions(null, RetryOptions.defaults());

    private final @Nullable ETag ifMatch;
    private final RetryOptions retry;

    private UpdateOptions(@Nullable ETag ifMatch, RetryOptions retry) {
        this.ifMatch = ifMatch;
        this.retry = retry;
    }

    /**
     * Returns the defaults: no etag (an unconditional write) and {@link RetryOptions#defaults()} for the
     * read-modify-write form.
     */
    public static UpdateOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these options with the etag the twin must still have for the write to happen; the hub answers a
     * mismatch with 412, thrown as {@link io.twinkit.core.error.PreconditionFailedException}.
     *
     * @param etag the etag, as read from {@link io.twinkit.core.TwinDocument#etag()}
     * @return the options
     */
    public UpdateOptions ifMatch(ETag etag) {
        return new UpdateOptions(Objects.requireNonNull(etag, "etag"), retry);
    }

    /**
     * Returns these options without an etag: the write happens whatever the twin's etag.
     *
     * @return the options
     */
    public UpdateOptions unconditional() {
        return ifMatch == null ? this : new UpdateOptions(null, retry);
    }

    /**
     * Returns these options with another attempt limit and back-off for the read-modify-write form.
     *
     * @param retry the attempts in all and the waits after a conflict
     * @return the options
     */
    public UpdateOptions retry(RetryOptions retry) {
        return new UpdateOptions(ifMatch, Objects.requireNonNull(retry, "retry"));
    }

    /** Returns the etag the twin must still have, or empty for an unconditional write. */
    public Optional<ETag> ifMatch() {
        return Optional.ofNullable(ifMatch);
    }

    /** Returns the attempt limit and back-off of the read-modify-write form. */
    public RetryOptions retry() {
        return retry;
    }

    /** Returns the {@code If-Match} value to send: the quoted etag, or {@code null} for none. */
    @Nullable String ifMatchHeader() {
        return ifMatch == null ? null : ifMatch.quoted();
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof UpdateOptions other && Objects.equals(ifMatch, other.ifMatch)
                && retry.equals(other.retry);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ifMatch, retry);
    }

    @Override
    public String toString() {
        return "UpdateOptions[ifMatch=" + (ifMatch == null ? "none" : ifMatch.value()) + ", retry=" + retry + "]";
    }
}
