package ma.amo.common;

import ma.amo.common.fs.LocalFileSystemWithoutForks;
import ma.amo.common.fs.LocalFsWithoutForks;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The warehouse's files through Hadoop's file system API, so that a warehouse on HDFS or S3 is read and written
 * like a local one. The configuration is the running Spark session's (its {@code spark.hadoop.*} settings:
 * credentials, endpoints), or, before Spark starts (a command's audit record), the same settings read from the
 * JVM's system properties, where {@code AMO_JAVA_OPTS} and spark-submit put them.
 */
public final class HadoopFiles {
    private static final String SPARK_HADOOP = "spark.hadoop.";

    private HadoopFiles() {
    }

    public static Configuration configuration() {
        scala.Option<SparkSession> session = SparkSession.getDefaultSession();
        if (session.isDefined()) {
            return new Configuration(session.get().sparkContext().hadoopConfiguration());
        }
        Configuration conf = new Configuration();
        conf.set("fs.file.impl", LocalFileSystemWithoutForks.class.getName());
        conf.set("fs.AbstractFileSystem.file.impl", LocalFsWithoutForks.class.getName());
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith(SPARK_HADOOP)) {
                conf.set(key.substring(SPARK_HADOOP.length()), String.valueOf(e.getValue()));
            }
        }
        return conf;
    }

    public static FileSystem fileSystem(String location) {
        Path path = new Path(location);
        try {
            return path.getFileSystem(configuration());
        } catch (org.apache.hadoop.fs.UnsupportedFileSystemException e) {
            throw noFileSystem(path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + location, e);
        } catch (RuntimeException e) { // Hadoop names a connector whose jar is absent (s3a without hadoop-aws)
            if (e.getCause() instanceof ClassNotFoundException) {
                throw noFileSystem(path, e);
            }
            throw e;
        }
    }

    private static IllegalArgumentException noFileSystem(Path path, Exception cause) {
        String scheme = path.toUri().getScheme();
        return new IllegalArgumentException("no Hadoop file system for the scheme '" + scheme + "' of " + path
                + (scheme != null && scheme.startsWith("s3") ? ": add hadoop-aws and the AWS SDK bundle to the class"
                + " path (AMO_CLASSPATH, or spark-submit --packages)" : ": add its connector to the class path (AMO_CLASSPATH)")
                + "; see README, Where the data lives", cause);
    }

    public static boolean isDirectory(FileSystem fs, Path path) {
        try {
            return fs.getFileStatus(path).isDirectory();
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The entries of a folder, by name; none when it does not exist. */
    public static List<FileStatus> list(FileSystem fs, Path folder) {
        try {
            return java.util.Arrays.stream(fs.listStatus(folder))
                    .sorted(java.util.Comparator.comparing(s -> s.getPath().getName())).toList();
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** Every file below a folder (recursively), by path; none when it does not exist. */
    public static List<FileStatus> files(FileSystem fs, Path folder) {
        List<FileStatus> out = new java.util.ArrayList<>();
        try {
            var it = fs.listFiles(folder, true);
            while (it.hasNext()) {
                out.add(it.next());
            }
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        out.sort(java.util.Comparator.comparing(s -> s.getPath().toString()));
        return out;
    }

    /**
     * Writes a small file whole or not at all: to a hidden temporary name beside it, then renamed over it (atomic
     * on local disks and HDFS; on S3 the rename is a copy, and readers skip the hidden name meanwhile).
     */
    public static void replace(Path file, byte[] bytes) throws IOException {
        URI uri = file.toUri();
        FileContext fc = FileContext.getFileContext(uri, configuration());
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (FSDataOutputStream out = fc.create(tmp, EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
                Options.CreateOpts.createParent())) {
            out.write(bytes);
        }
        fc.rename(tmp, file, Options.Rename.OVERWRITE);
    }
}
