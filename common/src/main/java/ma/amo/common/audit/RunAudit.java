package ma.amo.common.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.HadoopFiles;
import ma.amo.common.Warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One command run in {@code audit.runs}: who ran what, when, with which parameters, the Delta versions of every
 * table when it started and those it wrote, and how it ended. Each run is one JSON file under
 * {@code <warehouse>/_audit/runs/} (on the warehouse's own file system, local or remote), written when the run starts (outcome {@code RUNNING}) and replaced when it
 * ends, both by an atomic rename: a run killed on the way stays visible as {@code RUNNING} (an operator reads it
 * as interrupted), and concurrent runs never write the same file. Plain files rather than a Delta table so that
 * commands that never start Spark (generate, db) are recorded too, at no cost; SQL sees them as
 * {@code audit.runs} ({@link #TABLE}).
 */
public final class RunAudit {
    public static final String TABLE = "audit.runs";
    public static final String DDL_COLUMNS = "run_id string, user_name string, host string, command string, "
            + "parameters array<string>, started_at timestamp, ended_at timestamp, outcome string, exit_code int, "
            + "error string, platform_version string, versions_at_start map<string,bigint>, "
            + "versions_written map<string,bigint>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Warehouse warehouse;
    private final ObjectNode record = JSON.createObjectNode();
    private final Map<String, Long> before;
    private final String runId;

    private RunAudit(Warehouse warehouse, String command, List<String> parameters, String platformVersion) {
        this.warehouse = warehouse;
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        this.runId = started.toString().replace(":", "").replace("-", "") + "-" + ProcessHandle.current().pid();
        this.before = versions(warehouse);
        record.put("run_id", runId);
        record.put("user_name", System.getProperty("user.name"));
        record.put("host", host());
        record.put("command", command);
        parameters.forEach(record.putArray("parameters")::add);
        record.put("started_at", started.toString());
        record.put("outcome", "RUNNING");
        record.put("platform_version", platformVersion);
        ObjectNode at = record.putObject("versions_at_start");
        before.forEach(at::put);
    }

    /** Starts the record of a run; written at once when the warehouse exists (a run that creates it is recorded at its end). */
    public static RunAudit start(Warehouse warehouse, String command, List<String> parameters, String platformVersion) {
        RunAudit audit = new RunAudit(warehouse, command, parameters, platformVersion);
        if (warehouse.present()) {
            audit.write();
        }
        return audit;
    }

    /** Ends the record: exit code 0 SUCCESS, 2 PARTIAL (some input rejected), anything else FAILED. */
    public void finish(int exitCode, Optional<String> error) {
        if (!warehouse.present()) {
            return; // the command did not touch a warehouse (e.g. generate into a folder of its own)
        }
        record.put("ended_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("exit_code", exitCode);
        record.put("outcome", switch (exitCode) {
            case 0 -> "SUCCESS";
            case 2 -> "PARTIAL";
            default -> "FAILED";
        });
        error.ifPresent(e -> record.put("error", e));
        ObjectNode written = record.putObject("versions_written");
        versions(warehouse).forEach((table, version) -> {
            if (!version.equals(before.get(table))) {
                written.put(table, version);
            }
        });
        write();
    }

    public String runId() {
        return runId;
    }

    private void write() {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder(warehouse), runId + ".json");
        try {
            // The hidden temporary name keeps Spark's file listing from reading a half-written file.
            HadoopFiles.replace(file, (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit record " + file, e);
        }
    }

    public static org.apache.hadoop.fs.Path folder(Warehouse warehouse) {
        return warehouse.child("_audit/runs");
    }

    /** Latest Delta version of every table, from the log file names alone (no Spark, milliseconds). */
    static Map<String, Long> versions(Warehouse warehouse) {
        Map<String, Long> versions = new TreeMap<>();
        org.apache.hadoop.fs.FileSystem fs = warehouse.fileSystem();
        for (String table : warehouse.tables()) {
            // a table being created right now may have no version yet
            HadoopFiles.list(fs, new org.apache.hadoop.fs.Path(warehouse.tableUri(table) + "/_delta_log")).stream()
                    .map(f -> f.getPath().getName()).filter(n -> n.matches("\\d{20}\\.json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max()
                    .ifPresent(v -> versions.put(table, v));
        }
        return versions;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
