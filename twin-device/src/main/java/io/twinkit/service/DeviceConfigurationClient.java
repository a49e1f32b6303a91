package io.twinkit.service;

import io.twinkit.core.ETag;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinNotFoundException;
import io.twinkit.core.json.JsonObject;
import io.twinkit.service.internal.SdkConfigurations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Manages IoT Hub automatic device configurations for a {@link TwinServiceClient}
 * ({@link TwinServiceClient#configurations()}): create, read, update on condition of an etag, list and delete them,
 * and wait until one is applied.
 *
 * <pre>{@code
 * DeviceConfiguration created = backEnd.configurations().create(telemetry);
 * backEnd.configurations().update(created.toBuilder().priority(20).build(),
 *         UpdateOptions.defaults().ifMatch(created.etag().orElseThrow()));     // 412 if someone changed it since
 * backEnd.configurations().awaitApplied("telemetry-redmond43", 120, Duration.ofMinutes(10));
 * }</pre>
 *
 * <p><b>Retries.</b> Reads, lists, unconditional replacements and unconditional deletes are retried on throttling
 * (429) and transient errors (500, 502, 503, 504, a hub that cannot be reached), as the client's builder configures
 * ({@link TwinServiceClientBuilder#transientRetry(RetryOptions)}): repeating them ends in the same state (a delete
 * repeated after the first got through finds nothing, and counts as done). A creation is not repeated blindly: after a
 * transient error, or a 409 ({@code ConfigurationAlreadyExists}), the client reads the configuration of that id back;
 * if the hub holds one with the same writable fields (priority, labels, target condition, content, metric queries),
 * that one is the answer; otherwise the error stands, or, when the hub has none after a transient error, the creation
 * is sent again. Updates and deletes on condition of an etag are never retried: after the first got through, the etag
 * has changed and a second would fail; the read-modify-write form
 * {@link #update(String, Function, UpdateOptions)} starts over after a 412 instead.
 *
 * <p>IoT Hub computes the system metrics ({@link DeviceConfiguration#targetedCount()},
 * {@link DeviceConfiguration#appliedCount()}) and custom metric results in the background, every few minutes on a
 * real hub; waits should be long enough for that.
 *
 * <p>Immutable and thread-safe; it lives as long as its client and is closed with it.
 */
public final class DeviceConfigurationClient {

    /** How many configurations {@link #list()} asks for: more than a hub holds (it caps the answer at its maximum). */
    public static final int LIST_ALL = 1000;

    private static final String ANY = "*";
    /** The first pause between two reads of an awaited configuration; it doubles after each read. */
    private static final Duration FIRST_POLL = Duration.ofMillis(200);
    /** The longest pause between two reads of an awaited configuration: a hub throttles configuration reads. */
    private static final Duration MAX_POLL = Duration.ofSeconds(5);

    private final SdkConfigurations sdk;
    private final TwinServiceClient owner;
    private final RetryOptions retry;

    DeviceConfigurationClient(SdkConfigurations sdk, TwinServiceClient owner, RetryOptions retry) {
        this.sdk = sdk;
        this.owner = owner;
        this.retry = retry;
    }

    /**
     * Creates a configuration (a {@code PUT} without {@code If-Match}). Read-back fields of {@code configuration} (an
     * etag, metric results) are not sent.
     *
     * @param configuration the configuration
     * @return the configuration as the hub created it, with its etag
     * @throws ServiceException if the hub refuses it: 409 {@code ConfigurationAlreadyExists} when another
     *     configuration has the id, 400 for a target condition, content or metric it rejects, 413 when the hub holds
     *     as many configurations as it may
     * @throws IllegalStateException if the client is closed
     */
    public DeviceConfiguration create(DeviceConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        owner.checkOpen();
        String id = configuration.id();
        for (int attempt = 1;; attempt++) {
            try {
                return DeviceConfiguration.fromJson(sdk.put(id, configuration.toRequestJson(), null));
            } catch (ServiceException e) {
                boolean taken = e.httpStatus() == 409;
                if (!taken && !Retries.isTransient(e)) {
                    throw e;
                }
                Optional<DeviceConfiguration> existing = find(id);
                if (existing.isPresent()) {
                    if (existing.get().writesSameAs(configuration)) {
                        return existing.get();
                    }
                    throw e;
                }
                if (taken || attempt >= retry.maxAttempts()) {
                    throw e;
                }
                Waits.sleep(retry.delayAfter(attempt));
            }
        }
    }

    /**
     * Replaces a configuration with {@code configuration} (same id), only if it still has the etag of
     * {@link UpdateOptions#ifMatch(ETag)} when the options name one; else whatever version the hub has. One attempt
     * when conditional; retried on transient errors when not (the options' retry is not used).
     *
     * @param configuration the new version (read-back fields are not sent)
     * @param options the etag to match, if any
     * @return the configuration as the hub now has it, with its new etag
     * @throws PreconditionFailedException if the configuration's etag is no longer the one in {@code options}
     * @throws TwinNotFoundException if the hub has no configuration of that id ({@code ConfigurationNotFound})
     * @throws ServiceException for any other error answer (400 when the update changes the content, which the hub
     *     does not allow)
     * @throws IllegalStateException if the client is closed
     */
    public DeviceConfiguration update(DeviceConfiguration configuration, UpdateOptions options) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(options, "options");
        owner.checkOpen();
        JsonObject body = configuration.toRequestJson();
        Optional<ETag> etag = options.ifMatch();
        if (etag.isPresent()) {
            return DeviceConfiguration.fromJson(sdk.put(configuration.id(), body, etag.get().quoted()));
        }
        return DeviceConfiguration.fromJson(Retries.idempotent(() -> sdk.put(configuration.id(), body, ANY), retry));
    }

    /**
     * Reads the configuration, asks {@code change} for its new version and writes it on condition of the etag read,
     * starting over after a 412 until the options' {@link UpdateOptions#retry() retry} runs out of attempts.
     * {@code change} may run several times, so it should be a pure function of the configuration; typically it is
     * {@code current -> current.toBuilder()….build()}. When it returns a configuration with the same writable fields,
     * nothing is sent and the one read is returned.
     *
     * @param id the configuration's id
     * @param change computes the new version from the current one; it must keep the id
     * @param options the attempt limit and back-off; must not name an etag (each attempt uses the one it read)
     * @return the configuration as the hub now has it
     * @throws PreconditionFailedException if every attempt met a conflict
     * @throws TwinNotFoundException if the hub has no configuration of that id
     * @throws ServiceException for any other error answer
     * @throws IllegalArgumentException if {@code options} names an etag, or {@code change} changes the id
     * @throws IllegalStateException if the client is closed, or the configuration read has no etag
     */
    public DeviceConfiguration update(String id, Function<DeviceConfiguration, DeviceConfiguration> change,
            UpdateOptions options) {
        ResourceIds.check("configuration id", id);
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(options, "options");
        if (options.ifMatch().isPresent()) {
            throw new IllegalArgumentException("a read-modify-write of configuration '" + id + "' conditions each "
                    + "attempt on the etag it reads; options with ifMatch(" + options.ifMatch().get().value()
                    + ") would be ignored");
        }
        RetryOptions conflicts = options.retry();
        for (int attempt = 1;; attempt++) {
            DeviceConfiguration current = get(id);
            DeviceConfiguration next = Objects.requireNonNull(change.apply(current), "configuration returned by change");
            if (!next.id().equals(id)) {
                throw new IllegalArgumentException("the change of configuration '" + id + "' returned configuration '"
                        + next.id() + "'");
            }
            if (next.writesSameAs(current)) {
                return current;
            }
            ETag etag = current.etag().orElseThrow(() -> new IllegalStateException("configuration '" + id
                    + "' came back without an etag; a conditional update needs one"));
            try {
                return update(next, UpdateOptions.defaults().ifMatch(etag));
            } catch (PreconditionFailedException conflict) {
                if (attempt >= conflicts.maxAttempts()) {
                    throw conflict;
                }
                Waits.sleep(conflicts.delayAfter(attempt));
            }
        }
    }

    /**
     * Reads a configuration, with its system metrics, metric results and etag.
     *
     * @param id the configuration's id
     * @return the configuration
     * @throws TwinNotFoundException if the hub has no configuration of that id ({@code ConfigurationNotFound})
     * @throws ServiceException for any other error answer, after the retries transient errors get
     * @throws IllegalStateException if the client is closed
     */
    public DeviceConfiguration get(String id) {
        ResourceIds.check("configuration id", id);
        owner.checkOpen();
        return DeviceConfiguration.fromJson(Retries.idempotent(() -> sdk.get(id), retry));
    }

    /**
     * Lists the hub's configurations, as many as it holds (it serves no pages: {@value #LIST_ALL} are asked for).
     *
     * @return the configurations
     * @throws ServiceException if the hub answers with an error, after the retries transient errors get
     * @throws IllegalStateException if the client is closed
     */
    public List<DeviceConfiguration> list() {
        return list(LIST_ALL);
    }

    /**
     * Lists at most {@code top} of the hub's configurations.
     *
     * @param top how many to ask for, at least 1 (the hub may cap it)
     * @return the configurations
     * @throws IllegalArgumentException if {@code top} is under 1
     * @throws ServiceException if the hub answers with an error, after the retries transient errors get
     * @throws IllegalStateException if the client is closed
     */
    public List<DeviceConfiguration> list(int top) {
        if (top < 1) {
            throw new IllegalArgumentException("top " + top + " is under 1");
        }
        owner.checkOpen();
        return Retries.idempotent(() -> sdk.list(top), retry).stream().map(DeviceConfiguration::fromJson).toList();
    }

    /**
     * Deletes a configuration, whatever version the hub has; retried on transient errors. The twins it applied to
     * then take the next configuration that targets them.
     *
     * @param id the configuration's id
     * @throws TwinNotFoundException if the hub has no configuration of that id (unless the answer came to a retry:
     *     the configuration is gone, as asked)
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public void delete(String id) {
        delete(id, UpdateOptions.defaults());
    }

    /**
     * Deletes a configuration, only if it still has the etag of {@link UpdateOptions#ifMatch(ETag)} when the options
     * name one (one attempt); else whatever version the hub has (retried on transient errors).
     *
     * @param id the configuration's id
     * @param options the etag to match, if any
     * @throws PreconditionFailedException if the configuration's etag is no longer the one in {@code options}
     * @throws TwinNotFoundException if the hub has no configuration of that id
     * @throws ServiceException for any other error answer
     * @throws IllegalStateException if the client is closed
     */
    public void delete(String id, UpdateOptions options) {
        ResourceIds.check("configuration id", id);
        Objects.requireNonNull(options, "options");
        owner.checkOpen();
        Optional<ETag> etag = options.ifMatch();
        if (etag.isPresent()) {
            sdk.delete(id, etag.get().quoted());
            return;
        }
        int[] attempts = {0};
        try {
            Retries.idempotent(() -> {
                attempts[0]++;
                sdk.delete(id, ANY);
                return id;
            }, retry);
        } catch (TwinNotFoundException gone) {
            if (attempts[0] == 1) {
                throw gone;
            }
        }
    }

    /**
     * Polls the configuration until the hub counts at least {@code expectedCount} twins it has been applied to
     * ({@link DeviceConfiguration#appliedCount()}): reads it at once, again after 200 ms, then after twice as long as
     * the time before, at most every 5 s.
     *
     * @param id the configuration's id
     * @param expectedCount the applied count to reach
     * @param timeout how long to wait in all
     * @return the first configuration read with that many twins applied
     * @throws TwinTimeoutException if the count is still lower when the timeout has passed; names the last counts
     * @throws TwinNotFoundException if the hub has no configuration of that id
     * @throws ServiceException for any other error answer, after the retries transient errors get
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public DeviceConfiguration awaitApplied(String id, long expectedCount, Duration timeout) {
        return awaitApplied(id, configuration -> configuration.appliedCount() >= expectedCount, timeout);
    }

    /**
     * Polls the configuration until it satisfies {@code condition} (typically on its metrics), as
     * {@link #awaitApplied(String, long, Duration)} does.
     *
     * @param id the configuration's id
     * @param condition what the configuration must satisfy
     * @param timeout how long to wait in all
     * @return the first configuration read that satisfies the condition
     * @throws TwinTimeoutException if the condition still fails when the timeout has passed; names the last counts
     * @throws TwinNotFoundException if the hub has no configuration of that id
     * @throws ServiceException for any other error answer, after the retries transient errors get
     * @throws IllegalStateException if the client is closed or the waiting thread is interrupted
     */
    public DeviceConfiguration awaitApplied(String id, Predicate<DeviceConfiguration> condition, Duration timeout) {
        ResourceIds.check("configuration id", id);
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        return Waits.until(() -> get(id), timeout, condition, configuration -> "configuration '" + id
                + "' did not reach the expected state within " + timeout + "; last seen: targeted "
                + configuration.targetedCount() + ", applied " + configuration.appliedCount() + ", metrics "
                + configuration.metricResults(), Waits.doubling(FIRST_POLL, MAX_POLL));
    }

    @Override
    public String toString() {
        return "DeviceConfigurationClient[" + owner.hostName() + "]";
    }

    /** Reads the configuration of {@code id}, or empty when the hub has none; retried on transient errors. */
    private Optional<DeviceConfiguration> find(String id) {
        try {
            return Optional.of(get(id));
        } catch (TwinNotFoundException none) {
            return Optional.empty();
        }
    }
}
