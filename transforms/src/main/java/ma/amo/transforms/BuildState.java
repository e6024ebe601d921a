package ma.amo.transforms;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build's bookmark ({@link SilverTables#BUILD_STATE}): the Delta version of every table the last
 * successful build read (bronze) or wrote (silver, gold). Written last, so a build that crashes before
 * leaves the previous bookmark and the next build redoes its work (every step is idempotent). A report
 * "as of" version N of this table reads each table at the version recorded there.
 */
public final class BuildState {
    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("table_name", DataTypes.StringType, false),
            DataTypes.createStructField("version", DataTypes.LongType, false)));

    private BuildState() {
    }

    public static Map<String, Long> read(DeltaIO io) {
        return io.exists(SilverTables.BUILD_STATE) ? toMap(io.read(SilverTables.BUILD_STATE).collectAsList()) : Map.of();
    }

    public static Map<String, Long> readVersion(DeltaIO io, long version) {
        return toMap(io.readVersion(SilverTables.BUILD_STATE, version).collectAsList());
    }

    public static Map<String, Long> readTimestamp(DeltaIO io, String timestamp) {
        return toMap(io.readTimestamp(SilverTables.BUILD_STATE, timestamp).collectAsList());
    }

    /** Writes the bookmark and returns its new Delta version. */
    public static long write(DeltaIO io, Map<String, Long> versions) {
        List<Row> rows = new TreeMap<>(versions).entrySet().stream()
                .map(e -> RowFactory.create(e.getKey(), e.getValue())).toList();
        io.overwrite(io.spark().createDataFrame(rows, SCHEMA).coalesce(1), SilverTables.BUILD_STATE);
        return io.version(SilverTables.BUILD_STATE);
    }

    private static Map<String, Long> toMap(List<Row> rows) {
        Map<String, Long> m = new TreeMap<>();
        rows.forEach(r -> m.put(r.getString(0), r.getLong(1)));
        return m;
    }
}
