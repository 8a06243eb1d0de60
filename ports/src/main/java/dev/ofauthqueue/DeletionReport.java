package dev.ofauthqueue;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.NullMarked;

/**
 * What executing a plan did: the outcome of every item, in plan order (to-delete items first, then the refused
 * ones), and the count per kind. Nothing is silently dropped: {@code outcomes().size()} equals the plan's size.
 *
 * <pre>{@code
 * DeletionReport report = ofauth.plans().execute(plan);
 * System.out.println(report.counts()); // {DELETED=3, REFUSED=1, ...}
 * report.ofKind(DeletionOutcome.Kind.FAILED).forEach(failed -> System.out.println(failed));
 * }</pre>
 *
 * @param outcomes one per plan item
 */
@NullMarked
public record DeletionReport(List<DeletionOutcome> outcomes) {

    /**
     * Copies the outcomes.
     *
     * @param outcomes one per plan item
     * @throws NullPointerException when the list or an outcome is {@code null}
     */
    public DeletionReport {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * How many items ended in each kind.
     *
     * @return every kind, with zero where none did, in the order of {@link DeletionOutcome.Kind}
     */
    public Map<DeletionOutcome.Kind, Integer> counts() {
        Map<DeletionOutcome.Kind, Integer> counts = new EnumMap<>(DeletionOutcome.Kind.class);
        for (DeletionOutcome.Kind kind : DeletionOutcome.Kind.values()) {
            counts.put(kind, 0);
        }
        outcomes.forEach(o -> counts.merge(o.kind(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * How many items ended in {@code kind}.
     *
     * @param kind the kind
     * @return the count, zero or more
     */
    public int count(DeletionOutcome.Kind kind) {
        return counts().getOrDefault(kind, 0);
    }

    /**
     * The outcomes of one kind, in plan order.
     *
     * @param kind the kind
     * @return those outcomes
     */
    public List<DeletionOutcome> ofKind(DeletionOutcome.Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).toList();
    }

    @Override
    public String toString() {
        return "DeletionReport" + counts();
    }
}
