package dev.ofauthqueue.fake.internal.http;

import java.util.concurrent.TimeUnit;

/**
 * One connection's deadline: unless it is {@linkplain #cancel() cancelled} or {@linkplain #arm moved} in time, the
 * connection is closed when it passes. One timer at a time keeps it: a deadline moved later leaves the pending timer
 * be, and that timer sets itself again for what is left when it fires (as Netty's idle handlers do), so a busy
 * keep-alive connection does not set and cancel a timer per request.
 */
final class ConnectionDeadline {

    /** No deadline. */
    private static final long NONE = Long.MAX_VALUE;

    private final GuardTime time;
    private final Runnable expire;

    /** When {@code expire} runs unless moved or cancelled, on {@link GuardTime#nanoTime()}; {@link #NONE} if never. */
    private long deadline = NONE;

    private long timer = -1;
    private long timerFiresAt;

    /**
     * A deadline not yet armed.
     *
     * @param expire what happens when it passes (the connection is closed); run outside this object's lock
     */
    ConnectionDeadline(GuardTime time, Runnable expire) {
        this.time = time;
        this.expire = expire;
    }

    /** The deadline is {@code millis} from now, earlier or later than it was. */
    synchronized void arm(long millis) {
        long now = time.nanoTime();
        deadline = now + TimeUnit.MILLISECONDS.toNanos(millis);
        if (timer >= 0 && timerFiresAt - deadline <= 0) {
            return; // the pending timer fires first, and sets itself again for what is left
        }
        if (timer >= 0) {
            time.cancelTimer(timer);
        }
        setTimer(now, millis);
    }

    /** No deadline: the pending timer, if any, finds nothing to do when it fires. */
    synchronized void cancel() {
        deadline = NONE;
    }

    /** No deadline and no timer: the connection closed, so nothing is held until a timer would fire. */
    synchronized void stop() {
        deadline = NONE;
        if (timer >= 0) {
            time.cancelTimer(timer);
            timer = -1;
        }
    }

    private void setTimer(long now, long millis) {
        timerFiresAt = now + TimeUnit.MILLISECONDS.toNanos(millis);
        timer = time.setTimer(Math.max(1, millis), this::fired);
    }

    private void fired(long id) {
        synchronized (this) {
            if (id != timer) {
                return; // cancelled meanwhile, and another set
            }
            timer = -1;
            if (deadline == NONE) {
                return;
            }
            long now = time.nanoTime();
            long left = deadline - now;
            if (left > 0) {
                setTimer(now, TimeUnit.NANOSECONDS.toMillis(left + TimeUnit.MILLISECONDS.toNanos(1) - 1));
                return;
            }
            deadline = NONE;
        }
        expire.run();
    }
}
