package ma.amo.cli;

import ma.amo.common.CrashPoint;
import ma.amo.common.Warehouse;
import ma.amo.common.testing.TempFolders;
import ma.amo.common.testing.TestSpark;
import ma.amo.dashboards.db.EmbeddedPostgres;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety, the way it happens in production: a separate {@code amo} process dies by SIGKILL at a named
 * point ({@link CrashPoint}) of ingest, build, report and publish, and the same command is run again. The
 * warehouse tables, the report files and the published PostgreSQL tables must then equal those of a run that
 * never crashed, with no duplicate, no lost row and nothing for an operator to clean. Every rerun starts from
 * real leftovers, not from a clean slate.
 *
 * <p>Children are cold JVMs (18-80 s of CPU each, measured), so one child serves several points: it stops (SIGSTOP, every
 * thread frozen at once, as SIGKILL freezes them) at each point in turn while the test copies the warehouse as
 * it stands, then goes on, and dies at its last point. Each copy holds what a kill at that point leaves, and a
 * rerun in this JVM from each copy must end as the clean run. A second child reruns the first one's leftovers and
 * is killed in turn (a kill while recovering from a kill). Publishing keeps one child per point: its leftovers
 * are in PostgreSQL, which a folder copy does not take, so each child is the rerun of the previous one's kill.
 *
 * <p>The fixture is the report module's contract-format landing (a few dozen rows): what is tested is the
 * commit protocol, not volume.
 *
 * <p>The four tests run concurrently with each other (not with other classes; cli's junit-platform.properties):
 * most of their time is cold child JVMs, and their in-process runs take turns on this JVM's SparkSession
 * ({@link #IN_PROCESS}). On a 2-core machine the class is bound by the children's CPU.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryTest {
    private static final Path FIXTURE = Path.of("..", "report", "src", "test", "resources", "fixture").toAbsolutePath().normalize();
    private static final List<String> INGEST_SUBSET = List.of("cnss/cnss_beneficiaries_2024_01.csv",
            "cnss/cnss_beneficiaries_2024_02.csv", "cnss/cnss_claims_2024-01_01.csv", "cnss/cnss_contributions_2024_01.csv");

    @TempDir
    static Path dir;
    static Path keyFile;
    static Path classArchive;
    static String childClassPath;
    static EmbeddedPostgres postgres;
    static final AtomicInteger killPoints = new AtomicInteger();
    /** Every child started: one a failed test left stopped or running is killed at the end. */
    static final List<Process> CHILDREN = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The in-process runs share this JVM's SparkSession: one at a time, while the children of another test run. */
    static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final Object BUILT = new Object();
    private static final Object REBUILT = new Object();
    private static Path built;
    private static Path rebuilt;

    @BeforeAll
    static void setUp() throws IOException {
        assertThat(FIXTURE.resolve("landing")).as("the report module's fixture").isDirectory();
        TestSpark.get();
        keyFile = dir.resolve("pseudonym.key");
        Files.writeString(keyFile, "crash-recovery-test-key-0123456789abcdef");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        classArchive = dir.resolve("amo-classes.jsa");
        childClassPath = jarredClassPath(dir.resolve("classpath"));
    }

    /**
     * This JVM's class path with its folders (the modules' target/classes) packed into jars: class data sharing
     * only archives classes from jars, and every child starts from the same class path.
     */
    private static String jarredClassPath(Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path folder = Path.of(entry);
            if (!Files.isDirectory(folder)) {
                entries.add(entry);
                continue;
            }
            Path jar = into.resolve(entries.size() + "-" + folder.getFileName() + ".jar");
            Files.createDirectories(into);
            try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new java.util.jar.JarEntry(folder.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            entries.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * A built warehouse, then a correction delivery waiting: what build, report and publish start from (made by
     * the first test that needs it, while the ingest test's children run).
     */
    static Path built() throws IOException {
        synchronized (BUILT) {
            if (built == null) {
                Path w = dir.resolve("built");
                ok(amo(w, "ingest", FIXTURE.resolve("landing").toString(), "--key-file", keyFile.toString()), 0, 2);
                ok(amo(w, "build"), 0);
                ok(amo(w, "ingest", FIXTURE.resolve("correction").toString(), "--key-file", keyFile.toString()), 0);
                built = w;
            }
            return built;
        }
    }

    /** The same, built once more without a crash: the build test's reference, the report and publish tests' start. */
    static Path rebuilt() throws IOException {
        synchronized (REBUILT) { // not BUILT: the build test's chain starts from built() while this is made
            if (rebuilt == null) {
                Path w = copy(built(), "rebuilt");
                ok(amo(w, "build"), 0);
                rebuilt = w;
            }
            return rebuilt;
        }
    }

    @AfterAll
    static void tearDown() {
        CHILDREN.forEach(Process::destroyForcibly);
        if (postgres != null) {
            postgres.stop();
            TempFolders.delete(postgres.dir());
        }
        System.out.println("CrashRecoveryTest: kill points exercised so far: " + killPoints.get());
    }

    @Test
    @Order(2)
    @Execution(ExecutionMode.CONCURRENT)
    void ingestKilledAtEveryCommitBoundaryThenRerunEqualsACleanIngest() throws Exception {
        Path landing = dir.resolve("ingest-landing");
        for (String file : INGEST_SUBSET) {
            for (String f : List.of(file, file + ".manifest.json")) {
                Path target = landing.resolve(f);
                Files.createDirectories(target.getParent());
                Files.copy(FIXTURE.resolve("landing").resolve(f), target);
            }
        }
        Path clean = dir.resolve("ingest-clean");
        Path crashed = dir.resolve("ingest-crashed");
        String[] command = {"ingest", landing.toString(), "--key-file", keyFile.toString()};
        // A run that is not killed, in a child (production configuration: compiled expressions, adaptive
        // execution) that leaves its loaded classes in an archive the other children start from; and the same
        // in this JVM's test session (interpreted, not adaptive): both must load the same rows.
        Path compiled = dir.resolve("ingest-compiled");
        Child.run(compiled, command);
        ok(amo(clean, command), 0);
        Map<String, List<String>> cleanTables = tables(clean, "bronze.");
        assertThat(cleanTables).as("tables of the clean run").isNotEmpty();
        assertThat(tables(compiled, "bronze.")).isEqualTo(cleanTables);

        // One child stops at each commit boundary of its ingest in turn (SIGSTOP: every thread frozen at once, as a
        // kill freezes them), and the warehouse is copied there: each copy holds what a kill at that point leaves,
        // and a rerun from it must end as the clean ingest. The child dies at the last point; a second child, the
        // rerun of those leftovers, is itself stopped and killed (a kill while recovering from a kill).
        Map<String, Path> leftovers = new java.util.LinkedHashMap<>();
        Child first = Child.start(crashed, command, "ingest.round-checked:stop", "ingest.bronze-appended:stop",
                "ingest.quarantine-appended:stop", "ingest.bronze-appended#3:stop", "ingest.round-loaded");
        // Stopped after the round check, the child holds the warehouse: a second writer is refused with the holder named.
        assertThat(first.awaitStop()).isEqualTo("ingest.round-checked#1");
        AmoRun refused = amo(crashed, "build");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("is being written by another command", "command=amo ingest",
                "pid=" + first.pid(), "retry when it has finished");
        assertThat(amo(crashed, command).err()).contains("is being written by another command");
        leftovers.put("ingest.round-checked#1", snapshot(crashed, "ingest-at-round-checked"));
        first.resume();
        for (int i = 0; i < 3; i++) { // deliveries load side by side: these three stops come in either order
            String point = first.awaitStop();
            leftovers.put(point, snapshot(crashed, "ingest-at-" + point.replace('#', '-')));
            first.resume();
        }
        assertThat(leftovers.keySet()).containsExactlyInAnyOrder("ingest.round-checked#1", "ingest.bronze-appended#1",
                "ingest.quarantine-appended#1", "ingest.bronze-appended#3");
        first.awaitKilled();
        Child second = Child.start(crashed, command, "ingest.ledger-recorded:stop", "ingest.reconciled");
        assertThat(second.awaitStop()).isEqualTo("ingest.ledger-recorded#1");
        leftovers.put("ingest.ledger-recorded#1", snapshot(crashed, "ingest-at-ledger-recorded"));
        second.resume();
        second.awaitKilled();
        leftovers.put("ingest.reconciled#1 (after a kill at ingest.round-loaded#1)", crashed);
        for (Map.Entry<String, Path> left : leftovers.entrySet()) {
            ok(amo(left.getValue(), command), 0);
            assertThat(tables(left.getValue(), "bronze.")).as("rerun after " + left.getKey()).isEqualTo(cleanTables);
        }
    }

    @Test
    @Order(1)
    @Execution(ExecutionMode.CONCURRENT)
    void buildKilledBetweenItsTableWritesThenRerunEqualsACleanBuild() throws Exception {
        Path crashed = copy(built(), "build-crashed");
        // The incremental build after the correction writes 2 silver tables, then 5 gold marts, then its state.
        // The first child dies after the claims MERGE moved K3/1 from January to May: only the silver the last
        // finished build left (read at its bookmark's versions) tells the rerun that gold.spending's January
        // row must go (InterruptedBuildTest covers more such moves, in process).
        // One point per commit stage that leaves something new behind (a kill before the first write, or after
        // the state is written, leaves what a finished or never-started build leaves). A first child stops at the
        // first two (each time the warehouse is copied: what a kill there leaves) and dies at the third; a second
        // child, the rerun of those leftovers, dies at the fourth. Each child is a cold JVM (30-60 s of build).
        String[] build = {"build"};
        Map<String, Path> leftovers = new java.util.LinkedHashMap<>();
        Child first = Child.start(crashed, build, "delta.table-written:stop", "build.silver-done:stop", "build.gold-written");
        for (String point : List.of("delta.table-written#1", "build.silver-done#1")) {
            assertThat(first.awaitStop()).isEqualTo(point);
            leftovers.put(point, snapshot(crashed, "build-at-" + point.replace('#', '-')));
            first.resume();
        }
        first.awaitKilled();
        Child.start(crashed, build, "build.before-state").awaitKilled();
        // The reference is made while the children run (by this thread or the report and publish tests'): this
        // test's children are the class's longest, so it starts first.
        Map<String, List<String>> clean = tables(rebuilt(), "silver.", "gold.");
        assertThat(clean).as("tables of the clean build").isNotEmpty();
        leftovers.put("build.before-state#1 (after a kill at build.gold-written#1)", crashed);
        for (Map.Entry<String, Path> left : leftovers.entrySet()) {
            ok(amo(left.getValue(), build), 0);
            assertThat(tables(left.getValue(), "silver.", "gold.")).as("rerun after " + left.getKey()).isEqualTo(clean);
        }
        // What a kill after the state write leaves: a finished build, which a rerun leaves alone.
        AmoRun again = amo(crashed, build);
        ok(again, 0);
        assertThat(again.out()).contains("Nothing to rebuild");
    }

    @Test
    @Order(3)
    @Execution(ExecutionMode.CONCURRENT)
    void reportKilledWhileWritingLeavesNoHalfReportAndRerunIsByteIdentical() throws Exception {
        Path warehouse = copy(rebuilt(), "report-warehouse");
        Path cleanOut = dir.resolve("report-clean");
        Path crashedOut = dir.resolve("reports").resolve("rag_2024");
        ok(amo(warehouse, "report", "--year", "2024", "--out", cleanOut.toString()), 0);
        String[] command = {"report", "--year", "2024", "--out", crashedOut.toString()};
        // One child stops at two points and dies at the third; at each stop the warehouse and the reports folder
        // are copied (what a kill there leaves), and a rerun from each copy must write the clean report.
        Map<String, Path> leftovers = new TreeMap<>();
        Child child = Child.start(warehouse, command, "report.file-written#3:stop", "report.before-publish:stop",
                "report.published");
        for (String point : List.of("report.file-written#3", "report.before-publish#1")) {
            assertThat(child.awaitStop()).isEqualTo(point);
            assertAbsentOrWhole(crashedOut);
            Path copy = dir.resolve("report-at-" + point.replace('#', '-'));
            snapshot(warehouse, copy.resolve("warehouse"));
            snapshot(crashedOut.getParent(), copy.resolve("reports"));
            leftovers.put(point, copy);
            child.resume();
        }
        child.awaitKilled();
        assertAbsentOrWhole(crashedOut);
        ok(amo(warehouse, command), 0);
        assertSameReport(cleanOut, crashedOut);
        for (Path copy : leftovers.values()) {
            Path out = copy.resolve("reports").resolve("rag_2024");
            ok(amo(copy.resolve("warehouse"), "report", "--year", "2024", "--out", out.toString()), 0);
            assertSameReport(cleanOut, out);
        }
    }

    /** Whatever a kill left, the output folder is absent or a whole report (every file its manifest lists). */
    private static void assertAbsentOrWhole(Path out) throws IOException {
        if (Files.exists(out)) {
            assertThat(list(out)).containsExactlyInAnyOrderElementsOf(manifestFiles(out));
        }
    }

    private static void assertSameReport(Path clean, Path out) throws IOException {
        assertThat(list(out)).isEqualTo(list(clean));
        for (String name : list(clean)) {
            if (name.endsWith(".csv")) {
                assertThat(Files.readAllBytes(out.resolve(name))).as(name).isEqualTo(Files.readAllBytes(clean.resolve(name)));
            }
        }
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).as("no staging or previous folder left")
                    .containsExactly(out.getFileName().toString());
        }
    }

    @Test
    @Order(4)
    @Execution(ExecutionMode.CONCURRENT)
    void publishKilledAnywhereKeepsThePreviousPublicationWholeAndRerunEqualsACleanOne() throws Exception {
        Path warehouse = copy(rebuilt(), "publish-warehouse");
        postgres = new EmbeddedPostgres(Files.createTempDirectory(Path.of("/tmp"), "amo-pg-crash"));
        String url = EmbeddedPostgres.jdbcUrl(postgres.start(0));
        String[] command = {"publish", "--jdbc-url", url, "--user", EmbeddedPostgres.SUPERUSER, "--create-roles"};
        ok(amo(warehouse, command), 0);
        Map<String, List<String>> published = publishedMarts(url);
        assertThat(published).isNotEmpty();
        for (String point : List.of("publish.staged#2", "publish.before-swap", "publish.swapped")) {
            Child.start(warehouse, command, point).awaitKilled();
            // Readers see the previous publication whole, never a mix; the staging schema is what is left.
            assertThat(publishedMarts(url)).as("after a kill at " + point).isEqualTo(published);
        }
        ok(amo(warehouse, command), 0);
        assertThat(publishedMarts(url)).isEqualTo(published);
        assertThat(schemas(url)).as("no staging or previous schema left").doesNotContain("amo_staging", "amo_previous");
    }

    // --- children ----------------------------------------------------------------------------------------------

    /**
     * An {@code amo} process of its own (a cold JVM, as an operator's), armed with crash points: it stops (SIGSTOP)
     * at each {@code :stop} point in turn and dies (SIGKILL) at the last point, or runs to its end when it has none.
     */
    record Child(Process process, Path log, List<String> points, long startedNanos, Set<String> stops) {
        static Child start(Path warehouse, String[] args, String... points) throws IOException {
            return start(warehouse, List.of(points), List.of(), args);
        }

        /**
         * Runs the command to its end in a child that writes the classes it loaded to {@link #classArchive} (class
         * data sharing): the children started after it map them instead of loading and verifying each one again
         * (measured on an ingest child: 24 s of CPU instead of 31-34 s).
         */
        static void run(Path warehouse, String... args) throws Exception {
            Path dump = dir.resolve("amo-classes.jsa.tmp");
            Child child = start(warehouse, List.of(), List.of("-XX:ArchiveClassesAtExit=" + dump), args);
            assertThat(child.process.waitFor(300, TimeUnit.SECONDS)).as("child ended within 300 s").isTrue();
            assertThat(child.process.exitValue()).as(child.output()).isZero();
            if (Files.exists(dump)) { // the JVM may decline to archive; the children then load classes as usual
                Files.move(dump, classArchive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            System.out.printf("CrashRecoveryTest: class archive for the next children: %s%n",
                    Files.exists(classArchive) ? Files.size(classArchive) / (1 << 20) + " MiB" : "none (the JVM made none)");
        }

        private static Child start(Path warehouse, List<String> points, List<String> jvmOptions, String... args) throws IOException {
            // C1 only: a child is short. Its code cache then defaults to 48 MB, which a build child filled once
            // ("Out of space in CodeCache for method handle intrinsic" deserializing a task): the tiered default.
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "-Djdk.reflect.useDirectMethodHandle=false", "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8",
                    // what a killed JVM cannot clean (Spark's block manager folders, the native libraries that
                    // Snappy and LZ4 extract) stays in this class's temporary folder, which JUnit deletes
                    "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("child-tmp")),
                    "-cp", childClassPath));
            cmd.addAll(jvmOptions);
            if (Files.exists(classArchive)) {
                cmd.add("-XX:SharedArchiveFile=" + classArchive);
            }
            if (!points.isEmpty()) {
                // Interpreted expressions, as the test session (TestSpark): on a few dozen rows a cold child spends a
                // quarter of its time compiling generated code (a build: 66-69 s vs 48-51 s; the ingest of the
                // subset: 26-30 CPU-s vs 19-21). The runs that are not killed (run(): the clean ingest) keep the
                // production configuration, so tables written by generated code are still compared here.
                cmd.addAll(List.of("-Dspark.sql.codegen.factoryMode=NO_CODEGEN", "-Dspark.sql.codegen.wholeStage=false",
                        // and Delta's log read in one task, as the test session: a table's log here is a few
                        // commits (a cold build of the fixture: 47 CPU-s instead of 53 with amo's 4 tasks)
                        "-Dspark.databricks.delta.snapshotPartitions=1"));
            }
            cmd.add(Main.class.getName());
            cmd.addAll(Arrays.asList(args));
            cmd.addAll(List.of("--warehouse", warehouse.toString(), "--master", "local[2]"));
            Path log = Files.createTempFile(dir, "child-", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            if (!points.isEmpty()) {
                pb.environment().put(CrashPoint.ENV, String.join(",", points));
            }
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            Process process = pb.start();
            CHILDREN.add(process);
            return new Child(process, log, points, System.nanoTime(), new java.util.HashSet<>());
        }

        long pid() {
            return process.pid();
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        /** Waits for the process to die at its last point: killed by SIGKILL (exit 137) after announcing that point. */
        void awaitKilled() throws Exception {
            String point = points.get(points.size() - 1);
            boolean ended = process.waitFor(300, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String out = output();
            assertThat(ended).as("child armed at " + point + " ended within 300 s:\n" + out).isTrue();
            String name = point.contains("#") ? point : point + "#1";
            assertThat(out).as("child reached " + point + "\n" + out).contains("crash point " + name + " reached: killing");
            assertThat(process.exitValue()).as("killed by SIGKILL (128 + 9)\n" + out).isEqualTo(137);
            killPoints.incrementAndGet();
            System.out.printf("CrashRecoveryTest: child killed at %s after %.1f s%n", point,
                    (System.nanoTime() - startedNanos) / 1e9);
        }

        /**
         * Waits until the child stands stopped at a {@code :stop} point it has not stopped at before, and returns
         * that point ({@code name#occurrence}). The announcement comes before the signal: the point is only taken
         * once the kernel shows the process stopped, every thread frozen.
         */
        String awaitStop() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            java.util.regex.Pattern announced = java.util.regex.Pattern.compile("crash point (\\S+) reached: stopping");
            while (true) {
                java.util.regex.Matcher m = announced.matcher(output());
                String point = null;
                while (m.find()) {
                    if (!stops.contains(m.group(1))) {
                        point = m.group(1);
                    }
                }
                if (point != null && stopped()) {
                    stops.add(point);
                    killPoints.incrementAndGet();
                    System.out.printf("CrashRecoveryTest: child stopped at %s after %.1f s%n", point,
                            (System.nanoTime() - startedNanos) / 1e9);
                    return point;
                }
                assertThat(process.isAlive()).as("child still running:\n" + output()).isTrue();
                assertThat(System.nanoTime()).as("child stopped at a point within 300 s:\n" + output()).isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        /** The process's state in /proc: T, stopped by a signal. */
        private boolean stopped() throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("T");
        }

        void resume() throws Exception {
            Process cont = new ProcessBuilder("kill", "-CONT", String.valueOf(pid())).inheritIO().start();
            assertThat(cont.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(cont.exitValue()).isZero();
        }
    }

    // --- in-process runs and comparisons ------------------------------------------------------------------------

    static AmoRun amo(Path warehouse, String... args) {
        IN_PROCESS.lock();
        try {
            return AmoRun.on(warehouse, args);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private static void ok(AmoRun run, Integer... codes) {
        assertThat(run.code()).as(run.out() + run.err()).isIn((Object[]) codes);
    }

    /** A copy of a finished warehouse, to start a test from (its lock file left out: no command holds it). */
    private static Path copy(Path from, String name) throws IOException {
        return copyTree(from, dir.resolve(name), false);
    }

    /**
     * A copy of a folder a stopped child is writing, as it stands: the leftovers of a kill at that point (the lock
     * file's text too; the operating system lock a live process holds is not copied, as a dead one holds none).
     */
    private static Path snapshot(Path from, Path to) throws IOException {
        return copyTree(from, to, true);
    }

    private static Path snapshot(Path from, String name) throws IOException {
        return snapshot(from, dir.resolve(name));
    }

    private static Path copyTree(Path from, Path to, boolean withLockFile) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (withLockFile || !p.getFileName().toString().equals("_lock")) {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /**
     * Every table of the layers, as sorted text rows without their load timestamps (a rerun loads later): two
     * warehouses with the same map hold the same data. The build bookmark is left out (its versions count the
     * extra commits of the killed runs; its content is checked through the tables it describes).
     */
    private static Map<String, List<String>> tables(Path root, String... layers) {
        IN_PROCESS.lock();
        try {
            return tablesInProcess(root, layers);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private static Map<String, List<String>> tablesInProcess(Path root, String... layers) {
        SparkSession spark = TestSpark.get();
        Warehouse warehouse = new Warehouse(root);
        Map<String, List<String>> all = new TreeMap<>();
        for (String table : warehouse.tables()) {
            if (Arrays.stream(layers).noneMatch(table::startsWith) || table.equals("silver._build_state")) {
                continue;
            }
            Dataset<Row> rows = spark.read().format("delta").load(warehouse.tableUri(table));
            List<Column> kept = new ArrayList<>();
            for (StructField f : rows.schema().fields()) {
                if (!(f.dataType() instanceof TimestampType)) {
                    kept.add(col(f.name()).cast("string"));
                }
            }
            all.put(table, rows.select(concat_ws("|", kept.toArray(Column[]::new))).as(org.apache.spark.sql.Encoders.STRING())
                    .collectAsList().stream().sorted().toList());
        }
        return all;
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> manifestFiles(Path folder) throws IOException {
        List<String> names = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.resolve("manifest.json").toFile())
                .get("files").forEach(f -> names.add(f.asText()));
        names.add("manifest.json");
        return names;
    }

    private static Map<String, List<String>> publishedMarts(String url) throws Exception {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.SUPERUSER, "");
             Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select table_name from information_schema.tables where table_schema = 'amo'"
                    + " and table_name <> 'publication' order by 1")) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            for (String name : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery("select t::text from amo." + name + " t")) {
                    while (r.next()) {
                        rows.add(r.getString(1));
                    }
                }
                rows.sort(null);
                tables.put(name, rows);
            }
        }
        return tables;
    }

    private static List<String> schemas(String url) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.SUPERUSER, "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select schema_name from information_schema.schemata")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
