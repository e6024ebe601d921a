package ma.amo.report;

import ma.amo.common.Warehouse;
import ma.amo.common.WarehouseVacuum;
import ma.amo.common.testing.TestSpark;
import ma.amo.marts.BuildOptions;
import ma.amo.marts.BuildSummary;
import ma.amo.marts.RegimeViews;
import ma.amo.marts.WarehouseBuild;
import ma.amo.marts.WarehouseOptimize;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;
import ma.amo.transforms.testing.LandingLoader;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One more claims delivery (CNSS 2024-05 corrects K3/1 of AMO_TNS: reimbursed 56.00 → 70.00): the incremental
 * build rewrites only (2024, AMO_TNS), ends with the same marts as a full build, and a report --as-of the first
 * build reproduces the first report byte for byte; after amo vacuum, --as-of both builds still do.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: junit-platform.properties
class IncrementalAndAsOfTest {
    @TempDir
    Path dir;

    @Test
    void incrementalEqualsFullAndAsOfReproducesTheEarlierReport() throws Exception {
        Warehouse w = RagFixture.copyOfBuilt("incremental"); // the fixture after a first build (full: no bookmark)
        WarehouseBuild build = new WarehouseBuild(TestSpark.get(), w, RagFixture.REFERENCE);
        long first = new DeltaIO(TestSpark.get(), w).version(SilverTables.BUILD_STATE);
        RagReport report = new RagReport(TestSpark.get(), w, RagFixture.REFERENCE);
        Set<ReportOptions.Format> csv = Set.of(ReportOptions.Format.CSV);
        report.run(new ReportOptions(2024, dir.resolve("before"), csv, 0, null));

        LandingLoader.load(TestSpark.get(), w, RagFixture.resource("correction"));
        BuildSummary second = build.run(BuildOptions.incremental(), m -> { });
        assertThat(second.full()).isFalse();
        Map<String, String> scopes = new TreeMap<>();
        second.written().forEach(t -> scopes.put(t.table(), t.scope()));
        // K3/1 moved from January (settled 2024-01-25) to May (2024-05-02): spending rewrites those two months only
        assertThat(scopes).containsEntry("gold.spending", "{2024=[AMO_TNS]} months {2024=[1, 5]}")
                .containsEntry("gold.ald", "{2024=[AMO_TNS]}")
                .containsEntry("silver.claim_lines", "{2024=[AMO_TNS]}")
                .doesNotContainKey("gold.population"); // no beneficiaries change: population untouched
        // The correction replaced one claim line and the MERGE changed exactly that one: it touched one file (the
        // January 2024 partition's, where the old row was and alone, so Delta drops the file rather than mark it in
        // a deletion vector), wrote the new copy, copied no other row. Deletion vectors are on for the months
        // where a replaced row has neighbours.
        DeltaTable claimLinesTable = DeltaTable.forPath(TestSpark.get(), w.tableUri(SilverTables.CLAIM_LINES));
        Map<String, String> merge = claimLinesTable.history()
                .filter("operation = 'MERGE'").orderBy(functions.col("version").desc()).select("operationMetrics")
                .head().getJavaMap(0);
        assertThat(merge).containsEntry("numTargetRowsUpdated", "1").containsEntry("numTargetRowsInserted", "0")
                .containsEntry("numTargetRowsDeleted", "0").containsEntry("numSourceRows", "1")
                .containsEntry("numTargetFilesRemoved", "1").containsEntry("numTargetRowsCopied", "0");
        assertThat(claimLinesTable.detail().select("properties").head().<String, String>getJavaMap(0))
                .containsEntry("delta.enableDeletionVectors", "true");
        // ... which is what the build's summary (amo build's table) reports for it, read from the commit's log file
        BuildSummary.TableWrite claimLines = second.written().stream()
                .filter(t -> t.table().equals(SilverTables.CLAIM_LINES)).findFirst().orElseThrow();
        assertThat(claimLines.rows()).isEqualTo(1);
        assertThat(claimLines.version()).isEqualTo(new DeltaIO(TestSpark.get(), w).version(SilverTables.CLAIM_LINES));
        Map<String, List<String>> incremental = RagFixture.builtRows(w);

        report.run(new ReportOptions(2024, dir.resolve("after"), csv, 0, null));
        // TNS now 70.00 reimbursed: 70/250 = 0.28
        assertThat(Files.readString(dir.resolve("after/T06_spending.csv")))
                .contains("AMO_TNS;1;1;250.00;80.00;70.00;0.280000;180.00;0.720000");

        report.run(new ReportOptions(2024, dir.resolve("asof"), csv, 0, String.valueOf(first)));
        for (String f : List.of("T01_population.csv", "T06_spending.csv", "T12_technical_balance.csv", "T13_evolution.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("asof").resolve(f)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("before").resolve(f)));
        }
        assertThat(Files.readString(dir.resolve("asof/T06_spending.csv")))
                .contains("AMO_TNS;1;1;250.00;80.00;56.00;0.224000;194.00;0.776000");

        // one mart at a time here (MartSchedule), four at a time in the incremental build: the same rows
        BuildSummary full = build.run(new BuildOptions(null, true, 1), m -> { });
        assertThat(RagFixture.builtRows(w)).isEqualTo(incremental);

        // amo vacuum with a one-hour window (everything here is minutes old): it sets every table's retention
        // properties (one commit each) and removes nothing, and reports --as-of the first and the last build,
        // whose table versions are no longer the latest, still come out byte for byte (Delta refuses time travel
        // to a non-latest version older than the table's deletedFileRetentionDuration: docs/report.md). Which
        // files go with a window that removes some: WarehouseVacuumTest.
        report.run(new ReportOptions(2024, dir.resolve("full"), csv, 0, null));
        List<WarehouseVacuum.TableResult> vacuumed = new WarehouseVacuum(TestSpark.get(), w).run(Duration.ofHours(1), false, m -> { });
        assertThat(vacuumed).isNotEmpty().allSatisfy(t -> {
            assertThat(t.files()).as(t.table()).isEmpty();
            assertThat(t.propertiesSet()).as(t.table()).containsValue("interval 3600 seconds");
        });
        report.run(new ReportOptions(2024, dir.resolve("vacuumed-first"), csv, 0, String.valueOf(first)));
        report.run(new ReportOptions(2024, dir.resolve("vacuumed-last"), csv, 0, String.valueOf(full.stateVersion())));
        for (String f : List.of("T01_population.csv", "T06_spending.csv", "T11_ald_by_condition.csv", "T13_evolution.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("vacuumed-first").resolve(f)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("before").resolve(f)));
            assertThat(Files.readAllBytes(dir.resolve("vacuumed-last").resolve(f)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("full").resolve(f)));
        }

        // per-regime views only show their regime
        RegimeViews.register(TestSpark.get(), w, Set.of("AMO_TNS"));
        assertThat(TestSpark.get().sql("SELECT DISTINCT regime_code FROM marts_amo_tns.spending").collectAsList())
                .extracting(r -> r.getString(0)).containsExactly("AMO_TNS");

        // A claims delivery that replaces the correction (CNSS 2024-05 sequence 2) and changes findings: K3/1's
        // latest copy is the January one again (56.00: read back from bronze, since the copy that counted lost
        // its delivery), K4/1 moves from unknown B77 to B01 (known, covered), K9/1 is new for unknown B98. The
        // incremental build recomputes the findings of those keys only and keeps the others; the result
        // equals a full build's.
        DeltaIO io = new DeltaIO(TestSpark.get(), w);
        assertThat(unknownBeneficiaryClaims(io)).containsExactly("CNSS K4/1");
        LandingLoader.load(TestSpark.get(), w, RagFixture.resource("finding-change"));
        build.run(BuildOptions.incremental(), m -> { });
        assertThat(unknownBeneficiaryClaims(io)).containsExactly("CNSS K9/1");
        assertThat(io.read(SilverTables.CLAIM_LINES).filter("claim_id = 'K3' AND line_no = 1")
                .select("amount_reimbursed").head().getDecimal(0)).isEqualByComparingTo("56.00");
        Map<String, List<String>> afterIncremental = RagFixture.builtRows(w);
        assertThat(afterIncremental.get(SilverTables.DQ_FINDINGS))
                .anyMatch(f -> f.startsWith("[CLAIM_OUTSIDE_COVERAGE,CNOPS,claims,AMO_SAL_PUBLIC,2024,L2/1,"))
                .anyMatch(f -> f.startsWith("[QUARANTINED_ROWS,CNSS,claims,null,2024,CNSS-claims-2024-01-s1-"))
                .anyMatch(f -> f.startsWith("[MISSING_MONTHLY_DELIVERY,CNSS,claims,null,2024,2024-04,")); // 04 rejected

        // amo optimize after these monthly builds: the MERGEs left a month partition with several files; it
        // compacts them, changes no row, moves the bookmark to the new versions, and the next build has nothing
        // to do (no table "ahead" of its bookmark, as an interrupted build would leave).
        long filesBefore = numFiles(w, SilverTables.CLAIM_LINES);
        List<WarehouseOptimize.TableResult> optimized = new WarehouseOptimize(TestSpark.get(), w).run(m -> { });
        assertThat(optimized).filteredOn(WarehouseOptimize.TableResult::changed)
                .extracting(WarehouseOptimize.TableResult::table).contains(SilverTables.CLAIM_LINES);
        assertThat(numFiles(w, SilverTables.CLAIM_LINES)).isLessThan(filesBefore);
        assertThat(RagFixture.builtRows(w)).isEqualTo(afterIncremental);
        assertThat(build.run(BuildOptions.incremental(), m -> { }).written()).isEmpty();
        // A table ahead of the bookmark (here a property commit; after a killed build, its writes) is refused
        // until a build has caught the bookmark up.
        TestSpark.get().sql("ALTER TABLE delta.`" + w.tableUri(SilverTables.CLAIM_LINES) + "` SET TBLPROPERTIES ('amo.test' = '1')");
        assertThatThrownBy(() -> new WarehouseOptimize(TestSpark.get(), w).run(m -> { }))
                .hasMessageContaining("a build was interrupted after writing silver.claim_lines: run amo build first");
        build.run(BuildOptions.incremental(), m -> { });
        assertThat(new WarehouseOptimize(TestSpark.get(), w).run(m -> { })).noneMatch(WarehouseOptimize.TableResult::changed);

        build.run(BuildOptions.everything(), m -> { });
        assertThat(RagFixture.builtRows(w)).isEqualTo(afterIncremental);
    }

    private static long numFiles(Warehouse w, String table) {
        return DeltaTable.forPath(TestSpark.get(), w.tableUri(table)).detail().select("numFiles").head().getLong(0);
    }

    private static List<String> unknownBeneficiaryClaims(DeltaIO io) {
        return io.read(SilverTables.DQ_FINDINGS).filter("finding_code = 'CLAIM_UNKNOWN_BENEFICIARY'")
                .selectExpr("og_code || ' ' || record_key").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }
}
