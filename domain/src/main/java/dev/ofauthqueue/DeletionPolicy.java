package dev.ofauthqueue;

import dev.ofauthqueue.domain.DeletionDecision;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;

/**
 * An ordered list of {@link DeletionRule}s. A message may be deleted when every rule allows it; otherwise the first
 * refusal, in rule order, is the decision.
 *
 * <p>The {@linkplain #standard() standard policy} is: not already deleted, not sent, not sending, and at least
 * 60 seconds before its send time. Add user rules with {@link #and(DeletionRule)}.
 *
 * <pre>{@code
 * DeletionPolicy policy = DeletionPolicy.standard(Duration.ofHours(1)) // nothing sent within the hour
 *         .and(DeletionRules.neverDeletePaid());
 * OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key").policy(policy).build();
 * }</pre>
 *
 * @param rules evaluated in order
 */
@NullMarked
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

    /**
     * The policy as a deletion job writes it down: each rule's {@link DeletionRule#describe()}, in order, joined by
     * {@code ", "}; for the standard policy {@code not-already-deleted, not-sent, not-sending, safety-margin=PT1M}.
     *
     * @return the written form
     */
    public String describe() {
        return String.join(", ", rules.stream().map(DeletionRule::describe).toList());
    }

    /**
     * Reads the written form of {@link #describe()} back, for policies made of built-in rules only.
     *
     * @param text rule descriptions joined by {@code ", "}; empty for a policy without rules
     * @return the policy
     * @throws IllegalArgumentException naming a rule that is not built in (a rule of your own cannot be read back:
     *     pass the same policy again instead)
     */
    public static DeletionPolicy parse(String text) {
        Objects.requireNonNull(text, "policy");
        List<DeletionRule> parsed = new ArrayList<>();
        if (text.isBlank()) {
            return new DeletionPolicy(parsed);
        }
        for (String part : text.split(",", -1)) {
            String rule = part.strip();
            DeletionRule builtIn = switch (rule) {
                case "not-already-deleted" -> DeletionRules.notAlreadyDeleted();
                case "not-sent" -> DeletionRules.notSent();
                case "not-sending" -> DeletionRules.notSending();
                case "never-delete-paid" -> DeletionRules.neverDeletePaid();
                case "never-delete-with-purchases" -> DeletionRules.neverDeleteWithPurchases();
                default -> parseParameterized(rule);
            };
            parsed.add(builtIn);
        }
        return new DeletionPolicy(parsed);
    }

    private static DeletionRule parseParameterized(String rule) {
        String prefix = DeletionRules.SAFETY_MARGIN + "=";
        if (rule.startsWith(prefix)) {
            try {
                return DeletionRules.safetyMargin(Duration.parse(rule.substring(prefix.length())));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "rule '" + rule + "': the margin must be an ISO-8601 duration such as PT1M", e);
            }
        }
        throw new IllegalArgumentException("rule '" + rule + "' is not built in (built in: not-already-deleted, "
                + "not-sent, not-sending, safety-margin=<ISO-8601 duration>, never-delete-paid, "
                + "never-delete-with-purchases)");
    }

    @Override
    public String toString() {
        return "DeletionPolicy" + rules.stream().map(DeletionRule::name).toList();
    }
}
