package dev.ofauthqueue.fake.internal.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;

/**
 * The time the front door reads and the timers it and record mode set: Vert.x's timers and {@link System#nanoTime()}
 * in a running fake, virtual ones in a test.
 */
public interface GuardTime {

    /** Monotonic time in nanoseconds. */
    long nanoTime();

    /**
     * Calls {@code handler} with the timer's id once {@code millis} passed.
     *
     * @return the timer's id
     */
    long setTimer(long millis, Handler<Long> handler);

    /** Cancels the timer {@code id}, if it has not fired. */
    void cancelTimer(long id);

    /** Vert.x's timers and {@link System#nanoTime()}. */
    static GuardTime of(Vertx vertx) {
        return new GuardTime() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public long setTimer(long millis, Handler<Long> handler) {
                return vertx.setTimer(millis, handler);
            }

            @Override
            public void cancelTimer(long id) {
                vertx.cancelTimer(id);
            }
        };
    }
}
