package dev.ofauthqueue.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of {@link DeletionRule}s. A message may be deleted when every rule allows it; otherwise the first
 * refusal, in rule order, is the decision.
 *
 * <p>The {@linkplain #standard() standard policy} is: not already deleted, not sent, not sending, and at least
 * 60 seconds before its send time. Add user rules with {@link #and(DeletionRule)}.
 *
 * @param rules evaluated in order
 */
public record DeletionPolicy(List<DeletionRule> rules) {

    /**
     * Copies the rules.
     *
     * @param rules evaluated in order
     * @throws NullPointerException when {@code rules} or one of them is {@code null}
     */
    public DeletionPolicy {
        rules = List.copyOf(rules);
    }

    /**
     * The standard policy with the default 60-second safety margin.
     *
     * @return the standard policy
     */
    public static DeletionPolicy standard() {
        return standard(DeletionRules.DEFAULT_SAFETY_MARGIN);
    }

    /**
     * The standard policy with another safety margin.
     *
     * @param safetyMargin zero or more
     * @return the standard policy with that margin
     */
    public static DeletionPolicy standard(Duration safetyMargin) {
        return new DeletionPolicy(List.of(
                DeletionRules.notAlreadyDeleted(),
                DeletionRules.notSent(),
                DeletionRules.notSending(),
                DeletionRules.safetyMargin(safetyMargin)));
    }

    /**
     * A policy of exactly these rules, in this order.
     *
     * @param rules evaluated in order
     * @return the policy
     */
    public static DeletionPolicy of(DeletionRule... rules) {
        return new DeletionPolicy(List.of(rules));
    }

    /**
     * A new policy with {@code rule} evaluated after this policy's rules.
     *
     * @param rule the rule to add
     * @return the new policy; this one is unchanged
     */
    public DeletionPolicy and(DeletionRule rule) {
        Objects.requireNonNull(rule, "rule");
        List<DeletionRule> more = new ArrayList<>(rules);
        more.add(rule);
        return new DeletionPolicy(more);
    }

    /**
     * Decides whether {@code message} may be deleted at {@code now}: the first refusal in rule order, or allowed.
     *
     * @param message the message as it is in the queue
     * @param now     the instant to decide at
     * @return the decision
     */
    public DeletionDecision evaluate(ScheduledMassMessage message, Instant now) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(now, "now");
        for (DeletionRule rule : rules) {
            DeletionDecision decision = rule.evaluate(message, now);
            if (decision instanceof DeletionDecision.Refused) {
                return decision;
            }
        }
        return DeletionDecision.allowed();
    }

    @Override
    public String toString() {
        return "DeletionPolicy" + rules.stream().map(DeletionRule::name).toList();
    }
}
