package dev.ofauthqueue;

import org.jspecify.annotations.NullMarked;

/**
 * Where one message of a deletion job stands. {@link #isFinal() Final} states are never left: an item gets exactly
 * one final state.
 *
 * <pre>{@code
 * DeletionJobStatus done = ofauth.jobs().await(id);
 * System.out.println(done.count(JobItemState.DELETED) + " deleted, " + done.count(JobItemState.REFUSED) + " kept");
 * }</pre>
 */
@NullMarked
public enum JobItemState {
    /** Not attempted yet in this run, or put back in line (a 429, or its connection stopped). */
    PENDING(false),
    /** The job committed its intent to delete it; no outcome is recorded yet. A restart settles it by reading. */
    IN_FLIGHT(false),
    /** This job deleted it (OFAuth confirmed, or it was gone after a request that may have reached OFAuth). */
    DELETED(true),
    /** It was gone before this job's request could have deleted it. */
    ALREADY_GONE(true),
    /** The policy, OFAuth or the refreshed selection refused it: no delete request deleted it. */
    REFUSED(true),
    /** The request failed and the message is still scheduled; resuming the job tries again. */
    FAILED(false),
    /** The request may have reached OFAuth and reading the message again failed too; resuming settles it. */
    UNCONFIRMED(false);

    private final boolean isFinal;

    JobItemState(boolean isFinal) {
        this.isFinal = isFinal;
    }

    /**
     * Whether the item is settled for good: {@link #DELETED}, {@link #ALREADY_GONE} or {@link #REFUSED}.
     *
     * @return {@code true} for a final state
     */
    public boolean isFinal() {
        return isFinal;
    }
}
