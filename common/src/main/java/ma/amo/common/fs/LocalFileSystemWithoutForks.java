package ma.amo.common.fs;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

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
        /** A sticky bit (java.nio cannot set one) and a file system without POSIX modes go to the stock {@code chmod}. */
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (permission.getStickyBit()) {
                super.setPermission(p, permission);
                return;
            }
            String symbols = permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
                    + permission.getOtherAction().SYMBOL;
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(symbols));
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
    }
}
