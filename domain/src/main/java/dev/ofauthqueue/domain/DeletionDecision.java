package dev.ofauthqueue.domain;

import java.util.Objects;

/** Whether a message may be deleted now: {@link Allowed}, or {@link Refused} with a reason. A value, never an exception. */
public sealed interface DeletionDecision permits DeletionDecision.Allowed, DeletionDecision.Refused {

    /**
     * The decision to allow: one shared instance.
     *
     * @return the allowing decision
     */
    static Allowed allowed() {
        return Allowed.INSTANCE;
    }

    /**
     * A refusal.
     *
     * @param reason what kind of refusal
     * @param rule   the name of the rule that refused
     * @param detail the facts behind the refusal, for people
     * @return the refusing decision
     */
    static Refused refused(RefusalReason reason, String rule, String detail) {
        return new Refused(reason, rule, detail);
    }

    /**
     * Whether this decision allows the deletion.
     *
     * @return {@code true} for {@link Allowed}
     */
    default boolean isAllowed() {
        return this instanceof Allowed;
    }

    /** The message may be deleted now. */
    record Allowed() implements DeletionDecision {
        // Held here, not in the interface: an interface constant of a subtype can deadlock class initialization.
        static final Allowed INSTANCE = new Allowed();
    }

    /**
     * The message must not be deleted now.
     *
     * @param reason what kind of refusal, for code to branch on
     * @param rule   the name of the rule that refused
     * @param detail for people: the facts behind the refusal
     */
    record Refused(RefusalReason reason, String rule, String detail) implements DeletionDecision {
        /**
         * Checks that no component is {@code null}.
         *
         * @param reason what kind of refusal, for code to branch on
         * @param rule   the name of the rule that refused
         * @param detail for people: the facts behind the refusal
         * @throws NullPointerException when one is
         */
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
