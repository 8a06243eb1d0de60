package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.domain.ArchiveQuery;
import dev.ofauthqueue.domain.ArchivedDeletion;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionJobId;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.JobItemState;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link DeletionJobStore} in memory: nothing survives the process. Plan executions use one per run; tests and
 * benchmarks use it to measure what durability costs. Thread-safe.
 */
public final class InMemoryDeletionJobStore implements DeletionJobStore {

    private final String name;
    private final TreeMap<DeletionJobId, Job> jobs = new TreeMap<>();
    private final List<ArchivedDeletion> archive = new ArrayList<>();
    private final Set<DeletionJobId> locked = new HashSet<>();
    private long nextId = 1;

    private static final class Job {
        final Instant createdAt;
        final JobSettings settings;
        DeletionJobState state = DeletionJobState.RUNNING;
        final Map<String, StoredItem> items = new LinkedHashMap<>();
        final Map<ConnectionId, String> stopped = new LinkedHashMap<>();

        Job(Instant createdAt, JobSettings settings) {
            this.createdAt = createdAt;
            this.settings = settings;
        }
    }

    /** A store named {@code in-memory}. */
    public InMemoryDeletionJobStore() {
        this("in-memory");
    }

    /**
     * A store with a name for messages.
     *
     * @param name what {@link #location()} answers
     */
    public InMemoryDeletionJobStore(String name) {
        this.name = name;
    }

    private static String key(ConnectionId connection, MassMessageId id) {
        return connection.value() + "/" + id.value();
    }

    @Override
    public synchronized DeletionJobId create(Instant createdAt, JobSettings settings, List<PlannedItem> items) {
        DeletionJobId id = DeletionJobId.of(nextId++);
        Job job = new Job(createdAt, settings);
        for (int i = 0; i < items.size(); i++) {
            PlannedItem item = items.get(i);
            StoredItem previous = job.items.put(
                    key(item.connection(), item.id()),
                    new StoredItem(item, i, JobItemState.PENDING, Optional.empty(), Optional.empty()));
            if (previous != null) {
                throw new IllegalArgumentException("message " + item.id() + " is planned twice for one connection");
            }
        }
        jobs.put(id, job);
        return id;
    }

    @Override
    public synchronized Optional<StoredJob> load(DeletionJobId id) {
        Job job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        List<StoredItem> items = new ArrayList<>(job.items.values());
        items.sort(Comparator.comparingInt(StoredItem::position));
        return Optional.of(new StoredJob(id, job.createdAt, job.settings, job.state, items, job.stopped));
    }

    @Override
    public synchronized List<DeletionJobId> jobs() {
        return new ArrayList<>(jobs.descendingKeySet());
    }

    @Override
    public synchronized void recordIntent(DeletionJobId job, ConnectionId connection, MassMessageId id, Instant at) {
        Job j = job(job);
        StoredItem item = item(j, connection, id);
        if (!item.state().isFinal()) {
            j.items.put(
                    key(connection, id),
                    new StoredItem(
                            item.item(), item.position(), JobItemState.IN_FLIGHT, item.outcome(), Optional.of(at)));
        }
    }

    @Override
    public synchronized void releaseIntent(DeletionJobId job, ConnectionId connection, MassMessageId id) {
        Job j = job(job);
        StoredItem item = item(j, connection, id);
        if (item.state() == JobItemState.IN_FLIGHT) {
            j.items.put(
                    key(connection, id),
                    new StoredItem(
                            item.item(), item.position(), JobItemState.PENDING, item.outcome(), item.intentAt()));
        }
    }

    @Override
    public synchronized boolean recordOutcome(
            DeletionJobId job, ConnectionId connection, MassMessageId id, Outcome outcome) {
        Job j = job(job);
        StoredItem item = item(j, connection, id);
        if (item.state().isFinal()) {
            return false;
        }
        j.items.put(
                key(connection, id),
                new StoredItem(item.item(), item.position(), outcome.state(), Optional.of(outcome), item.intentAt()));
        outcome.archived().ifPresent(archive::add);
        return true;
    }

    @Override
    public synchronized void replaceSnapshot(DeletionJobId job, PlannedItem planned) {
        Job j = job(job);
        StoredItem item = item(j, planned.connection(), planned.id());
        j.items.put(
                key(planned.connection(), planned.id()),
                new StoredItem(planned, item.position(), item.state(), item.outcome(), item.intentAt()));
    }

    @Override
    public synchronized void setStopped(DeletionJobId job, ConnectionId connection, Optional<String> reason) {
        Job j = job(job);
        if (reason.isPresent()) {
            j.stopped.put(connection, reason.get());
        } else {
            j.stopped.remove(connection);
        }
    }

    @Override
    public synchronized Optional<DeletionJobState> state(DeletionJobId job) {
        Job j = jobs.get(job);
        return j == null ? Optional.empty() : Optional.of(j.state);
    }

    @Override
    public synchronized void setState(DeletionJobId job, DeletionJobState state) {
        job(job).state = state;
    }

    @Override
    public synchronized JobLock lock(DeletionJobId job) {
        job(job);
        if (!locked.add(job)) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.LOCKED, "job " + job + " is already running (" + name + ")", null);
        }
        return new JobLock() {
            private boolean released;

            @Override
            public void close() {
                synchronized (InMemoryDeletionJobStore.this) {
                    if (!released) {
                        released = true;
                        locked.remove(job);
                    }
                }
            }
        };
    }

    @Override
    public synchronized boolean isLocked(DeletionJobId job) {
        return locked.contains(job);
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

    private Job job(DeletionJobId id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.NO_SUCH_JOB, "no job " + id + " in " + name, null);
        }
        return job;
    }

    private static StoredItem item(Job job, ConnectionId connection, MassMessageId id) {
        StoredItem item = job.items.get(key(connection, id));
        if (item == null) {
            throw new IllegalArgumentException("message " + id + " is not part of the job");
        }
        return item;
    }

    @Override
    public String toString() {
        return "InMemoryDeletionJobStore[" + name + "]";
    }
}
