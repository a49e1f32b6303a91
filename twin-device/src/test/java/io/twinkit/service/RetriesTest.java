package io.twinkit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinkit.core.error.IotHubErrorCode;
import io.twinkit.core.error.PreconditionFailedException;
import io.twinkit.core.error.ServiceException;
import io.twinkit.core.error.TwinNotFoundException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {

    private static final RetryOptions QUICK = new RetryOptions(3, Duration.ZERO, Duration.ZERO);

    private static ServiceException answer(int status) {
        IotHubErrorCode code = switch (status) {
            case 429 -> IotHubErrorCode.THROTTLING_EXCEPTION;
            case 503 -> IotHubErrorCode.SERVICE_UNAVAILABLE;
            case 400 -> IotHubErrorCode.ARGUMENT_INVALID;
            default -> IotHubErrorCode.SERVER_ERROR;
        };
        return new ServiceException(code, status * 1000 + 1, status, "HTTP " + status, null);
    }

    @Test
    void throttlingAndServerSideTroublesAreTransientAndAnswersAboutTheRequestAreNot() {
        for (int status : new int[] {429, 500, 502, 503, 504}) {
            assertThat(Retries.isTransient(answer(status))).as("HTTP %d", status).isTrue();
        }
        for (int status : new int[] {400, 401, 403, 409, 413}) {
            assertThat(Retries.isTransient(answer(status))).as("HTTP %d", status).isFalse();
        }
        assertThat(Retries.isTransient(new PreconditionFailedException("etag moved"))).isFalse();
        assertThat(Retries.isTransient(new TwinNotFoundException(IotHubErrorCode.DEVICE_NOT_FOUND, 404001, "gone",
                new RuntimeException()))).isFalse();
    }

    @Test
    void aTransientFailureIsRetriedUntilTheCallSucceeds() {
        AtomicInteger calls = new AtomicInteger();

        String result = Retries.idempotent(() -> {
            if (calls.incrementAndGet() < 3) {
                throw answer(calls.get() == 1 ? 429 : 503);
            }
            return "read";
        }, QUICK);

        assertThat(result).isEqualTo("read");
        assertThat(calls).hasValue(3);
    }

    @Test
    void theAttemptsAreBoundedAndTheLastFailureIsThrown() {
        AtomicInteger calls = new AtomicInteger();
        int[] statuses = {429, 502, 503};

        assertThatThrownBy(() -> Retries.idempotent(() -> {
            throw answer(statuses[calls.getAndIncrement()]);
        }, QUICK)).isInstanceOf(ServiceException.class).hasMessage("HTTP 503");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aFinalAnswerIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> Retries.idempotent(() -> {
            calls.incrementAndGet();
            throw answer(400);
        }, QUICK)).isInstanceOf(ServiceException.class).hasMessage("HTTP 400");
        assertThat(calls).hasValue(1);
    }
}
