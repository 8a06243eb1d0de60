package dev.ofauthqueue.ports.service.simulation;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.ports.out.JobItemQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What happened in one history, as the store and OFAuth saw it, and the promises it is checked against. Every DELETE
 * that leaves a process is checked when it leaves: for a message of the plan, by the process that holds its item (by
 * the store's own clock), never after the item was settled or a 2xx for it was answered, never after the job was
 * canceled, ended or lost unless its intent came before, never when the policy refuses the message at that instant.
 * At the end: the job completed, every item has exactly one final outcome, every message a job's DELETE deleted is in
 * the archive, and the requests per message stayed bounded.
 */
final class History {

    private record Holder(String process, long fence, long since, boolean leased) {}

    private final Simulation sim;
    private final SimulatedOfAuth ofauth;
    private final Duration lease;
    private final DeletionPolicy policy;
    private final Map<String, Integer> plan = new HashMap<>();
    private final Map<Integer, Holder> holders = new HashMap<>();
    private final Map<String, Long> intents = new HashMap<>();
    private final Map<Integer, Integer> finalWrites = new HashMap<>();
    private final Set<String> answered2xx = new HashSet<>();
    private final List<String> violations = new ArrayList<>();
    private @Nullable Long endedAt;
    private @Nullable Long lostAt;
    private int deletes;
    /** Set with {@code -Dofauth.sim.trace=true}: every event of a history, printed when one seed is replayed. */
    static final boolean TRACE = Boolean.getBoolean("ofauth.sim.trace");

    final List<String> trace = new ArrayList<>();

    History(Simulation sim, SimulatedOfAuth ofauth, Duration lease, DeletionPolicy policy) {
        this.sim = sim;
        this.ofauth = ofauth;
        this.lease = lease;
        this.policy = policy;
    }

    List<String> violations() {
        return violations;
    }

    boolean lost() {
        return lostAt != null;
    }

    int planned() {
        return plan.size();
    }

    private static String key(ConnectionId connection, MassMessageId id) {
        return connection.value() + "/" + id.value();
    }

    void note(String what) {
        if (TRACE) {
            trace.add(String.format("%9.3f %s", sim.now() / 1e9, what));
        }
    }

    private void violation(String what) {
        violations.add(String.format("at %.3f s: %s", sim.now() / 1e9, what));
    }

    // ---- what the store did

    void planned(StoredJob job) {
        job.items().forEach(i -> plan.put(key(i.item().connection(), i.item().id()), i.position()));
    }

    void claimed(SimulatedProcess process, JobItemQueue.Claimed claim) {
        note(process.name + " claims " + claim.position() + " fence " + claim.fence()
                + (claim.settleFirst() ? " settle" : ""));
        holders.put(
                claim.position(),
                new Holder(process.name, claim.fence(), sim.now(), claim.lease().isPresent()));
    }

    void renewed(SimulatedProcess process, JobItemQueue.Claimed claim) {
        Holder h = holders.get(claim.position());
        if (h != null && h.process.equals(process.name) && h.fence == claim.fence()) {
            holders.put(claim.position(), new Holder(h.process, h.fence, sim.now(), h.leased));
        }
    }

    void released(SimulatedProcess process, JobItemQueue.Claimed claim) {
        Holder h = holders.get(claim.position());
        if (h != null && h.process.equals(process.name) && h.fence == claim.fence()) {
            holders.remove(claim.position());
        }
    }

    void intent(SimulatedProcess process, JobItemQueue.Claimed claim) {
        note(process.name + " intent " + claim.position());
        intents.put(process.name + "#" + claim.position(), sim.now());
    }

    void outcome(JobItemQueue.Claimed claim, Outcome outcome, JobItemQueue.Recording recording) {
        note("outcome " + claim.position() + " fence " + claim.fence() + " " + outcome.state() + " " + recording + " ("
                + outcome.detail() + ")");
        if (recording == JobItemQueue.Recording.WRITTEN && outcome.state().isFinal()) {
            int writes = finalWrites.merge(claim.position(), 1, Integer::sum);
            if (writes > 1) {
                violation("item " + claim.position() + " got a second final outcome: " + outcome.state());
            }
        }
    }

    void state(DeletionJobState state) {
        if (state == DeletionJobState.CANCELED || state == DeletionJobState.COMPLETED) {
            endedAt = endedAt == null ? sim.now() : endedAt;
        } else if (state == DeletionJobState.RUNNING) {
            endedAt = null;
        }
    }

    void lose() {
        lostAt = sim.now();
    }

    // ---- what OFAuth saw

    void deletedAnswerArrived(ConnectionId connection, MassMessageId id) {
        answered2xx.add(key(connection, id));
    }

    /** A DELETE leaves {@code process}: checked against every rule of sending, at this instant. */
    void deleteLeaves(SimulatedProcess process, ConnectionId connection, MassMessageId id) {
        deletes++;
        note(process.name + " DELETE " + key(connection, id) + " leaves");
        String message = process.name + " sent DELETE " + key(connection, id);
        Integer position = plan.get(key(connection, id));
        if (position == null) {
            violation(message + " outside the plan");
            return;
        }
        Holder h = holders.get(position);
        if (h == null || !h.process.equals(process.name) || (h.leased && sim.now() - h.since >= lease.toNanos())) {
            violation(message + " without holding its item (held by " + h + ")");
        }
        if (finalWrites.containsKey(position)) {
            violation(message + " after its item was settled");
        }
        if (answered2xx.contains(key(connection, id))) {
            violation(message + " after a 2xx for it was answered");
        }
        if (lostAt != null) {
            violation(message + " after the store lost the job");
        }
        Long intent = intents.get(process.name + "#" + position);
        if (endedAt != null && (intent == null || intent >= endedAt)) {
            violation(message + " for an intent recorded after the job was canceled or ended");
        }
        Optional<ScheduledMassMessage> truth = ofauth.truth(connection, id);
        if (truth.isPresent()
                && policy.evaluate(truth.get().toBuilder().canceled(false).build(), sim.instant())
                        instanceof DeletionDecision.Refused refused
                && refused.reason() != RefusalReason.ALREADY_DELETED) {
            violation(message + " that the policy refused at that instant: " + refused.reason());
        }
    }

    // ---- at the end

    void atEnd(DeletionJobStore store, Optional<StoredJob> job) {
        if (lostAt != null) {
            return; // the job is gone with the store: what remains to check was checked as each DELETE left
        }
        if (job.isEmpty()) {
            violation("the job is missing from the store at the end");
            return;
        }
        if (job.get().state() != DeletionJobState.COMPLETED) {
            violation("the job ended " + job.get().state() + " after it was resumed without faults");
        }
        for (StoredItem item : job.get().items()) {
            if (!item.state().isFinal()) {
                violation("item " + item.position() + " ended " + item.state());
            } else if (finalWrites.getOrDefault(item.position(), 0) != 1) {
                violation("item " + item.position() + " has " + finalWrites.getOrDefault(item.position(), 0)
                        + " final outcomes written");
            }
        }
        Set<String> archived = new HashSet<>();
        for (ArchivedDeletion a : store.archive(ArchiveQuery.everything())) {
            archived.add(key(a.connection(), a.id()));
        }
        for (String deleted : ofauth.deletedByJob) {
            Integer position = plan.get(deleted);
            StoredItem item = position == null ? null : job.get().items().get(position);
            if (item == null || item.state() != JobItemState.DELETED || !archived.contains(deleted)) {
                violation("message " + deleted + " was deleted by a job's DELETE, yet its item is "
                        + (item == null ? "missing" : item.state()) + " and it is "
                        + (archived.contains(deleted) ? "" : "not ") + "archived");
            }
        }
        if (deletes > 4 * plan.size() + 2) {
            violation(deletes + " DELETEs for a plan of " + plan.size());
        }
        if (ofauth.journal.size() > 30 * plan.size() + 200) {
            violation(ofauth.journal.size() + " requests for a plan of " + plan.size());
        }
    }
}
