package dev.ofauthqueue.domain;

/** Why a deletion is refused. Callers branch on these, never on message text. */
public enum RefusalReason {
    /** Already deleted or canceled. Deleting is idempotent: callers treat this as success. */
    ALREADY_DELETED,
    /** Fans have received it; deleting a scheduled message cannot take it back. */
    ALREADY_SENT,
    /** Its send time has come: it is going out now. */
    SENDING,
    /** It is inside the safety margin before its send time (or its send time is unknown): a delete could race the sender. */
    TOO_CLOSE_TO_SEND_TIME,
    /** A rule the user added protects it; the decision names the rule. */
    PROTECTED,
    /**
     * OFAuth answered the DELETE with a 400: it judged the message not deletable (for example being sent). The
     * decision's rule is {@code ofauth}, its detail OFAuth's own text.
     */
    REFUSED_BY_OFAUTH,
    /**
     * A deletion job's plan was refreshed and the message, changed since it was planned, no longer matches the job's
     * selection: a job never deletes what it would not select now.
     */
    NO_LONGER_SELECTED
}
