package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.ExclusiveJobItemQueue;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.RestoreLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DeletionJobStore} in memory: nothing survives the process. Two kinds:
 *
 * <ul>
 *   <li>{@linkplain #InMemoryDeletionJobStore(String) exclusive}, as SQLite is: one run of a job at a time, its work
 *       queue an {@link ExclusiveJobItemQueue}. Plan executions use one per run; tests and benchmarks use it to measure
 *       what durability costs.
 *   <li>{@linkplain #shared shared}, as Redis is: every work queue opened on a job is one more consumer of its items,
 *       each claim lasting for a lease measured by the store's own clock (as Redis measures idle time by its own),
 *       an item whose holder stopped renewing is claimed again after the lease (settle first), one delivered too often
 *       is set aside as failed, and the intent and outcome writes check the claim's fence. The deterministic
 *       simulation of the job engine runs several workers on one.
 * </ul>
 *
 * Thread-safe.
 */
public final class InMemoryDeletionJobStore implements DeletionJobStore {

    private final String name;
    private final @Nullable Sharing sharing;
    private final TreeMap<DeletionJobId, InMemoryJob> jobs = new TreeMap<>();
    private final List<ArchivedDeletion> archive = new ArrayList<>();
    private final Map<String, RestoreLog.Restore> restores = new HashMap<>();
    private final Set<DeletionJobId> locked = new HashSet<>();
    private long nextId = 1;
    private long nextConsumer = 1;

    /** How a shared store measures leases. */
    private record Sharing(Clock clock, Duration lease, int maxDeliveries) {
        long nowMillis() {
            return clock.millis();
        }
    }

    /** An exclusive store named {@code in-memory}. */
    public InMemoryDeletionJobStore() {
        this("in-memory");
    }

    /**
     * An exclusive store with a name for messages.
     *
     * @param name what {@link #location()} answers
     */
    public InMemoryDeletionJobStore(String name) {
        this(name, null);
    }

    private InMemoryDeletionJobStore(String name, @Nullable Sharing sharing) {
        this.name = Objects.requireNonNull(name, "name");
        this.sharing = sharing;
    }

    /**
     * A shared store: several work queues drain one job together.
     *
     * @param name          what {@link #location()} answers
     * @param clock         the store's own clock, which measures leases (as Redis measures idle time by its own)
     * @param lease         how long a claim lasts without renewal
     * @param maxDeliveries how many times an item may be handed out before it is set aside as failed
     * @return the store
     */
    public static InMemoryDeletionJobStore shared(String name, Clock clock, Duration lease, int maxDeliveries) {
        Objects.requireNonNull(clock, "clock");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
        if (lease.compareTo(JobItemQueue.LONGEST_LEASE) > 0) {
            throw new IllegalArgumentException(
                    "lease must be at most " + JobItemQueue.LONGEST_LEASE + ", was " + lease);
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be 1 or more, was " + maxDeliveries);
        }
        return new InMemoryDeletionJobStore(name, new Sharing(clock, lease, maxDeliveries));
    }

    @Override
    public synchronized DeletionJobId create(Instant createdAt, JobSettings settings, List<PlannedItem> items) {
        DeletionJobId id = DeletionJobId.of(nextId++);
        InMemoryJob job = new InMemoryJob(createdAt, settings);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            PlannedItem item = items.get(i);
            if (!seen.add(item.connection().value() + "/" + item.id().value())) {
                throw new IllegalArgumentException("message " + item.id() + " is planned twice for one connection");
            }
            job.items.put(i, new StoredItem(item, i, JobItemState.PENDING, Optional.empty(), Optional.empty()));
            job.line
                    .computeIfAbsent(item.connection(), c -> new ArrayDeque<>())
                    .addLast(new InMemoryJob.Entry(i, false));
        }
        jobs.put(id, job);
        return id;
    }

    @Override
    public synchronized Optional<StoredJob> load(DeletionJobId id) {
        InMemoryJob job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredJob(
                id, job.createdAt, job.settings, job.state, new ArrayList<>(job.items.values()), job.stopped));
    }

    @Override
    public synchronized List<DeletionJobId> jobs() {
        return new ArrayList<>(jobs.descendingKeySet());
    }

    @Override
    public synchronized void setStopped(DeletionJobId job, ConnectionId connection, Optional<String> reason) {
        InMemoryJob j = job(job);
        if (reason.isPresent()) {
            j.stopped.put(connection, reason.get());
        } else {
            j.stopped.remove(connection);
        }
    }

    @Override
    public synchronized void recordRun(DeletionJobId job, DeletionJobRun run) {
        Objects.requireNonNull(run, "run");
        InMemoryJob j = job(job);
        j.runs.addLast(run);
        while (j.runs.size() > MAX_RUNS) {
            j.runs.removeFirst();
        }
    }

    @Override
    public synchronized List<DeletionJobRun> runs(DeletionJobId job) {
        return List.copyOf(job(job).runs);
    }

    @Override
    public synchronized Optional<DeletionJobState> state(DeletionJobId job) {
        InMemoryJob j = jobs.get(job);
        return j == null ? Optional.empty() : Optional.of(j.state);
    }

    @Override
    public synchronized void setState(DeletionJobId job, DeletionJobState state) {
        job(job).state = state;
    }

    @Override
    public synchronized RestoreLog restores(DeletionJobId job) {
        job(job); // names an unknown job
        return new RestoreLog() {
            @Override
            public Optional<Restore> get(ConnectionId connection, MassMessageId original) {
                synchronized (InMemoryDeletionJobStore.this) {
                    return Optional.ofNullable(restores.get(key(job, connection, original)));
                }
            }

            @Override
            public boolean recordIntent(ConnectionId connection, MassMessageId original, Instant at) {
                synchronized (InMemoryDeletionJobStore.this) {
                    return restores.putIfAbsent(
                                    key(job, connection, original), new Restore(at, Optional.empty(), Optional.empty()))
                            == null;
                }
            }

            @Override
            public void recordCreated(
                    ConnectionId connection, MassMessageId original, MassMessageId created, Instant at) {
                synchronized (InMemoryDeletionJobStore.this) {
                    Restore before = restores.get(key(job, connection, original));
                    restores.put(
                            key(job, connection, original),
                            new Restore(
                                    before == null ? at : before.intentAt(), Optional.of(created), Optional.of(at)));
                }
            }

            @Override
            public void withdrawIntent(ConnectionId connection, MassMessageId original) {
                synchronized (InMemoryDeletionJobStore.this) {
                    restores.computeIfPresent(
                            key(job, connection, original),
                            (k, r) -> r.created().isPresent() ? r : null);
                }
            }
        };
    }

    private static String key(DeletionJobId job, ConnectionId connection, MassMessageId original) {
        return job.value() + "/" + connection.value() + "/" + original.value();
    }

    @Override
    public synchronized JobItemQueue workQueue(DeletionJobId job) {
        InMemoryJob j = job(job);
        if (sharing != null) {
            return new SharedQueue(job, j, sharing);
        }
        if (!locked.add(job)) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.LOCKED, "job " + job + " is already running (" + name + ")", null);
        }
        StoredJob stored = load(job).orElseThrow();
        return ExclusiveJobItemQueue.open(stored, new Writes(), () -> {
            synchronized (InMemoryDeletionJobStore.this) {
                locked.remove(job);
            }
        });
    }

    @Override
    public synchronized boolean isRunning(DeletionJobId job) {
        if (sharing == null) {
            return locked.contains(job);
        }
        InMemoryJob j = jobs.get(job);
        if (j == null) {
            return false;
        }
        long now = sharing.nowMillis();
        return j.members.values().stream()
                .anyMatch(seen -> now - seen < sharing.lease().toMillis());
    }

    @Override
    public synchronized List<ArchivedDeletion> archive(ArchiveQuery query) {
        return archive.stream()
                .filter(query::matches)
                .sorted(Comparator.comparing(ArchivedDeletion::deletedAt)
                        .thenComparing(ArchivedDeletion::job)
                        .thenComparing(ArchivedDeletion::id))
                .toList();
    }

    @Override
    public String location() {
        return name;
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "InMemoryDeletionJobStore[" + name + (sharing == null ? "" : ", shared") + "]";
    }

    private InMemoryJob job(DeletionJobId id) {
        InMemoryJob job = jobs.get(id);
        if (job == null) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.NO_SUCH_JOB, "no job " + id + " in " + name, null);
        }
        return job;
    }

    /** Writes an outcome (see {@link InMemoryJob#outcome}) and keeps its archive entry when written. */
    private boolean outcome(InMemoryJob job, int position, Outcome outcome, boolean clearIntent) {
        boolean written = job.outcome(position, outcome, clearIntent);
        if (written) {
            outcome.archived().ifPresent(archive::add);
        }
        return written;
    }

    /** An exclusive store's writes, for its {@link ExclusiveJobItemQueue}. */
    private final class Writes implements ExclusiveJobItemQueue.ItemWrites {
        @Override
        public JobItemQueue.Intent recordIntent(DeletionJobId job, int position, Instant at) {
            synchronized (InMemoryDeletionJobStore.this) {
                return job(job).intent(position, at);
            }
        }

        @Override
        public void withdrawIntent(DeletionJobId job, int position) {
            synchronized (InMemoryDeletionJobStore.this) {
                job(job).withdraw(position);
            }
        }

        @Override
        public boolean recordOutcome(DeletionJobId job, int position, Outcome outcome) {
            synchronized (InMemoryDeletionJobStore.this) {
                return outcome(job(job), position, outcome, true);
            }
        }

        @Override
        public void replaceSnapshot(DeletionJobId job, int position, PlannedItem item) {
            synchronized (InMemoryDeletionJobStore.this) {
                job(job).snapshot(position, item);
            }
        }
    }

    /** One consumer of a shared store's job. */
    private final class SharedQueue implements JobItemQueue {
        private final DeletionJobId id;
        private final Sharing sharing;
        private final long consumer;
        private boolean closed;
        private long takeovers;
        private long deadLetters;

        SharedQueue(DeletionJobId id, InMemoryJob job, Sharing sharing) {
            this.id = id;
            this.sharing = sharing;
            this.consumer = nextConsumer++;
            job.requeueRetriable();
            job.members.put(consumer, now());
        }

        private long now() {
            return sharing.nowMillis();
        }

        /** This consumer's job, or a typed failure: closed, or the job gone from the store (as a flushed Redis). */
        private InMemoryJob live() {
            if (closed) {
                throw new IllegalStateException("the work queue of job " + id + " is closed");
            }
            InMemoryJob job = job(id);
            job.members.put(consumer, now());
            return job;
        }

        private boolean holds(InMemoryJob job, Claimed claim) {
            InMemoryJob.Hold hold = job.holds.get(claim.position());
            return hold != null && hold.consumer == consumer && hold.deliveries == claim.fence();
        }

        @Override
        public boolean shared() {
            return true;
        }

        @Override
        public long takeovers() {
            synchronized (InMemoryDeletionJobStore.this) {
                return takeovers;
            }
        }

        @Override
        public long deadLetters() {
            synchronized (InMemoryDeletionJobStore.this) {
                return deadLetters;
            }
        }

        @Override
        public Next claim(ConnectionId connection) {
            synchronized (InMemoryDeletionJobStore.this) {
                InMemoryJob job = live();
                long now = now();
                long lease = sharing.lease().toMillis();
                // A holder that stopped renewing loses its item after the lease; it comes first, to be settled.
                List<Integer> lapsed = job.holds.entrySet().stream()
                        .filter(e -> job.item(e.getKey()).item().connection().equals(connection))
                        .filter(e -> now - e.getValue().idleSince >= lease)
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList();
                for (int position : lapsed) {
                    InMemoryJob.Hold hold = Objects.requireNonNull(job.holds.get(position));
                    hold.deliveries++;
                    if (hold.deliveries > sharing.maxDeliveries()) {
                        job.holds.remove(position);
                        deadLetters++;
                        outcome(
                                job,
                                position,
                                new Outcome(
                                        JobItemState.UNCONFIRMED,
                                        Optional.empty(),
                                        Optional.empty(),
                                        "handed out " + hold.deliveries + " times without an outcome (each process"
                                                + " that took it stopped, its DELETE may have gone out); set aside,"
                                                + " to be settled by reading",
                                        sharing.clock().instant(),
                                        Optional.empty()),
                                true);
                        continue;
                    }
                    hold.consumer = consumer;
                    hold.idleSince = now;
                    takeovers++;
                    return new Claimed(
                            position, job.item(position).item(), true, hold.deliveries, Optional.of(sharing.lease()));
                }
                Deque<InMemoryJob.Entry> line = job.line.getOrDefault(connection, new ArrayDeque<>());
                InMemoryJob.Entry next = line.pollFirst();
                if (next != null) {
                    job.holds.put(next.position(), new InMemoryJob.Hold(consumer, 1, now));
                    return new Claimed(
                            next.position(),
                            job.item(next.position()).item(),
                            next.settle(),
                            1,
                            Optional.of(sharing.lease()));
                }
                long idlest = job.holds.entrySet().stream()
                        .filter(e -> job.item(e.getKey()).item().connection().equals(connection))
                        .mapToLong(e -> now - e.getValue().idleSince)
                        .max()
                        .orElse(-1);
                if (idlest < 0) {
                    return new Empty(true, Duration.ZERO);
                }
                return new Empty(false, Duration.ofMillis(Math.max(0, lease - idlest)));
            }
        }

        @Override
        public Intent recordIntent(Claimed claim, Instant at) {
            synchronized (InMemoryDeletionJobStore.this) {
                InMemoryJob job = live();
                if (!holds(job, claim)) {
                    return Intent.NOT_HELD;
                }
                Objects.requireNonNull(job.holds.get(claim.position())).idleSince = now();
                Intent intent = job.intent(claim.position(), at);
                if (intent == Intent.ALREADY_SETTLED) {
                    job.holds.remove(claim.position());
                }
                return intent;
            }
        }

        @Override
        public void withdrawIntent(Claimed claim) {
            synchronized (InMemoryDeletionJobStore.this) {
                InMemoryJob job = live();
                if (holds(job, claim)) {
                    job.withdraw(claim.position());
                }
            }
        }

        @Override
        public Recording recordOutcome(Claimed claim, Outcome outcome) {
            return record(claim, outcome, false);
        }

        @Override
        public Recording recordAnswer(Claimed claim, Outcome outcome) {
            return record(claim, outcome, true);
        }

        private Recording record(Claimed claim, Outcome outcome, boolean lateAnswer) {
            synchronized (InMemoryDeletionJobStore.this) {
                InMemoryJob job = live();
                boolean holder = holds(job, claim);
                if (!holder && !(lateAnswer && outcome.state().isFinal())) {
                    return Recording.NOT_HELD;
                }
                boolean written = outcome(job, claim.position(), outcome, holder);
                if (holder || written) {
                    // A late answer that settles the item ends it for its new holder too: its next renewal loses it.
                    job.holds.remove(claim.position());
                }
                return written ? Recording.WRITTEN : Recording.ALREADY_SETTLED;
            }
        }

        @Override
        public void replaceSnapshot(int position, PlannedItem item) {
            synchronized (InMemoryDeletionJobStore.this) {
                live().snapshot(position, item);
            }
        }

        @Override
        public List<Claimed> renew(List<Claimed> claims) {
            synchronized (InMemoryDeletionJobStore.this) {
                InMemoryJob job = live();
                List<Claimed> lost = new ArrayList<>();
                for (Claimed claim : claims) {
                    if (holds(job, claim)) {
                        Objects.requireNonNull(job.holds.get(claim.position())).idleSince = now();
                    } else {
                        lost.add(claim);
                    }
                }
                return lost;
            }
        }

        @Override
        public void release(Claimed claim) {
            synchronized (InMemoryDeletionJobStore.this) {
                InMemoryJob job = live();
                if (holds(job, claim)) {
                    // Claimable at once by anyone, as an item whose lease lapsed: settled by reading first.
                    Objects.requireNonNull(job.holds.get(claim.position())).idleSince =
                            now() - sharing.lease().toMillis();
                }
            }
        }

        @Override
        public void close() {
            synchronized (InMemoryDeletionJobStore.this) {
                if (!closed) {
                    closed = true;
                    InMemoryJob job = jobs.get(id);
                    if (job != null) {
                        job.members.remove(consumer);
                    }
                }
            }
        }

        @Override
        public String toString() {
            return "consumer " + consumer + " of job " + id + " in " + name;
        }
    }
}
