package io.twinkit.emulator.internal.store;

import io.twinkit.emulator.HubStorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The commit marker {@code hub.commit} beside the store file: one line naming the store (a random id kept in the
 * store as well) and its last commit, with a CRC32C of the line. It lives outside MVStore's chain of chunks, so a
 * store that lost its newest chunks (MVStore then silently opens the last complete one) is caught by a counter
 * behind the marker's.
 *
 * <p>{@link #write} overwrites the line in place after the store's own sync, without syncing the marker: a process
 * kill loses nothing that was written, and a power cut can only leave the marker behind the store, never ahead of
 * it, so it never reports a loss that did not happen. {@link #force} syncs it when the store closes. Not
 * thread-safe: the store calls it under its lock.
 */
final class CommitMarker implements AutoCloseable {

    /** The file in the data directory that holds the marker. */
    static final String FILE_NAME = "hub.commit";

    private static final String MAGIC = "twinkit-hub-commit";
    private static final int LENGTH = MAGIC.length() + 1 + 16 + 1 + 19 + 1 + 8 + 1;

    /** What the marker records: the id of its store and the store's last commit. */
    record State(long storeId, long commit) {
    }

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(LENGTH);

    private CommitMarker(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Returns what the marker {@code file} records, or empty if there is no marker.
     *
     * @throws HubStorageException if it cannot be read or fails its check, naming the file and what is wrong
     */
    static Optional<State> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HubStorageException("commit marker " + file + " cannot be read: " + e, e);
        }
        String line = new String(bytes, StandardCharsets.ISO_8859_1);
        String[] parts = line.length() == LENGTH && line.endsWith("\n") ? line.strip().split(" ") : new String[0];
        try {
            if (parts.length == 4 && parts[0].equals(MAGIC)
                    && Integer.parseUnsignedInt(parts[3], 16) == crc(line.substring(0, line.lastIndexOf(' ')))) {
                return Optional.of(new State(Long.parseUnsignedLong(parts[1], 16), Long.parseLong(parts[2])));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HubStorageException("commit marker " + file + " is damaged: its " + bytes.length + " byte(s) are"
                + " not the one line with a valid check it holds");
    }

    /**
     * Opens (or creates, owner-only) the marker {@code file} for writing.
     *
     * @throws HubStorageException if it cannot be opened
     */
    static CommitMarker open(Path file) {
        try {
            boolean created = !Files.exists(file);
            if (created) {
                MvStoreFiles.createOwnerOnlyFile(file);
            } else {
                MvStoreFiles.restrictToOwner(file);
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
            if (channel.size() > LENGTH) {
                channel.truncate(LENGTH);
            }
            if (created) {
                MvStoreFiles.syncDirectory(file.getParent());
            }
            return new CommitMarker(file, channel);
        } catch (IOException e) {
            throw new HubStorageException("commit marker " + file + " cannot be opened: " + e, e);
        }
    }

    /**
     * Records {@code commit} as the last commit of store {@code storeId}, without syncing.
     *
     * @throws IOException if it cannot be written
     */
    void write(long storeId, long commit) throws IOException {
        buffer.clear();
        buffer.put(MAGIC.getBytes(StandardCharsets.ISO_8859_1)).put((byte) ' ');
        digits(Long.toHexString(storeId), 16);
        buffer.put((byte) ' ');
        digits(Long.toString(commit), 19);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.put((byte) ' ');
        digits(Integer.toHexString((int) crc.getValue()), 8);
        buffer.put((byte) '\n').flip();
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }

    /** Puts {@code digits} into the buffer, right-aligned in {@code width} with leading zeros. */
    private void digits(String digits, int width) {
        for (int i = digits.length(); i < width; i++) {
            buffer.put((byte) '0');
        }
        buffer.put(digits.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Syncs the marker to the disk.
     *
     * @throws IOException if it cannot be synced
     */
    void force() throws IOException {
        channel.force(false);
    }

    /** Closes the file. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Returns a text naming the file. */
    @Override
    public String toString() {
        return "CommitMarker[" + file + "]";
    }

    private static int crc(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.ISO_8859_1));
        return (int) crc.getValue();
    }
}
