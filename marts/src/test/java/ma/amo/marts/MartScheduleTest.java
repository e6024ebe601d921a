package ma.amo.marts;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order in which a build writes its gold marts side by side, and what a failure leaves running. */
class MartScheduleTest {
    private static GoldMart mart(String name, GoldMart... reads) {
        return new GoldMart("gold." + name, Set.of(), y -> null, reads);
    }

    private final GoldMart a = mart("a");
    private final GoldMart b = mart("b", a);
    private final GoldMart c = mart("c");
    private final GoldMart d = mart("d", b, c);
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void eachMartStartsAfterWhatItReadsAndResultsComeInListOrder() throws Exception {
        // a and c must be running at the same time to pass the barrier; c then ends first, yet a comes first
        CyclicBarrier together = new CyclicBarrier(2);
        CountDownLatch cEnded = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        MartSchedule.run(List.of(a, b, c, d), 4, m -> {
            events.add("start " + m.name());
            try {
                if (m == a || m == c) {
                    together.await(10, TimeUnit.SECONDS);
                }
                if (m == a) {
                    assertThat(cEnded.await(10, TimeUnit.SECONDS)).isTrue();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            events.add("end " + m.name());
            if (m == c) {
                cEnded.countDown();
            }
            return m.name();
        }, finished::add);
        assertThat(finished).containsExactly("a", "b", "c", "d");
        assertThat(events.indexOf("start b")).isGreaterThan(events.indexOf("end a"));
        assertThat(events.indexOf("start d")).isGreaterThan(events.indexOf("end b")).isGreaterThan(events.indexOf("end c"));
        assertThat(events.indexOf("end c")).isLessThan(events.indexOf("end a"));
    }

    @Test
    void oneAtATimeFollowsTheListOrder() {
        MartSchedule.run(List.of(a, c, b, d), 1, m -> {
            events.add(m.name());
            return m;
        }, m -> { });
        assertThat(events).containsExactly("a", "c", "b", "d");
    }

    @Test
    void aMartWithNothingToWriteIsNotHandedOnAndItsReadersStillRun() {
        List<String> finished = new CopyOnWriteArrayList<>();
        MartSchedule.run(List.of(a, b), 2, m -> m == a ? null : m.name(), finished::add);
        assertThat(finished).containsExactly("b");
    }

    @Test
    void aFailedWriteSkipsItsReadersAndWaitsForTheWritesRunningBesideIt() {
        RuntimeException boom = new IllegalStateException("a failed");
        CountDownLatch cStarted = new CountDownLatch(1);
        Map<String, Boolean> ended = new ConcurrentHashMap<>();
        assertThatThrownBy(() -> MartSchedule.run(List.of(a, b, c, d), 4, m -> {
            if (m == a) {
                awaitQuietly(cStarted); // c is running when a fails
                throw boom;
            }
            if (m == c) {
                cStarted.countDown();
                sleepQuietly(300); // still running when a's failure is known
            }
            ended.put(m.name(), true);
            return m;
        }, m -> { })).isSameAs(boom);
        // c ended before run() returned; b and d, which read a (d through b), were never written
        assertThat(ended).containsOnlyKeys("c");
    }

    @Test
    void noWriteStartsAfterAFailure() {
        RuntimeException boom = new IllegalStateException("a failed");
        assertThatThrownBy(() -> MartSchedule.run(List.of(a, c), 1, m -> {
            events.add(m.name());
            if (m == a) {
                throw boom;
            }
            return m;
        }, m -> { })).isSameAs(boom);
        assertThat(events).containsExactly("a"); // c, independent of a, was waiting for the one worker
    }

    @Test
    void aCheckedExceptionThrownUndeclaredComesOutAsItself() {
        // as Spark's SparkException: the command's one-line error is read from it and its causes
        Exception sparkLike = new Exception("Job aborted", new IllegalStateException("No space left on device"));
        assertThatThrownBy(() -> MartSchedule.run(List.of(a), 1, m -> {
            MartScheduleTest.<RuntimeException>sneaky(sparkLike);
            return m;
        }, m -> { })).isSameAs(sparkLike);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void aFailureOfTheCallerAfterAWriteStillWaitsForTheOthers() {
        // as an in-process crash point does (CrashPoint.abortOnThisThreadAt("build.gold-written"))
        RuntimeException aborted = new IllegalStateException("aborted at build.gold-written");
        Map<String, Boolean> ended = new ConcurrentHashMap<>();
        CountDownLatch cStarted = new CountDownLatch(1);
        assertThatThrownBy(() -> MartSchedule.run(List.of(a, c), 2, m -> {
            if (m == c) {
                cStarted.countDown();
                sleepQuietly(300); // still running when the caller fails on a
            } else {
                awaitQuietly(cStarted);
            }
            ended.put(m.name(), true);
            return m;
        }, m -> {
            throw aborted;
        })).isSameAs(aborted);
        assertThat(ended).containsOnlyKeys("a", "c");
    }

    @Test
    void aMartReadBeforeThisBuildWroteItFails() {
        StoredMarts stored = new StoredMarts(null);
        stored.pending(List.of(a));
        assertThatThrownBy(() -> stored.rows("gold.a")).isInstanceOf(IllegalStateException.class)
                .hasMessage("gold.a was read before this build wrote it: add it to the reads of the mart that reads it (GoldMarts)");
    }

    @Test
    void everyMartOfTheBuildReadsOnlyMartsBeforeIt() {
        for (int i = 0; i < GoldMarts.ALL.size(); i++) {
            assertThat(GoldMarts.ALL.subList(0, i)).as(GoldMarts.ALL.get(i).table())
                    .containsAll(GoldMarts.ALL.get(i).reads());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
