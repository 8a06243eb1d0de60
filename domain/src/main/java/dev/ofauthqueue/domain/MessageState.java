package dev.ofauthqueue.domain;

import dev.ofauthqueue.ScheduledMassMessage;

/**
 * Where a queued mass message stands at an instant. Derived, never stored: see
 * {@link ScheduledMassMessage#stateAt(java.time.Instant)}. The order of the checks follows API-NOTES.md: a
 * canceled message is CANCELED even if it had been sent, a failed one FAILED even if its send time has passed.
 */
public enum MessageState {
    /** Its send time is in the future and nothing was sent. */
    SCHEDULED,
    /** Its send time has come and nothing is reported sent yet: it is going out now. */
    SENDING,
    /** Some fans received it ({@code sentCount > 0}). */
    SENT,
    /** Deleted or unsent ({@code isCanceled}). */
    CANCELED,
    /** The job failed ({@code hasError}). */
    FAILED
}
