package dev.ofauthqueue.adapter.vertx;

import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time for tests. In {@link #automatic()} mode every wait completes at once and moves virtual time forward by its
 * length (retry backoff); in {@link #manual()} mode waits complete only when the test moves time with
 * {@link #advance(Duration)} (rate-limit pacing). Either way, no test sleeps. Requested waits are recorded.
 */
final class VirtualTime implements Timers {

    private record Timer(long due, long seq, CompletableFuture<Void> done) {}

    private final boolean automatic;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong seq = new AtomicLong();
    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    final List<Duration> requested = new CopyOnWriteArrayList<>();

    private VirtualTime(boolean automatic) {
        this.automatic = automatic;
    }

    static VirtualTime automatic() {
        return new VirtualTime(true);
    }

    static VirtualTime manual() {
        return new VirtualTime(false);
    }

    @Override
    public CompletionStage<Void> after(Duration delay) {
        requested.add(delay);
        if (automatic) {
            now.addAndGet(delay.toNanos());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (timers) {
            timers.add(new Timer(now.get() + delay.toNanos(), seq.incrementAndGet(), done));
        }
        return done;
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Manual mode: moves time forward, firing due timers in order (timers they set are fired too when due). */
    void advance(Duration by) {
        long target = now.get() + by.toNanos();
        while (true) {
            Timer next;
            synchronized (timers) {
                next = timers.peek();
                if (next == null || next.due > target) {
                    break;
                }
                timers.poll();
            }
            now.set(Math.max(now.get(), next.due));
            next.done.complete(null);
        }
        now.set(target);
    }
}
