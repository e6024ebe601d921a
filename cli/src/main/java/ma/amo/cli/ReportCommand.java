package ma.amo.cli;

import ma.amo.report.RagReport;
import ma.amo.report.ReportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "report", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Write the annual global report (RAG) tables T01-T14 of a year.",
        description = {
                "Writes T01_population.csv ... T14_double_registration.csv (';'-separated, byte-identical for the same",
                "inputs), rag_<Y>.xlsx (French labels, cover sheet of provenance), rag_<Y>.html (self-contained) and",
                "manifest.json (table versions, deliveries, reference-data hash, parameters, platform version).",
                "Counts below --min-cell in T02, T03 and T11 are suppressed (primary), and so are the smallest other",
                "counts needed so that none can be recovered from a published total (secondary); the suppressed",
                "column says which. --as-of rebuilds the report from the warehouse as it was at an earlier build",
                "(Delta time travel; amo vacuum keeps 10 years of it). Definitions: docs/report.md.",
                ""})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--year", required = true, paramLabel = "Y", description = "Reporting year.")
    int year;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--format", defaultValue = "csv,xlsx,html", split = ",", paramLabel = "F",
            description = "Any of csv, xlsx, html (default all three); manifest.json is always written.")
    List<String> formats;

    @Option(names = "--min-cell", defaultValue = "5", paramLabel = "N",
            description = "Small-cell threshold (default 5); 0 turns suppression off.")
    int minCell;

    @Option(names = "--as-of", paramLabel = "VERSION|TIMESTAMP",
            description = "Build-state version printed by 'amo build', or a time (yyyy-MM-dd[ HH:mm:ss], UTC).")
    String asOf;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try (Platform platform = new Platform(root, spec.commandLine().getErr())) {
            write(platform, new ReportOptions(year, out, parse(formats), minCell, asOf), stdout);
            return 0;
        }
    }

    static List<Path> write(Platform platform, ReportOptions options, PrintWriter out) {
        if (!platform.warehouse().exists("silver._build_state")) {
            throw new IllegalArgumentException("the warehouse " + platform.warehouse().location()
                    + " has no build yet: run 'amo build' first");
        }
        platform.err().println("Starting Spark (" + platform.master() + ")...");
        platform.err().flush();
        long start = System.nanoTime();
        List<Path> files = new RagReport(platform.spark(), platform.warehouse(), platform.reference()).run(options);
        out.printf("RAG %d written in %.1f s to %s%n", options.year(), (System.nanoTime() - start) / 1e9,
                options.out().toAbsolutePath());
        for (Path f : files) {
            out.println("  " + f.getFileName());
        }
        out.flush();
        return files;
    }

    static Set<ReportOptions.Format> parse(List<String> names) {
        Set<ReportOptions.Format> set = EnumSet.noneOf(ReportOptions.Format.class);
        for (String n : names) {
            try {
                set.add(ReportOptions.Format.valueOf(n.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format takes csv, xlsx, html; got '" + n + "'");
            }
        }
        return set;
    }
}
