package ma.amo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Peak of the driver's used heap, sampled every 200 ms by a daemon thread. Used heap includes garbage not yet
 * collected, so the figure is an upper bound of what the run needs; DuckDB's memory is native and not in it.
 */
final class HeapPeak implements AutoCloseable {
    private static final long PERIOD_MS = 200;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peak;

    HeapPeak() {
        sample();
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "amo-bench-heap");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
    }

    /** Peak used heap so far, in MiB. */
    long peakMb() {
        sample();
        return peak / (1024 * 1024);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
