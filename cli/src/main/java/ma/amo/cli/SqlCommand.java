package ma.amo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "sql", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Query the warehouse in Spark SQL.",
        description = {
                "Every Delta table of the warehouse is there as layer.table: bronze.claims, bronze.beneficiaries,",
                "bronze.contributions, bronze.ald, bronze.financials, bronze.quarantine, bronze.deliveries (and the",
                "silver and gold layers once built). 'show tables in bronze' lists them.",
                "With a query: runs it and prints the result. Without: an interactive prompt (statements end with",
                "';', history in ~/.amo_sql_history, 'exit' to leave); from a pipe it runs the statements it reads.",
                "Delta time travel: select * from delta.`<path>` version as of 3.",
                ""})
final class SqlCommand implements Callable<Integer> {
    enum Format { table, csv, json }

    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The SQL statement; omit it for the prompt.")
    String query;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table (default), csv (';'-separated) or json (one object per line).")
    Format format;

    @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "N",
            description = "Rows shown in table format (default 1000); csv and json print all rows.")
    int maxRows;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Platform platform = new Platform(root, err)) {
            SparkSession spark = platform.sqlSpark();
            if (query != null) {
                print(spark.sql(query), out);
                return 0;
            }
            if (System.console() == null) {
                return runScript(spark, out, err);
            }
            return interactive(spark, out, err);
        }
    }

    private int runScript(SparkSession spark, PrintWriter out, PrintWriter err) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder statement = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            statement.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                print(spark.sql(strip(statement)), out);
                statement.setLength(0);
            }
        }
        if (!statement.toString().isBlank()) {
            print(spark.sql(strip(statement)), out);
        }
        return 0;
    }

    private int interactive(SparkSession spark, PrintWriter out, PrintWriter err) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".amo_sql_history"))
                .build();
        out.println("amo sql: Spark SQL over " + Platform.warehouseOf(root).location() + " — statements end with ';', 'exit' to leave.");
        out.flush();
        StringBuilder statement = new StringBuilder();
        while (true) {
            String line;
            try {
                line = reader.readLine(statement.isEmpty() ? "amo> " : "...> ");
            } catch (UserInterruptException e) {
                statement.setLength(0);
                continue;
            } catch (EndOfFileException e) {
                return 0;
            }
            if (statement.isEmpty() && (line.trim().equalsIgnoreCase("exit") || line.trim().equalsIgnoreCase("quit"))) {
                return 0;
            }
            statement.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                try {
                    print(spark.sql(strip(statement)), out);
                } catch (RuntimeException e) {
                    err.println("error: " + Errors.describe(e));
                    err.flush();
                }
                statement.setLength(0);
            }
        }
    }

    private static String strip(StringBuilder statement) {
        String s = statement.toString().trim();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    void print(Dataset<Row> result, PrintWriter out) {
        String[] columns = result.columns();
        switch (format) {
            case table -> {
                TextTable table = new TextTable(List.of(columns));
                List<Row> rows = result.limit(maxRows + 1).collectAsList();
                for (Row r : rows.subList(0, Math.min(rows.size(), maxRows))) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < columns.length; i++) {
                        cells.add(text(r.get(i)));
                    }
                    table.add(cells);
                }
                table.print(out);
                out.println(rows.size() > maxRows ? "(first " + maxRows + " rows; use --max-rows or --format csv)"
                        : "(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
            }
            case csv -> {
                out.println(String.join(";", columns));
                Iterator<Row> it = result.toLocalIterator();
                while (it.hasNext()) {
                    Row r = it.next();
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < columns.length; i++) {
                        cells.add(csvCell(text(r.get(i))));
                    }
                    out.println(String.join(";", cells));
                }
            }
            case json -> {
                ObjectMapper json = new ObjectMapper();
                Iterator<Row> it = result.toLocalIterator();
                while (it.hasNext()) {
                    Row r = it.next();
                    ObjectNode node = json.createObjectNode();
                    for (int i = 0; i < columns.length; i++) {
                        Object v = r.get(i);
                        if (v == null) {
                            node.putNull(columns[i]);
                        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                            node.put(columns[i], ((Number) v).longValue());
                        } else if (v instanceof Number n && !(v instanceof BigDecimal)) {
                            node.put(columns[i], n.doubleValue());
                        } else if (v instanceof BigDecimal d) {
                            node.put(columns[i], d);
                        } else if (v instanceof Boolean b) {
                            node.put(columns[i], b);
                        } else {
                            node.put(columns[i], text(v));
                        }
                    }
                    out.println(node);
                }
            }
        }
        out.flush();
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof scala.collection.Seq<?> seq) {
            return scala.jdk.javaapi.CollectionConverters.asJava(seq).toString();
        }
        return v.toString();
    }

    private static String csvCell(String s) {
        if (s.contains(";") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
