package ma.amo.bench;

import ma.amo.common.contract.Feed;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** What a user could do instead, or at least: the floors the platform's steps are measured against. */
final class Baselines {
    private static final int BUFFER = 1 << 20;

    private Baselines() {
    }

    /**
     * Reads every byte of the data files, one thread per core, and returns the byte count: the disk floor of
     * any ingestion (files just generated are likely in the page cache, so it is rather a memory floor).
     */
    static long rawRead(LandingFiles files) {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> reads = files.files().stream()
                    .map(f -> pool.submit(() -> readAll(f.path()))).toList();
            long total = 0;
            for (Future<Long> r : reads) {
                total += r.get();
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("raw read failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static long readAll(Path file) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        long total = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            int n;
            while ((n = ch.read(buffer)) >= 0) {
                total += n;
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    /**
     * Plain Spark: every CSV file of each feed read with its header, ';' separator and no type inference (all
     * columns strings), written as Parquet; one job per feed. The floor of ingesting with Spark: no checks,
     * no pseudonymisation, no Delta.
     */
    static void sparkCopy(SparkSession spark, LandingFiles files, Path out) {
        for (Feed feed : Feed.values()) {
            List<Path> paths = files.paths(feed.code());
            if (paths.isEmpty()) {
                continue;
            }
            String target = out.resolve(feed.code()).toString();
            spark.read().option("header", "true").option("sep", ";").option("inferSchema", "false")
                    .csv(paths.stream().map(Path::toString).toArray(String[]::new))
                    .write().mode("overwrite").parquet(target);
        }
    }

    /** Rows of the copy (from the Parquet footers), to check it is complete; not part of the timing. */
    static long copiedRows(SparkSession spark, LandingFiles files, Path out) {
        long rows = 0;
        for (Feed feed : Feed.values()) {
            if (!files.paths(feed.code()).isEmpty()) {
                rows += spark.read().parquet(out.resolve(feed.code()).toString()).count();
            }
        }
        return rows;
    }
}
