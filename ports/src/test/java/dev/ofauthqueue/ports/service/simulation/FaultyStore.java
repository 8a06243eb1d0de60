package dev.ofauthqueue.ports.service.simulation;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.RestoreLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One process's view of the store its history shares: every call it makes is shown to the {@link History}, and the
 * {@link Faults} make some fail (Redis away), some kill the process at a step (after an intent is recorded, before an
 * outcome is), and the whole store lose the job (Redis flushed, or restarted without its data). A dead process changes
 * nothing: the rest of the task it died in runs on, but every call it makes fails.
 */
final class FaultyStore implements DeletionJobStore {

    private final DeletionJobStore shared;
    private final SimulatedProcess process;
    private final Faults faults;
    private final History history;
    private final List<JobItemQueue> opened = new ArrayList<>();

    FaultyStore(DeletionJobStore shared, SimulatedProcess process, Faults faults, History history) {
        this.shared = shared;
        this.process = process;
        this.faults = faults;
        this.history = history;
        process.onDeath(this::releaseLocksOfTheDead);
    }

    /** What the operating system does for a process that died: its exclusive locks are released. */
    private void releaseLocksOfTheDead() {
        opened.forEach(q -> {
            if (!q.shared()) {
                q.close();
            }
        });
    }

    private void enter() {
        if (!process.alive()) {
            throw new DeletionJobStoreException(DeletionJobStoreException.Kind.IO, process.name + " is dead", null);
        }
        if (faults.storeFails()) {
            history.note(process.name + " store call fails");
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.UNAVAILABLE, "the store did not answer (simulated)", null);
        }
    }

    private void requireJob() {
        if (history.lost()) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.IO, "NOGROUP no such key (the job is gone)", null);
        }
    }

    private void crashMaybe() {
        if (faults.crashHere()) {
            history.note(process.name + " dies at a step");
            process.kill();
        }
    }

    @Override
    public DeletionJobId create(Instant createdAt, JobSettings settings, List<PlannedItem> items) {
        enter();
        return shared.create(createdAt, settings, items);
    }

    @Override
    public Optional<StoredJob> load(DeletionJobId id) {
        enter();
        return history.lost() ? Optional.empty() : shared.load(id);
    }

    @Override
    public List<DeletionJobId> jobs() {
        enter();
        return shared.jobs();
    }

    @Override
    public void recordRun(DeletionJobId job, DeletionJobRun run) {
        enter();
        requireJob();
        shared.recordRun(job, run);
    }

    @Override
    public List<DeletionJobRun> runs(DeletionJobId job) {
        enter();
        return shared.runs(job);
    }

    @Override
    public void setStopped(DeletionJobId job, ConnectionId connection, Optional<String> reason) {
        enter();
        requireJob();
        shared.setStopped(job, connection, reason);
    }

    @Override
    public Optional<DeletionJobState> state(DeletionJobId job) {
        enter();
        return history.lost() ? Optional.empty() : shared.state(job);
    }

    @Override
    public void setState(DeletionJobId job, DeletionJobState state) {
        enter();
        requireJob();
        shared.setState(job, state);
        history.state(state);
    }

    @Override
    public RestoreLog restores(DeletionJobId job) {
        return shared.restores(job);
    }

    @Override
    public JobItemQueue workQueue(DeletionJobId job) {
        enter();
        requireJob();
        JobItemQueue q = shared.workQueue(job);
        opened.add(q);
        return new Observed(q);
    }

    @Override
    public boolean isRunning(DeletionJobId job) {
        enter();
        return !history.lost() && shared.isRunning(job);
    }

    @Override
    public List<ArchivedDeletion> archive(ArchiveQuery query) {
        enter();
        return shared.archive(query);
    }

    @Override
    public String location() {
        return shared.location();
    }

    @Override
    public void close() {}

    /** The queue, observed and faulty. */
    private final class Observed implements JobItemQueue {
        private final JobItemQueue q;

        Observed(JobItemQueue q) {
            this.q = q;
        }

        @Override
        public boolean shared() {
            return q.shared();
        }

        @Override
        public long takeovers() {
            return q.takeovers();
        }

        @Override
        public long deadLetters() {
            return q.deadLetters();
        }

        @Override
        public Next claim(ConnectionId connection) {
            enter();
            requireJob();
            Next next = q.claim(connection);
            if (next instanceof Claimed claim) {
                history.claimed(process, claim);
            }
            return next;
        }

        @Override
        public Intent recordIntent(Claimed claim, Instant at) {
            enter();
            if (history.lost()) {
                return Intent.JOB_NOT_RUNNING; // as the intent script finds no job
            }
            Intent intent = q.recordIntent(claim, at);
            history.note(process.name + " intent " + claim.position() + " " + intent);
            if (intent == Intent.RECORDED) {
                history.intent(process, claim);
                history.renewed(process, claim);
                crashMaybe(); // dies between its intent and its DELETE
            }
            return intent;
        }

        @Override
        public void withdrawIntent(Claimed claim) {
            enter();
            requireJob();
            q.withdrawIntent(claim);
            history.note(process.name + " withdraws " + claim.position());
        }

        @Override
        public Recording recordOutcome(Claimed claim, DeletionJobStore.Outcome outcome) {
            return record(claim, outcome, false);
        }

        @Override
        public Recording recordAnswer(Claimed claim, DeletionJobStore.Outcome outcome) {
            return record(claim, outcome, true);
        }

        private Recording record(Claimed claim, DeletionJobStore.Outcome outcome, boolean answer) {
            crashMaybe(); // dies between the answer and its outcome
            enter();
            requireJob();
            Recording recording = answer ? q.recordAnswer(claim, outcome) : q.recordOutcome(claim, outcome);
            history.outcome(claim, outcome, recording);
            if (faults.storeFails()) {
                // Written, but the answer was lost on its way back: the caller cannot know it was.
                throw new DeletionJobStoreException(
                        DeletionJobStoreException.Kind.UNAVAILABLE, "the store's answer was lost (simulated)", null);
            }
            return recording;
        }

        @Override
        public void replaceSnapshot(int position, PlannedItem item) {
            enter();
            requireJob();
            q.replaceSnapshot(position, item);
        }

        @Override
        public List<Claimed> renew(List<Claimed> claims) {
            enter();
            requireJob();
            List<Claimed> lost = q.renew(claims);
            history.note(process.name + " renews " + claims.size() + ", lost " + lost.size());
            claims.stream().filter(c -> !lost.contains(c)).forEach(c -> history.renewed(process, c));
            return lost;
        }

        @Override
        public void release(Claimed claim) {
            enter();
            requireJob();
            q.release(claim);
            history.released(process, claim);
            history.note(process.name + " releases " + claim.position());
        }

        @Override
        public void close() {
            if (process.alive()) {
                q.close();
            }
        }
    }
}
