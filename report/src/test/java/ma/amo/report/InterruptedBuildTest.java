package ma.amo.report;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A build killed after its silver step, then run again. The deliveries (fixture "interrupted", CNSS) move rows
 * out of gold cells nothing else touches: claim line K1/1 re-settled from 2024-01-10 to 2025-01-06, B88's
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
        assertThat(reimbursed(io, "year = 2025 AND regime_code = 'AMO_SAL_PRIVE'")).isEqualByComparingTo("105.00");
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
