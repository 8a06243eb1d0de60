package dev.ofauthqueue;

import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.RefusalReason;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.NullMarked;

/**
 * A named rule deciding whether a message may be deleted at {@code now}. Rules are values: compose them into a
 * {@link DeletionPolicy}. The built-in rules are in {@link DeletionRules}.
 *
 * <pre>{@code
 * DeletionRule keepWelcome = DeletionRule.protecting("keep-welcome", message -> message.text().startsWith("Welcome"));
 * OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key").rule(keepWelcome).build();
 * }</pre>
 */
@NullMarked
public interface DeletionRule {

    /**
     * A short, stable name; refusals carry it.
     *
     * @return the name, for example {@code "safety-margin"}
     */
    String name();

    /**
     * The rule as it is written down with a deletion job: its name, and its parameter when it has one (for example
     * {@code safety-margin=PT1M}). {@link DeletionPolicy#parse(String)} reads back the built-in rules.
     *
     * @return the name, by default
     */
    default String describe() {
        return name();
    }

    /**
     * Decides whether this rule lets {@code message} be deleted at {@code now}.
     *
     * @param message the message as it is in the queue
     * @param now     the instant to decide at
     * @return allowed, or refused with this rule's name
     */
    DeletionDecision evaluate(ScheduledMassMessage message, Instant now);

    /**
     * A user rule that protects every message matching {@code protectedWhen}: those are refused with
     * {@link RefusalReason#PROTECTED} and this rule's name.
     *
     * @param name          for example {@code "never-delete-paid"}
     * @param protectedWhen which messages the rule protects
     * @return the rule
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
