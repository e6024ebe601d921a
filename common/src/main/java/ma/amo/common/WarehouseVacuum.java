package ma.amo.common;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Removes the Delta files no longer needed, keeping every version of every table committed inside the retention
 * window (and its current version), so the reports of that window can still be reproduced with --as-of (Delta
 * time travel, which Delta 4 also refuses beyond a table's deletedFileRetentionDuration). For each table: first its {@code delta.logRetentionDuration} and {@code delta.deletedFileRetentionDuration}
 * are set to the window (only when they differ: one metadata commit the first time, none after), so Delta's own
 * log clean-up never drops history inside it; then {@code VACUUM}, which follows that setting. A dry run changes
 * nothing and lists what would go. The caller holds the {@link WarehouseLock}.
 *
 * <p>Delta 4 takes the window only from the table's deletedFileRetentionDuration (a VACUUM ... RETAIN other than 0
 * hours is ignored), counted back from the moment each table's VACUUM starts: a file goes when it was written and
 * removed from the table (or never part of it) before that instant. What went is the table's data files before
 * minus after. A dry run asks Delta's DRY RUN when the window already is the table's setting, and otherwise
 * applies the same rule to the table's log ({@link #preview}).
 */
public final class WarehouseVacuum {
    /** Years of history kept by default (amo vacuum --keep-years, and the setting of every new table). */
    public static final int DEFAULT_YEARS = 10;
    public static final String LOG_RETENTION = "delta.logRetentionDuration";
    public static final String DELETED_FILE_RETENTION = "delta.deletedFileRetentionDuration";
    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

    /** One data file VACUUM removed (or would remove): its path inside the table folder, its size. */
    public record RemovedFile(String path, long bytes) {
    }

    /** What happened to one table: the files removed and the retention properties set (empty when already set). */
    public record TableResult(String table, List<RemovedFile> files, Map<String, String> propertiesSet) {
        public long bytes() {
            return files.stream().mapToLong(RemovedFile::bytes).sum();
        }
    }

    private final SparkSession spark;
    private final Warehouse warehouse;

    public WarehouseVacuum(SparkSession spark, Warehouse warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    /** The window of {@code years} years: 366 days each, so that N calendar years always fit in it. */
    public static Duration years(int years) {
        if (years < 1) {
            throw new IllegalArgumentException("--keep-years must be 1 or more, not " + years);
        }
        return Duration.ofDays(366L * years);
    }

    /** Delta's text for a window: whole days when it is whole days (always, outside tests), else seconds. */
    static String interval(Duration window) {
        return window.equals(Duration.ofDays(window.toDays())) ? "interval " + window.toDays() + " days"
                : "interval " + Math.max(1, window.toSeconds()) + " seconds";
    }

    /** Vacuums every table of the warehouse, in name order; {@code progress} gets one line per table. */
    public List<TableResult> run(Duration window, boolean dryRun, Consumer<String> progress) {
        List<TableResult> results = new ArrayList<>();
        for (String table : warehouse.tables()) {
            TableResult result = vacuum(table, window, dryRun);
            progress.accept(table + ": " + result.files().size() + " files, " + result.bytes() + " bytes"
                    + (dryRun ? " would be removed" : " removed")
                    + (result.propertiesSet().isEmpty() ? "" : (dryRun ? "; would set " : "; set ") + result.propertiesSet()));
            results.add(result);
        }
        return results;
    }

    private TableResult vacuum(String table, Duration window, boolean dryRun) {
        String ref = "delta.`" + warehouse.tableUri(table).replace("`", "``") + "`";
        Map<String, String> wanted = new LinkedHashMap<>();
        String value = interval(window);
        Map<String, String> current = properties(ref);
        for (String key : List.of(LOG_RETENTION, DELETED_FILE_RETENTION)) {
            if (!value.equals(current.get(key))) {
                wanted.put(key, value);
            }
        }
        TableFiles dir = new TableFiles(warehouse.fileSystem(), new org.apache.hadoop.fs.Path(warehouse.tableUri(table)));
        if (dryRun) {
            // Delta's DRY RUN follows the table's setting; until the window is that setting, say what it would do
            List<RemovedFile> files = wanted.isEmpty() ? dir.sized(vacuumSql(ref, true, false))
                    : preview(dir, Instant.now().minus(window), vacuumSql(ref, true, true));
            return new TableResult(table, files, wanted);
        }
        if (!wanted.isEmpty()) {
            StringBuilder sql = new StringBuilder("ALTER TABLE " + ref + " SET TBLPROPERTIES (");
            wanted.forEach((k, v) -> sql.append(sql.charAt(sql.length() - 1) == '(' ? "" : ", ")
                    .append("'").append(k).append("' = '").append(v).append("'"));
            spark.sql(sql.append(")").toString());
        }
        if (vacuumSql(ref, true, false).isEmpty()) {
            return new TableResult(table, List.of(), wanted); // nothing to remove: no VACUUM, no commit
        }
        Map<String, Long> before = dir.dataFiles();
        vacuumSql(ref, false, false);
        Map<String, Long> after = dir.dataFiles();
        List<RemovedFile> removed = new ArrayList<>();
        before.forEach((f, size) -> {
            if (!after.containsKey(f)) {
                removed.add(new RemovedFile(f, size));
            }
        });
        return new TableResult(table, removed, wanted);
    }

    private Map<String, String> properties(String ref) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Row r : spark.sql("SHOW TBLPROPERTIES " + ref).collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }

