package dev.ofauthqueue.fake.internal.fault;

import dev.ofauthqueue.fake.Fault;
import java.util.Random;

/** Decides, request by request, whether a fault fires: its countdown, or its seeded random sequence. Thread-safe. */
final class Trigger {
    private final Fault fault;
    private final Random random;
    private int left;

    Trigger(Fault fault) {
        this.fault = fault;
        this.random = new Random(fault.seed());
        this.left = fault.times();
    }

    Fault fault() {
        return fault;
    }

    synchronized boolean fire() {
        if (fault.times() > 0) {
            if (left <= 0) {
                return false;
            }
            left--;
            return true;
        }
        return random.nextDouble() < fault.probability();
    }

    synchronized boolean exhausted() {
        return fault.times() > 0 && left <= 0;
    }

    /** A draw from 0 to {@code bound - 1} from the fault's sequence (latency within its range). */
    synchronized long nextLong(long bound) {
        return bound <= 0 ? 0 : Math.floorMod(random.nextLong(), bound);
    }

    synchronized int left() {
        return left;
    }
}
