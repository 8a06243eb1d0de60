package dev.ofauthqueue.fake.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connection's deadline on virtual time: it closes the connection exactly when the last armed deadline passes, never
 * before and never after a cancel, with one timer at a time. The front door's real-time behaviour (a trickling client
 * cut off, an idle connection closed) is in {@code HostileInputTest}.
 */
class ConnectionDeadlineTest {

    /** Virtual time: timers fire, in order, only when the test moves the time past them. */
    static final class VirtualTime implements GuardTime {
        private long nanos = 1_000_000_000L;
        private long nextId;
        private final TreeMap<Long, Map.Entry<Long, Handler<Long>>> timers = new TreeMap<>();

        @Override
        public long nanoTime() {
            return nanos;
        }

        @Override
        public long setTimer(long millis, Handler<Long> handler) {
            assertThat(millis).as("Vert.x refuses timers under 1 ms").isPositive();
            long id = nextId++;
            // Keyed by when it fires, then by id: two timers firing together fire in the order they were set.
            timers.put(firesAt(millis) * 1024 + (id % 1024), Map.entry(id, handler));
            return id;
        }

        private long firesAt(long millis) {
            return nanos + TimeUnit.MILLISECONDS.toNanos(millis);
        }

        @Override
        public void cancelTimer(long id) {
            timers.values().removeIf(t -> t.getKey() == id);
        }

        int pending() {
            return timers.size();
        }

        void advance(long millis) {
            long until = nanos + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!timers.isEmpty() && timers.firstKey() / 1024 <= until) {
                Map.Entry<Long, Map.Entry<Long, Handler<Long>>> next = timers.pollFirstEntry();
                nanos = Math.max(nanos, next.getKey() / 1024);
                next.getValue().getValue().handle(next.getValue().getKey());
            }
            nanos = until;
        }
    }

    private final VirtualTime time = new VirtualTime();
    private final List<Long> closedAt = new ArrayList<>();
    private final ConnectionDeadline deadline = new ConnectionDeadline(time, () -> closedAt.add(time.nanoTime()));

    @Test
    void anArmedDeadlineClosesTheConnectionWhenItPassesAndNotBefore() {
        deadline.arm(400);

        time.advance(399);
        assertThat(closedAt).isEmpty();
        time.advance(1);
        assertThat(closedAt).hasSize(1);
        time.advance(10_000);
        assertThat(closedAt).as("once").hasSize(1);
        assertThat(time.pending()).isZero();
    }

    @Test
    void aDeadlineMovedLaterKeepsItsOneTimerWhichSetsItselfAgainForWhatIsLeft() {
        deadline.arm(400);
        time.advance(300);
        deadline.arm(400); // now due at 700
        assertThat(time.pending())
                .as("the pending timer fires first: no second one")
                .isEqualTo(1);

        time.advance(100); // 400: the first timer fires early and sets itself for 300 more
        assertThat(closedAt).isEmpty();
        assertThat(time.pending()).isEqualTo(1);
        time.advance(299);
        assertThat(closedAt).isEmpty();
        time.advance(1);
        assertThat(closedAt).hasSize(1);
    }

    @Test
    void aDeadlineMovedEarlierReplacesThePendingTimer() {
        deadline.arm(10_000);
        deadline.arm(100);

        assertThat(time.pending()).isEqualTo(1);
        time.advance(100);
        assertThat(closedAt).hasSize(1);
    }

    @Test
    void aCancelledDeadlineNeverClosesAndItsTimerFindsNothingToDo() {
        deadline.arm(400);
        deadline.cancel();

        time.advance(10_000);
        assertThat(closedAt).isEmpty();
        assertThat(time.pending()).isZero();
    }

    @Test
    void stoppingCancelsThePendingTimerSoAClosedConnectionHoldsNothing() {
        deadline.arm(60_000);
        deadline.stop();

        assertThat(time.pending()).isZero();
        time.advance(120_000);
        assertThat(closedAt).isEmpty();
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /**
     * Any sequence of arms, cancels and waits: the connection closes exactly when the model says (the last arm's
     * deadline passed with no cancel after it), at that instant, and never more than one timer is pending.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anySequenceOfArmsCancelsAndWaitsClosesExactlyWhenTheLastDeadlinePasses(long seed) {
        Random random = new Random(seed);
        Long due = null; // the model: when the connection closes, on the virtual clock, unless moved or cancelled
        List<Long> expected = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            int op = random.nextInt(4);
            if (op == 0) {
                long millis = 1 + random.nextInt(1000);
                deadline.arm(millis);
                due = time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            } else if (op == 1) {
                deadline.cancel();
                due = null;
            } else {
                long wait = random.nextInt(700);
                long until = time.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
                if (due != null && due <= until) {
                    expected.add(due);
                    due = null;
                }
                time.advance(wait);
            }
            assertThat(closedAt).as("seed %d, step %d", seed, step).isEqualTo(expected);
            assertThat(time.pending()).as("one timer at most").isLessThanOrEqualTo(1);
        }
    }
}
