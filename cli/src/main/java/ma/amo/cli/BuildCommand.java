package ma.amo.cli;

import ma.amo.common.WarehouseLock;
import ma.amo.marts.BuildOptions;
import ma.amo.marts.BuildSummary;
import ma.amo.marts.WarehouseBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "build", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Build the silver layer and the gold regime marts from bronze.",
        description = {
                "Silver: conformed coverage spells (latest snapshot of each OG and year, overlapping spells merged),",
                "person keys across managing bodies, claim lines as their latest copy, contributions, financials, ALD",
                "exemptions, double registrations and data-quality findings. Gold: population, contributions,",
                "spending, consumption, ALD, technical balance, double registration and evolution marts, partitioned",
                "by regime and year, with one view per regime (marts_<regime>.<mart>).",
                "Incremental by default: only what the deliveries loaded since the last build touch is recomputed",
                "(see docs/marts.md); --full recomputes everything. Prints the build-state version that",
                "'amo report --as-of' takes to reproduce a report from exactly these tables.",
                ""})
final class BuildCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--year", paramLabel = "Y", description = "Also recompute every regime of year Y in gold.")
    Integer year;

    @Option(names = "--full", description = "Recompute every silver and gold table from bronze.")
    boolean full;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + BuildOptions.DEFAULT_PARALLEL,
            description = "Gold marts written at the same time, each once the marts it reads are written "
                    + "(default: ${DEFAULT-VALUE}; 1 writes them one after the other).")
    int parallel;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BuildOptions options;
        try {
            options = new BuildOptions(year, full, parallel);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (Platform platform = new Platform(root, err);
             WarehouseLock lock = WarehouseLock.acquire(platform.warehouse(), "amo build")) {
            print(run(platform, options), platform, out);
            return 0;
        }
    }

    static BuildSummary run(Platform platform, BuildOptions options) {
        PrintWriter err = platform.err();
        err.println("Starting Spark (" + platform.master() + ")...");
        err.flush();
        long start = System.nanoTime();
        BuildSummary summary = new WarehouseBuild(platform.spark(), platform.warehouse(), platform.reference())
                .run(options, message -> {
                    err.printf("[%5.1f s] %s%n", (System.nanoTime() - start) / 1e9, message);
                    err.flush();
                });
        return summary;
    }

    static void print(BuildSummary summary, Platform platform, PrintWriter out) {
        TextTable table = new TextTable(List.of("table", "delta_version", "rows_written", "scope"));
        for (BuildSummary.TableWrite w : summary.written()) {
            table.add(List.of(w.table(), String.valueOf(w.version()), TextTable.number(w.rows()), w.scope()));
        }
        out.println();
        if (table.size() == 0) {
            out.println("Nothing to rebuild: no delivery changed since the last build.");
        } else {
            table.print(out);
        }
        out.println();
        out.printf("%s build done; build-state version %d (amo report --as-of %d reproduces it)%n",
                summary.full() ? "Full" : "Incremental", summary.stateVersion(), summary.stateVersion());
        out.println("warehouse: " + platform.warehouse().location());
        out.flush();
    }
}
