package io.twinkit.emulator.internal.store;

import io.twinkit.emulator.HubStorageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the data directory and its MVStore file, turning every failure into a {@link HubStorageException} that names
 * the path and the reason. What it creates is owner-only on a POSIX file system (directory {@code rwx------}, files
 * {@code rw-------}): the store holds every key in plain text. Elsewhere the file system's defaults apply.
 */
final class MvStoreFiles {

    /** The file in the data directory that holds the hub. */
    static final String FILE_NAME = "hub.mv.db";

    /** The directory of the emulator's TLS files ({@code security.CertificateFiles}): its presence means a hub ran. */
    static final String TLS_DIRECTORY = "tls";

    private static final Logger LOG = LoggerFactory.getLogger(MvStoreHubStorage.class);

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** What the store file is before it is opened. */
    enum FileState {
        /** There is no file. */
        ABSENT,
        /** There is a regular file of 0 bytes. */
        EMPTY,
        /** There is something else: a file with content, a link, a device. */
        PRESENT
    }

    private MvStoreFiles() {
    }

    /**
     * Creates {@code dataDirectory} if needed, owner-only, and returns its real path. A directory that exists is left
     * as it is, with a warning if other users may enter or change it.
     */
    static Path createDirectory(Path dataDirectory) {
        try {
            Path absolute = dataDirectory.toAbsolutePath().normalize();
            boolean posix = posix(absolute.getRoot());
            Path real = (posix ? Files.createDirectories(absolute, ownerOnly(OWNER_ONLY_DIRECTORY))
                    : Files.createDirectories(absolute)).toRealPath();
            if (!Files.isWritable(real)) {
                throw new HubStorageException("data directory " + dataDirectory + " is not writable");
            }
            if (posix) {
                Set<PosixFilePermission> open = EnumSet.copyOf(OTHERS);
                open.retainAll(Files.getPosixFilePermissions(real));
                if (!open.isEmpty()) {
                    LOG.warn("data directory {} is open to other users ({}); its secret files are owner-only, but"
                            + " chmod 700 it to keep others from listing or replacing them", real,
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
                }
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

    /** Returns what {@code file} is, without following a link. */
    static FileState state(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return FileState.ABSENT;
            }
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == 0 ? FileState.EMPTY
                    : FileState.PRESENT;
        } catch (IOException e) {
            throw failure("hub store " + file + " cannot be examined: " + reason(e), e);
        }
    }

    /**
     * Creates the store file owner-only if it is absent, or makes an existing regular file owner-only; a link (to a
     * device, say) is left alone.
     */
    static void prepareStoreFile(Path file) {
        try {
            if (state(file) == FileState.ABSENT) {
                createOwnerOnlyFile(file);
            } else {
                restrictToOwner(file);
            }
        } catch (IOException e) {
            throw failure("hub store " + file + " cannot be created owner-only: " + reason(e), e);
        }
    }

    /** Creates {@code file}, empty and owner-only where the file system has POSIX permissions. */
    static void createOwnerOnlyFile(Path file) throws IOException {
        if (posix(file)) {
            Files.createFile(file, ownerOnly(OWNER_ONLY_FILE));
        } else {
            Files.createFile(file);
        }
    }

    /** Takes every permission of others from {@code file} if it is a regular file on a POSIX file system. */
    static void restrictToOwner(Path file) throws IOException {
        if (posix(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (permissions.removeAll(OTHERS)) {
                Files.setPosixFilePermissions(file, permissions);
            }
        }
    }

    /** Syncs {@code directory}, so that a file just created in it survives a power cut; a no-op where unsupported. */
    static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some systems cannot open or sync a directory; the file's own sync is all there is then
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    /**
     * Opens (or creates) the store file with auto-commit off, both by time and by unsaved memory: a batch must reach
     * the file in one piece or not at all.
     *
     * @param fileSystemPrefix an H2 file system scheme such as {@code "memFS:"}, or empty for the disk
     * @param recovery whether to open in MVStore's recovery mode, which skips some damage instead of failing
     */
    static MVStore openStore(Path file, String fileSystemPrefix, boolean recovery) {
        MVStore store;
        try {
            MVStore.Builder builder = new MVStore.Builder()
                    .fileName(fileSystemPrefix + file)
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0);
            store = (recovery ? builder.recoveryMode() : builder).open();
        } catch (MVStoreException e) {
            int code = e.getErrorCode();
            if (code == DataUtils.ERROR_FILE_LOCKED) {
                throw failure("hub store " + file + " is in use by another process (its file lock is held); stop"
                        + " that hub or use another data directory", e);
            }
            if (code == DataUtils.ERROR_FILE_CORRUPT || code == DataUtils.ERROR_UNSUPPORTED_FORMAT
                    || code == DataUtils.ERROR_CHUNK_NOT_FOUND || code == DataUtils.ERROR_BLOCK_NOT_FOUND) {
                throw failure("hub store " + file + " is corrupt or not an MVStore file: " + reason(e)
                        + startOver(file.getParent()), e);
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

    /** Returns the end of a message about a damaged store: how to start again from nothing or from what is intact. */
    static String startOver(Path directory) {
        return ". To start over, delete the data directory " + directory + "; to start from what is intact instead,"
                + " start once with --recover-store (HubOptions.Builder.recoverStore), which reports what it drops";
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
