package dev.ofauthqueue;

import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.MessageState;
import dev.ofauthqueue.domain.RefusalReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;

/** The built-in deletion rules. Each is a named function of the message and {@code now}. *
 * <pre>{@code
 * OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key")
 *         .rule(DeletionRules.neverDeletePaid())
 *         .rule(DeletionRules.neverDeleteWithPurchases())
 *         .build();
 * }</pre>
 */
@NullMarked
public final class DeletionRules {

    /** The default safety margin before a send time: 60 seconds. */
    public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofSeconds(60);

    static final String SAFETY_MARGIN = "safety-margin";

    private DeletionRules() {}

    /**
     * Refuses a message already deleted or canceled with {@link RefusalReason#ALREADY_DELETED}.
     *
     * @return the rule {@code not-already-deleted}
     */
    public static DeletionRule notAlreadyDeleted() {
        return StateRule.NOT_ALREADY_DELETED;
    }

    /**
     * Refuses a message that fans have received with {@link RefusalReason#ALREADY_SENT}.
     *
     * @return the rule {@code not-sent}
     */
    public static DeletionRule notSent() {
        return StateRule.NOT_SENT;
    }

    /**
     * Refuses a message whose send time has come with {@link RefusalReason#SENDING}.
     *
     * @return the rule {@code not-sending}
     */
    public static DeletionRule notSending() {
        return StateRule.NOT_SENDING;
    }

    /**
     * Refuses a scheduled message whose send time is less than {@code margin} after {@code now}, with
     * {@link RefusalReason#TOO_CLOSE_TO_SEND_TIME}: the delete request could race the sender. Exactly
     * {@code margin} ahead is allowed. A scheduled message without a send time is refused too, since nothing
     * proves it is far enough away. Messages in any other state are left to the other rules.
     *
     * @param margin zero or more
     * @return the rule {@code safety-margin}
     */
    public static DeletionRule safetyMargin(Duration margin) {
        return new SafetyMargin(margin);
    }

    /**
     * A user rule: never delete a message with a price above zero.
     *
     * @return the rule {@code never-delete-paid}
     */
    public static DeletionRule neverDeletePaid() {
        return DeletionRule.protecting("never-delete-paid", ScheduledMassMessage::isPaid);
    }

    /**
     * A user rule: never delete a message that fans have bought.
     *
     * @return the rule {@code never-delete-with-purchases}
     */
    public static DeletionRule neverDeleteWithPurchases() {
        return DeletionRule.protecting("never-delete-with-purchases", m -> m.purchasedCount() > 0);
    }

    /** Refuses the one state {@code refusedState} with {@code reason}. */
    private record StateRule(String name, MessageState refusedState, RefusalReason reason, String fact)
            implements DeletionRule {

        static final StateRule NOT_ALREADY_DELETED = new StateRule(
                "not-already-deleted", MessageState.CANCELED, RefusalReason.ALREADY_DELETED, "is already deleted");
        static final StateRule NOT_SENT =
                new StateRule("not-sent", MessageState.SENT, RefusalReason.ALREADY_SENT, "was already sent");
        static final StateRule NOT_SENDING =
                new StateRule("not-sending", MessageState.SENDING, RefusalReason.SENDING, "is being sent now");

        @Override
        public DeletionDecision evaluate(ScheduledMassMessage message, Instant now) {
            if (message.stateAt(now) != refusedState) {
                return DeletionDecision.allowed();
            }
            String detail = "message " + message.id() + " " + fact
                    + (refusedState == MessageState.SENT ? " to " + message.sentCount() + " fans" : "");
            return DeletionDecision.refused(reason, name, detail);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record SafetyMargin(Duration margin) implements DeletionRule {
        SafetyMargin {
            Objects.requireNonNull(margin, "margin");
            if (margin.isNegative()) {
                throw new IllegalArgumentException("safety margin must be zero or more, was " + margin);
            }
        }

        @Override
        public String name() {
            return SAFETY_MARGIN;
        }

        @Override
        public String describe() {
            return SAFETY_MARGIN + "=" + margin;
        }

        @Override
        public String toString() {
            return describe();
        }

        @Override
        public DeletionDecision evaluate(ScheduledMassMessage message, Instant now) {
            if (message.stateAt(now) != MessageState.SCHEDULED) {
                return DeletionDecision.allowed();
            }
            if (message.sendAt().isEmpty()) {
                return DeletionDecision.refused(
                        RefusalReason.TOO_CLOSE_TO_SEND_TIME,
                        name(),
                        "message " + message.id() + " has no send time, so it cannot be shown to be more than "
                                + margin.toSeconds() + "s away");
            }
            Duration ahead = Duration.between(now, message.sendAt().get());
            if (ahead.compareTo(margin) < 0) {
                return DeletionDecision.refused(
                        RefusalReason.TOO_CLOSE_TO_SEND_TIME,
                        name(),
                        "message " + message.id() + " is sent in " + ahead.toSeconds()
                                + "s, inside the safety margin of " + margin.toSeconds() + "s");
            }
            return DeletionDecision.allowed();
        }
    }
}
