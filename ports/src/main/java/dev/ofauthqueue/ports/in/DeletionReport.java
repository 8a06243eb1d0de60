package dev.ofauthqueue.ports.in;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What executing a plan did: the outcome of every item, in plan order (to-delete items first, then the refused
 * ones), and the count per kind. Nothing is silently dropped: {@code outcomes().size()} equals the plan's size.
 *
 * @param outcomes one per plan item
 */
public record DeletionReport(List<DeletionOutcome> outcomes) {

    public DeletionReport {
        outcomes = List.copyOf(outcomes);
    }

    /** How many items ended in each kind; every kind is present, with zero where none did. */
    public Map<DeletionOutcome.Kind, Integer> counts() {
        Map<DeletionOutcome.Kind, Integer> counts = new EnumMap<>(DeletionOutcome.Kind.class);
        for (DeletionOutcome.Kind kind : DeletionOutcome.Kind.values()) {
            counts.put(kind, 0);
        }
        outcomes.forEach(o -> counts.merge(o.kind(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    public int count(DeletionOutcome.Kind kind) {
        return counts().getOrDefault(kind, 0);
    }

    /** The outcomes of one kind, in plan order. */
    public List<DeletionOutcome> ofKind(DeletionOutcome.Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).toList();
    }

    @Override
    public String toString() {
        return "DeletionReport" + counts();
    }
}
