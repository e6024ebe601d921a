package ma.amo.common;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * The warehouse: one folder per layer (bronze, silver, gold, audit…), one Delta table per sub-folder, named
 * {@code layer.table} in SQL. Spark's catalog here is in-memory, so every command that takes SQL registers the
 * tables it finds (the others read tables by path); nothing but the folder is state.
 *
 * <p>The folder is a local path or any file system Hadoop knows ({@code hdfs://…}, {@code s3a://…} with its jars,
 * {@code viewfs://…}): tables, the audit records and every listing go through Hadoop's {@link FileSystem}, so a
 * remote warehouse works like a local one. What must stay on the machine running {@code amo} (the writer's lock,
 * the demo key, a local PostgreSQL, Spark's catalog folder) goes to {@link #stateFolder()}: the warehouse folder
 * itself when it is local, else a folder of the user's home named after the warehouse.
 */
public final class Warehouse {
    private static final Pattern URI_WITH_SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://.*");

    /** Absolute path (local) or URI (remote) of the folder, without a trailing slash. */
    private final String location;
    /** The local folder; null for a remote warehouse. */
    private final Path localRoot;
    private final Path stateFolder;

    public Warehouse(Path root) {
        this.localRoot = root.toAbsolutePath().normalize();
        this.location = localRoot.toString();
        this.stateFolder = localRoot;
    }

    private Warehouse(String uri, Path stateFolder) {
        this.localRoot = null;
        this.location = uri.replaceAll("/+$", "");
        this.stateFolder = stateFolder.toAbsolutePath().normalize();
    }

    /**
     * A warehouse given as text (--warehouse, $AMO_WAREHOUSE): a local path, a {@code file:} URI, or a URI of
     * another file system, whose local state then goes in a folder named after it under $AMO_STATE_DIR (or the
     * system property amo.state.dir), else {@code ~/.amo/state/}.
     */
    public static Warehouse at(String where) {
        java.util.regex.Matcher uri = URI_WITH_SCHEME.matcher(where);
        if (!uri.matches()) {
            return new Warehouse(Path.of(where));
        }
        if (uri.group(1).equalsIgnoreCase("file")) {
            return new Warehouse(Path.of(java.net.URI.create(where)));
        }
        String name = where.replaceAll("/+$", "").replaceAll("[^A-Za-z0-9._-]+", "_");
        String base = System.getProperty("amo.state.dir", System.getenv("AMO_STATE_DIR"));
        Path states = base != null && !base.isBlank() ? Path.of(base) : Path.of(System.getProperty("user.home"), ".amo", "state");
        return new Warehouse(where, states.resolve(name));
    }

    /** Where the warehouse is, as users give it and read it: a local path or a URI. */
    public String location() {
        return location;
    }

    /** The local folder of a local warehouse (tests and tools that copy one); none for a remote warehouse. */
    public Path root() {
        if (localRoot == null) {
            throw new IllegalStateException("the warehouse " + location + " is not a local folder");
        }
        return localRoot;
    }

    /** The local folder for what stays on this machine: the lock, the demo key, Spark's catalog, amo db's server. */
    public Path stateFolder() {
        return stateFolder;
    }

    /** Folder of a table given as "layer.table", as a local path (local warehouses only). */
    public Path tablePath(String qualifiedName) {
        return root().resolve(relativeTablePath(qualifiedName));
    }

    /** The location Spark and Delta are given for a table (Delta compares locations as text: always this one). */
    public String tableUri(String qualifiedName) {
        return localRoot != null ? tablePath(qualifiedName).toString() : location + "/" + relativeTablePath(qualifiedName);
    }

    /** "layer/table" for "layer.table". */
    private static String relativeTablePath(String qualifiedName) {
        String[] parts = qualifiedName.split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("table names are layer.table: " + qualifiedName);
        }
        return parts[0] + "/" + parts[1];
    }

    /** A file or folder below the warehouse folder ("_audit/runs"), as a Hadoop path. */
    public org.apache.hadoop.fs.Path child(String relative) {
        return new org.apache.hadoop.fs.Path(location + "/" + relative);
    }

    /** The file system the warehouse is on, configured as the running Spark session's (see {@link HadoopFiles}). */
    public FileSystem fileSystem() {
        return HadoopFiles.fileSystem(location);
    }

    /** Whether the warehouse folder exists (a command may create it). */
    public boolean present() {
        return HadoopFiles.isDirectory(fileSystem(), new org.apache.hadoop.fs.Path(location));
    }

    public boolean exists(String qualifiedName) {
        return HadoopFiles.isDirectory(fileSystem(), new org.apache.hadoop.fs.Path(tableUri(qualifiedName) + "/_delta_log"));
    }

    /** Every Delta table present, as "layer.table", sorted. */
    public List<String> tables() {
        List<String> names = new ArrayList<>();
        FileSystem fs = fileSystem();
        for (FileStatus layer : HadoopFiles.list(fs, new org.apache.hadoop.fs.Path(location))) {
            String layerName = layer.getPath().getName();
            if (!layer.isDirectory() || layerName.startsWith("_") || layerName.startsWith(".")) {
                continue;
            }
            for (FileStatus table : HadoopFiles.list(fs, layer.getPath())) {
                if (table.isDirectory() && HadoopFiles.isDirectory(fs, new org.apache.hadoop.fs.Path(table.getPath(), "_delta_log"))) {
                    names.add(layerName + "." + table.getPath().getName());
                }
            }
        }
        names.sort(null);
        return names;
    }

    /**
     * Where each catalog name points, per SparkContext (the catalog is shared by its sessions). A JVM that serves
     * several warehouses in turn (an embedding application, the tests) must not keep another warehouse's locations,
     * nor names that this warehouse does not have.
     */
    private static final Map<SparkContext, Map<String, String>> REGISTERED =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Registers every table in Spark's session catalog so SQL can name them as layer.table. */
    public void register(SparkSession spark) {
        List<String> present = tables();
        Map<String, String> known = registered(spark);
        synchronized (known) {
            for (String name : new ArrayList<>(known.keySet())) {
                if (!present.contains(name)) {
                    spark.sql("DROP TABLE IF EXISTS " + name);
                    known.remove(name);
                }
            }
        }
        for (String table : present) {
            register(spark, table);
        }
        org.apache.hadoop.fs.Path runs = ma.amo.common.audit.RunAudit.folder(this);
        if (HadoopFiles.isDirectory(fileSystem(), runs)) {
            spark.sql("CREATE DATABASE IF NOT EXISTS audit");
            // Re-created each time: the file listing must include the runs recorded since.
            spark.sql("DROP TABLE IF EXISTS " + ma.amo.common.audit.RunAudit.TABLE);
            spark.sql("CREATE TABLE IF NOT EXISTS " + ma.amo.common.audit.RunAudit.TABLE + " ("
                    + ma.amo.common.audit.RunAudit.DDL_COLUMNS + ") USING json LOCATION '"
                    + runs.toString().replace("'", "\\'") + "'");
        } else if (spark.catalog().databaseExists("audit")) {
            spark.sql("DROP TABLE IF EXISTS " + ma.amo.common.audit.RunAudit.TABLE);
        }
    }

    public void register(SparkSession spark, String qualifiedName) {
        String layer = qualifiedName.substring(0, qualifiedName.indexOf('.'));
        String location = tableUri(qualifiedName);
        Map<String, String> known = registered(spark);
        synchronized (known) {
            if (location.equals(known.get(qualifiedName)) && spark.catalog().tableExists(qualifiedName)) {
                return;
            }
            if (!spark.catalog().databaseExists(layer)) {
                spark.sql("CREATE DATABASE IF NOT EXISTS " + layer);
            }
            if (!location.equals(known.get(qualifiedName))) {
                spark.sql("DROP TABLE IF EXISTS " + qualifiedName);
            }
            spark.sql("CREATE TABLE IF NOT EXISTS " + qualifiedName + " USING delta LOCATION '"
                    + location.replace("'", "\\'") + "'");
            known.put(qualifiedName, location);
        }
    }

    private static Map<String, String> registered(SparkSession spark) {
        return REGISTERED.computeIfAbsent(spark.sparkContext(), c -> new HashMap<>());
    }
}
