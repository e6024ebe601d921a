package ma.amo.common;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.Stream;

/**
 * The warehouse on disk: one folder per layer (bronze, silver, gold, audit…), one Delta table per
 * sub-folder, named {@code layer.table} in SQL. Spark's catalog here is in-memory, so every command that
 * takes SQL registers the tables it finds (the others read tables by path); nothing but the folder is state.
 */
public final class Warehouse {
    private final Path root;

    public Warehouse(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Folder of a table given as "layer.table". */
    public Path tablePath(String qualifiedName) {
        String[] parts = qualifiedName.split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("table names are layer.table: " + qualifiedName);
        }
        return root.resolve(parts[0]).resolve(parts[1]);
    }

    /** The location Spark and Delta are given for a table (a plain absolute path: Delta compares locations as text). */
    public String tableUri(String qualifiedName) {
        return tablePath(qualifiedName).toString();
    }

    public boolean exists(String qualifiedName) {
        return Files.isDirectory(tablePath(qualifiedName).resolve("_delta_log"));
    }

    /** Every Delta table present, as "layer.table", sorted. */
    public List<String> tables() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (Stream<Path> layers = Files.list(root)) {
            for (Path layer : layers.filter(Files::isDirectory).sorted().toList()) {
                String layerName = layer.getFileName().toString();
                if (layerName.startsWith("_") || layerName.startsWith(".")) {
                    continue;
                }
                try (Stream<Path> tables = Files.list(layer)) {
                    tables.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).sorted()
                            .forEach(t -> names.add(layerName + "." + t.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        Path runs = ma.amo.common.audit.RunAudit.folder(this);
        if (Files.isDirectory(runs)) {
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
