package ma.amo.common;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for the crash-safety tests: named points in every writing command where the process can be
 * killed with SIGKILL, exactly as an operator's {@code kill -9}, an OOM killer or a power cut would (no finally
 * block, no shutdown hook runs). Inert unless {@code AMO_CRASH_AT} names a point:
 * <ul>
 *   <li>{@code AMO_CRASH_AT=build.silver-written} kills at the first time the point is reached;</li>
 *   <li>{@code AMO_CRASH_AT=build.silver-written#3} at the third time;</li>
 *   <li>a {@code :pause} suffix stops there instead (until killed), so a test can hold the process at a known
 *   place, e.g. with the warehouse lock taken.</li>
 * </ul>
 * The point reached is announced on stderr first, so a test can check the process died where it meant.
 */
public final class CrashPoint {
    public static final String ENV = "AMO_CRASH_AT";

    private static final String TARGET = System.getenv(ENV);
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

    /** Marks a place where a crash must be survivable; kills or pauses the process if it is the armed point. */
    public static void reach(String name) {
        if (name.equals(IN_PROCESS.get())) {
            IN_PROCESS.remove();
            throw new Aborted(name);
        }
        if (TARGET == null || TARGET.isBlank()) {
            return;
        }
        Armed armed = Armed.parse(TARGET);
        if (!armed.name().equals(name)) {
            return;
        }
        int count = REACHED.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        if (count != armed.occurrence()) {
            return;
        }
        System.err.println("amo: crash point " + name + "#" + count + " reached: "
                + (armed.pause() ? "pausing until killed" : "killing this process (SIGKILL)"));
        System.err.flush();
        if (!armed.pause()) {
            kill();
        }
        sleepForever();
    }

    private static void kill() {
        try {
            new ProcessBuilder("kill", "-KILL", String.valueOf(ProcessHandle.current().pid())).inheritIO().start();
        } catch (IOException e) {
            // No kill(1): halt is the closest thing (no hook, no finally block runs either).
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

    record Armed(String name, int occurrence, boolean pause) {
        static Armed parse(String spec) {
            String s = spec.trim();
            boolean pause = s.toLowerCase(Locale.ROOT).endsWith(":pause");
            if (pause) {
                s = s.substring(0, s.length() - ":pause".length());
            }
            int hash = s.indexOf('#');
            int occurrence = hash < 0 ? 1 : Integer.parseInt(s.substring(hash + 1));
            return new Armed(hash < 0 ? s : s.substring(0, hash), occurrence, pause);
        }
    }
}
