package ma.amo.cli;

import ma.amo.common.WarehouseLock;
import ma.amo.ingestion.DeliveryOutcome;
import ma.amo.ingestion.DeliveryStatus;
import ma.amo.ingestion.IngestListener;
import ma.amo.ingestion.IngestReport;
import ma.amo.ingestion.Ingestion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ingest", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Load every delivery of a landing folder into the warehouse.",
        description = {
                "Finds every data file and its <file>.manifest.json at any depth, checks the manifest (sha256, row_count,",
                "control totals, schema) and every row against the data contract, then loads clean rows into",
                "bronze.<feed> and the others into bronze.quarantine with their reasons. A delivery failing a manifest",
                "check is rejected whole. Identifiers are pseudonymised on the way in (keyed HMAC-SHA-256).",
                "Running it again on the same files changes nothing; a higher sequence of the same",
                "(og_code, feed, period) replaces the previous delivery.",
                ""},
        footer = {"", "Exit code: 0 every delivery loaded (or already there / duplicate), 2 some delivery rejected,",
                "1 platform failure."})
final class IngestCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "LANDING_DIR", description = "Folder the managing bodies' files were dropped in.")
    Path landing;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "Pseudonymisation key file (default: $AMO_PSEUDONYM_KEY_FILE, $AMO_PSEUDONYM_KEY, else a demo key).")
    Path keyFile;

    @Option(names = "--parallel", defaultValue = "4", paramLabel = "N",
            description = "Deliveries loaded at the same time (default 4): small files are dominated by job and commit latency.")
    int parallel;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (parallel < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--parallel must be 1 or more, not " + parallel);
        }
        if (!Files.isDirectory(landing)) {
            throw new IllegalArgumentException("landing folder " + landing + " does not exist");
        }
        try (Platform platform = new Platform(root, err);
             WarehouseLock lock = WarehouseLock.acquire(platform.warehouse(), "amo ingest " + landing)) {
            var pseudonymizer = platform.pseudonymizer(keyFile);
            err.println("Starting Spark (" + platform.master() + ")...");
            err.flush();
            Ingestion ingestion = new Ingestion(platform.spark(), platform.warehouse(), platform.reference(), pseudonymizer, parallel);
            IngestReport report = ingestion.ingest(landing, new Progress(err));
            printSummary(report, platform, out);
            return report.anyRejected() ? 2 : 0;
        }
    }

    static void printSummary(IngestReport report, Platform platform, PrintWriter out) {
        TextTable table = new TextTable(List.of("status", "file", "og", "feed", "period", "seq", "loaded", "quarantined", "reason"));
        for (DeliveryOutcome o : report.outcomes()) {
            String status = o.newlyRecorded() ? o.status().name() : "already " + o.status().name().toLowerCase();
            table.add(List.of(status, o.file(), nz(o.ogCode()), nz(o.feed()), nz(o.period()),
                    o.sequence() == null ? "" : o.sequence().toString(), TextTable.number(o.rowsLoaded()),
                    TextTable.number(o.rowsQuarantined()), o.reason() == null ? "" : o.reason()));
        }
        out.println();
        table.print(out);
        out.println();
        out.printf("%d deliveries: %d loaded, %d rejected, %d duplicate, %d already ingested before (%.1f s)%n",
                report.outcomes().size(), report.count(DeliveryStatus.LOADED), report.count(DeliveryStatus.REJECTED),
                report.count(DeliveryStatus.DUPLICATE), report.alreadyIngested(), report.elapsed().toMillis() / 1000.0);
        out.printf("rows: %s loaded into bronze, %s quarantined (see bronze.quarantine)%n",
                TextTable.number(report.rowsLoaded()), TextTable.number(report.rowsQuarantined()));
        out.println("warehouse: " + platform.warehouse().location());
        out.println("next: amo status | amo sql \"select feed, status, count(*) from bronze.deliveries group by 1, 2\"");
        out.flush();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** One line per delivery on stderr, so stdout stays the summary. */
    static final class Progress implements IngestListener {
        private final PrintWriter err;
        private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(int candidates) {
            err.println("Found " + candidates + " candidate deliveries.");
            err.flush();
        }

        @Override
        public void deliveryStarted(int index, int total, String file) {
            started.put(file, System.nanoTime());
        }

        @Override
        public void deliveryFinished(int index, int total, DeliveryOutcome o) {
            String width = String.valueOf(total);
            String what = switch (o.status()) {
                case LOADED -> TextTable.number(o.rowsLoaded()) + " rows loaded, "
                        + TextTable.number(o.rowsQuarantined()) + " quarantined";
                case REJECTED -> o.reason();
                case DUPLICATE -> "same bytes as " + o.reason().replaceFirst("^same bytes as delivery ", "");
            };
            err.printf("[%" + width.length() + "d/%s] %-9s %s: %s%s (%.1f s)%n", index, width,
                    o.newlyRecorded() ? o.status() : "SKIPPED", o.file(), o.newlyRecorded() ? "" : "already ingested; ",
                    what, (System.nanoTime() - started.getOrDefault(o.file(), System.nanoTime())) / 1e9);
            err.flush();
        }
    }
}
