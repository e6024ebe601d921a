package ma.amo.cli;

import ma.amo.common.testing.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warehouse given as a URI of a file system other than the local one runs ingest, build, report, sql, status,
 * vacuum and optimize like a local folder, with the same results. The file system is Hadoop's viewfs, mounted on a temporary
 * folder: like HDFS or S3 it is reached only through Hadoop's API (a java.nio access to "viewfs://…" fails or
 * writes a wrong local folder), and Delta writes it with the log store it uses for HDFS.
 */
class RemoteWarehouseTest {
    private static final Path FIXTURE = Path.of("..", "report", "src", "test", "resources", "fixture").toAbsolutePath().normalize();
    private static final String REMOTE = "viewfs://amotest/wh";

    @TempDir
    static Path dir;
    static Path mounted;
    static Path state;
    static Path keyFile;

    @BeforeAll
    static void mount() throws IOException {
        mounted = Files.createDirectories(dir.resolve("mounted"));
        state = dir.resolve("state");
        TestSpark.get().sparkContext().hadoopConfiguration()
                .set("fs.viewfs.mounttable.amotest.link./wh", mounted.toUri().toString());
        System.setProperty("amo.state.dir", state.toString());
        keyFile = dir.resolve("pseudonym.key");
        Files.writeString(keyFile, "remote-warehouse-test-key-0123456789abcdef");
        Files.setPosixFilePermissions(keyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @AfterAll
    static void unmount() {
        System.clearProperty("amo.state.dir");
    }

    private static void run(String warehouse, Path reportOut) {
        AmoRun ingest = AmoRun.on(warehouse, "ingest", FIXTURE.resolve("landing").toString(), "--key-file", keyFile.toString());
        assertThat(ingest.code()).as(ingest.out() + ingest.err()).isIn(0, 2);
        AmoRun build = AmoRun.on(warehouse, "build");
        assertThat(build.code()).as(build.out() + build.err()).isZero();
        AmoRun report = AmoRun.on(warehouse, "report", "--year", "2024", "--out", reportOut.toString());
        assertThat(report.code()).as(report.out() + report.err()).isZero();
    }

    @Test
    void ingestBuildReportAndSqlOnAViewfsWarehouseEqualALocalOne() throws IOException {
        Path localReport = dir.resolve("report-local");
        Path remoteReport = dir.resolve("report-remote");
        run(dir.resolve("local").toString(), localReport);
        run(REMOTE, remoteReport);

        List<String> files = list(localReport);
        assertThat(files).contains("T06_spending.csv", "T12_technical_balance.csv", "manifest.json");
        assertThat(list(remoteReport)).isEqualTo(files);
        for (String name : files) {
            if (name.endsWith(".csv")) {
                assertThat(Files.readAllBytes(remoteReport.resolve(name))).as(name)
                        .isEqualTo(Files.readAllBytes(localReport.resolve(name)));
            }
        }

        String query = "select count(*) as n, sum(amount_reimbursed) as paid from silver.claim_lines";
        AmoRun local = AmoRun.on(dir.resolve("local").toString(), "sql", query, "--format", "csv");
        AmoRun remote = AmoRun.on(REMOTE, "sql", query, "--format", "csv");
        assertThat(remote.code()).as(remote.err()).isZero();
        assertThat(remote.out()).isEqualTo(local.out()).contains(";");

        // The tables and the audit records are on the mounted file system; the lock in the local state folder.
        assertThat(mounted.resolve("silver").resolve("claim_lines").resolve("_delta_log")).isDirectory();
        assertThat(mounted.resolve("gold").resolve("population").resolve("_delta_log")).isDirectory();
        try (Stream<Path> runs = Files.list(mounted.resolve("_audit").resolve("runs"))) {
            assertThat(runs.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith(".")))
                    .hasSize(4);
        }
        assertThat(state.resolve("viewfs_amotest_wh").resolve("_lock")).isRegularFile();
        assertThat(mounted.resolve("_lock")).doesNotExist();
        assertThat(Path.of("viewfs:")).as("no local folder named after the URI").doesNotExist();

        AmoRun status = AmoRun.on(REMOTE, "status", "--json");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("\"warehouse\" : \"" + REMOTE + "\"", "silver.claim_lines");
        AmoRun audit = AmoRun.on(REMOTE, "sql", "select command, outcome from audit.runs order by started_at",
                "--format", "csv");
        assertThat(audit.out().lines().skip(1).toList()).startsWith("amo ingest;PARTIAL", "amo build;SUCCESS",
                "amo report;SUCCESS", "amo sql;SUCCESS");

        // VACUUM's listings, the logs it reads and the files it names, through the mounted file system: the
        // tables were just written, so nothing is old enough to go (WarehouseVacuumTest counts what goes).
        AmoRun vacuum = AmoRun.on(REMOTE, "vacuum", "--dry-run", "--keep-years", "1");
        assertThat(vacuum.code()).as(vacuum.out() + vacuum.err()).isZero();
        assertThat(vacuum.out()).containsPattern("silver\\.claim_lines +0 +0 +would set interval 366 days")
                .containsPattern("gold\\.population +0 +0 +would set interval 366 days")
                .contains("Dry run: would remove 0 files, 0 bytes");
        // and OPTIMIZE there: local[2] wrote two files per partition, which it compacts; the bookmark moves, so
        // the next build has nothing to do
        AmoRun optimize = AmoRun.on(REMOTE, "optimize");
        assertThat(optimize.code()).as(optimize.out() + optimize.err()).isZero();
        assertThat(optimize.out()).containsPattern("silver\\.claim_lines +\\d+ +\\d+ ")
                .containsPattern("files rewritten in \\d+ of \\d+ tables").contains("warehouse: " + REMOTE);
        AmoRun rebuild = AmoRun.on(REMOTE, "build");
        assertThat(rebuild.out()).as(rebuild.err()).contains("Nothing to rebuild");
    }

    @Test
    void aSchemeWithoutItsConnectorIsOneClearErrorLine() {
        AmoRun status = AmoRun.on("nosuchfs://bucket/amo", "status");
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.err()).contains("amo: error: no Hadoop file system for the scheme 'nosuchfs' of nosuchfs://bucket/amo",
                "see README, Where the data lives").doesNotContain("\tat ");
        AmoRun s3 = AmoRun.on("s3a://bucket/amo", "status");
        assertThat(s3.code()).isEqualTo(1);
        assertThat(s3.err()).contains("no Hadoop file system for the scheme 's3a'", "add hadoop-aws").doesNotContain("\tat ");
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
