package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.RefusalReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where deletion jobs are kept so that they survive a crash: what each job was asked to do, the plan's snapshot of
 * every message, the intent committed before each DELETE, each outcome, and the archive of what was deleted.
 *
 * <p>Every method blocks until its write is durable (or its read done) and is called from the job service's own
 * thread, never from an event loop. Failures are {@link DeletionJobStoreException}s naming the store's location and
 * the problem. A job's items are claimed, and their intents and outcomes written, through its {@linkplain #workQueue
 * work queue}; an item never gets two final outcomes.
 */
public interface DeletionJobStore extends AutoCloseable {

    /**
     * What a job was asked to do, written once when it is created. Resuming uses exactly these settings and refuses
     * to run with others: a job made against a fake must never resume against production.
     *
     * @param target           where the job sends its requests (the client's base URL)
     * @param deleteRoute      the route its DELETEs take
     * @param rateLimit        the client-side rate limit it ran under, as written by the client ({@code 60/min burst 90})
     * @param policy           the deletion policy, as {@code DeletionPolicy.describe()} writes it
     * @param selection        which messages it selected
     * @param maxPlanAge       how old a snapshot may grow before the connection's plan is refreshed
     * @param readBeforeDelete whether each DELETE is preceded by a read of the message
     * @param concurrency      how many DELETEs may be in flight at once, across connections
     */
    record JobSettings(
            String target,
            String deleteRoute,
            String rateLimit,
            String policy,
            Selection selection,
            Duration maxPlanAge,
            boolean readBeforeDelete,
            int concurrency) {
        /**
         * Checks the settings.
         *
         * @param target           where the job sends its requests (the client's base URL)
         * @param deleteRoute      the route its DELETEs take
         * @param rateLimit        the client-side rate limit it ran under, as written by the client
         * @param policy           the deletion policy, as written by {@code DeletionPolicy.describe()}
         * @param selection        which messages it selected
         * @param maxPlanAge       how old a snapshot may grow before the connection's plan is refreshed
         * @param readBeforeDelete whether each DELETE is preceded by a read of the message
         * @param concurrency      how many DELETEs may be in flight at once, across connections
         * @throws IllegalArgumentException when {@code maxPlanAge} or {@code concurrency} is not positive
         */
        public JobSettings {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(deleteRoute, "deleteRoute");
            Objects.requireNonNull(rateLimit, "rateLimit");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(selection, "selection");
            checkedMaxPlanAge(maxPlanAge);
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be 1 or more, was " + concurrency);
            }
        }

