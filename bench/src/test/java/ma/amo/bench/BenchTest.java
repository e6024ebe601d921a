package ma.amo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.common.testing.TestSpark;
import ma.amo.report.RagReport;
import ma.amo.report.ReportOptions;
import ma.amo.transforms.DeltaIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bench at a tiny scale (0.0002, 2024 only): the JSON has exactly the issue's shape, its rows are the
 * generated files' data lines, its ratios are its seconds divided, and DuckDB's T06/T07/T09/T12 figures equal
 * the platform's (the bench fails otherwise; here they are also checked against the raw files where a figure
 * can be summed by hand).
 */
class BenchTest {
    static final ReferenceData REFERENCE = ReferenceData.bundled();
    @TempDir
    static Path dir;
    static BenchOptions options;
    static BenchResult result;
    static List<String> progress = new ArrayList<>();

    @BeforeAll
    static void runBench() {
        options = new BenchOptions(0.0002, 2024, 2024, 42, dir.resolve("data"));
        long start = System.nanoTime();
        result = new Bench(options, REFERENCE, m -> {
            progress.add(m);
            System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - start) / 1e9, m);
        }).run(TestSpark::get);
    }

    @Test
    void jsonHasExactlyTheIssuesShape() throws IOException {
        JsonNode json = new ObjectMapper().readTree(result.json());
        assertThat(names(json)).containsExactly("scale", "rows", "seconds", "ratios", "peak_heap_mb", "machine");
        assertThat(json.get("scale").asDouble()).isEqualTo(0.0002);
        assertThat(names(json.get("rows"))).containsExactly("beneficiaries", "contributions", "claims", "ald", "financials");
        assertThat(names(json.get("seconds"))).containsExactly("ingest", "build", "report", "spark_copy",
                "duckdb_marts", "raw_read", "incremental_month");
        json.get("seconds").forEach(s -> assertThat(s.asDouble()).isPositive());
        assertThat(names(json.get("ratios"))).containsExactly("ingest_vs_spark_copy", "build_report_vs_duckdb",
                "incremental_vs_full");
        assertThat(names(json.get("machine"))).containsExactly("cores", "memory_gib", "os", "java", "max_heap_mb", "cpu_model");
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(json.get("peak_heap_mb").asLong()).isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    @Test
    void ratiosAreTheSecondsDivided() throws IOException {
        JsonNode json = new ObjectMapper().readTree(result.json());
        JsonNode s = json.get("seconds");
        JsonNode r = json.get("ratios");
        assertThat(r.get("ingest_vs_spark_copy").asDouble())
                .isEqualTo(BenchResult.round3(s.get("ingest").asDouble() / s.get("spark_copy").asDouble()));
        assertThat(r.get("build_report_vs_duckdb").asDouble()).isEqualTo(BenchResult.round3(
                (s.get("build").asDouble() + s.get("report").asDouble()) / s.get("duckdb_marts").asDouble()));
        assertThat(r.get("incremental_vs_full").asDouble())
                .isEqualTo(BenchResult.round3(s.get("incremental_month").asDouble() / s.get("build").asDouble()));
    }

    /** Data lines of every CSV under landing (header excluded), by the feed named in the file name. */
    @Test
    void rowsAreTheDataLinesOfTheBenchmarkedFiles() throws IOException {
        Map<String, Long> lines = new HashMap<>();
        try (Stream<Path> walk = Files.walk(options.data().resolve(BenchData.LANDING))) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".csv")).toList()) {
                String feed = f.getFileName().toString().split("_")[1];
                try (Stream<String> l = Files.lines(f)) {
                    lines.merge(feed, l.count() - 1, Long::sum);
                }
            }
        }
        assertThat(result.rows()).isEqualTo(lines);
        assertThat(result.rows().get("claims")).isPositive();
        // the incremental delivery is apart: January 2025 claims of CNSS, nothing else of 2025 kept
        try (Stream<Path> next = Files.walk(options.data().resolve(BenchData.NEXT))) {
            assertThat(next.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("cnss_claims_2025-01_01.csv", "cnss_claims_2025-01_01.csv.manifest.json");
        }
        assertThat(options.data().resolve(BenchData.LANDING).resolve("cnss").resolve("2025")).doesNotExist();
    }

    @Test
    void sameOptionsReuseTheData() {
        BenchData.Prepared again = BenchData.prepare(options, REFERENCE, m -> { });
        assertThat(again.reused()).isTrue();
        assertThat(progress).anyMatch(m -> m.startsWith("data: generating"));
    }

    /**
     * The bench's own check, redone on what it left: DuckDB over the Parquet copies equals the platform's tables,
     * T12's TOTAL other income equals the 2024 financials files summed by hand, and one changed figure is caught.
     */
    @Test
    void duckDbFiguresEqualThePlatformsAndTheRawFiles() throws IOException {
        // the incremental month changed silver since the bench's check: copy it again
        Path run = options.data().resolve(BenchData.RUN);
        Warehouse warehouse = new Warehouse(run.resolve("warehouse"));
        Path parquet = dir.resolve("silver_now");
        DuckDbMarts.copySilver(new DeltaIO(TestSpark.get(), warehouse), parquet);
        Figures duck = DuckDbMarts.compute(parquet, 2024);
        Figures platform = Figures.of(new RagReport(TestSpark.get(), warehouse, REFERENCE)
                .tables(ReportOptions.of(2024, run.resolve("report"))), DuckDbMarts.TABLES);
        assertThat(platform.tableIds()).containsExactly("T06", "T07", "T09", "T12");
        assertThat(platform.differences(duck)).isEmpty();

        // Σ amount of PRODUITS_FINANCIERS and AUTRES_PRODUITS rows of the two 2024 financials files (delivered once)
        BigDecimal otherIncome = BigDecimal.ZERO;
        try (Stream<Path> walk = Files.walk(options.data().resolve(BenchData.LANDING))) {
            for (Path f : walk.filter(p -> p.getFileName().toString().matches(".*_financials_2024_01\\.csv")).toList()) {
                for (String line : Files.readAllLines(f).subList(1, Files.readAllLines(f).size())) {
                    String[] c = line.split(";");
                    if (c[3].equals("PRODUITS_FINANCIERS") || c[3].equals("AUTRES_PRODUITS")) {
                        otherIncome = otherIncome.add(new BigDecimal(c[4]));
                    }
                }
            }
        }
        assertThat(otherIncome).isPositive();
        assertThat((BigDecimal) duck.rows("T12").get("TOTAL").get("other_income")).isEqualByComparingTo(otherIncome);

        Map<String, Object> changed = new HashMap<>(duck.rows("T06").get("TOTAL"));
        changed.put("claim_lines", ((Number) changed.get("claim_lines")).longValue() + 1);
        Figures altered = new Figures();
        duck.tableIds().forEach(t -> duck.rows(t).forEach((k, v) -> altered.put(t, k, t.equals("T06") && k.equals("TOTAL") ? changed : v)));
        assertThat(platform.differences(altered)).singleElement().asString().startsWith("T06 TOTAL claim_lines");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
