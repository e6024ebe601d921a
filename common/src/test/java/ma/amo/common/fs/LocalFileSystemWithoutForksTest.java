package ma.amo.common.fs;

import ma.amo.common.testing.TestSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFileSystemWithoutForksTest {
    @TempDir
    java.nio.file.Path dir;

    /** The session's Hadoop configuration, as Spark's writers and Delta's log store get it. */
    private static Configuration sessionConf() {
        return TestSpark.get().sparkContext().hadoopConfiguration();
    }

    @Test
    void theSessionUsesItForBothHadoopApis() throws Exception {
        Path root = new Path(dir.toUri());
        assertThat(FileSystem.get(root.toUri(), sessionConf())).isInstanceOf(LocalFileSystemWithoutForks.class);
        assertThat(FileContext.getFileContext(root.toUri(), sessionConf()).getDefaultFileSystem())
                .isInstanceOf(LocalFsWithoutForks.class);
    }

    @Test
    void filesAndFoldersGetTheModesAsked() throws Exception {
        FileSystem fs = FileSystem.get(dir.toUri(), sessionConf());
        Path folder = new Path(dir.toUri().toString(), "a/b");
        assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
        Path file = new Path(folder, "f.txt");
        try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
            out.write("x".getBytes(StandardCharsets.UTF_8));
        }
        java.nio.file.Path local = dir.resolve("a/b/f.txt");
        // Hadoop's umask (fs.permissions.umask-mode, 022 by default) applies, as with its stock chmod
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b")))).isEqualTo("rwxr-x---");
        fs.setPermission(file, new FsPermission((short) 0604));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rw----r--");
        assertThat(Files.exists(dir.resolve("a/b/.f.txt.crc"))).as("still checksummed").isTrue();
        fs.setPermission(folder, new FsPermission((short) 01770)); // java.nio has no sticky bit: Hadoop's chmod sets it
        assertThat(fs.getFileStatus(folder).getPermission()).isEqualTo(new FsPermission((short) 01770));
    }

    @Test
    void linkStatusOfPlainFilesAndSymbolicLinksAndRenameThroughFileContext() throws Exception {
        FileContext fc = FileContext.getFileContext(dir.toUri(), sessionConf());
        java.nio.file.Path target = Files.writeString(dir.resolve("target.txt"), "t");
        java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
        // what Hadoop's own local file system answers, through the same API
        Configuration stock = new Configuration(false);
        stock.set("fs.AbstractFileSystem.file.impl", "org.apache.hadoop.fs.local.LocalFs");
        stock.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        FileContext hadoops = FileContext.getFileContext(dir.toUri(), stock);
        for (java.nio.file.Path p : java.util.List.of(target, link, dir)) {
            FileStatus ours = fc.getFileLinkStatus(new Path(p.toUri()));
            FileStatus theirs = hadoops.getFileLinkStatus(new Path(p.toUri()));
            assertThat(ours).as(p.toString()).isEqualTo(theirs);
            assertThat(ours.isSymlink()).isEqualTo(theirs.isSymlink());
            assertThat(ours.isDirectory()).isEqualTo(theirs.isDirectory());
            assertThat(ours.getLen()).isEqualTo(theirs.getLen());
            assertThat(ours.getModificationTime()).isEqualTo(theirs.getModificationTime());
        }
        assertThatThrownBy(() -> fc.getFileLinkStatus(new Path(dir.resolve("absent").toUri())))
                .isInstanceOf(java.io.FileNotFoundException.class);

        // what Delta's log store does with each commit: write a temporary file, rename it into place, never over one
        Path tmp = new Path(dir.resolve(".00000.json.tmp").toUri());
        try (FSDataOutputStream out = fc.create(tmp, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        Path commit = new Path(dir.resolve("00000.json").toUri());
        fc.rename(tmp, commit, Options.Rename.NONE);
        assertThat(Files.readString(dir.resolve("00000.json"))).isEqualTo("{}");
        Path again = new Path(dir.resolve(".again.tmp").toUri());
        fc.create(again, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE)).close();
        assertThatThrownBy(() -> fc.rename(again, commit, Options.Rename.NONE))
                .isInstanceOf(org.apache.hadoop.fs.FileAlreadyExistsException.class);
    }
}
