package ma.amo.transforms;

import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The silver tables as the last successful build left them: the versions of its bookmark
 * ({@link BuildState}). An incremental build finds the gold cells to recompute by comparing silver before and
 * after its own writes. Normally "before" is the tables' current state. After a build killed between a silver
 * write and its bookmark, the rows that build already replaced (a claim line's old settlement year, an ALD
 * exemption's old dates, a regime gone from a snapshot year) are only in the bookmark's version, and their gold
 * cells are stale: the rerun reads "before" there, by Delta time travel. Tables the killed build did not write
 * are read as they are, so a normal build pays nothing.
 */
final class LastBuild {
    private final DeltaIO io;
    /** Silver tables written since the bookmark, with the bookmark's version of each. */
    private final Map<String, Long> rewritten;

    private LastBuild(DeltaIO io, Map<String, Long> rewritten) {
        this.io = io;
        this.rewritten = rewritten;
    }

    /**
     * @return empty when a table rewritten since the bookmark can no longer be read at its bookmark version
     *         (the killed build was followed by an {@code amo vacuum} whose window left that version out): only
     *         a full build is then right
     */
    static Optional<LastBuild> of(DeltaIO io, Map<String, Long> bookmark) {
        Map<String, Long> rewritten = new TreeMap<>();
        for (String table : SilverTables.ALL) {
            Long version = bookmark.get(table);
            if (version != null && io.exists(table) && io.version(table) != version) {
                try {
                    io.readVersion(table, version).schema();
                } catch (Exception e) { // Delta's AnalysisException is checked; Scala throws it undeclared
                    if (!refusedByDelta(e)) {
                        throw e;
                    }
                    return Optional.empty();
                }
                rewritten.put(table, version);
            }
        }
        return Optional.of(new LastBuild(io, rewritten));
    }

    /**
     * Delta's own refusal of a version (an error condition of its DELTA_ family): beyond the table's retention
     * ({@code DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION} after {@code amo vacuum}), or
     * its log cleaned up. Anything else (an unreadable file, a lost connection) is not a reason to rebuild
     * everything quietly and reaches the user.
     */
    @SuppressWarnings("deprecation") // Delta 4's exceptions name their condition through getErrorClass only
    static boolean refusedByDelta(Throwable e) {
        if (!(e instanceof SparkThrowable st)) {
            return false;
        }
        String condition = st.getCondition() != null ? st.getCondition() : st.getErrorClass();
        return condition != null && condition.startsWith("DELTA_");
    }

    /** Silver tables a killed build wrote after the last successful one. */
    Set<String> rewritten() {
        return rewritten.keySet();
    }

    boolean rewritten(String table) {
        return rewritten.containsKey(table);
    }

    /** The table as the last successful build left it. */
    Dataset<Row> read(String table) {
        Long version = rewritten.get(table);
        return version == null ? io.read(table) : io.readVersion(table, version);
    }
}
