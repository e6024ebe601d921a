package ma.amo.dashboards.connect;

import ma.amo.common.Warehouse;
import ma.amo.marts.RegimeViews;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import scala.Option;

import java.util.List;
import java.util.Set;

/**
 * A Spark Connect endpoint over the warehouse, running in this JVM on the platform's SparkSession.
 *
 * <p>Every remote client gets a session of its own (its own temporary views and SQL settings) sharing this
 * JVM's SparkContext and catalog. The warehouse's tables are therefore registered as catalog tables
 * ({@code CREATE TABLE layer.table USING delta LOCATION …}), which every session sees, and the per-regime views
 * of {@link RegimeViews} as permanent views. Tables that appear in the warehouse after the start are not seen
 * until a restart.
 *
 * <p>The service listens on 127.0.0.1 only and has no authentication: remote access goes through an SSH tunnel
 * or a TLS-terminating proxy that authenticates. One service per JVM (Spark Connect's is a singleton).
 */
public final class ConnectServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 15002;
    public static final String HOST = "127.0.0.1";

    private final int port;
    private final List<String> tables;
    private final Set<String> views;
    private boolean stopped;

    private ConnectServer(int port, List<String> tables, Set<String> views) {
        this.port = port;
        this.tables = tables;
        this.views = views;
    }

    /**
     * Registers the warehouse's tables (and, for the gold marts, one view per regime in {@code regimeCodes})
     * in the shared catalog, then starts the service on 127.0.0.1:{@code port} (0: a free port).
     */
    public static synchronized ConnectServer start(SparkSession spark, Warehouse warehouse, Set<String> regimeCodes,
                                                   int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (SparkConnectService$.MODULE$.started() && !SparkConnectService$.MODULE$.stopped()) {
            throw new IllegalStateException("a Spark Connect service is already running in this JVM on port "
                    + SparkConnectService$.MODULE$.localPort());
        }
        warehouse.register(spark);
        Set<String> views = RegimeViews.register(spark, warehouse, regimeCodes);
        // The service reads its settings from the running SparkEnv's conf when it starts.
        SparkConf conf = SparkEnv.get().conf();
        conf.set("spark.connect.grpc.binding.address", HOST);
        conf.set("spark.connect.grpc.binding.port", String.valueOf(port));
        conf.set("spark.connect.grpc.port.maxRetries", "0");
        try {
            SparkConnectService.start(spark.sparkContext());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot start Spark Connect on " + HOST + ":" + port + ": "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        return new ConnectServer(SparkConnectService$.MODULE$.localPort(), warehouse.tables(), views);
    }

    /** The port it listens on (the one chosen when started with 0). */
    public int port() {
        return port;
    }

    /** {@code sc://127.0.0.1:PORT}, what clients pass to {@code SparkSession.builder.remote(…)}. */
    public String url() {
        return "sc://" + HOST + ":" + port;
    }

    /** The warehouse tables registered, as layer.table. */
    public List<String> tables() {
        return tables;
    }

    /** The per-regime views registered. */
    public Set<String> views() {
        return views;
    }

    /** Stops the service (open client sessions are closed); the SparkSession keeps running. Idempotent. */
    @Override
    public synchronized void close() {
        if (!stopped) {
            stopped = true;
            SparkConnectService.stop(Option.empty(), Option.empty());
        }
    }
}
