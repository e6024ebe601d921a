package ma.amo.dashboards.publish;

import ma.amo.marts.GoldMart;
import ma.amo.marts.GoldMarts;
import ma.amo.transforms.BuildState;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gold marts as the last successful build left them: each read at the Delta version recorded in the
 * build's bookmark, never "latest", so that a build running meanwhile cannot make a publication mix two builds.
 */
public record GoldSnapshot(long buildStateVersion, List<Table> tables) {

    /** One mart at one version. */
    public record Table(GoldMart mart, long version, Dataset<Row> rows) {
        public String name() {
            return mart.name();
        }
    }

    public static GoldSnapshot lastBuild(DeltaIO io) {
        if (!io.exists(SilverTables.BUILD_STATE)) {
            throw new IllegalStateException("no build found in " + io.warehouse().location() + ": run amo build first");
        }
        long stateVersion = io.version(SilverTables.BUILD_STATE);
        Map<String, Long> state = BuildState.readVersion(io, stateVersion);
        List<Table> tables = new ArrayList<>();
        for (GoldMart mart : GoldMarts.ALL) {
            Long v = state.get(mart.table());
            if (v != null) {
                tables.add(new Table(mart, v, io.readVersion(mart.table(), v)));
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("the last build recorded no gold mart: run amo build");
        }
        return new GoldSnapshot(stateVersion, List.copyOf(tables));
    }
}
