package ma.amo.cli;

import ma.amo.common.BronzeTables;
import ma.amo.report.RagTable;
import ma.amo.report.quality.QualityOptions;
import ma.amo.report.quality.QualityReport;
import ma.amo.report.quality.QualityResult;
import ma.amo.report.quality.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "quality", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Data-quality report of the deliveries and the warehouse; exit code 2 when a finding is blocking.",
        description = {
                "Writes, per table, a CSV (';'-separated, byte-identical for the same inputs), plus quality.html",
                "(quality_<Y>.html with --year; French, self-contained) and manifest.json (Delta versions read):",
                "  Q1 deliveries expected vs received per managing body, feed and month (year for yearly feeds)",
                "  Q2 quarantined rows by reason and their share of each delivery",
                "  Q3 silver findings (unknown beneficiaries, claims outside coverage) as of the last build",
                "  Q4a/Q4b manifest row counts and control totals vs what bronze holds (amounts need --landing)",
                "  Q5 month-over-month jumps of paid claims per regime and care category",
                "  Q6 persons covered by two regimes on the same day",
                "Blocking: an expected delivery missing, a rejected delivery not replaced, a row-count or control-total",
                "difference, a delivery with more than --max-quarantine-share of its rows quarantined. Everything else",
                "is a warning. Blocking findings come from bronze only, so this can run right after 'amo ingest'.",
                "Rules and choices: docs/quality.md.",
                ""},
        footer = {"", "Exit code: 0 no blocking finding, 2 some blocking finding (stop the publication), 1 failure."})
final class QualityCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--year", paramLabel = "Y", description = "Only this year's periods, findings and months (default: every year present).")
    Integer year;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--landing", paramLabel = "DIR",
            description = "Landing folder the deliveries were ingested from: its manifests give the amount control totals (Q4b).")
    Path landing;

    @Option(names = "--max-quarantine-share", paramLabel = "PCT", defaultValue = "5",
            description = "A delivery with more than PCT %% of its rows in quarantine is blocking (default 5).")
    BigDecimal maxQuarantineShare;

    @Option(names = "--jump-threshold", paramLabel = "PCT", defaultValue = "50",
            description = "Month-over-month change of paid claim lines or amount beyond PCT %% is a warning (default 50).")
    BigDecimal jumpThreshold;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        try (Platform platform = new Platform(root, spec.commandLine().getErr())) {
            if (!platform.warehouse().exists(BronzeTables.DELIVERIES)) {
                throw new IllegalArgumentException("the warehouse " + platform.warehouse().location()
                        + " has no deliveries: run 'amo ingest' first");
            }
            if (landing != null && !java.nio.file.Files.isDirectory(landing)) {
                throw new IllegalArgumentException("landing folder " + landing + " does not exist");
            }
            QualityOptions options = new QualityOptions(year, out, landing, maxQuarantineShare, jumpThreshold);
            platform.err().println("Starting Spark (" + platform.master() + ")...");
            platform.err().flush();
            long start = System.nanoTime();
            QualityResult result = new QualityReport(platform.spark(), platform.warehouse(), platform.reference()).run(options);
            printSummary(result, stdout, (System.nanoTime() - start) / 1e9, options);
            return result.blocking() ? 2 : 0;
        }
    }

    private static void printSummary(QualityResult result, PrintWriter out, double seconds, QualityOptions options) {
        TextTable table = new TextTable(List.of("table", "content", "rows", "blocking", "warnings"));
        for (RagTable t : result.tables()) {
            table.add(List.of(t.id(), t.title(), TextTable.number(t.size()),
                    TextTable.number(QualityResult.count(t, Severity.BLOCKING)),
                    TextTable.number(QualityResult.count(t, Severity.WARNING))));
        }
        out.println();
        table.print(out);
        out.println();
        result.notes().forEach(n -> out.println("note: " + n));
        long blocking = result.count(Severity.BLOCKING);
        out.printf("%s: %d blocking finding(s), %d warning(s) (%.1f s)%n",
                blocking > 0 ? "BLOCKING" : "OK", blocking, result.count(Severity.WARNING), seconds);
        out.println("written to " + options.out().toAbsolutePath() + ":");
        result.files().forEach(f -> out.println("  " + f.getFileName()));
        out.flush();
    }
}
