package dev.ofauthqueue;

import dev.ofauthqueue.domain.DeletionDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;

/**
 * A dry run: which selected messages a policy allows deleting at {@code plannedAt}, and which it refuses and why.
 * Nothing is deleted by making a plan. Every selected message is in exactly one of the two lists.
 *
 * <pre>{@code
 * DeletionPlan plan = ofauth.plans().plan(ConnectionId.of("conn_demo"), MessageSelector.free());
 * System.out.println(plan.toDelete().size() + " to delete, " + plan.refused().size() + " kept");
 * plan.refused().forEach(kept -> System.out.println(kept.message().id() + ": " + kept.decision().reason()));
 * }</pre>
 *
 * @param connection the queue's connection
 * @param plannedAt  the instant the policy was evaluated at
 * @param toDelete   allowed messages, in send order
 * @param refused    refused messages with their decisions, in send order
 */
@NullMarked
public record DeletionPlan(
        ConnectionId connection, Instant plannedAt, List<ScheduledMassMessage> toDelete, List<RefusedItem> refused) {

    /**
     * A selected message the policy refused.
     *
     * @param message  the message as it was in the queue
     * @param decision why it is refused
     */
    public record RefusedItem(ScheduledMassMessage message, DeletionDecision.Refused decision) {
        /**
         * Checks that no component is {@code null}.
         *
         * @param message  the message as it was in the queue
         * @param decision why it is refused
         * @throws NullPointerException when one is
         */
        public RefusedItem {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(decision, "decision");
        }
    }

    /**
     * Copies the lists.
     *
     * @param connection the queue's connection
     * @param plannedAt  the instant the policy was evaluated at
     * @param toDelete   allowed messages, in send order
     * @param refused    refused messages with their decisions, in send order
     * @throws NullPointerException when a component is {@code null}
     */
    public DeletionPlan {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(plannedAt, "plannedAt");
        toDelete = List.copyOf(toDelete);
        refused = List.copyOf(refused);
    }

    /**
     * Evaluates {@code policy} at {@code now} for every message of {@code queue} that {@code selector} matches.
     *
     * @param queue    the queue to plan on
     * @param selector which messages to consider
     * @param policy   the rules that allow or refuse each
     * @param now      the instant to evaluate at
     * @return the plan
     */
    public static DeletionPlan of(ScheduledQueue queue, MessageSelector selector, DeletionPolicy policy, Instant now) {
        Objects.requireNonNull(policy, "policy");
        List<ScheduledMassMessage> allowed = new ArrayList<>();
        List<RefusedItem> refused = new ArrayList<>();
        for (ScheduledMassMessage message : queue.select(selector, now)) {
            if (policy.evaluate(message, now) instanceof DeletionDecision.Refused r) {
                refused.add(new RefusedItem(message, r));
            } else {
                allowed.add(message);
            }
        }
        return new DeletionPlan(queue.connection(), now, allowed, refused);
    }

    /**
     * How many messages the plan covers.
     *
     * @return allowed plus refused
     */
    public int size() {
        return toDelete.size() + refused.size();
    }

    /**
     * A human-readable dry-run listing, one line per message.
     *
     * @return the listing, one line per message after a summary line
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("Deletion plan at ")
                .append(plannedAt)
                .append(": ")
                .append(toDelete.size())
                .append(" to delete, ")
                .append(refused.size())
                .append(" refused\n");
        for (ScheduledMassMessage m : toDelete) {
            out.append("  DELETE ")
                    .append(m.id())
                    .append(" at ")
                    .append(m.sendAt().map(Instant::toString).orElse("?"))
                    .append(" price ")
                    .append(m.price())
                    .append('\n');
        }
        for (RefusedItem item : refused) {
            out.append("  KEEP   ")
                    .append(item.message().id())
                    .append(' ')
                    .append(item.decision().reason())
                    .append(" (")
                    .append(item.decision().rule())
                    .append("): ")
                    .append(item.decision().detail())
                    .append('\n');
        }
        return out.toString();
    }
}
