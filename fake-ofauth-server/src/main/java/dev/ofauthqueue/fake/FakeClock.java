package dev.ofauthqueue.fake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The fake's clock. It runs forward with real time from wherever it was last set, and tests or the admin API can
 * jump it with {@link #set(Instant)} or {@link #advance(Duration)}. It decides whether a message is scheduled,
 * sending or sent, and refills the rate-limit buckets. Thread-safe.
 *
 * <p>Being a {@link Clock}, it can be handed to the library's service so that both sides agree on "now".
 */
public final class FakeClock extends Clock {

    private final LongSupplier nanoTime;
    private Instant base;
    private long baseNanos;

    /** A clock starting at {@code start} and ticking with {@link System#nanoTime()}. */
    public FakeClock(Instant start) {
        this(start, System::nanoTime);
    }

    /**
     * A clock starting at {@code start} and ticking with {@code nanoTime}; tests pass a supplier they move by hand.
     */
    public FakeClock(Instant start, LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.base = Objects.requireNonNull(start, "start");
        this.baseNanos = nanoTime.getAsLong();
    }

    @Override
    public synchronized Instant instant() {
        return base.plusNanos(nanoTime.getAsLong() - baseNanos);
    }

    /** Jumps to {@code instant}; the clock keeps ticking from there. */
    public synchronized void set(Instant instant) {
        base = Objects.requireNonNull(instant, "instant");
        baseNanos = nanoTime.getAsLong();
    }

    /** Jumps forward (or, with a negative duration, back) by {@code by}. */
    public synchronized void advance(Duration by) {
        set(instant().plus(by));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public String toString() {
        return "FakeClock[" + instant() + "]";
    }
}
