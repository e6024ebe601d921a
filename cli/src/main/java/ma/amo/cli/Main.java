package ma.amo.cli;

import picocli.CommandLine;

/** Entry point of the {@code amo} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return AmoCommand.commandLine().execute(args);
    }

    /** Runs a command with its output and errors sent to the given writers (embedding, tests). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        picocli.CommandLine cmd = AmoCommand.commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd.execute(args);
    }

    /** Usage errors get 64 (EX_USAGE): 1 and 2 already mean platform failure and rejected deliveries. */
    static final int USAGE = 64;

    static int usageError(CommandLine.ParameterException e) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("amo: " + e.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
        return USAGE;
    }
}
