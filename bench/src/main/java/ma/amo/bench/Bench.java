package ma.amo.bench;

import ma.amo.common.Pseudonymizer;
import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.ingestion.DeliveryOutcome;
import ma.amo.ingestion.DeliveryStatus;
import ma.amo.ingestion.IngestListener;
import ma.amo.ingestion.IngestReport;
import ma.amo.ingestion.Ingestion;
import ma.amo.marts.BuildOptions;
import ma.amo.marts.WarehouseBuild;
import ma.amo.report.RagReport;
import ma.amo.report.ReportOptions;
import ma.amo.transforms.DeltaIO;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code amo bench}: on one set of generated files, in one JVM, times the platform's steps (ingest, full
 * build, the year's report, then one more monthly claims delivery ingested and built incrementally) and the
 * baselines (raw read of the files, plain Spark CSV → Parquet copy, DuckDB computing four report tables from
 * Parquet copies of silver), and checks that DuckDB's figures equal the platform's. Steps run one after the
 * other in this order: raw read, Spark copy, ingest, build, report, DuckDB, incremental month.
 */
public final class Bench {
    /** Generated data only: a fixed, public key is fine (never use it for real deliveries). */
    static final Pseudonymizer PSEUDONYMIZER =
            new Pseudonymizer("amo-bench-key-for-generated-data-only".getBytes(StandardCharsets.UTF_8));
    /** Deliveries loaded at once, as amo ingest's default. */
    static final int INGEST_PARALLELISM = 4;

    private final BenchOptions options;
    private final ReferenceData reference;
    private final Consumer<String> progress;

    public Bench(BenchOptions options, ReferenceData reference, Consumer<String> progress) {
        this.options = options;
        this.reference = reference;
        this.progress = progress;
    }

