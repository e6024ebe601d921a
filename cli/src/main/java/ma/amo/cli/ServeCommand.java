package ma.amo.cli;

import ma.amo.dashboards.connect.ConnectServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Serve the warehouse over Spark Connect (remote PySpark / Spark clients), until Ctrl-C.",
        description = {
                "Starts Spark on the warehouse, registers every Delta table as layer.table (bronze.*, silver.*, gold.*)",
                "and the per-regime views marts_<regime>.*, and runs a Spark Connect endpoint on 127.0.0.1 only.",
                "Each client gets its own session (temporary views, settings) over the same tables. No authentication:",
                "for access from another machine use an SSH tunnel (ssh -L 15002:127.0.0.1:15002 host) or a",
                "TLS-terminating, authenticating proxy. Tables created after the start are seen after a restart.",
                "From PySpark (pip install 'pyspark[connect]==4.2.0'):",
                "  SparkSession.builder.remote(\"sc://127.0.0.1:15002\").getOrCreate().sql(\"show tables in gold\").show()",
                ""})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "15002", paramLabel = "N",
            description = "Port on 127.0.0.1 (default 15002, Spark Connect's usual one).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Platform platform = new Platform(root, err)) {
            err.println("Starting Spark (" + platform.master() + ")...");
            err.flush();
            if (!root.verbose) {
                // Without spark-mllib on the classpath (not shipped), Spark Connect logs a harmless
                // NoClassDefFoundError stack trace each time a client session is released; query errors
                // reach the client anyway.
                org.apache.logging.log4j.core.config.Configurator.setLevel(
                        "org.apache.spark.sql.connect.utils.ErrorUtils", org.apache.logging.log4j.Level.OFF);
            }
            ConnectServer server = ConnectServer.start(platform.spark(), platform.warehouse(),
                    platform.reference().regimeCodes(), port);
            Thread hook = new Thread(() -> {
                err.println("Stopping Spark Connect...");
                err.flush();
                server.close();
                platform.close();
                stopped.countDown();
            }, "amo-serve-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            err.println("Serving " + server.tables().size() + " tables and " + server.views().size()
                    + " regime views of " + platform.warehouse().location() + " (Ctrl-C to stop).");
            err.flush();
            out.println("Spark Connect: " + server.url());
            out.println("PySpark:       from pyspark.sql import SparkSession; spark = SparkSession.builder.remote(\""
                    + server.url() + "\").getOrCreate()");
            out.flush();
            stopped.await();
            return 0;
        }
    }
}
