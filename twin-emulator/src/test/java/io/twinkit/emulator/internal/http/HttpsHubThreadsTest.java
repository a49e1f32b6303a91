package io.twinkit.emulator.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.emulator.HubOptions;
import io.twinkit.emulator.IotHub;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a data directory, HTTPS hub calls (whose writes wait for the store's group commit) run on many more threads than
 * in memory, so many connections' writes can wait for, and share, one commit.
 */
class HttpsHubThreadsTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aHubWithADataDirectoryAnswersOnMoreThreadsThanOneInMemory() {
        try (IotHub memory = IotHub.create()) {
            assertThat(HttpsServiceServer.hubThreads(memory)).isEqualTo(HttpsServiceServer.HUB_THREADS).isEqualTo(4);
        }
        try (IotHub durable = IotHub.create(HubOptions.builder().dataDirectory(dataDirectory).build())) {
            assertThat(HttpsServiceServer.hubThreads(durable)).isEqualTo(HttpsServiceServer.DURABLE_HUB_THREADS)
                    .isGreaterThanOrEqualTo(64);
        }
    }
}
