package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import io.twinkit.emulator.AccessRight;
import org.junit.jupiter.api.Test;

/** Which requests are job calls, with which job id and right. */
class JobCallTest {

    @Test
    void theJobResourcesResolveWithTheirRights() {
        assertThat(JobCall.resolve(HttpMethod.PUT, null, "/jobs/v2/j-1?api-version=2021-04-12"))
                .isEqualTo(new JobCall(JobCall.Operation.SCHEDULE, "j-1"));
        assertThat(JobCall.resolve(HttpMethod.GET, null, "/jobs/v2/j-1")).isEqualTo(new JobCall(JobCall.Operation.GET,
                "j-1"));
        assertThat(JobCall.resolve(HttpMethod.POST, null, "/jobs/v2/j-1/cancel?api-version=2021-04-12"))
                .isEqualTo(new JobCall(JobCall.Operation.CANCEL, "j-1"));
        assertThat(JobCall.resolve(HttpMethod.GET, null, "/jobs/v2/query?jobType=scheduleUpdateTwin"))
                .isEqualTo(new JobCall(JobCall.Operation.QUERY, null));
        assertThat(JobCall.resolve(HttpMethod.GET, null, "https://localhost:8443/jobs/v2/j%2D2"))
                .isEqualTo(new JobCall(JobCall.Operation.GET, "j-2"));
        assertThat(JobCall.Operation.SCHEDULE.right()).isEqualTo(AccessRight.REGISTRY_WRITE);
        assertThat(JobCall.Operation.CANCEL.right()).isEqualTo(AccessRight.REGISTRY_WRITE);
        assertThat(JobCall.Operation.GET.right()).isEqualTo(AccessRight.REGISTRY_READ);
        assertThat(JobCall.Operation.QUERY.right()).isEqualTo(AccessRight.REGISTRY_READ);
    }

    @Test
    void aPostWithAMethodOverrideIsTheMethodItNames() {
        assertThat(JobCall.resolve(HttpMethod.POST, "put", "/jobs/v2/j-1")).isEqualTo(new JobCall(
                JobCall.Operation.SCHEDULE, "j-1"));
    }

    @Test
    void otherPathsAreNotJobCallsAndOtherMethodsAre405() {
        assertThat(JobCall.resolve(HttpMethod.GET, null, "/jobs/v2")).isNull();
        assertThat(JobCall.resolve(HttpMethod.GET, null, "/jobs/v2/")).isNull();
        assertThat(JobCall.resolve(HttpMethod.GET, null, "/jobs/v2/a/b/c")).isNull();
        assertThat(JobCall.resolve(HttpMethod.POST, null, "/jobs/create")).isNull();
        assertThat(JobCall.resolve(HttpMethod.GET, null, "/twins/d1")).isNull();
        assertThatThrownBy(() -> JobCall.resolve(HttpMethod.DELETE, null, "/jobs/v2/j-1"))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.status()).isEqualTo(405));
        assertThatThrownBy(() -> JobCall.resolve(HttpMethod.PUT, null, "/jobs/v2/j-1/cancel"))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.status()).isEqualTo(405));
        assertThatThrownBy(() -> JobCall.resolve(HttpMethod.GET, null, "/jobs/v2/%FF"))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
