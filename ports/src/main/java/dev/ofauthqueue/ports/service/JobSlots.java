package dev.ofauthqueue.ports.service;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A job's concurrency bound: how many of its items may have a request in flight at once, across connections. A lane
 * asks for a slot only once it holds a token, so a connection waiting for its budget never holds a slot another could
 * use; slots are handed out in the order they were asked for. Touched on the job's scheduler only.
 */
final class JobSlots {

    private final int size;
    private final Deque<Runnable> waiting = new ArrayDeque<>();
    private int taken;

    JobSlots(int size) {
        this.size = size;
    }

    /** Runs {@code withSlot} now if a slot is free, else when one is released, in turn. */
    void acquire(Runnable withSlot) {
        if (taken < size) {
            taken++;
            withSlot.run();
        } else {
            waiting.addLast(withSlot);
        }
    }

    /** Releases a slot: the first waiting caller gets it. */
    void release() {
        Runnable next = waiting.pollFirst();
        if (next == null) {
            taken--;
        } else {
            next.run();
        }
    }
}
