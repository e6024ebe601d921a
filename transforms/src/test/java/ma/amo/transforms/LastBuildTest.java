package ma.amo.transforms;

import ma.amo.common.Warehouse;
import ma.amo.common.WarehouseVacuum;
import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an incremental build compares against: silver as the last finished build (its bookmark) left it, even
 * when a killed build has rewritten some tables since; and nothing, so a full build, once vacuum has taken
 * those versions. The rerun of a killed build, end to end: InterruptedBuildTest (report module).
 */
class LastBuildTest {
    @TempDir
    Path dir;

    @Test
    void readsTheBookmarkedVersionOfTablesAKilledBuildRewroteUntilVacuumRemovesIt() throws Exception {
        DeltaIO io = new DeltaIO(TestSpark.get(), new Warehouse(dir));
        io.overwrite(cells("2024 AMO_TNS"), SilverTables.FINANCIALS);
        io.overwrite(cells("2024 AMO_SAL_PRIVE"), SilverTables.ALD_EXEMPTIONS);
        Map<String, Long> bookmark = Map.of(SilverTables.FINANCIALS, io.version(SilverTables.FINANCIALS),
                SilverTables.ALD_EXEMPTIONS, io.version(SilverTables.ALD_EXEMPTIONS));

        LastBuild unchanged = LastBuild.of(io, bookmark).orElseThrow();
        assertThat(unchanged.rewritten()).isEmpty();

        // a build killed after rewriting financials, before its bookmark
        io.overwrite(cells("2025 AMO_SAL_PRIVE"), SilverTables.FINANCIALS);
        LastBuild last = LastBuild.of(io, bookmark).orElseThrow();
        assertThat(last.rewritten()).containsExactly(SilverTables.FINANCIALS);
        assertThat(text(last.read(SilverTables.FINANCIALS))).containsExactly("2024 AMO_TNS");
        assertThat(text(last.read(SilverTables.ALD_EXEMPTIONS))).containsExactly("2024 AMO_SAL_PRIVE");

        // amo vacuum with a one-second window, seconds later: the bookmarked versions cannot be read any more
        Thread.sleep(1_500);
        new WarehouseVacuum(TestSpark.get(), io.warehouse()).run(Duration.ofSeconds(1), false, m -> { });
        Thread.sleep(1_500);
        assertThat(LastBuild.of(io, bookmark)).isEmpty();
        // only Delta's refusal of the version means a full build; any other failure reaches the user
        long bookmarked = bookmark.get(SilverTables.FINANCIALS);
        assertThatThrownBy(() -> io.readVersion(SilverTables.FINANCIALS, bookmarked).schema())
                .satisfies(e -> assertThat(LastBuild.refusedByDelta(e)).as(e.toString()).isTrue());
        assertThat(LastBuild.refusedByDelta(new java.io.UncheckedIOException(new java.io.IOException("disk")))).isFalse();
    }

    private static Dataset<Row> cells(String cell) {
        String[] parts = cell.split(" ");
        return TestSpark.get().sql("SELECT " + parts[0] + " AS year, '" + parts[1] + "' AS regime_code");
    }

    private static List<String> text(Dataset<Row> rows) {
        return rows.selectExpr("year || ' ' || regime_code").as(Encoders.STRING()).collectAsList();
    }
}
