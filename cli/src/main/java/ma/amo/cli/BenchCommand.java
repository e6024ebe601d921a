package ma.amo.cli;

import ma.amo.bench.Bench;
import ma.amo.bench.BenchOptions;
import ma.amo.bench.BenchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Time ingest, build and report on generated data against plain Spark, DuckDB and the disk.",
        description = {
                "Generates deliveries at scale S into DIR (or reuses them when DIR holds the same scale, years and seed),",
                "then times in this JVM, on the same files: a raw read of their bytes (the disk floor), plain Spark",
                "reading the CSV files and writing Parquet (the floor of ingesting with Spark), amo's ingest, full build",
                "and the last year's report (CSV, xlsx, html), DuckDB computing T06, T07, T09 and T12 from Parquet",
                "copies of the silver tables (the copy is not timed) - and fails if DuckDB's figures differ from the",
                "platform's - and finally one more monthly claims delivery (January of the next year, CNSS) ingested",
                "and built incrementally. Prints a table and writes the JSON to FILE. The warehouse is DIR/run/warehouse",
                "(emptied at every run); --warehouse is not used. See the README's Performance section.",
                ""})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", required = true, paramLabel = "S",
            description = "Generator scale (1.0 = national: ~29 M beneficiaries, ~100 M claim lines a year).")
    double scale;

    @Option(names = "--years", defaultValue = "2024", paramLabel = "Y1-Y2",
            description = "Years loaded in full (default 2024); the report is of the last one.")
    String years;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Generator seed (default 42).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data and scratch folder (default bench/work/scale-S_Y1-Y2).")
    Path data;

    @Option(names = "--out", paramLabel = "FILE",
            description = "JSON result file (default bench/work/bench_scale-S_Y1-Y2.json).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int[] range = GenerateCommand.years(years);
        String name = "scale-" + scale + "_" + range[0] + "-" + range[1];
        BenchOptions options = new BenchOptions(scale, range[0], range[1], seed,
                data != null ? data : Path.of("bench", "work", name));
        Path json = out != null ? out : Path.of("bench", "work", "bench_" + name + ".json");
        long start = System.nanoTime();
        BenchResult result;
        try (Platform platform = new Platform(root, err, options.data().resolve("run").resolve("warehouse"))) {
            result = new Bench(options, platform.reference(), message -> {
                err.printf("[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, message);
                err.flush();
            }).run(platform::spark);
        }
        Path parent = json.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(json, result.json());
        print(result, stdout);
        stdout.println("JSON: " + json.toAbsolutePath());
        stdout.flush();
        return 0;
    }

    private static final Map<String, String> WHAT = Map.of(
            BenchResult.INGEST, "amo ingest: checks, pseudonymisation, bronze Delta",
            BenchResult.BUILD, "amo build --full: silver + gold",
            BenchResult.REPORT, "amo report of the last year (CSV, xlsx, html)",
            BenchResult.SPARK_COPY, "plain Spark: every CSV -> Parquet, all strings",
            BenchResult.DUCKDB_MARTS, "DuckDB: T06, T07, T09, T12 from silver Parquet (copy not timed)",
            BenchResult.RAW_READ, "read every byte of the CSV files",
            BenchResult.INCREMENTAL_MONTH, "one more monthly claims delivery: ingest + incremental build");

    static void print(BenchResult r, PrintWriter out) {
        out.println();
        out.printf("Scale %s: %s rows (%s)%n", r.scale(),
                TextTable.number(r.rows().values().stream().mapToLong(Long::longValue).sum()),
                String.join(", ", r.rows().entrySet().stream()
                        .map(e -> e.getKey() + " " + TextTable.number(e.getValue())).toList()));
        TextTable seconds = new TextTable(List.of("step", "seconds", "what"));
        r.seconds().forEach((k, v) -> seconds.add(List.of(k, String.format("%.1f", v), WHAT.get(k))));
        seconds.print(out);
        out.println();
        TextTable ratios = new TextTable(List.of("ratio", "value", "target (issue 7, scale 0.1)"));
        ratios.add(List.of("ingest_vs_spark_copy", String.format("%.2f", r.ratios().get("ingest_vs_spark_copy")), "<= 1.5"));
        ratios.add(List.of("build_report_vs_duckdb", String.format("%.2f", r.ratios().get("build_report_vs_duckdb")), "<= 3"));
        ratios.add(List.of("incremental_vs_full", String.format("%.2f", r.ratios().get("incremental_vs_full")),
                "<= 0.2 (incremental month / full build)"));
        ratios.print(out);
        out.println();
        out.printf("peak heap %,d MB; machine %s%n", r.peakHeapMb(), r.machine());
        r.notes().forEach((k, v) -> out.println(k + ": " + v));
    }
}
