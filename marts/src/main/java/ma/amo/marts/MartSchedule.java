package ma.amo.marts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes gold marts side by side: each starts once the marts it {@link GoldMart#reads reads} are written, up
 * to {@code parallel} at a time. A mart's write is a chain of small Spark jobs with driver work between them
 * (planning, the Delta commit), during which the cores would idle; another mart's tasks fill them. Results
 * are handed on in the list's order, on the calling thread, whatever order the writes finished in.
 *
 * <p>After a failure no further write starts, and none that has started is stopped: the call throws the first
 * failure once every started write has ended, so no write of this build goes on after it. What was committed
 * stays, as after a crash: the next build sees those tables ahead of its bookmark and treats the build as
 * interrupted.
 */
final class MartSchedule {
    private MartSchedule() {
    }

    /**
     * @param write    writes one mart (on a worker thread); null when it had nothing to write
     * @param finished takes each non-null result, in the order of {@code marts}, on this thread
     */
    static <T> void run(List<GoldMart> marts, int parallel, Function<GoldMart, T> write, Consumer<T> finished) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, marts.size())), r -> {
            Thread t = new Thread(r, "amo-gold");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<GoldMart, CompletableFuture<T>> writes = new LinkedHashMap<>();
            AtomicBoolean failed = new AtomicBoolean();
            for (GoldMart mart : marts) {
                CompletableFuture<?>[] after = mart.reads().stream().map(writes::get).filter(Objects::nonNull)
                        .toArray(CompletableFuture[]::new);
                writes.put(mart, CompletableFuture.allOf(after).thenApplyAsync(ignored -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        return write.apply(mart);
                    } catch (Throwable e) { // Spark's checked exceptions too (thrown undeclared)
                        failed.set(true);
                        throw e;
                    }
                }, pool));
            }
            Throwable failure = null;
            for (CompletableFuture<T> w : writes.values()) {
                try {
                    T result = w.join();
                    if (failure == null && result != null) {
                        finished.accept(result);
                    }
                } catch (CompletionException | CancellationException e) {
                    failure = failure == null ? (e.getCause() == null ? e : e.getCause()) : failure;
                } catch (RuntimeException | Error e) { // from finished: wait for the writes still running all the same
                    failed.set(true);
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                MartSchedule.<RuntimeException>rethrow(failure);
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Throws the write's own exception, checked ones included: Spark throws its checked SparkException undeclared,
     * and the command's error message is read from it and its causes, as when the build wrote one mart at a time.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void rethrow(Throwable failure) throws E {
        throw (E) failure;
    }
}
