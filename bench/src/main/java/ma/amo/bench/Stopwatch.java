package ma.amo.bench;

import java.util.function.Supplier;

/** Wall-clock time of one step, in seconds. */
final class Stopwatch {
    private Stopwatch() {
    }

    record Timed<T>(T value, double seconds) {
    }

    static <T> Timed<T> time(Supplier<T> step) {
        long start = System.nanoTime();
        T value = step.get();
        return new Timed<>(value, (System.nanoTime() - start) / 1e9);
    }

    static double seconds(Runnable step) {
        return time(() -> {
            step.run();
            return null;
        }).seconds();
    }
}
