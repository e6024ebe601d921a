package ma.amo.ingestion;

import ma.amo.common.contract.ColumnType;
import ma.amo.common.contract.DeliveryCheck;
import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Reads a delivery's rows as text, one string column per contract column, whatever the format, so that
 * one set of row rules serves CSV and Parquet. Adds {@value #ROW_ID}: a 64-bit id whose high bits are the
 * scan partition and low bits the row's position in it, from which {@link RowNumbers} derives the row's
 * 1-based number in the file.
 */
public final class DeliveryReader {
    public static final String ROW_ID = "_row_id";

    private final SparkSession spark;

    public DeliveryReader(SparkSession spark) {
        this.spark = spark;
    }

    public Dataset<Row> read(Path file, Manifest manifest) throws IOException, DeliveryRejected {
        Dataset<Row> text = manifest.format().equals("csv") ? csv(file, manifest.feed()) : parquet(file, manifest.feed());
        for (String name : manifest.feed().columnNames()) {
            text = text.withColumn(name, when(col(name).equalTo(""), lit(null).cast("string")).otherwise(col(name)));
        }
        return text.withColumn(ROW_ID, monotonically_increasing_id());
    }

    private Dataset<Row> csv(Path file, Feed feed) throws IOException, DeliveryRejected {
        List<String> header = CsvHeader.read(file, feed);
        List<StructField> fields = new ArrayList<>();
        for (String name : header) {
            fields.add(DataTypes.createStructField(name, DataTypes.StringType, true));
        }
        fields.add(DataTypes.createStructField(RowChecks.CORRUPT, DataTypes.StringType, true));
        return spark.read()
                .option("header", "true")
                .option("sep", ";")
                .option("quote", "\"")
                .option("escape", "\"")
                .option("encoding", "UTF-8")
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", RowChecks.CORRUPT)
                .option("enforceSchema", "true")
                .option("multiLine", "false")
                .schema(DataTypes.createStructType(fields))
                .csv(file.toString());
    }

    private Dataset<Row> parquet(Path file, Feed feed) throws DeliveryRejected {
        Dataset<Row> data;
        StructType schema;
        try {
            data = spark.read().parquet(file.toString());
            schema = data.schema();
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw new DeliveryRejected(DeliveryCheck.UNREADABLE_FILE, "not a readable Parquet file ("
                    + firstLine(e.getMessage()) + ")");
        }
        CsvHeader.checkColumns(List.of(schema.fieldNames()), feed, "Parquet schema", "");
        List<org.apache.spark.sql.Column> asText = new ArrayList<>();
        for (ma.amo.common.contract.Column column : feed.columns()) {
            String name = column.name();
            asText.add(trim(asText(col(name), schema.apply(name).dataType(), column.type())).as(name));
        }
        asText.add(lit(null).cast("string").as(RowChecks.CORRUPT));
        return data.select(asText.toArray(org.apache.spark.sql.Column[]::new));
    }

    /**
     * A Parquet value as the text the row rules read. Numbers with a fraction (double, float, decimal of any scale)
     * are written in plain notation, without the fractional zeros beyond the second decimal for an amount (none at
     * all for an integer or text column): Spark writes the double 15000000.0 as "1.5E7" and the decimal(18,4) 1500.5 as "1500.5000",
     * which the contract's number format would refuse although both are amounts with 2 decimals, and a whole
     * double 2024.0 is the integer 2024. A value that does not fit decimal(38,18) keeps Spark's text and fails the
     * rules (NaN, Infinity, 1E300); 0.30000000000000004 keeps its 17 decimals and fails them too.
     */
    static org.apache.spark.sql.Column asText(org.apache.spark.sql.Column value, DataType type, ColumnType target) {
        org.apache.spark.sql.Column text = value.cast("string");
        if (!(type instanceof DoubleType || type instanceof FloatType || type instanceof DecimalType)) {
            return text;
        }
        // via the text for float and double, so that 12.34 stays 12.34 and does not become its binary expansion
        org.apache.spark.sql.Column plain = text.try_cast("decimal(38,18)").cast("string");
        org.apache.spark.sql.Column trimmed = target == ColumnType.DECIMAL
                ? regexp_replace(plain, "(\\.\\d{2}\\d*?)0+$", "$1")
                : regexp_replace(regexp_replace(plain, "(\\.\\d*?)0+$", "$1"), "\\.$", "");
        return coalesce(trimmed, text);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

}
