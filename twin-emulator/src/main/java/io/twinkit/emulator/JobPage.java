package io.twinkit.emulator;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a job listing ({@link JobService#query}), as {@code GET /jobs/v2/query} answers it: the jobs, and when
 * more remain the continuation token ({@code x-ms-continuation}) that asks for the next page.
 *
 * @param jobs the jobs of the page, oldest first
 * @param continuation the token of the next page, or {@code null} on the last page
 */
public record JobPage(List<HubJob> jobs, @Nullable String continuation) {

    /**
     * Creates a page.
     *
     * @throws IllegalArgumentException if {@code continuation} is blank
     */
    public JobPage {
        jobs = List.copyOf(jobs);
        if (continuation != null && continuation.isBlank()) {
            throw new IllegalArgumentException("a continuation token must not be blank; use null on the last page");
        }
    }

    /** Returns the token of the next page, absent on the last page. */
    public Optional<String> nextContinuation() {
        return Optional.ofNullable(continuation);
    }

    /** Returns whether more pages follow. */
    public boolean hasMore() {
        return continuation != null;
    }
}
