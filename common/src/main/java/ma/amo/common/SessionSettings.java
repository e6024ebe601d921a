package ma.amo.common;

import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Spark session settings that hold for one call only: set before it, put back after it (unset where they were
 * unset), whether it returns or throws, so that a setting one command needs never leaks into the next.
 */
public final class SessionSettings {
    private SessionSettings() {
    }

    public static <T> T during(SparkSession spark, Map<String, String> settings, Supplier<T> call) {
        Map<String, String> before = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            before.put(k, spark.conf().get(k, null));
            spark.conf().set(k, v);
        });
        try {
            return call.get();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    spark.conf().unset(k);
                } else {
                    spark.conf().set(k, v);
                }
            });
        }
    }

    public static void during(SparkSession spark, Map<String, String> settings, Runnable call) {
        during(spark, settings, () -> {
            call.run();
            return null;
        });
    }
}