    /** A table's folder on the warehouse's file system, and its files named by their path inside it. */
    private record TableFiles(FileSystem fs, org.apache.hadoop.fs.Path dir) {
        TableFiles {
            dir = fs.makeQualified(dir);
        }

        /** A file's path inside the table folder ("year=2024/part-….parquet"). */
        String relative(org.apache.hadoop.fs.Path file) {
            String base = dir.toUri().getPath() + "/";
            String path = fs.makeQualified(file).toUri().getPath();
            if (!path.startsWith(base)) {
                throw new IllegalStateException(file + " is not inside the table folder " + dir);
            }
            return path.substring(base.length());
        }

        /** The data files (not the log, not hidden files such as Hadoop's .crc) and their sizes. */
        Map<String, Long> dataFiles() {
            Map<String, Long> out = new TreeMap<>();
            for (FileStatus f : HadoopFiles.files(fs, dir)) {
                String rel = relative(f.getPath());
                if (!rel.startsWith("_delta_log") && !f.getPath().getName().startsWith(".")) {
                    out.put(rel, f.getLen());
                }
            }
            return out;
        }

        /** The files of VACUUM's answer (absolute paths) that exist, with their sizes, in path order. */
        List<RemovedFile> sized(List<Row> paths) {
            List<RemovedFile> files = new ArrayList<>();
            for (Row r : paths) {
                org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(r.getString(0));
                status(file).filter(FileStatus::isFile)
                        .ifPresent(s -> files.add(new RemovedFile(relative(file), s.getLen())));
            }
            files.sort(Comparator.comparing(RemovedFile::path));
            return files;
        }

        java.util.Optional<FileStatus> status(org.apache.hadoop.fs.Path file) {
            try {
                return java.util.Optional.of(fs.getFileStatus(file));
            } catch (java.io.FileNotFoundException e) {
                return java.util.Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * What VACUUM will remove once the window is the table's setting, without setting it: of the files no
     * current version uses (Delta's own list, at RETAIN 0), those written before the cutoff and either removed
     * from the table before it or never part of it. When each was removed is read from the table's log (the
     * remove actions of its commit files and checkpoints, as the Delta protocol writes them).
     */
    private List<RemovedFile> preview(TableFiles dir, Instant cutoff, List<Row> unused) {
        Map<String, Long> removedAt = new java.util.HashMap<>();
        List<String> commits = new ArrayList<>();
        List<String> checkpoints = new ArrayList<>();
        for (FileStatus f : HadoopFiles.list(dir.fs(), new org.apache.hadoop.fs.Path(dir.dir(), "_delta_log"))) {
            String name = f.getPath().getName();
            if (name.matches("\\d{20}\\.json")) {
                commits.add(f.getPath().toString());
            } else if (name.matches("\\d{20}\\.checkpoint.*\\.parquet")) {
                checkpoints.add(f.getPath().toString());
            }
        }
        List<Row> removes = new ArrayList<>();
        if (!commits.isEmpty()) {
            Dataset<Row> json = spark.read().json(commits.toArray(String[]::new));
            if (java.util.Arrays.asList(json.columns()).contains("remove")) {
                removes.addAll(json.where("remove is not null").select("remove.path", "remove.deletionTimestamp").collectAsList());
            }
        }
        if (!checkpoints.isEmpty()) {
            removes.addAll(spark.read().parquet(checkpoints.toArray(String[]::new)).where("remove is not null")
                    .select("remove.path", "remove.deletionTimestamp").collectAsList());
        }
        for (Row r : removes) {
            String path = new org.apache.hadoop.fs.Path(java.net.URI.create(r.getString(0))).toString();
            removedAt.merge(path, r.isNullAt(1) ? 0L : r.getLong(1), Math::max);
        }
        List<RemovedFile> out = new ArrayList<>();
        for (RemovedFile f : dir.sized(unused)) {
            long written = dir.status(new org.apache.hadoop.fs.Path(dir.dir(), f.path()))
                    .map(FileStatus::getModificationTime).orElse(Long.MAX_VALUE);
            Long removed = removedAt.get(f.path());
            if (written < cutoff.toEpochMilli() && (removed == null || removed < cutoff.toEpochMilli())) {
                out.add(f);
            }
        }
        return out;
    }

    /**
     * VACUUM by the table's own deletedFileRetentionDuration (Delta 4 ignores any RETAIN but 0 hours), or at
     * RETAIN 0 HOURS for a preview, which needs Delta's safety check off for that one call (it guards against
     * deleting the files of writes in flight; a dry run deletes nothing). Delta lists the table's folders with one
     * Spark task per parallelPartitionDiscovery.parallelism (10,000 by default: minutes of empty tasks on a small
     * machine), so that is set to the session's default parallelism for the call. Both settings are put back.
     */
    private List<Row> vacuumSql(String ref, boolean dryRun, boolean retainZero) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(LISTING_PARALLELISM, String.valueOf(Math.max(1, spark.sparkContext().defaultParallelism())));
        if (retainZero) {
            settings.put(RETENTION_CHECK, "false");
        }
        return SessionSettings.during(spark, settings, () -> spark.sql("VACUUM " + ref
                + (retainZero ? " RETAIN 0 HOURS" : "") + (dryRun ? " DRY RUN" : "")).collectAsList());
    }
}
