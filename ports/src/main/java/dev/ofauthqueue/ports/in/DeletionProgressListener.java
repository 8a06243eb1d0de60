package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.DeletionOutcome;

/**
 * Hears each outcome of a plan's execution as it happens. Called from whatever thread completed the deletion;
 * an exception thrown here is ignored and never changes the run.
 */
@FunctionalInterface
public interface DeletionProgressListener {

    /** A listener that ignores every outcome. */
    DeletionProgressListener NONE = (outcome, done, total) -> {};

    /**
     * Hears that one more item finished.
     *
     * @param outcome the item just finished
     * @param done    how many items have finished, this one included
     * @param total   how many items the plan holds
     */
    void onOutcome(DeletionOutcome outcome, int done, int total);
}
