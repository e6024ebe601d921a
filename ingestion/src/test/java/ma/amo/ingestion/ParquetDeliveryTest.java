package ma.amo.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.BronzeTables;
import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Parquet deliveries follow the same rules as CSV ones: natural types, same column names, same row rules. */
class ParquetDeliveryTest {
    @TempDir
    Path dir;

    private Path parquetFile(IngestionFixture fx, List<Row> rows, StructType schema) throws IOException {
        Path out = dir.resolve("spark-out");
        fx.spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
        Path part;
        try (Stream<Path> files = Files.list(out)) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path file = dir.resolve("landing/cnss/financials_2024.parquet");
        Files.createDirectories(file.getParent());
        Files.copy(part, file);
        return file;
    }

    private static void manifest(Path file, long rows, String amountTotal) throws IOException {
        ObjectNode m = new ObjectMapper().createObjectNode();
        m.put("og_code", "CNSS").put("feed", "financials").put("period", "2024").put("sequence", 1)
                .put("format", "parquet").put("schema_version", 1).put("row_count", rows)
                .put("sha256", FileFingerprint.sha256(Files.readAllBytes(file)));
        m.putObject("control_totals").put("amount", new BigDecimal(amountTotal));
        Files.writeString(file.resolveSibling(file.getFileName() + ".manifest.json"), m.toString());
    }

    /** The financials feed's columns with natural Parquet types, plus any extra fields. */
    private static StructType financials(org.apache.spark.sql.types.DataType amount, StructField... extra) {
        List<StructField> fields = new java.util.ArrayList<>(List.of(
                DataTypes.createStructField("og_code", DataTypes.StringType, true),
                DataTypes.createStructField("regime_code", DataTypes.StringType, true),
                DataTypes.createStructField("year", DataTypes.IntegerType, true),
                DataTypes.createStructField("item", DataTypes.StringType, true),
                DataTypes.createStructField("amount", amount, true)));
        fields.addAll(List.of(extra));
        return DataTypes.createStructType(fields);
    }

    @Test
    void aParquetDeliveryWithNaturalTypesLoadsAndItsBadRowsAreQuarantined() throws IOException {
        IngestionFixture fx = new IngestionFixture(dir.resolve("w"));
        StructType schema = financials(DataTypes.createDecimalType(18, 2));
        Path file = parquetFile(fx, List.of(
                RowFactory.create("CNSS", "AMO_SAL_PRIVE", 2024, "FRAIS_GESTION", new BigDecimal("1500.50")),
                RowFactory.create("CNSS", "AMO_TNS", 2024, "AUTRES_CHARGES", new BigDecimal("-2.00")),
                RowFactory.create("CNSS", "AMO_TNS", 2023, "FRAIS_GESTION", new BigDecimal("10.00"))), schema);
        manifest(file, 3, "1508.50");

        IngestReport report = fx.ingest(dir.resolve("landing"));

        DeliveryOutcome o = report.outcomes().get(0);
        assertThat(o.status()).as(o.reason()).isEqualTo(DeliveryStatus.LOADED);
        assertThat(o.rowsLoaded()).isEqualTo(1);
        assertThat(fx.bronze(Feed.FINANCIALS).first().<BigDecimal>getAs("amount")).isEqualByComparingTo("1500.50");
        assertThat(fx.quarantineReasons("cnss/financials_2024.parquet"))
                .containsOnly(org.assertj.core.api.Assertions.entry(2L, List.of("NEGATIVE_AMOUNT")),
                        org.assertj.core.api.Assertions.entry(3L, List.of("PERIOD_MISMATCH")));
    }

    @Test
    void aParquetFileWithAnUnknownColumnOrNotParquetAtAllIsRejected() throws IOException {
        IngestionFixture fx = new IngestionFixture(dir.resolve("w"));
        StructType schema = financials(DataTypes.DoubleType, DataTypes.createStructField("comment", DataTypes.StringType, true));
        Path file = parquetFile(fx, List.of(RowFactory.create("CNSS", "AMO_TNS", 2024, "FRAIS_GESTION", 1.0, "x")), schema);
        manifest(file, 1, "1.00");
        Path garbage = dir.resolve("landing/cnss/garbage.parquet");
        Files.writeString(garbage, "this is not parquet");
        manifest(garbage, 1, "1.00");

        var outcomes = IngestionFixture.byFile(fx.ingest(dir.resolve("landing")));

        assertThat(outcomes.get("cnss/financials_2024.parquet").reason())
                .isEqualTo("UNKNOWN_COLUMN: Parquet schema has column(s) [comment] that the financials contract does not define");
        assertThat(outcomes.get("cnss/garbage.parquet").reason()).startsWith("UNREADABLE_FILE: ");
        assertThat(fx.bronze(Feed.FINANCIALS).count()).isZero();
        assertThat(fx.count(BronzeTables.QUARANTINE)).isZero();
    }
}
