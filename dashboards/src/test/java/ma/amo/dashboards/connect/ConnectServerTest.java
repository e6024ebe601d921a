package ma.amo.dashboards.connect;

import ma.amo.common.Warehouse;
import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the Spark Connect service on the test JVM's shared session over a temporary warehouse holding one small
 * Delta table, and queries it with the real Spark Connect JVM client, run in a JVM of its own (its shaded classes
 * clash with spark-sql's). The client's classpath: its jar and the shims jar (copied by the build to
 * target/connect-client), plus the jars of its declared dependencies (Scala, Jackson…), taken from this JVM's
 * classpath, where the same Spark release put the same versions.
 */
class ConnectServerTest {
    private static final String TABLE = "bronze.connect_probe";

    @TempDir
    static Path tmp;

    private static ConnectServer server;

    @BeforeAll
    static void start() {
        SparkSession spark = TestSpark.get();
        Warehouse warehouse = new Warehouse(tmp.resolve("warehouse"));
        spark.range(1, 6).selectExpr("id AS x", "concat('r', id) AS label").coalesce(1)
                .write().format("delta").save(warehouse.tableUri(TABLE));
        server = ConnectServer.start(spark, warehouse, Set.of(), 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            TestSpark.get().sql("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    @Test
    void remoteJvmClientQueriesTheWarehouse() throws Exception {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("sc://127.0.0.1:" + server.port());
        assertThat(server.tables()).containsExactly(TABLE);
        try (Socket ignored = new Socket("127.0.0.1", server.port())) {
            // listening on loopback
        }

        List<String> output = runClient(server.url(),
                "select count(*), sum(x) from " + TABLE,
                "select label from " + TABLE + " where x = 3",
                "show tables in bronze");

        assertThat(output).contains("SESSION org.apache.spark.sql.connect.SparkSession");
        assertThat(output).contains("RESULT 1 | 5 15");
        assertThat(output).contains("RESULT 2 | r3");
        assertThat(output.stream().filter(l -> l.startsWith("RESULT 3")).findFirst().orElseThrow())
                .contains("bronze connect_probe false");
    }

    /** Compiles AmoConnectClient against the client's classpath and runs it in a new JVM; returns its output lines. */
    private static List<String> runClient(String url, String... queries) throws Exception {
        String classpath = clientClasspath();
        Path classes = Files.createDirectories(tmp.resolve("client-classes"));
        Path source = tmp.resolve("AmoConnectClient.java");
        try (InputStream in = ConnectServerTest.class.getResourceAsStream("AmoConnectClient.java")) {
            Files.write(source, in.readAllBytes());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        int rc = javac.run(null, null, null, "-proc:none", "-cp", classpath, "-d", classes.toString(), source.toString());
        assertThat(rc).as("compiling the client").isZero();

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-cp", classes + File.pathSeparator + classpath, "AmoConnectClient", url));
        command.addAll(List.of(queries));
        Path log = tmp.resolve("client.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("client finished in 120 s; output:\n" + text).isTrue();
        assertThat(process.exitValue()).as("client exit code; output:\n" + text).isZero();
        return text.lines().toList();
    }

    private static String clientClasspath() throws IOException {
        Path dir = Path.of(System.getProperty("amo.connect.client.dir", "target/connect-client"));
        List<String> entries = new ArrayList<>();
        Path pom;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.sorted().toList();
            all.stream().filter(p -> p.toString().endsWith(".jar")).forEach(p -> entries.add(p.toString()));
            pom = all.stream().filter(p -> p.toString().endsWith(".pom")).findFirst().orElseThrow();
        }
        Set<String> artifacts = new LinkedHashSet<>();
        Matcher m = Pattern.compile("<dependency>\\s*<groupId>[^<]+</groupId>\\s*<artifactId>([^<]+)</artifactId>")
                .matcher(Files.readString(pom));
        while (m.find()) {
            artifacts.add(m.group(1));
        }
        String ours = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : ours.split(Pattern.quote(File.pathSeparator))) {
            String name = Path.of(entry).getFileName().toString();
            for (String artifact : artifacts) {
                if (name.startsWith(artifact + "-") && name.length() > artifact.length() + 1
                        && Character.isDigit(name.charAt(artifact.length() + 1)) && name.endsWith(".jar")) {
                    entries.add(entry);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
