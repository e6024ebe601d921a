package ma.amo.report;

import ma.amo.common.Warehouse;
import ma.amo.common.testing.TestSpark;
import ma.amo.marts.BuildOptions;
import ma.amo.marts.BuildSummary;
import ma.amo.marts.WarehouseBuild;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;
import io.delta.tables.DeltaTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warehouse built before silver.claim_lines was partitioned by settlement month (year only, no
 * settlement_month column): the next build, asked to be incremental with nothing new, says so, rebuilds
 * everything once in the new layout, and the marts come out as they were.
 */
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: junit-platform.properties
class ClaimLinesLayoutUpgradeTest {
    @Test
    void aWarehouseWithYearOnlyClaimPartitionsIsRebuiltOnceInTheMonthLayout() {
        Warehouse w = RagFixture.copyOfBuilt("claim-layout-upgrade");
        DeltaIO io = new DeltaIO(TestSpark.get(), w);
        Map<String, List<String>> before = RagFixture.builtRows(w);
        io.overwrite(io.read(SilverTables.CLAIM_LINES).drop("settlement_month"), SilverTables.CLAIM_LINES,
                "settlement_year");
        assertThat(partitionColumns(w)).containsExactly("settlement_year");

        List<String> progress = new ArrayList<>();
        BuildSummary upgrade = new WarehouseBuild(TestSpark.get(), w, RagFixture.REFERENCE)
                .run(BuildOptions.incremental(), progress::add);

        assertThat(upgrade.full()).isTrue();
        assertThat(progress).contains("silver: claim lines are now partitioned by settlement month: rebuilding everything once");
        assertThat(partitionColumns(w)).containsExactly("settlement_year", "settlement_month");
        assertThat(RagFixture.builtRows(w)).isEqualTo(before);
    }

    private static List<String> partitionColumns(Warehouse w) {
        return DeltaTable.forPath(TestSpark.get(), w.tableUri(SilverTables.CLAIM_LINES)).detail()
                .select("partitionColumns").head().getList(0);
    }
}
