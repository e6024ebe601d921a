package ma.amo.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One {@code amo} command run in this JVM (sharing its SparkSession) on a warehouse, with what it printed. */
record AmoRun(int code, String out, String err) {
    static AmoRun on(Path warehouse, String... args) {
        return on(warehouse.toString(), args);
    }

    /** The same on a warehouse given as text: a path or a URI. */
    static AmoRun on(String warehouse, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--warehouse", warehouse, "--master", "local[2]"));
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new AmoRun(code, out.toString(), err.toString());
    }
}
