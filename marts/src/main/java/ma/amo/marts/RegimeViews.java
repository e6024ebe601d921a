package ma.amo.marts;

import ma.amo.common.Warehouse;
import org.apache.spark.sql.SparkSession;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One database per regime, {@code marts_<regime>}, holding one view per gold mart restricted to that regime,
 * so that a managing body can be granted its own regimes only. Spark's catalog is in-memory: whoever serves
 * SQL calls {@link #register} at start-up (the views are cheap: no data is copied).
 */
public final class RegimeViews {
    private RegimeViews() {
    }

    public static String database(String regimeCode) {
        return "marts_" + regimeCode.toLowerCase(Locale.ROOT);
    }

    /** Registers gold tables and the per-regime views; returns the view names created. */
    public static Set<String> register(SparkSession spark, Warehouse warehouse, Set<String> regimeCodes) {
        Set<String> views = new TreeSet<>();
        for (GoldMart mart : GoldMarts.ALL) {
            if (!warehouse.exists(mart.table())) {
                continue;
            }
            warehouse.register(spark, mart.table());
            for (String regime : regimeCodes) {
                String db = database(regime);
                spark.sql("CREATE DATABASE IF NOT EXISTS " + db);
                String view = db + "." + mart.name();
                spark.sql("CREATE OR REPLACE VIEW " + view + " AS SELECT * FROM " + mart.table()
                        + " WHERE regime_code = '" + regime.replace("'", "''") + "'");
                views.add(view);
            }
        }
        return views;
    }
}
