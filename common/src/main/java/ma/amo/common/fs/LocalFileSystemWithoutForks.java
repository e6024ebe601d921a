package ma.amo.common.fs;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hadoop's checksummed local file system ({@code file:} paths, the default warehouse), with permissions set and
 * symbolic links read through Java's file API instead of a {@code chmod} or {@code readlink} process.
 *
 * <p>Without Hadoop's native library (not on Maven Central, so never on this platform's class path) the stock
 * {@code RawLocalFileSystem} starts a {@code chmod} process for every file and folder it creates, and a
 * {@code readlink} for both sides of every rename (each Delta commit renames its log entry into place): a build of
 * the test fixture started 598 processes, one at a time on the driver. The files, their modes and what a reader
 * sees are the same. {@link ma.amo.common.AmoSpark} sets it as {@code fs.file.impl}; {@link LocalFsWithoutForks} is the same for
 * Hadoop's FileContext API, through which Delta writes its log.
 */
public class LocalFileSystemWithoutForks extends LocalFileSystem {
    public LocalFileSystemWithoutForks() {
        super(new Raw());
    }

    /** The raw (unchecksummed) file system under both APIs. */
    public static class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            java.nio.file.Path file = pathToFile(p).toPath();
            try {
                Files.setPosixFilePermissions(file, posix(permission.toShort()));
            } catch (UnsupportedOperationException notPosix) {
                super.setPermission(p, permission);
            }
        }

        /** The stock method reads the link's target with a {@code readlink} process even for a plain file. */
        @Override
        public FileStatus getFileLinkStatus(Path f) throws IOException {
            if (Files.isSymbolicLink(pathToFile(f).toPath())) {
                return super.getFileLinkStatus(f);
            }
            return getFileStatus(f);
        }

        static Set<PosixFilePermission> posix(short mode) {
            Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
            // PosixFilePermission lists owner read/write/execute, group…, others… : bits 8 down to 0
            PosixFilePermission[] all = PosixFilePermission.values();
            for (int i = 0; i < all.length; i++) {
                if ((mode & (1 << (8 - i))) != 0) {
                    set.add(all[i]);
                }
            }
            return set;
        }
    }
}