    /** Runs everything; the Spark session is asked for once the data is ready (it must not be stopped before the end). */
    public BenchResult run(Supplier<SparkSession> sparkSession) {
        try (HeapPeak heap = new HeapPeak()) {
            BenchData.Prepared data = BenchData.prepare(options, reference, progress);
            Path run = options.data().toAbsolutePath().normalize().resolve(BenchData.RUN);
            BenchData.deleteTree(run);
            Files.createDirectories(run);
            LandingFiles files = LandingFiles.of(data.landing());
            Map<String, Long> rows = files.rowsByFeed();
            progress.accept(String.format("data: %d deliveries, %,d rows, %,d bytes", files.files().size(),
                    rows.values().stream().mapToLong(Long::longValue).sum(), files.bytes()));
            Map<String, Double> seconds = new LinkedHashMap<>();
            Map<String, String> notes = new LinkedHashMap<>();

            double raw = Stopwatch.time(() -> Baselines.rawRead(files)).seconds();
            seconds.put(BenchResult.RAW_READ, raw);
            progress.accept(String.format("raw read: %.1f s (%.0f MB/s)", raw, files.bytes() / 1e6 / raw));

            progress.accept("starting Spark...");
            SparkSession spark = sparkSession.get();

            Path copy = run.resolve("spark_copy");
            seconds.put(BenchResult.SPARK_COPY, Stopwatch.seconds(() -> Baselines.sparkCopy(spark, files, copy)));
            long copied = Baselines.copiedRows(spark, files, copy);
            check(copied == rows.values().stream().mapToLong(Long::longValue).sum(),
                    "the Spark copy wrote " + copied + " rows, the manifests say " + rows);
            progress.accept(String.format("spark copy (CSV -> Parquet, all strings): %.1f s", seconds.get(BenchResult.SPARK_COPY)));

            Warehouse warehouse = new Warehouse(run.resolve("warehouse"));
            seconds.put(BenchResult.INGEST, ingest(spark, warehouse, data.landing(), "ingest"));
            seconds.put(BenchResult.BUILD, build(spark, warehouse, BuildOptions.everything(), "build (full)"));

            Path reportDir = run.resolve("report");
            RagReport report = new RagReport(spark, warehouse, reference);
            ReportOptions reportOptions = ReportOptions.of(options.reportYear(), reportDir);
            seconds.put(BenchResult.REPORT, Stopwatch.seconds(() -> report.run(reportOptions)));
            progress.accept(String.format("report %d (CSV, xlsx, html): %.1f s", options.reportYear(), seconds.get(BenchResult.REPORT)));

            Figures platform = Figures.of(report.tables(reportOptions), DuckDbMarts.TABLES);
            Path parquet = run.resolve("silver_parquet");
            double copySilver = Stopwatch.seconds(() -> DuckDbMarts.copySilver(new DeltaIO(spark, warehouse), parquet));
            notes.put("silver_parquet_copy", String.format("%.1f s (Spark, not in duckdb_marts)", copySilver));
            progress.accept(String.format("silver -> Parquet copies for DuckDB: %.1f s (not counted)", copySilver));
            Stopwatch.Timed<Figures> duck = Stopwatch.time(() -> DuckDbMarts.compute(parquet, options.reportYear()));
            seconds.put(BenchResult.DUCKDB_MARTS, duck.seconds());
            List<String> diffs = platform.differences(duck.value());
            if (!diffs.isEmpty()) {
                throw new BenchFailure("DuckDB's figures differ from the platform's (" + diffs.size() + " differences): "
                        + String.join("; ", diffs.subList(0, Math.min(10, diffs.size()))));
            }
            notes.put("duckdb_check", duck.value().size() + " rows of T06, T07, T09, T12 equal the platform's");
            progress.accept(String.format("duckdb T06/T07/T09/T12 %d: %.1f s; %s", options.reportYear(),
                    duck.seconds(), notes.get("duckdb_check")));

            double incIngest = ingest(spark, warehouse, data.next(), "incremental ingest");
            double incBuild = build(spark, warehouse, BuildOptions.incremental(), "incremental build");
            seconds.put(BenchResult.INCREMENTAL_MONTH, incIngest + incBuild);
            notes.put("incremental_month", String.format("ingest %.1f s + build %.1f s of %s", incIngest, incBuild,
                    data.next().relativize(LandingFiles.of(data.next()).files().get(0).path())));

            seconds.replaceAll((k, v) -> BenchResult.round3(v));
            Map<String, Double> ordered = new LinkedHashMap<>();
            for (String k : List.of(BenchResult.INGEST, BenchResult.BUILD, BenchResult.REPORT, BenchResult.SPARK_COPY,
                    BenchResult.DUCKDB_MARTS, BenchResult.RAW_READ, BenchResult.INCREMENTAL_MONTH)) {
                ordered.put(k, seconds.get(k));
            }
            return new BenchResult(options.scale(), rows, ordered, BenchResult.ratios(ordered), heap.peakMb(),
                    Machine.describe(), notes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double ingest(SparkSession spark, Warehouse warehouse, Path landing, String label) {
        Stopwatch.Timed<IngestReport> r = Stopwatch.time(() -> new Ingestion(spark, warehouse, reference, PSEUDONYMIZER,
                INGEST_PARALLELISM).ingest(landing, new IngestListener() {
                    @Override
                    public void deliveryFinished(int index, int total, DeliveryOutcome o) {
                        progress.accept(String.format("  %s [%d/%d] %s %s: %,d rows", label, index, total, o.status(),
                                o.file(), o.rowsLoaded()));
                    }
                }));
        IngestReport report = r.value();
        check(report.count(DeliveryStatus.REJECTED) == 0 && report.rowsQuarantined() == 0,
                label + ": generated deliveries must load clean, got " + report.count(DeliveryStatus.REJECTED)
                        + " rejected, " + report.rowsQuarantined() + " rows quarantined");
        progress.accept(String.format("%s: %.1f s (%d deliveries, %,d rows)", label, r.seconds(),
                report.count(DeliveryStatus.LOADED), report.rowsLoaded()));
        return r.seconds();
    }

    private double build(SparkSession spark, Warehouse warehouse, BuildOptions build, String label) {
        double s = Stopwatch.seconds(() -> new WarehouseBuild(spark, warehouse, reference)
                .run(build, m -> progress.accept("  " + label + ": " + m)));
        progress.accept(String.format("%s: %.1f s", label, s));
        return s;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new BenchFailure(message);
        }
    }

    /** The bench found something wrong (not just slow): it stops and says what. */
    public static final class BenchFailure extends RuntimeException {
        BenchFailure(String message) {
            super(message);
        }
    }
}
