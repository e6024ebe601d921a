import org.apache.spark.sql.*;
import static org.apache.spark.sql.functions.*;
import java.util.*;

/**
 * The paid-keys experiment's same-process timings (README, Performance, 2026-12-06): run on the warehouse that
 * `amo bench --scale 0.1` leaves in DATA/run/warehouse with bench/results/paid-keys-experiment.diff applied:
 * javac -cp "cli/target/amo-cli.jar:cli/target/lib/*" -d OUT PaidKeysProbe.java, then java (the amo
 * launcher's --add-opens flags) -cp "OUT:cli/target/amo-cli.jar:cli/target/lib/*" PaidKeysProbe WAREHOUSE.
 */
public class PaidKeysProbe {
    static SparkSession spark;
    static String wh;
    static Dataset<Row> t(String n) { return spark.read().format("delta").load(wh + "/" + n.replace('.', '/')); }
    static double time(String name, Runnable r) {
        long s = System.nanoTime(); r.run(); double d = (System.nanoTime() - s) / 1e9;
        System.out.printf("%-28s %6.2f s%n", name, d); return d;
    }
    public static void main(String[] a) {
        wh = a[0];
        spark = SparkSession.builder().master("local[2]").appName("pk")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.shuffle.partitions", "8").config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        String[] key = {"year", "regime_code", "og_code", "kind", "id"};
        Column[] keyCols = Arrays.stream(key).map(functions::col).toArray(Column[]::new);
        for (int round = 0; round < 3; round++) {
            time("A count paid keys 2024", () -> t("silver.paid_keys").filter("year = 2024").groupBy("regime_code")
                .agg(count(when(col("kind").equalTo("CONSUMER"), 1)), count(when(col("kind").equalTo("CLAIM"), 1))).collectAsList());
            Dataset<Row> lines = t("silver.claim_lines").filter("status = 'PAYE' AND settlement_year = 2024 AND settlement_month >= 12");
            Dataset<Row> ids = lines.select(col("settlement_year").as("year"), col("regime_code"), col("og_code"), lit("CONSUMER").as("kind"), col("beneficiary_id").as("id"), col("settlement_month").as("month"))
                .union(lines.select(col("settlement_year").as("year"), col("regime_code"), col("og_code"), lit("CLAIM").as("kind"), col("claim_id").as("id"), col("settlement_month").as("month")));
            Dataset<Row> keys = ids.groupBy(keyCols).agg(min("month").as("first_month"));
            Dataset<Row> earlier = t("silver.paid_keys").filter("year = 2024 AND first_month < 12").select(keyCols);
            time("B shuffle anti-join", () -> System.out.println("   rows " + keys.join(earlier, key, "left_anti").count()));
            time("C broadcast-hash semi", () -> {
                Dataset<Row> k = keys.localCheckpoint();
                Dataset<Row> seen = earlier.withColumn("_h", xxhash64(keyCols))
                    .join(broadcast(k.select(xxhash64(keyCols).as("_h"))), new String[]{"_h"}, "left_semi").drop("_h");
                System.out.println("   rows " + k.join(seen, key, "left_anti").count());
            });
            time("C2 keys only (groupBy)", () -> System.out.println("   rows " + keys.count()));
            if (round < 2) time("D count distinct lines 2024", () -> t("silver.claim_lines").filter("status = 'PAYE' AND settlement_year = 2024")
                .groupBy("regime_code").agg(count_distinct(col("og_code"), col("beneficiary_id")), count_distinct(col("og_code"), col("claim_id")), count(lit(1))).collectAsList());
        }
    }
}
