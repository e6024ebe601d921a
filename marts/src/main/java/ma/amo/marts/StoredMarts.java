package ma.amo.marts;

import ma.amo.transforms.DeltaIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.HashMap;
import java.util.Map;

/**
 * The stored rows of the marts that other marts are built on, held in the driver for one build. A mart is a few
 * hundred to a few tens of thousands of aggregate rows (all of gold is 2.3 MB at national scale), and a build
 * reads each one once per year and per dependent mart: read from Delta, every such read is a scan the query must
 * plan, with a Spark job to filter the table's file list, about 0.1 s each (a third of the consumption and
 * technical balance steps on the test fixture). Read once and kept as local rows, the later reads cost nothing.
 * The copy taken at the first read is the mart's state for the rest of the build: a mart is read only by marts
 * after it in {@link GoldMarts#ALL}, so after the build wrote it, and nothing writes it again in the same build
 * (as for the slices' memoised frames, {@link YearSlice#mart}).
 */
final class StoredMarts {
    private final DeltaIO io;
    private final Map<String, Dataset<Row>> rows = new HashMap<>();

    StoredMarts(DeltaIO io) {
        this.io = io;
    }

    /** Every year of the mart, as local rows (read from the table the first time). */
    Dataset<Row> rows(String table) {
        Dataset<Row> local = rows.get(table);
        if (local == null) {
            Dataset<Row> stored = io.read(table);
            local = io.spark().createDataFrame(stored.collectAsList(), stored.schema());
            rows.put(table, local);
        }
        return local;
    }
}
