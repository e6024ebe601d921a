package ma.amo.common;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for the crash-safety tests: named points in every writing command where the process can be
 * killed with SIGKILL, exactly as an operator's {@code kill -9}, an OOM killer or a power cut would (no finally
 * block, no shutdown hook runs). Inert unless {@code AMO_CRASH_AT} names points:
 * <ul>
 *   <li>{@code AMO_CRASH_AT=build.silver-written} kills at the first time the point is reached;</li>
 *   <li>{@code AMO_CRASH_AT=build.silver-written#3} at the third time;</li>
 *   <li>a {@code :stop} suffix stops the whole process there with SIGSTOP instead: every thread freezes at once,
 *   as SIGKILL would freeze them, so what the files hold then is what a kill there leaves. A test can copy the
 *   warehouse as it is (the leftovers of a kill at that point), then let the process go on with SIGCONT;</li>
 *   <li>several points, separated by commas ({@code ingest.round-checked:stop,ingest.reconciled}): one process
 *   stops at each in turn, and dies at the one without {@code :stop}. Stops are taken one at a time: a thread
 *   reaching a point while another is stopping waits for it to be resumed, so each stop is announced alone.</li>
 * </ul>
 * The point reached is announced on stderr first, so a test can check the process stopped or died where it meant.
 */
public final class CrashPoint {
    public static final String ENV = "AMO_CRASH_AT";

    private static final List<Armed> ARMED = Armed.all(System.getenv(ENV));
    private static final Map<String, AtomicInteger> REACHED = new ConcurrentHashMap<>();

    /** Armed by {@link #abortOnThisThreadAt}, for tests that stop a build in their own JVM. */
    private static final ThreadLocal<String> IN_PROCESS = new ThreadLocal<>();

    private CrashPoint() {
    }

    /**
     * For in-process tests: the next time this thread reaches {@code name}, {@link #reach} throws {@link Aborted}
     * instead of returning. What was committed before the point stays, as after a kill; the thread's driver code
     * stops there. Other threads, and other tests running beside, are not affected; so neither are a build's gold
     * mart writes, which run on worker threads (their delta.table-written points are armed in a child process,
     * CrashRecoveryTest; build.gold-written is reached on the build's own thread).
     */
    public static void abortOnThisThreadAt(String name) {
        IN_PROCESS.set(name);
    }

    /** Thrown at a point armed by {@link #abortOnThisThreadAt}. */
    public static final class Aborted extends RuntimeException {
        Aborted(String point) {
            super("aborted at crash point " + point);
        }
    }

    /** Marks a place where a crash must be survivable; kills or stops the process if it is an armed point. */
    public static void reach(String name) {
        if (name.equals(IN_PROCESS.get())) {
            IN_PROCESS.remove();
            throw new Aborted(name);
        }
        if (ARMED.stream().noneMatch(a -> a.name().equals(name))) {
            return;
        }
        int count = REACHED.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        for (Armed armed : ARMED) {
            if (armed.name().equals(name) && armed.occurrence() == count) {
                signal(name + "#" + count, armed.stop());
            }
        }
    }

    private static synchronized void signal(String point, boolean stop) {
        System.err.println("amo: crash point " + point + " reached: "
                + (stop ? "stopping this process (SIGSTOP) until continued" : "killing this process (SIGKILL)"));
        System.err.flush();
        if (stop) {
            // returns once the process is continued: kill(1) has exited by then, having stopped every thread
            run("kill", "-STOP");
            return;
        }
        run("kill", "-KILL");
        sleepForever();
    }

    private static void run(String... kill) {
        try {
            Process p = new ProcessBuilder(kill[0], kill[1], String.valueOf(ProcessHandle.current().pid())).inheritIO().start();
            while (true) {
                try {
                    p.waitFor();
                    return;
                } catch (InterruptedException e) {
                    // wait for the signal to be sent, whatever interrupts this thread
                }
            }
        } catch (IOException e) {
            // No kill(1): halt is the closest thing to SIGKILL (no hook, no finally block runs either)
            Runtime.getRuntime().halt(137);
        }
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // a killed process never gets here; an interrupted one keeps waiting for its signal
            }
        }
    }

    record Armed(String name, int occurrence, boolean stop) {
        static Armed parse(String spec) {
            String s = spec.trim();
            boolean stop = s.toLowerCase(Locale.ROOT).endsWith(":stop");
            if (stop) {
                s = s.substring(0, s.length() - ":stop".length());
            }
            int hash = s.indexOf('#');
            int occurrence = hash < 0 ? 1 : Integer.parseInt(s.substring(hash + 1));
            return new Armed(hash < 0 ? s : s.substring(0, hash), occurrence, stop);
        }

        static List<Armed> all(String target) {
            if (target == null || target.isBlank()) {
                return List.of();
            }
            return Arrays.stream(target.split(",")).filter(spec -> !spec.isBlank()).map(Armed::parse).toList();
        }
    }
}
