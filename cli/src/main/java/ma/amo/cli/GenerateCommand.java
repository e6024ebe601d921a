package ma.amo.cli;

import ma.amo.common.reference.ReferenceData;
import ma.amo.generator.GenerationSummary;
import ma.amo.generator.GeneratorOptions;
import ma.amo.generator.SampleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "generate", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Write synthetic deliveries in the exact contract format.",
        description = {
                "Data files and manifests for every feed, managing body and regime, calibrated on the published orders",
                "of magnitude: scale 1.0 is about 29 million beneficiaries and 100 million claim lines a year",
                "(tens of GB); 0.001 is a laptop-sized sample. Same seed and options, same bytes. Generated people",
                "only: no real personal data. See docs/generator.md.",
                ""})
final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Landing folder to write.")
    Path out;

    @Option(names = "--scale", defaultValue = "0.001", paramLabel = "S",
            description = "Size relative to the national scale (default 0.001; 1.0 = national).")
    double scale;

    @Option(names = "--years", defaultValue = "2023-2024", paramLabel = "Y1-Y2",
            description = "Delivery years, a year or a range (default 2023-2024).")
    String years;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Random seed (default 42).")
    long seed;

    @Option(names = "--anomalies", description = "Also plant bad rows and bad deliveries of every kind the contract names (listed in DIR/.anomalies.json).")
    boolean anomalies;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "Writer threads (default: all cores). The output does not depend on it.")
    int threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GenerationSummary summary = generate(ReferenceData.from(Optional.ofNullable(root.reference)), this.out,
                scale, years, seed, anomalies, threads, err);
        print(summary, this.out, out);
        return 0;
    }

    static GenerationSummary generate(ReferenceData reference, Path out, double scale, String years, long seed,
                                      boolean anomalies, int threads, PrintWriter err) throws IOException {
        int[] range = years(years);
        GeneratorOptions options = new GeneratorOptions(out, scale, range[0], range[1], seed, anomalies, threads);
        err.printf("Generating scale %s, years %d-%d, seed %d into %s%n", scale, range[0], range[1], seed, out);
        err.flush();
        long[] lastPrint = {0};
        return new SampleGenerator(reference).generate(options, (file, rows, done, total) -> {
            long now = System.nanoTime();
            if (done == total || now - lastPrint[0] > 2_000_000_000L) {
                lastPrint[0] = now;
                err.printf("  [%d/%d files] %s (%s rows)%n", done, total, file, TextTable.number(rows));
                err.flush();
            }
        });
    }

    static void print(GenerationSummary s, Path dir, PrintWriter out) {
        out.printf("Wrote %d files (%s bytes) in %.1f s into %s%n", s.files(), TextTable.number(s.bytes()),
                s.elapsed().toMillis() / 1000.0, dir.toAbsolutePath());
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(s.rowsByFeed()).entrySet()) {
            out.printf("  %-14s %15s rows%n", e.getKey(), TextTable.number(e.getValue()));
        }
        if (s.rowAnomalies() + s.deliveryAnomalies() > 0) {
            out.printf("  anomalies: %d bad rows, %d bad deliveries (see %s)%n", s.rowAnomalies(), s.deliveryAnomalies(),
                    dir.resolve(".anomalies.json"));
        }
        out.println("next: amo ingest " + dir);
        out.flush();
    }

    static int[] years(String spec) {
        String[] parts = spec.trim().split("-");
        try {
            int first = Integer.parseInt(parts[0].trim());
            int last = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : first;
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            return new int[]{first, last};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--years takes YYYY or YYYY-YYYY, got '" + spec + "'");
        }
    }
}