        /**
         * Checks a maximum plan age, wherever one is set (the services' and the library's builders, and here).
         *
         * @param value how old a snapshot may grow before the connection's plan is refreshed
         * @return {@code value}
         * @throws NullPointerException     when it is {@code null}
         * @throws IllegalArgumentException when it is not positive
         */
        public static Duration checkedMaxPlanAge(Duration value) {
            Objects.requireNonNull(value, "maxPlanAge");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("maxPlanAge must be positive, was " + value);
            }
            return value;
        }
    }

    /**
     * One message of a job's plan.
     *
     * @param connection   whose message
     * @param snapshot     the message as the plan's listing saw it
     * @param snapshotJson that listing's JSON object for it, when the port has a wire form
     * @param snapshotAt   when the listing was made
     * @param seal         the engine's seal over the item's place in its job, its connection, id and snapshot, kept
     *                     as given and checked before the job runs (so a store changed outside ofauth-queue is
     *                     refused); empty when the engine seals nothing
     */
    record PlannedItem(
            ConnectionId connection,
            ScheduledMassMessage snapshot,
            Optional<String> snapshotJson,
            Instant snapshotAt,
            Optional<String> seal) {
        /**
         * Checks that no component is {@code null}.
         *
         * @param connection   whose message
         * @param snapshot     the message as the plan's listing saw it
         * @param snapshotJson that listing's JSON object for it, when the port has a wire form
         * @param snapshotAt   when the listing was made
         * @param seal         the engine's seal, empty when it seals nothing
         * @throws NullPointerException when one is
         */
        public PlannedItem {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(snapshotJson, "snapshotJson");
            Objects.requireNonNull(snapshotAt, "snapshotAt");
            Objects.requireNonNull(seal, "seal");
        }

        /**
         * An item not sealed (yet): the engine seals what it hands to a store.
         *
         * @param connection   whose message
         * @param snapshot     the message as the plan's listing saw it
         * @param snapshotJson that listing's JSON object for it, when the port has a wire form
         * @param snapshotAt   when the listing was made
         * @throws NullPointerException when one is {@code null}
         */
        public PlannedItem(
                ConnectionId connection,
                ScheduledMassMessage snapshot,
                Optional<String> snapshotJson,
                Instant snapshotAt) {
            this(connection, snapshot, snapshotJson, snapshotAt, Optional.empty());
        }

        /**
         * This item with {@code value} as its seal.
         *
         * @param value the seal
         * @return a copy sealed with {@code value}
         */
        public PlannedItem sealed(String value) {
            return new PlannedItem(connection, snapshot, snapshotJson, snapshotAt, Optional.of(value));
        }

        /**
         * The message's id.
         *
         * @return the snapshot's id
         */
        public MassMessageId id() {
            return snapshot.id();
        }
    }

    /**
     * What became of one item.
     *
     * @param state    the new state: anything but {@link JobItemState#PENDING} and {@link JobItemState#IN_FLIGHT}
     * @param reason   for {@link JobItemState#REFUSED}, why
     * @param rule     for {@link JobItemState#REFUSED}, the refusing rule ({@code ofauth} when OFAuth refused)
     * @param detail   for people: the refusal's facts, or the failure's message; never a secret
     * @param at       when it was recorded (the job's clock)
     * @param archived for {@link JobItemState#DELETED}, what to keep of the deleted message
     */
    record Outcome(
            JobItemState state,
            Optional<RefusalReason> reason,
            Optional<String> rule,
            String detail,
            Instant at,
            Optional<ArchivedDeletion> archived) {
        /**
         * Checks the outcome.
         *
         * @param state    the new state: anything but {@link JobItemState#PENDING} and {@link JobItemState#IN_FLIGHT}
         * @param reason   for {@link JobItemState#REFUSED}, why
         * @param rule     for {@link JobItemState#REFUSED}, the refusing rule ({@code ofauth} when OFAuth refused)
         * @param detail   for people: the refusal's facts, or the failure's message; never a secret
         * @param at       when it was recorded (the job's clock)
         * @param archived for {@link JobItemState#DELETED}, what to keep of the deleted message
         * @throws IllegalArgumentException when the state is not an outcome, a refusal has no reason or a deletion no
         *     archive entry
         */
        public Outcome {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(archived, "archived");
            if (state == JobItemState.PENDING || state == JobItemState.IN_FLIGHT) {
                throw new IllegalArgumentException(state + " is not an outcome");
            }
            if (state == JobItemState.REFUSED && (reason.isEmpty() || rule.isEmpty())) {
                throw new IllegalArgumentException("a refusal needs its reason and rule");
            }
            if (state == JobItemState.DELETED && archived.isEmpty()) {
                throw new IllegalArgumentException("a deletion needs its archive entry");
            }
        }
    }

    /**
     * One item as stored.
     *
     * @param item       the planned message, with its latest snapshot
     * @param position   its place in the job (plan order)
     * @param state      where it stands
     * @param outcome    its latest outcome, if any
     * @param intentAt   when its latest intent was committed, if ever
     */
    record StoredItem(
            PlannedItem item, int position, JobItemState state, Optional<Outcome> outcome, Optional<Instant> intentAt) {
        /**
         * Checks that no component is {@code null}.
         *
         * @param item     the planned message, with its latest snapshot
         * @param position its place in the job (plan order)
         * @param state    where it stands
         * @param outcome  its latest outcome, if any
         * @param intentAt when its latest intent was committed, if ever
         * @throws NullPointerException when one is
         */
        public StoredItem {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(intentAt, "intentAt");
        }
    }

    /**
     * A job as stored.
     *
     * @param id        its id
     * @param createdAt when it was created
     * @param settings  what it was asked to do
     * @param state     its state as last written (a job whose process died still reads {@code RUNNING})
     * @param items     its items, in plan order
     * @param stopped   connections stopped by an authentication or permission failure, with the reason
     */
    record StoredJob(
            DeletionJobId id,
            Instant createdAt,
            JobSettings settings,
            DeletionJobState state,
            List<StoredItem> items,
            Map<ConnectionId, String> stopped) {
        /**
         * Copies the collections.
         *
         * @param id        its id
         * @param createdAt when it was created
         * @param settings  what it was asked to do
         * @param state     its state as last written (a job whose process died still reads {@code RUNNING})
         * @param items     its items, in plan order
         * @param stopped   connections stopped by an authentication or permission failure, with the reason
         * @throws NullPointerException when a component is {@code null}
         */
        public StoredJob {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(state, "state");
            items = List.copyOf(items);
            stopped = Map.copyOf(stopped);
        }
    }

    /** A held job lock, in a store where one process at a time runs a job; closing it releases the lock. */
    interface JobLock extends AutoCloseable {
        /** Releases the lock; harmless when already released. */
        @Override
        void close();
    }

    /**
     * Creates a job with its plan, in one transaction.
     *
     * @param createdAt when
     * @param settings  what it is asked to do
     * @param items     its plan, every item pending
     * @return the new job's id
     */
    DeletionJobId create(Instant createdAt, JobSettings settings, List<PlannedItem> items);

    /**
     * Reads a job whole.
     *
     * @param id the job
     * @return the job, or empty when the store has no such job
     */
    Optional<StoredJob> load(DeletionJobId id);

    /**
     * Every job's id, newest first.
     *
     * @return the ids
     */
    List<DeletionJobId> jobs();

    /**
     * Marks a connection stopped (an authentication or permission failure) or, with an empty reason, running again.
     *
     * @param job        the job
     * @param connection the connection
     * @param reason     why it stopped; empty to clear
     */
    void setStopped(DeletionJobId job, ConnectionId connection, Optional<String> reason);

    /**
     * A job's state as last written, cheaply: a running job reads it every second to learn that another process
     * asked it to stop.
     *
     * @param job the job
     * @return its state, or empty when the store has no such job
     */
    Optional<DeletionJobState> state(DeletionJobId job);

    /**
     * Writes a job's state.
     *
     * @param job   the job
     * @param state its new state
     */
    void setState(DeletionJobId job, DeletionJobState state);

    /**
     * Opens this process's work queue on a job: the items it claims, their intents and outcomes. A store where one
     * process at a time runs a job (SQLite, in memory) takes the job's lock first, which the operating system releases
     * when the process dies, however it dies; a shared store (Redis) lets every process that opens the queue drain the
     * job together, each claim lasting for a lease, and first puts back in line, once, the items a later run retries.
     *
     * @param job the job
     * @return the open queue; close it when the run ends
     * @throws DeletionJobStoreException of kind {@link DeletionJobStoreException.Kind#LOCKED} when another process (or
     *     this one) runs the job in an exclusive store, {@link DeletionJobStoreException.Kind#NO_SUCH_JOB} when there is
     *     no such job
     */
    JobItemQueue workQueue(DeletionJobId job);

    /**
     * Whether some process runs the job now: holds its lock (exclusive stores) or has its work queue open and alive
     * (shared stores).
     *
     * @param job the job
     * @return {@code true} when it is running somewhere
     */
    boolean isRunning(DeletionJobId job);

    /**
     * The archived deletions matching {@code query}, oldest first.
     *
     * @param query which
     * @return the entries
     */
    List<ArchivedDeletion> archive(ArchiveQuery query);

    /** How many runs of a job a store keeps: the newest; older ones are dropped as new ones are recorded. */
    int MAX_RUNS = 100;

    /**
     * Keeps what one run of {@code job} added up to, when the run ends.
     *
     * @param job the job
     * @param run the run's figures
     * @throws DeletionJobStoreException of kind {@link DeletionJobStoreException.Kind#NO_SUCH_JOB} when there is no
     *     such job
     */
    void recordRun(DeletionJobId job, DeletionJobRun run);

    /**
     * What {@code job}'s runs added up to, oldest first: the newest {@link #MAX_RUNS}.
     *
     * @param job the job
     * @return its runs; empty when none has ended yet
     * @throws DeletionJobStoreException of kind {@link DeletionJobStoreException.Kind#NO_SUCH_JOB} when there is no
     *     such job
     */
    List<DeletionJobRun> runs(DeletionJobId job);

    /**
     * Where the re-creation of {@code job}'s deleted messages is recorded.
     *
     * @param job the job
     * @return its restore log
     * @throws DeletionJobStoreException of kind {@link DeletionJobStoreException.Kind#NO_SUCH_JOB} when there is no
     *     such job
     */
    RestoreLog restores(DeletionJobId job);

    /**
     * Where the store is, for messages: a path, or a name for an in-memory store.
     *
     * @return the location
     */
    String location();

    /** Releases the store's resources; jobs running on it must have ended. */
    @Override
    void close();
}
