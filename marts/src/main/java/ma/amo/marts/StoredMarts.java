package ma.amo.marts;

import ma.amo.transforms.DeltaIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The stored rows of the marts that other marts are built on, held in the driver for one build. A mart is a few
 * hundred to a few tens of thousands of aggregate rows (all of gold is 2.3 MB at national scale), and a build
 * reads each one once per year and per dependent mart: read from Delta, every such read is a scan the query must
 * plan, with a Spark job to filter the table's file list, about 0.1 s each (a third of the consumption and
 * technical balance steps on the test fixture). Read once and kept as local rows, the later reads cost nothing.
 * The copy taken at the first read is the mart's state for the rest of the build: a mart is read only by marts
 * after it in {@link GoldMarts#ALL}, so after the build wrote it, and nothing writes it again in the same build
 * (as for the slices' memoised frames, {@link YearSlice#mart}). Marts are written side by side
 * ({@link MartSchedule}), each after those it reads: a read of a mart still to be written in this build would
 * keep rows this build is about to replace, so it fails, naming the declaration to fix.
 */
final class StoredMarts {
    private final DeltaIO io;
    private final Map<String, Dataset<Row>> rows = new HashMap<>();
    private final Set<String> pending = new HashSet<>();

    StoredMarts(DeltaIO io) {
        this.io = io;
    }

    /** The marts this build is going to write: not to be read until {@link #written}. */
    synchronized void pending(Collection<GoldMart> marts) {
        marts.forEach(m -> pending.add(m.table()));
    }

    synchronized void written(GoldMart mart) {
        pending.remove(mart.table());
    }

    /** Every year of the mart, as local rows (read from the table the first time). */
    synchronized Dataset<Row> rows(String table) {
        if (pending.contains(table)) {
            throw new IllegalStateException(table + " was read before this build wrote it: add it to the reads of"
                    + " the mart that reads it (GoldMarts)");
        }
        Dataset<Row> local = rows.get(table);
        if (local == null) {
            Dataset<Row> stored = io.read(table);
            local = io.spark().createDataFrame(stored.collectAsList(), stored.schema());
            rows.put(table, local);
        }
        return local;
    }
}
