package ma.amo.common;

import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * amo vacuum's core on a one-table warehouse: gold.t is written three times (v0 rows 0–2, v1 rows 10–12 replacing
 * them, v2 rows 20–22 replacing those). Delta counts retention in whole hours, so the
 * test ages v0 and v1 by three hours (v0's data files and the times v1's commit removed them) and keeps a two-hour
 * window: it starts between v1 and v2, so v1 (current at its start) and v2 must stay readable and only v0's files
 * may go.
 */
class WarehouseVacuumTest {
    @TempDir
    Path dir;

    @Test
    void removesExactlyTheFilesOfVersionsOutsideTheWindowAndKeepsTimeTravelInsideIt() throws Exception {
        SparkSession spark = TestSpark.get();
        Warehouse w = new Warehouse(dir);
        String t = w.tableUri("gold.t");
        spark.range(0, 3).write().format("delta").save(t);
        spark.range(10, 13).write().format("delta").mode("overwrite").save(t);
        ageByThreeHours(spark, t);
        spark.range(20, 23).write().format("delta").mode("overwrite").save(t);
        Duration window = Duration.ofHours(2);

        // The test's own account of what the window needs: the files of every version current at or after its
        // start, i.e. v1 (aged: before it) and v2; everything else on disk is outside it: v0's files.
        Set<Path> needed = new TreeSet<>();
        needed.addAll(inputFiles(spark, t, 1));
        needed.addAll(inputFiles(spark, t, 2));
        Set<Path> outside = new TreeSet<>(dataFiles(Path.of(t)));
        outside.removeAll(needed);
        assertThat(outside).isNotEmpty().containsExactlyInAnyOrderElementsOf(inputFiles(spark, t, 0));
        List<Long> v1 = ids(spark, t, 1);
        assertThat(v1).containsExactly(10L, 11L, 12L);
        WarehouseVacuum vacuum = new WarehouseVacuum(spark, w);
        List<String> progress = new ArrayList<>();

        // The default window (10 years): the new tables already carry its properties (AmoSpark's defaults), and
        // nothing is old enough to go: no commit, no file removed.
        long version = version(spark, t);
        List<WarehouseVacuum.TableResult> tenYears = vacuum.run(WarehouseVacuum.years(10), false, progress::add);
        assertThat(tenYears).allSatisfy(r -> {
            assertThat(r.files()).isEmpty();
            assertThat(r.propertiesSet()).isEmpty();
        });
        assertThat(version(spark, t)).isEqualTo(version);
        assertThat(properties(spark, t)).containsEntry(WarehouseVacuum.LOG_RETENTION, "interval 3660 days")
                .containsEntry(WarehouseVacuum.DELETED_FILE_RETENTION, "interval 3660 days");

        // Dry run with the short window, not yet the tables' setting: lists v0's files, changes nothing.
        List<WarehouseVacuum.TableResult> dry = vacuum.run(window, true, progress::add);
        assertThat(dry).extracting(WarehouseVacuum.TableResult::table).containsExactly("gold.t");
        assertThat(paths(Path.of(t), dry.get(0))).isEqualTo(outside);
        assertThat(dry.get(0).bytes()).isEqualTo(size(outside)).isPositive();
        assertThat(dry.get(0).propertiesSet()).containsOnlyKeys(WarehouseVacuum.LOG_RETENTION, WarehouseVacuum.DELETED_FILE_RETENTION);
        assertThat(outside).allMatch(Files::exists);
        assertThat(version(spark, t)).isEqualTo(version);
        assertThat(progress.get(progress.size() - 1)).startsWith("gold.t: " + outside.size() + " files, ")
                .contains("would be removed");

        // The real run: exactly those files go; v1 still reads the same rows; v0 is gone.
        List<WarehouseVacuum.TableResult> done = vacuum.run(window, false, progress::add);
        assertThat(paths(Path.of(t), done.get(0))).isEqualTo(outside);
        assertThat(outside).noneMatch(Files::exists);
        assertThat(needed).allMatch(Files::exists);
        assertThat(dataFiles(Path.of(t))).containsExactlyInAnyOrderElementsOf(needed);
        assertThat(ids(spark, t, 1)).isEqualTo(v1);
        assertThat(ids(spark, t, 2)).containsExactly(20L, 21L, 22L);
        assertThatThrownBy(() -> ids(spark, t, 0)).hasStackTraceContaining("part-");
        // the window is now the tables' setting, so Delta's log clean-up follows it too
        assertThat(properties(spark, t)).containsEntry(WarehouseVacuum.DELETED_FILE_RETENTION, "interval 7200 seconds");
        assertThat(properties(spark, t).get(WarehouseVacuum.LOG_RETENTION))
                .isEqualTo(properties(spark, t).get(WarehouseVacuum.DELETED_FILE_RETENTION));

        // Again: nothing left to remove, the properties are set: no commit at all.
        long after = version(spark, t);
        assertThat(vacuum.run(window, false, progress::add)).allSatisfy(r -> {
            assertThat(r.files()).isEmpty();
            assertThat(r.propertiesSet()).isEmpty();
        });
        assertThat(version(spark, t)).isEqualTo(after);
    }

