package io.twinkit.service;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which jobs {@link TwinJobClient#query(TwinJobFilter)} lists: of one type, in one status, both, or all
 * ({@code GET /jobs/v2/query?jobType=…&jobStatus=…}).
 *
 * <pre>{@code
 * TwinJobFilter.all().type(TwinJobType.SCHEDULE_UPDATE_TWIN).status(TwinJobStatus.RUNNING)
 * }</pre>
 *
 * <p>Immutable and thread-safe; the methods that configure return new filters.
 */
public final class TwinJobFilter {

    private static final TwinJobFilter ALL = new TwinJobFilter(null, null);

    private final @Nullable TwinJobType type;
    private final @Nullable TwinJobStatus status;

    private TwinJobFilter(@Nullable TwinJobType type, @Nullable TwinJobStatus status) {
        this.type = type;
        this.status = status;
    }

    /** Returns the filter that lets every job through. */
    public static TwinJobFilter all() {
        return ALL;
    }

    /**
     * Returns this filter, keeping only jobs of {@code type}.
     *
     * @param type the type the jobs must have
     * @return the filter
     */
    public TwinJobFilter type(TwinJobType type) {
        return new TwinJobFilter(Objects.requireNonNull(type, "type"), status);
    }

    /**
     * Returns this filter, keeping only jobs in {@code status}.
     *
     * @param status the status the jobs must be in
     * @return the filter
     */
    public TwinJobFilter status(TwinJobStatus status) {
        return new TwinJobFilter(type, Objects.requireNonNull(status, "status"));
    }

    /** Returns the type the jobs must have, or empty for any. */
    public Optional<TwinJobType> type() {
        return Optional.ofNullable(type);
    }

    /** Returns the status the jobs must be in, or empty for any. */
    public Optional<TwinJobStatus> status() {
        return Optional.ofNullable(status);
    }

    @Override
    public boolean equals(@Nullable Object obj) {
        return obj instanceof TwinJobFilter other && type == other.type && status == other.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status);
    }

    @Override
    public String toString() {
        return "TwinJobFilter[type=" + (type == null ? "any" : type) + ", status=" + (status == null ? "any" : status)
                + "]";
    }
}
