package io.twinkit.emulator.internal;

import io.twinkit.emulator.HubStorageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Opens the data directory and its MVStore file, turning every failure into a {@link HubStorageException} that names
 * the path and the reason.
 */
final class MvStoreFiles {

    /** The file in the data directory that holds the hub. */
    static final String FILE_NAME = "hub.mv.db";

    private MvStoreFiles() {
    }

    /** Creates {@code dataDirectory} if needed and returns its real path. */
    static Path createDirectory(Path dataDirectory) {
        try {
            Path real = Files.createDirectories(dataDirectory.toAbsolutePath().normalize()).toRealPath();
            if (!Files.isWritable(real)) {
                throw new HubStorageException("data directory " + dataDirectory + " is not writable");
            }
            return real;
        } catch (FileAlreadyExistsException e) {
            throw failure("data directory " + dataDirectory + " cannot be created: " + e.getFile()
                    + " exists and is not a directory", e);
        } catch (AccessDeniedException e) {
            throw failure("data directory " + dataDirectory + " cannot be created: permission denied on "
                    + e.getFile(), e);
        } catch (IOException | SecurityException e) {
            throw failure("data directory " + dataDirectory + " cannot be created: " + reason(e), e);
        }
    }

    /**
     * Opens (or creates) the store file with auto-commit off, both by time and by unsaved memory: a batch must reach
     * the file in one piece or not at all.
     *
     * @param fileSystemPrefix an H2 file system scheme such as {@code "memFS:"}, or empty for the disk
     */
    static MVStore openStore(Path file, String fileSystemPrefix) {
        MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(fileSystemPrefix + file)
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0)
                    .open();
        } catch (MVStoreException e) {
            int code = e.getErrorCode();
            if (code == DataUtils.ERROR_FILE_LOCKED) {
                throw failure("hub store " + file + " is in use by another process (its file lock is held); stop"
                        + " that hub or use another data directory", e);
            }
            if (code == DataUtils.ERROR_FILE_CORRUPT || code == DataUtils.ERROR_UNSUPPORTED_FORMAT
                    || code == DataUtils.ERROR_CHUNK_NOT_FOUND || code == DataUtils.ERROR_BLOCK_NOT_FOUND) {
                throw failure("hub store " + file + " is corrupt or not an MVStore file: " + reason(e), e);
            }
            throw failure("hub store " + file + " cannot be opened: " + reason(e), e);
        } catch (RuntimeException e) {
            throw failure("hub store " + file + " cannot be opened: " + reason(e), e);
        }
        if (store.isReadOnly()) {
            store.closeImmediately();
            throw new HubStorageException("hub store " + file + " is read-only; the hub needs to write it");
        }
        return store;
    }

    /** Returns a {@link HubStorageException} with {@code cause}. */
    static HubStorageException failure(String message, Throwable cause) {
        return new HubStorageException(message, cause);
    }

    /** Returns why {@code e} happened, in words: its message and that of its cause. */
    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message;
    }
}