    @Test
    void windowsAreWholeYearsOf366Days() {
        assertThat(WarehouseVacuum.interval(WarehouseVacuum.years(10))).isEqualTo("interval 3660 days");
        assertThat(WarehouseVacuum.interval(Duration.ofMillis(2500))).isEqualTo("interval 2 seconds");
        assertThatThrownBy(() -> WarehouseVacuum.years(0)).hasMessageContaining("--keep-years");
    }

    /**
     * Makes v0 and v1 of the table look three hours old to VACUUM: v0's data files get an mtime three hours back,
     * and v1's commit (which removed them) its deletionTimestamps three hours back; Hadoop's checksum of that
     * commit file goes (the local file system would refuse the edited file) and Delta's cached log is dropped.
     */
    private static void ageByThreeHours(SparkSession spark, String table) throws IOException {
        long threeHours = Duration.ofHours(3).toMillis();
        for (Path f : inputFiles(spark, table, 0)) {
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() - threeHours));
        }
        Path log = Path.of(table, "_delta_log");
        Path commit = log.resolve("00000000000000000001.json");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"deletionTimestamp\":(\\d+)").matcher(Files.readString(commit));
        StringBuilder aged = new StringBuilder();
        int removes = 0;
        while (m.find()) {
            m.appendReplacement(aged, "\"deletionTimestamp\":" + (Long.parseLong(m.group(1)) - threeHours));
            removes++;
        }
        m.appendTail(aged);
        assertThat(removes).isPositive();
        Files.writeString(commit, aged.toString());
        Files.deleteIfExists(log.resolve(".00000000000000000001.json.crc"));
        org.apache.spark.sql.delta.DeltaLog.clearCache();
    }

    private static List<Long> ids(SparkSession spark, String path, long version) {
        return spark.read().format("delta").option("versionAsOf", version).load(path).orderBy("id")
                .collectAsList().stream().map(r -> r.getLong(0)).toList();
    }

    private static long version(SparkSession spark, String path) {
        return spark.sql("DESCRIBE HISTORY delta.`" + path + "` LIMIT 1").first().<Long>getAs("version");
    }

    private static Map<String, String> properties(SparkSession spark, String path) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Row r : spark.sql("SHOW TBLPROPERTIES delta.`" + path + "`").collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }

    private static Set<Path> inputFiles(SparkSession spark, String path, long version) {
        Set<Path> out = new TreeSet<>();
        for (String f : spark.read().format("delta").option("versionAsOf", version).load(path).inputFiles()) {
            out.add(Path.of(java.net.URI.create(f)));
        }
        return out;
    }

    /** The table's data files on disk: not the log, not hidden files (Hadoop's .crc checksums). */
    private static Set<Path> dataFiles(Path table) throws IOException {
        try (Stream<Path> files = Files.walk(table)) {
            return new TreeSet<>(files.filter(Files::isRegularFile)
                    .filter(p -> !table.relativize(p).startsWith("_delta_log"))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).toList());
        }
    }

    private static Set<Path> paths(Path table, WarehouseVacuum.TableResult r) {
        Set<Path> out = new TreeSet<>();
        r.files().forEach(f -> out.add(table.resolve(f.path())));
        return out;
    }

    private static long size(Set<Path> files) throws IOException {
        long n = 0;
        for (Path f : files) {
            n += Files.size(f);
        }
        return n;
    }
}
