package dev.tracestore.core.log;

import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The owner-only modes of what the span log creates: files hold trace data, which may be sensitive. Only where the
 * file system supports POSIX permissions; elsewhere files get the platform's defaults.
 */
final class FilePermissions {

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private FilePermissions() {
    }

    /** @return {@code rw-------} for a file created at {@code path}, or nothing where POSIX modes are unknown */
    static FileAttribute<?>[] ownerOnlyFile(Path path) {
        return ownerOnly(path, OWNER_ONLY_FILE);
    }

    /** @return {@code rwx------} for a directory created at {@code path}, or nothing where POSIX modes are unknown */
    static FileAttribute<?>[] ownerOnlyDirectory(Path path) {
        return ownerOnly(path, OWNER_ONLY_DIRECTORY);
    }

    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
