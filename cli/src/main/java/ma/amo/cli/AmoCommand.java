package ma.amo.cli;

import ma.amo.common.PlatformVersion;
import ma.amo.common.audit.RunAudit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.nio.file.Path;

@Command(name = "amo",
        mixinStandardHelpOptions = true,
        versionProvider = AmoCommand.Version.class,
        sortOptions = false,
        header = "amo-warehouse: data warehouse and reporting platform of the AMO regulator.",
        description = {
                "Loads the managing bodies' deliveries (CNSS, CNOPS) into a Delta Lake warehouse, checks every file",
                "against the data contract, builds the regime marts and the annual global report (RAG), and gives",
                "SQL access to all of it.",
                "",
                "Typical session:",
                "  amo generate --out sample/landing --scale 0.001   synthetic deliveries",
                "  amo ingest sample/landing                         load them (bronze + quarantine)",
                "  amo build                                         silver layer and gold regime marts",
                "  amo report --year 2024 --out reports/rag_2024     the RAG tables T01-T14 (CSV, Excel, HTML)",
                "  amo db start                                      a local PostgreSQL for serving (prints its JDBC URL)",
                "  amo publish --jdbc-url URL                        the gold marts into PostgreSQL schema amo",
                "  amo dashboards html --out dashboards              self-contained balance dashboard",
                "  amo serve                                         Spark Connect endpoint for remote PySpark",
                "  amo status                                        what the warehouse holds",
                "  amo sql \"select feed, status, count(*) from bronze.deliveries group by 1, 2\"",
                "  amo demo                                          all of the above on sample data",
                ""},
        footer = {"", "Exit codes: 0 success, 1 platform failure, 2 some delivery rejected (ingest), 64 usage error.",
                "Environment: AMO_WAREHOUSE (default warehouse), AMO_PSEUDONYM_KEY / AMO_PSEUDONYM_KEY_FILE (key),",
                "AMO_STATE_DIR (local state of a remote warehouse), AMO_HEAP (launcher's JVM heap, default 8g)."},
        subcommands = {GenerateCommand.class, IngestCommand.class, BuildCommand.class, ReportCommand.class,
                QualityCommand.class, PublishCommand.class, DashboardsCommand.class, DbCommand.class, ServeCommand.class,
                SqlCommand.class, StatusCommand.class, OptimizeCommand.class, VacuumCommand.class, DemoCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public class AmoCommand {

    @Option(names = "--warehouse", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Warehouse folder (Delta tables): a local path, or a URI such as hdfs://nn:8020/amo or "
                    + "s3a://bucket/amo (see README, Running on a cluster). Default: $AMO_WAREHOUSE, else ./warehouse.")
    String warehouse;

    @Option(names = "--reference", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Reference data folder (code lists). Default: the copy shipped with the platform.")
    Path reference;

    @Option(names = "--master", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Spark master: local[*], local[N], spark://host:7077, yarn… Default: spark-submit's master"
                    + " when run by spark-submit, else local[*] (all cores of this machine). Spark settings given as -D"
                    + " options in $AMO_JAVA_OPTS (or spark-submit --conf) win over amo's defaults.")
    String master;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show Spark's warnings and full stack traces on errors.")
    boolean verbose;

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new AmoCommand());
        cmd.setUsageHelpWidth(120);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            AmoCommand root = commandLine.getCommandSpec().root().userObject() instanceof AmoCommand a ? a : null;
            err.println("amo: error: " + Errors.describe(e));
            if (root != null && root.verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for the details)");
            }
            err.flush();
            return 1;
        });
        cmd.setParameterExceptionHandler((e, args) -> Main.usageError(e));
        cmd.setExecutionStrategy(AmoCommand::executeAudited);
        return cmd;
    }

    /**
     * Runs the command and records it in audit.runs (see {@link RunAudit}); help and version requests are not
     * runs. An exception still reaches picocli's handler (one-line message, exit 1) after being recorded.
     */
    private static int executeAudited(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        boolean help = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
            help |= leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested();
        }
        if (help || leaf == parsed || leaf.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return new CommandLine.RunLast().execute(parsed);
        }
        AmoCommand root = (AmoCommand) parsed.commandSpec().userObject();
        RunAudit audit;
        try {
            audit = RunAudit.start(Platform.warehouseOf(root), leaf.commandSpec().qualifiedName(),
                    parsed.originalArgs(), PlatformVersion.get());
        } catch (RuntimeException e) { // an unreachable warehouse: the handler's one line, not a stack trace
            throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), Errors.describe(e), e);
        }
        try {
            int code = new CommandLine.RunLast().execute(parsed);
            audit.finish(code, java.util.Optional.empty());
            return code;
        } catch (CommandLine.ExecutionException e) {
            audit.finish(1, java.util.Optional.of(Errors.describe(e.getCause() == null ? e : e.getCause())));
            throw e;
        }
    }

    /** Prints the version from the build. */
    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"amo-warehouse " + PlatformVersion.get(),
                    "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ", Java " + System.getProperty("java.version")};
        }
    }
}
