package ma.amo.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code amo bench} measured, as the JSON it writes: scale, rows per feed, seconds per step, ratios,
 * peak heap and machine. {@code notes} are printed with the table but not written to the JSON.
 */
public record BenchResult(double scale, Map<String, Long> rows, Map<String, Double> seconds,
                          Map<String, Double> ratios, long peakHeapMb, Map<String, Object> machine,
                          Map<String, String> notes) {
    public static final String INGEST = "ingest";
    public static final String BUILD = "build";
    public static final String REPORT = "report";
    public static final String SPARK_COPY = "spark_copy";
    public static final String DUCKDB_MARTS = "duckdb_marts";
    public static final String RAW_READ = "raw_read";
    public static final String INCREMENTAL_MONTH = "incremental_month";

    static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    static Map<String, Double> ratios(Map<String, Double> s) {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("ingest_vs_spark_copy", round3(s.get(INGEST) / s.get(SPARK_COPY)));
        r.put("build_report_vs_duckdb", round3((s.get(BUILD) + s.get(REPORT)) / s.get(DUCKDB_MARTS)));
        // the target: an incremental month (ingest + build) against a full build
        r.put("incremental_vs_full", round3(s.get(INCREMENTAL_MONTH) / s.get(BUILD)));
        return r;
    }

    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scale", scale);
        m.put("rows", rows);
        m.put("seconds", seconds);
        m.put("ratios", ratios);
        m.put("peak_heap_mb", peakHeapMb);
        m.put("machine", machine);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
