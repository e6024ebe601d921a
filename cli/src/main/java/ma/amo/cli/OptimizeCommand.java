package ma.amo.cli;

import ma.amo.common.WarehouseLock;
import ma.amo.marts.WarehouseOptimize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "optimize", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Compact the silver and gold tables (Delta OPTIMIZE); the data does not change.",
        description = {
                "Monthly builds leave small files and deletion vectors behind (the claims MERGE marks the rows a",
                "correction replaces instead of rewriting their files). This rewrites, partition by partition, the",
                "small files into fewer and the files whose deletion vectors hide many rows, so reads stay as fast",
                "as after a full build. Rows, reports and the next build's work are unchanged; the build's bookmark",
                "moves to the compacted versions. Refused after an interrupted build (run amo build first). The old",
                "files stay for time travel until amo vacuum removes them. Takes the warehouse lock.",
                ""})
final class OptimizeCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Platform platform = new Platform(root, err);
             WarehouseLock lock = WarehouseLock.acquire(platform.warehouse(), "amo optimize")) {
            err.println("Starting Spark (" + platform.master() + ")...");
            err.flush();
            List<WarehouseOptimize.TableResult> results = new WarehouseOptimize(platform.spark(), platform.warehouse())
                    .run(line -> {
                        err.println(line);
                        err.flush();
                    });
            TextTable table = new TextTable(List.of("table", "files_rewritten", "into_files", "bytes_before", "bytes_after"));
            long rewritten = 0;
            for (WarehouseOptimize.TableResult r : results) {
                if (r.changed()) {
                    table.add(List.of(r.table(), TextTable.number(r.filesRemoved()), TextTable.number(r.filesAdded()),
                            TextTable.number(r.bytesRemoved()), TextTable.number(r.bytesAdded())));
                    rewritten += r.filesRemoved();
                }
            }
            out.println();
            if (table.size() == 0) {
                out.println("Nothing to compact in the " + results.size() + " silver and gold tables.");
            } else {
                table.print(out);
                out.println();
                out.printf("%s files rewritten in %d of %d tables; the old files stay for time travel until amo vacuum%n",
                        TextTable.number(rewritten), table.size(), results.size());
            }
            out.println("warehouse: " + platform.warehouse().location());
            out.flush();
            return 0;
        }
    }
}
