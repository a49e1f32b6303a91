package io.twinkit.emulator.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Damage done to a closed store file, as a failing disk or a careless hand would: cuts and changed bytes. */
public final class StoreFileSurgery {

    private StoreFileSurgery() {
    }

    /** Cuts the last {@code bytes} bytes off {@code file}. */
    public static void cut(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = channel.size();
            assertThat(size).as("the size of %s", file).isGreaterThan(bytes);
            channel.truncate(size - bytes);
        }
    }

    /**
     * Replaces every occurrence of the ASCII text {@code from} in {@code file} by {@code to}, which has the same
     * length, and returns how many there were; at least one must be.
     */
    public static int replace(Path file, String from, String to) throws IOException {
        byte[] find = from.getBytes(StandardCharsets.US_ASCII);
        byte[] put = to.getBytes(StandardCharsets.US_ASCII);
        assertThat(put).as("the replacement of '%s'", from).hasSameSizeAs(find);
        byte[] bytes = Files.readAllBytes(file);
        int found = 0;
        for (int i = 0; i + find.length <= bytes.length; i++) {
            int j = 0;
            while (j < find.length && bytes[i + j] == find[j]) {
                j++;
            }
            if (j == find.length) {
                System.arraycopy(put, 0, bytes, i, put.length);
                found++;
            }
        }
        assertThat(found).as("occurrences of '%s' in %s", from, file).isPositive();
        Files.write(file, bytes);
        return found;
    }
}
