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

    /** The earliest instant the clock accepts: 2000-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** The latest instant the clock accepts: 2100-01-01T00:00:00Z. */
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private final LongSupplier nanoTime;
    private Instant base;
    private long baseNanos;

    /**
     * A clock starting at {@code start} and ticking with {@link System#nanoTime()}.
     *
     * @param start the first instant, within {@link #EARLIEST} and {@link #LATEST}
     */
    public FakeClock(Instant start) {
        this(start, System::nanoTime);
    }

    /**
     * A clock starting at {@code start} and ticking with {@code nanoTime}; tests pass a supplier they move by hand.
     *
     * @param start    the first instant, within {@link #EARLIEST} and {@link #LATEST}
     * @param nanoTime a monotonic nanosecond source
     */
    public FakeClock(Instant start, LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.base = inWindow(Objects.requireNonNull(start, "start"), "start");
        this.baseNanos = nanoTime.getAsLong();
    }

    @Override
    public synchronized Instant instant() {
        return base.plusNanos(nanoTime.getAsLong() - baseNanos);
    }

    /**
     * Jumps to {@code instant}; the clock keeps ticking from there.
     *
     * @param instant from {@link #EARLIEST} to {@link #LATEST}
     * @throws IllegalArgumentException outside that window; the clock does not move
     */
    public synchronized void set(Instant instant) {
        base = inWindow(Objects.requireNonNull(instant, "instant"), "now");
        baseNanos = nanoTime.getAsLong();
    }

    /**
     * Jumps forward (or, with a negative duration, back) by {@code by}.
     *
     * @param by how far
     * @throws IllegalArgumentException when the result would leave the window; the clock does not move
     */
    public synchronized void advance(Duration by) {
        Objects.requireNonNull(by, "by");
        Instant now = instant();
        boolean tooFar = by.isNegative()
                ? by.compareTo(Duration.between(EARLIEST, now).negated()) < 0
                : by.compareTo(Duration.between(now, LATEST)) > 0;
        if (tooFar) {
            throw new IllegalArgumentException("moving the clock by " + by + " from " + now + " would leave its window "
                    + EARLIEST + " .. " + LATEST);
        }
        set(now.plus(by));
    }

    private static Instant inWindow(Instant instant, String what) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException(
                    what + " must be from " + EARLIEST + " to " + LATEST + ", was " + instant);
        }
        return instant;
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
