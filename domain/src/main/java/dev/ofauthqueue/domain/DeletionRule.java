package dev.ofauthqueue.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named rule deciding whether a message may be deleted at {@code now}. Rules are values: compose them into a
 * {@link DeletionPolicy}. The built-in rules are in {@link DeletionRules}.
 */
public interface DeletionRule {

    /** A short, stable name; refusals carry it. */
    String name();

    DeletionDecision evaluate(ScheduledMassMessage message, Instant now);

    /**
     * A user rule that protects every message matching {@code protectedWhen}: those are refused with
     * {@link RefusalReason#PROTECTED} and this rule's name.
     *
     * @param name          for example {@code "never-delete-paid"}
     * @param protectedWhen which messages the rule protects
     */
    static DeletionRule protecting(String name, Predicate<ScheduledMassMessage> protectedWhen) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(protectedWhen, "protectedWhen");
        if (name.isBlank()) {
            throw new IllegalArgumentException("rule name must not be blank");
        }
        return new DeletionRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public DeletionDecision evaluate(ScheduledMassMessage message, Instant now) {
                return protectedWhen.test(message)
                        ? DeletionDecision.refused(
                                RefusalReason.PROTECTED,
                                name,
                                "message " + message.id() + " is protected by rule '" + name + "'")
                        : DeletionDecision.allowed();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
