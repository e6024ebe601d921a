package ma.amo.report;

import ma.amo.common.CrashPoint;
import ma.amo.common.Warehouse;
import ma.amo.common.testing.TestSpark;
import ma.amo.marts.BuildOptions;
import ma.amo.marts.BuildSummary;
import ma.amo.marts.WarehouseBuild;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;
import ma.amo.transforms.testing.LandingLoader;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A build killed after its silver step, then run again. The deliveries (fixture "interrupted", CNSS) move rows
 * out of gold cells nothing else touches: claim line K1/1 re-settled from 2024-01-10 to 2025-01-06 (beside a new
 * line, K20/1, settled 2025-01-08), B88's
 * ALD05 exemption replaced by ALD06, the 2024 snapshot replaced by one without AMO_TNS. The rerun finds silver
 * already rewritten, so only the silver the last finished build left (its bookmark's versions) says which
 * cells those rows were in; it must recompute them and end equal to a full build. The kill is the silver step
 * run alone ({@link RagFixture#killedAfterSilver}). CrashRecoveryTest kills real processes, one of them after a
 * MERGE that moved a claim line to another settlement month (gold.spending rewrites months). The full build it
 * is compared with is also the one-time rebuild of a warehouse whose claim lines have the layout of before the
 * settlement-month partitions.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: junit-platform.properties
class InterruptedBuildTest {
    @Test
    void rerunAfterAKillBetweenSilverAndGoldRecomputesTheCellsTheMovedRowsLeft() {
        Warehouse w = RagFixture.copyOfBuilt("interrupted-build");
        DeltaIO io = new DeltaIO(TestSpark.get(), w);
        WarehouseBuild build = new WarehouseBuild(TestSpark.get(), w, RagFixture.REFERENCE);
        assertThat(cells(io, "gold.population", "year = 2024")).contains("2024 AMO_TNS");
        assertThat(reimbursed(io, "year = 2024 AND regime_code = 'AMO_SAL_PRIVE'")).isEqualByComparingTo("4025.00");
        assertThat(aldCodes(io, "year = 2024 AND regime_code = 'AMO_TNS'")).containsExactly("ALD05");

        LandingLoader.load(TestSpark.get(), w, RagFixture.resource("interrupted"));
        RagFixture.killedAfterSilver(w);
        List<String> progress = new ArrayList<>();
        BuildSummary rerun = build.run(BuildOptions.incremental(), progress::add);

        assertThat(rerun.full()).isFalse();
        assertThat(progress).anyMatch(m -> m.startsWith("silver: finishing an interrupted build (it had rewritten"));
        assertThat(scopes(rerun))
                .containsEntry("silver.claim_lines", "{2024=[AMO_SAL_PRIVE], 2025=[AMO_SAL_PRIVE]}")
                .containsEntry("silver.coverage_spells", "{2024=[AMO_SAL_PRIVE, AMO_SAL_PUBLIC, AMO_TNS]}")
                // B04's and B88's exemptions changed; CNOPS's C02 still runs in 2025, the data's new last year
                .containsEntry("silver.ald_exemptions",
                        "{2023=[AMO_SAL_PRIVE], 2024=[AMO_SAL_PRIVE, AMO_TNS], 2025=[AMO_SAL_PRIVE, AMO_SAL_PUBLIC, AMO_TNS]}");
        assertThat(cells(io, "gold.population", "year = 2024")).doesNotContain("2024 AMO_TNS");
        assertThat(reimbursed(io, "year = 2024 AND regime_code = 'AMO_SAL_PRIVE'")).isEqualByComparingTo("3920.00");
        // K1/1's 105.00 and the new K20/1's 56.00
        assertThat(reimbursed(io, "year = 2025 AND regime_code = 'AMO_SAL_PRIVE'")).isEqualByComparingTo("161.00");
        assertThat(aldCodes(io, "year = 2024 AND regime_code = 'AMO_TNS'")).containsExactly("ALD06");

        // The full build to compare with is the one an incremental build runs once on a warehouse whose claim
        // lines have the layout of before the month partitions and the key hash (year only, neither column).
        Map<String, List<String>> incremental = RagFixture.builtRows(w);
        io.overwrite(io.read(SilverTables.CLAIM_LINES).drop("settlement_month", "_key_hash"), SilverTables.CLAIM_LINES,
                "settlement_year");
        assertThat(partitionColumns(w)).containsExactly("settlement_year");
        progress.clear();
        BuildSummary upgrade = build.run(BuildOptions.incremental(), progress::add);
        assertThat(upgrade.full()).isTrue();
        assertThat(progress).contains("silver: claim lines have a new layout (settlement month partitions, key hash):"
                + " rebuilding everything once");
        assertThat(partitionColumns(w)).containsExactly("settlement_year", "settlement_month");
        assertThat(RagFixture.builtRows(w)).isEqualTo(incremental);
    }

    /**
     * The same deliveries built in one go: the claims step appends the key silver does not hold (K20/1) and MERGEs
     * the one it replaces (K1/1); the summary adds both commits. Then the same build stopped between those two
     * commits (in process, at the crash point): the rerun finds K20/1 in silver with its own (period, sequence),
     * MERGEs it onto itself with K1/1's new copy, and ends with the rows of the build that was not stopped.
     */
    @Test
    void claimsStepAppendsNewKeysMergesReplacementsAndSurvivesAStopBetweenThem() {
        Warehouse clean = RagFixture.copyOfBuilt("append-then-merge");
        LandingLoader.load(TestSpark.get(), clean, RagFixture.resource("interrupted"));
        BuildSummary summary = new WarehouseBuild(TestSpark.get(), clean, RagFixture.REFERENCE)
                .run(BuildOptions.incremental(), m -> { });
        assertThat(summary.written()).filteredOn(t -> t.table().equals(SilverTables.CLAIM_LINES))
                .singleElement().extracting(BuildSummary.TableWrite::rows).isEqualTo(2L);
        List<Row> commits = DeltaTable.forPath(TestSpark.get(), clean.tableUri(SilverTables.CLAIM_LINES)).history()
                .filter("operation IN ('WRITE', 'MERGE')").orderBy(functions.col("version").desc()).limit(2)
                .select("operation", "operationMetrics").collectAsList();
        assertThat(commits.get(1).getString(0)).isEqualTo("WRITE");
        assertThat(commits.get(1).<String, String>getJavaMap(1)).containsEntry("numOutputRows", "1");
        assertThat(commits.get(0).getString(0)).isEqualTo("MERGE");
        assertThat(commits.get(0).<String, String>getJavaMap(1)).containsEntry("numSourceRows", "1")
                .containsEntry("numTargetRowsUpdated", "1").containsEntry("numTargetRowsInserted", "0");
        Map<String, List<String>> built = RagFixture.builtRows(clean);

        Warehouse w = RagFixture.copyOfBuilt("stopped-after-append");
        DeltaIO io = new DeltaIO(TestSpark.get(), w);
        WarehouseBuild build = new WarehouseBuild(TestSpark.get(), w, RagFixture.REFERENCE);
        LandingLoader.load(TestSpark.get(), w, RagFixture.resource("interrupted"));
        CrashPoint.abortOnThisThreadAt("build.claims-appended");
        assertThatThrownBy(() -> build.run(BuildOptions.incremental(), m -> { })).isInstanceOf(CrashPoint.Aborted.class);
        assertThat(settled(io, "K20")).isEqualTo("2025-01-08");
        assertThat(settled(io, "K1")).isEqualTo("2024-01-10"); // not replaced yet
        BuildSummary rerun = build.run(BuildOptions.incremental(), m -> { });
        assertThat(rerun.full()).isFalse();
        assertThat(settled(io, "K1")).isEqualTo("2025-01-06");
        // the uninterrupted build's rows (the test above compares these deliveries' incremental rows with a full build)
        assertThat(RagFixture.builtRows(w)).isEqualTo(built);
    }

    private static String settled(DeltaIO io, String claim) {
        return String.join(",", io.read(SilverTables.CLAIM_LINES).filter(functions.col("claim_id").equalTo(claim))
                .select(functions.col("settlement_date").cast("string")).as(Encoders.STRING()).collectAsList());
    }

    private static List<String> partitionColumns(Warehouse w) {
        return DeltaTable.forPath(TestSpark.get(), w.tableUri(SilverTables.CLAIM_LINES)).detail()
                .select("partitionColumns").head().getList(0);
    }

    private static Map<String, String> scopes(BuildSummary build) {
        Map<String, String> scopes = new TreeMap<>();
        build.written().forEach(t -> scopes.put(t.table(), t.scope()));
        return scopes;
    }

    private static List<String> cells(DeltaIO io, String mart, String where) {
        return text(io.read(mart).where(where).selectExpr("year || ' ' || regime_code").distinct());
    }

    private static List<String> text(Dataset<Row> rows) {
        return rows.as(Encoders.STRING()).collectAsList();
    }

    private static java.math.BigDecimal reimbursed(DeltaIO io, String where) {
        return io.read("gold.spending").where(where).selectExpr("sum(amount_reimbursed)").head().getDecimal(0);
    }

    private static List<String> aldCodes(DeltaIO io, String where) {
        return text(io.read("gold.ald").where(where).select("ald_code"));
    }
}
