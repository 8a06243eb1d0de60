package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * One connection of a running job: its loop takes a token of the connection's budget, then a concurrency slot, then
 * claims an item and works on it, and goes round again while items are in flight. Its state says what the loop waits
 * for; the items it holds and their count in flight are its data.
 */
final class ConnectionLane {

    /** What the lane's loop is doing. */
    enum State {
        /** Ready to go round. */
        READY,
        /** Waiting for a token of the connection's budget. */
        AWAITING_TOKEN,
        /** Holding a token, waiting for one of the job's concurrency slots. */
        AWAITING_SLOT,
        /** Nothing to claim until a timer fires (items held elsewhere, or the budget failed to answer). */
        WAITING,
        /** Nothing to claim while its own items are in flight: goes round again when one ends. */
        AWAITING_OWN_ITEMS,
        /** Nothing left for anyone: every item of the connection is settled or waits for a later run. */
        DRAINED,
        /** OFAuth refused the connection's key or permission: its items wait, with the reason. */
        STOPPED
    }

    final ConnectionId connection;
    State state = State.READY;
    /** A token taken and not yet spent: refusals and empty claims cost no request, so the next item uses it. */
    boolean holdsToken;
    /** Items of this lane with a request or a listing under way. */
    int inFlight;
    /** Items this lane holds that go before any new claim (OFAuth asked to wait). */
    final Deque<HeldItem> again = new ArrayDeque<>();

    @Nullable
    String stopReason;

    ConnectionLane(ConnectionId connection) {
        this.connection = connection;
    }

    /**
     * Ends a wait: back to {@link State#READY} if the lane is still in {@code waiting}. A lane that stopped or drained
     * meanwhile stays so: a late callback never brings it back.
     *
     * @return whether it was in {@code waiting}
     */
    boolean leave(State waiting) {
        if (state != waiting) {
            return false;
        }
        state = State.READY;
        return true;
    }

    boolean isDone() {
        return state == State.DRAINED || state == State.STOPPED;
    }
}
