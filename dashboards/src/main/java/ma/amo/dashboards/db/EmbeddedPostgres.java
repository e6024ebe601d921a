package ma.amo.dashboards.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of our own, run from the machine's installed server binaries (initdb, pg_ctl) in a
 * local folder on a loopback port: the serving database of the demo and of the tests, for users who have no
 * server. The folder holds {@code data/} (the cluster, whose postmaster.pid tells the port) and {@code postgres.log}.
 *
 * <p>initdb and postgres refuse to run as root. Our machines (developers' and CI) run as root, so the server
 * then runs as the unprivileged system user {@value #OS_USER} (created on first use), which owns the folder.
 * Authentication is {@code trust} on loopback for everyone: this server is for the demo and tests only, never
 * for personal data in production.
 */
public final class EmbeddedPostgres {
    /** The superuser initdb creates; the publisher connects as it. */
    public static final String SUPERUSER = "amo";
    public static final String DATABASE = "amo";
    static final String OS_USER = "amo-pg";

    private final Path dir;
    private final Path bin;

    public EmbeddedPostgres(Path dir) {
        this(dir, binDir());
    }

    EmbeddedPostgres(Path dir, Path bin) {
        this.dir = dir.toAbsolutePath().normalize();
        this.bin = bin;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The folder of the PostgreSQL server binaries: $AMO_PG_BIN, else what {@code pg_config --bindir} says, else
     * the newest {@code /usr/lib/postgresql/N/bin}. Fails with how to install them when none has initdb.
     */
    public static Path binDir() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("AMO_PG_BIN");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        pgConfigBinDir().ifPresent(candidates::add);
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return candidates.stream().filter(p -> Files.isExecutable(p.resolve("initdb"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries (initdb, pg_ctl) found in "
                        + candidates + "; install them (Debian: apt-get install postgresql) or set AMO_PG_BIN"));
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Path> pgConfigBinDir() {
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A free loopback port now (another process may take it before the server does: rare, and start fails loudly). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the server on {@code port} (0: a free one), creating the cluster and the {@value #DATABASE} database on
     * first use; a server already running in this folder is left as it is. Returns the port it listens on.
     */
    public int start(int port) {
        Optional<Integer> running = runningPort();
        if (running.isPresent()) {
            return running.get();
        }
        int chosen = port > 0 ? port : freePort();
        try {
            Files.createDirectories(dir);
            if (!Files.exists(data().resolve("PG_VERSION"))) {
                prepareOwnership();
                run(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", SUPERUSER, "-A", "trust",
                        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), "initdb");
            }
            // The socket goes in our folder (not /var/run/postgresql, which may not exist or be someone else's);
            // TCP only on loopback.
            String options = "-p " + chosen + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                    + " -c fsync=off -c full_page_writes=off";
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("postgres.log").toString(),
                    "-o", options, "-w", "-t", "60", "start"), "pg_ctl start");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dir, e);
        }
        createDatabase(chosen);
        return chosen;
    }

    /** Stops the server of this folder if it runs (fast shutdown: open sessions are rolled back). */
    public boolean stop() {
        if (runningPort().isEmpty()) {
            return false;
        }
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                "pg_ctl stop");
        return true;
    }

    /** The port of the server running in this folder, if one is. */
    public Optional<Integer> runningPort() {
        Path pid = data().resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pid);
            // postmaster.pid: pid, data dir, start time, port, …; a stale file (crashed server) names a dead pid.
            long processId = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(processId).map(ProcessHandle::isAlive).orElse(false) && lines.size() > 3) {
                return Optional.of(Integer.parseInt(lines.get(3).trim()));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The URL a user of this folder's server passes to {@code amo publish} (the superuser publishes). */
    public String jdbcUrl() {
        return jdbcUrl(runningPort().orElseThrow(() -> new IllegalStateException("no PostgreSQL server runs in " + dir)));
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void createDatabase(int port) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, "")) {
            boolean exists;
            try (var rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                c.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started on port " + port + " but refuses connections: "
                    + e.getMessage() + " (see " + dir.resolve("postgres.log") + ")", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * As root, the server's OS user must own the folder and reach it: every parent must be searchable by others
     * (a folder under /root is not, one under /tmp or the project's checkout is).
     */
    private void prepareOwnership() throws IOException {
        if (!isRoot()) {
            return;
        }
        ensureOsUser();
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("the PostgreSQL server runs as the unprivileged user " + OS_USER
                        + " (PostgreSQL refuses root) and cannot reach " + dir + " because " + p
                        + " is closed to other users; choose a folder elsewhere (e.g. under /tmp or the project)");
            }
        }
        Files.setPosixFilePermissions(dir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
        exec(List.of("chown", "-R", OS_USER, dir.toString()), "chown");
    }

    private static void ensureOsUser() {
        if (exec(List.of("id", "-u", OS_USER), null) != 0) {
            // --system: no password, no aging; no home, no shell: it only owns the cluster.
            exec(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER), "useradd");
        }
    }

    /** Runs a server binary, as {@value #OS_USER} when we are root; fails with its output. */
    private void run(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(command);
        exec(full, what);
    }

    /** Runs a command; with {@code what} != null a non-zero exit is an error carrying the command's output. */
    private static int exec(List<String> command, String what) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in 120 s");
            }
            if (p.exitValue() != 0 && what != null) {
                throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "): "
                        + new String(out, StandardCharsets.UTF_8).trim());
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
