package dev.ofauthqueue.domain;

import dev.ofauthqueue.JobItemState;

/** Where a deletion job stands as a whole. */
public enum DeletionJobState {
    /** Running in a process now. */
    RUNNING,
    /** Every item was tried; some may have {@link JobItemState#FAILED failed} or be unconfirmed (resume retries). */
    COMPLETED,
    /** Canceled: it stopped taking new items; resuming continues it. */
    CANCELED,
    /** A connection's authentication or permission failed, so its items wait; resume after fixing it. */
    STOPPED,
    /** Not running and not finished: its process ended (a crash, a kill, a redeploy). Resume it. */
    INTERRUPTED
}
