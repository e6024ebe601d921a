package ma.amo.common;

import ma.amo.common.contract.Column;
import ma.amo.common.contract.Feed;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Names and schemas of the bronze layer, the interface later layers read. Documented column by column in
 * docs/tables.md.
 *
 * <p>A feed table holds the contract's columns with proper types (identifiers already pseudonymised) plus
 * lineage: the delivery a row came from, its (period, sequence), its source file and 1-based data row number,
 * and when it was ingested. Rows of replaced deliveries stay: later layers keep the latest.
 */
public final class BronzeTables {
    public static final String DELIVERIES = "bronze.deliveries";
    public static final String QUARANTINE = "bronze.quarantine";

    public static final String DELIVERY_ID = "_delivery_id";
    public static final String PERIOD = "_period";
    public static final String SEQUENCE = "_sequence";
    public static final String SOURCE_FILE = "_source_file";
    public static final String ROW_NUMBER = "_row_number";
    public static final String INGESTED_AT = "_ingested_at";

    public static final DataType AMOUNT = DataTypes.createDecimalType(18, 2);

    private BronzeTables() {
    }

    public static String table(Feed feed) {
        return "bronze." + feed.code();
    }

    public static DataType sparkType(Column column) {
        return switch (column.type()) {
            case STRING, MONTH -> DataTypes.StringType;
            case DATE -> DataTypes.DateType;
            case INTEGER -> DataTypes.IntegerType;
            case DECIMAL -> AMOUNT;
        };
    }

    public static StructType feedSchema(Feed feed) {
        List<StructField> fields = new ArrayList<>();
        for (Column column : feed.columns()) {
            fields.add(DataTypes.createStructField(column.name(), sparkType(column), true));
        }
        fields.addAll(lineageFields());
        return DataTypes.createStructType(fields);
    }

    public static List<StructField> lineageFields() {
        return List.of(
                DataTypes.createStructField(DELIVERY_ID, DataTypes.StringType, false),
                DataTypes.createStructField(PERIOD, DataTypes.StringType, false),
                DataTypes.createStructField(SEQUENCE, DataTypes.IntegerType, false),
                DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false),
                DataTypes.createStructField(ROW_NUMBER, DataTypes.LongType, false),
                DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false));
    }

    /** One row per delivery seen (see {@code DeliveryStatus}). */
    public static StructType deliveriesSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("delivery_id", DataTypes.StringType, false),
                DataTypes.createStructField("source_file", DataTypes.StringType, false),
                DataTypes.createStructField("og_code", DataTypes.StringType, true),
                DataTypes.createStructField("feed", DataTypes.StringType, true),
                DataTypes.createStructField("period", DataTypes.StringType, true),
                DataTypes.createStructField("sequence", DataTypes.IntegerType, true),
                DataTypes.createStructField("format", DataTypes.StringType, true),
                DataTypes.createStructField("sha256", DataTypes.StringType, true),
                DataTypes.createStructField("manifest_sha256", DataTypes.StringType, true),
                DataTypes.createStructField("file_bytes", DataTypes.LongType, true),
                DataTypes.createStructField("manifest_row_count", DataTypes.LongType, true),
                DataTypes.createStructField("status", DataTypes.StringType, false),
                DataTypes.createStructField("reason", DataTypes.StringType, true),
                DataTypes.createStructField("rows_loaded", DataTypes.LongType, false),
                DataTypes.createStructField("rows_quarantined", DataTypes.LongType, false),
                DataTypes.createStructField("duplicate_of", DataTypes.StringType, true),
                DataTypes.createStructField("replaced_by", DataTypes.StringType, true),
                DataTypes.createStructField("produced_at", DataTypes.StringType, true),
                DataTypes.createStructField("key_fingerprint", DataTypes.StringType, true),
                DataTypes.createStructField("ingested_at", DataTypes.TimestampType, false)));
    }

    public static StructType quarantineSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField(DELIVERY_ID, DataTypes.StringType, false),
                DataTypes.createStructField("og_code", DataTypes.StringType, false),
                DataTypes.createStructField("feed", DataTypes.StringType, false),
                DataTypes.createStructField(PERIOD, DataTypes.StringType, false),
                DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false),
                DataTypes.createStructField(ROW_NUMBER, DataTypes.LongType, false),
                DataTypes.createStructField("raw_line", DataTypes.StringType, true),
                DataTypes.createStructField("reasons", DataTypes.createArrayType(DataTypes.StringType, false), false),
                DataTypes.createStructField("details", DataTypes.StringType, true),
                DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false)));
    }
}
