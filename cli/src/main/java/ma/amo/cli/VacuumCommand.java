package ma.amo.cli;

import ma.amo.common.WarehouseLock;
import ma.amo.common.WarehouseVacuum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "vacuum", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Remove the Delta files no longer needed, keeping N years of history for report --as-of.",
        description = {
                "Every Delta table keeps the files of its old versions so that time travel (amo report --as-of) can",
                "reproduce a published report. This removes the files that only versions older than the window",
                "need: every version committed in the last N years (N x 366 days), and the current one, stays",
                "readable.",
                "It also sets each table's delta.logRetentionDuration and delta.deletedFileRetentionDuration to the",
                "window (once; nothing is written when they already match), so Delta's own log clean-up keeps the",
                "same history. Prints, per table, the files and bytes removed; --dry-run only lists them and",
                "changes nothing. Takes the warehouse lock: no other command writes meanwhile.",
                ""})
final class VacuumCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--keep-years", paramLabel = "N", defaultValue = "" + WarehouseVacuum.DEFAULT_YEARS,
            description = "Years of history to keep reproducible (default ${DEFAULT-VALUE}; at least 1).")
    int keepYears;

    @Option(names = "--dry-run", description = "List what would be removed; remove nothing, set nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration window;
        try {
            window = WarehouseVacuum.years(keepYears);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Platform platform = new Platform(root, err);
             WarehouseLock lock = WarehouseLock.acquire(platform.warehouse(), "amo vacuum" + (dryRun ? " --dry-run" : ""))) {
            if (platform.warehouse().tables().isEmpty()) {
                out.println("The warehouse " + platform.warehouse().location() + " has no table: nothing to vacuum.");
                out.flush();
                return 0;
            }
            err.println("Starting Spark (" + platform.master() + ")...");
            err.flush();
            Instant cutoff = Instant.now().minus(window);
            List<WarehouseVacuum.TableResult> results = new WarehouseVacuum(platform.spark(), platform.warehouse())
                    .run(window, dryRun, line -> {
                        err.println(line);
                        err.flush();
                    });
            print(results, cutoff, out);
            return 0;
        }
    }

    private void print(List<WarehouseVacuum.TableResult> results, Instant cutoff, PrintWriter out) {
        if (dryRun) {
            for (WarehouseVacuum.TableResult r : results) {
                r.files().forEach(f -> out.println("would remove " + r.table() + "/" + f.path() + " (" + TextTable.number(f.bytes()) + " bytes)"));
            }
        }
        TextTable table = new TextTable(List.of("table", "files", "bytes", "retention_properties"));
        long files = 0;
        long bytes = 0;
        for (WarehouseVacuum.TableResult r : results) {
            table.add(List.of(r.table(), TextTable.number(r.files().size()), TextTable.number(r.bytes()),
                    r.propertiesSet().isEmpty() ? "already set" : (dryRun ? "would set " : "set ")
                            + r.propertiesSet().values().iterator().next()));
            files += r.files().size();
            bytes += r.bytes();
        }
        out.println();
        table.print(out);
        out.println();
        out.printf("%s %s files, %s bytes; every version committed since %s (%d years) stays readable%n",
                dryRun ? "Dry run: would remove" : "Removed", TextTable.number(files), TextTable.number(bytes),
                cutoff, keepYears);
        out.flush();
    }
}
