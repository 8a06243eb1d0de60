package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.domain.ArchivedDeletion;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.DeletionJobId;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.DeletionPolicy;
import dev.ofauthqueue.domain.JobItemState;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import dev.ofauthqueue.ports.in.DeletionJobEvent;
import dev.ofauthqueue.ports.in.DeletionJobListener;
import dev.ofauthqueue.ports.in.DeletionJobStatus;
import dev.ofauthqueue.ports.in.DeletionOutcome;
import dev.ofauthqueue.ports.in.DeletionOutcome.Failed.Step;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobLock;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.JobItemLine;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.PortDeletion;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs deletion jobs: one DELETE per message, each connection in its own lane paced by the {@link RateBudget}, all
 * lanes under one concurrency bound, every intent and outcome written to a {@link DeletionJobStore}.
 *
 * <p>Every method of a run, and every store call, runs on the engine's serial executor: the run's state is touched
 * by one task at a time, and JDBC never runs on an event loop. A lane takes its token before it asks for a
 * concurrency slot, so a connection waiting for its budget never holds a slot.
 *
 * <p>A <em>shared</em> run drains a job together with other processes, through the store's {@link JobItemLine}: its
 * lanes hold only the items this process took, and take the next one from the line once they hold a token and a slot.
 * An item the line hands over as reclaimed (its process stopped) is settled by reading it first; an item whose
 * snapshot (as the store holds it now) is older than the maximum plan age makes the lane list its connection again
 * and write every item's fresh snapshot to the store before it is decided ({@code refreshForItem}); a lane ends when
 * the line says its connection is drained.
 */
final class JobEngine {

    /** A lane waits at most this long for one token; a longer wait puts the lane to sleep and tries again. */
    static final Duration MAX_TOKEN_WAIT = Duration.ofMinutes(10);

    /** After this many 429s in one run an item fails (resuming tries it again). */
    static final int MAX_RATE_LIMITED = 10;

    /** The rule named in a refusal by OFAuth itself. */
    static final String OFAUTH_RULE = "ofauth";

    /**
     * The shortest a shared lane waits before asking again when other processes hold the rest of its items; otherwise
     * it asks when the first of them could be taken over, so that it spends a token of the budget per lease, not per
     * second, while it waits.
     */
    static final Duration LINE_POLL = Duration.ofMillis(200);

    /** The rule named when a refreshed plan finds a message no longer selected. */
    static final String SELECTION_RULE = "selection";

    private final ScheduledQueuePort port;
    private final DeletionJobStore store;
    private final DeletionPolicy policy;
    private final Clock clock;
    private final RateBudget budget;
    private final Executor serial;
    private final int pageSize;

    JobEngine(
            ScheduledQueuePort port,
            DeletionJobStore store,
            DeletionPolicy policy,
            Clock clock,
            RateBudget budget,
            Executor serial,
            int pageSize) {
        this.port = port;
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.budget = budget;
        this.serial = serial;
        this.pageSize = pageSize;
    }

    DeletionJobStore store() {
        return store;
    }

    Executor serial() {
        return serial;
    }

    /** One item of a run. */
    static final class Item {
        final int position;
        PlannedItem planned;
        JobItemState state;
        /** Its DELETE may have gone out without a recorded outcome: read the message before anything else. */
        boolean settle;

        /** In a shared run, the item as taken from the line while this process holds it. */
        JobItemLine.@Nullable Take take;

        /** In a shared run, its snapshot is too old to decide on: refresh the connection's plan first. */
        boolean refreshFirst;

        int rateLimited;

        @Nullable
        DeletionOutcome lastOutcome;

        Item(int position, PlannedItem planned, JobItemState state, boolean settle) {
            this.position = position;
            this.planned = planned;
            this.state = state;
            this.settle = settle;
        }

        MassMessageId id() {
            return planned.id();
        }
    }

    /** A connection's line of items. */
    static final class Lane {
        final ConnectionId connection;
        final Deque<Item> pending = new ArrayDeque<>();
        Instant snapshotAt;
        int active;
        boolean waitingForToken;
        boolean hasToken;
        boolean waitingForSlot;
        boolean refreshing;
        boolean paused;
        /** In a shared run: the line has nothing left for this connection. */
        boolean drained;
        /** In a shared run: the line had nothing to hand out while this lane's own items were in flight. */
        boolean waitingForOwnItems;

        @Nullable
        String stopped;

        @Nullable
        Throwable stopCause;

        Lane(ConnectionId connection, Instant snapshotAt) {
            this.connection = connection;
            this.snapshotAt = snapshotAt;
        }
    }

    /** A job running in this process. */
    final class Run {
        final DeletionJobId id;
        final Instant createdAt;
        final JobSettings settings;
        final DeletionJobListener listener;
        final @Nullable JobLock lock;
        /** The line this run shares with other processes, or {@code null} for a run that has the job to itself. */
        final @Nullable JobItemLine line;

        final Map<ConnectionId, Lane> lanes = new LinkedHashMap<>();
        final Map<Integer, Item> byPosition = new HashMap<>();
        final List<Item> items = new ArrayList<>();
        final EnumMap<JobItemState, Integer> counts = new EnumMap<>(JobItemState.class);
        final Deque<Lane> waitingForSlots = new ArrayDeque<>();
        final CompletableFuture<DeletionJobStatus> finished = new CompletableFuture<>();
        final Consumer<Run> onEnd;
        int inFlight;
        boolean canceled;
        boolean ended;

        @Nullable
        RuntimeException storeFailure;

        Run(
                DeletionJobId id,
                Instant createdAt,
                JobSettings settings,
                DeletionJobListener listener,
                @Nullable JobLock lock,
                @Nullable JobItemLine line,
                Consumer<Run> onEnd) {
            this.id = id;
            this.line = line;
            this.createdAt = createdAt;
            this.settings = settings;
            this.listener = listener;
            this.lock = lock;
            this.onEnd = onEnd;
            for (JobItemState s : JobItemState.values()) {
                counts.put(s, 0);
            }
        }

        /** Adds an item; a final one is only counted, and in a shared run every item waits in the line. */
        void add(Item item, Instant snapshotAt) {
            items.add(item);
            byPosition.put(item.position, item);
            counts.merge(item.state, 1, Integer::sum);
            Lane lane = lanes.computeIfAbsent(item.planned.connection(), c -> new Lane(c, snapshotAt));
            if (snapshotAt.isBefore(lane.snapshotAt)) {
                lane.snapshotAt = snapshotAt;
            }
            if (line == null && !item.state.isFinal()) {
                if (item.settle) {
                    lane.pending.addFirst(item);
                } else {
                    lane.pending.addLast(item);
                }
            }
        }

        /** Starts every lane, and the watch for a cancel asked by another process; on the serial executor. */
        void start() {
            serial.execute(() -> {
                lanes.values().forEach(this::pump);
                checkEnd();
            });
            watchForCancel();
        }

        /** Every second: has another process written CANCELED (the command line's {@code jobs cancel})? */
        private void watchForCancel() {
            later(Duration.ofSeconds(1), () -> {
                if (ended) {
                    return;
                }
                try {
                    if (store.state(id)
                            .filter(s -> s == DeletionJobState.CANCELED)
                            .isPresent()) {
                        canceled = true;
                        checkEnd();
                    }
                } catch (RuntimeException ignored) {
                    // A store that cannot answer now is asked again in a second; writes report their own failures.
                }
                watchForCancel();
            });
        }

        /** Runs {@code task} on the serial executor after {@code delay}, unless the job ended or the executor stopped. */
        private void later(Duration delay, Runnable task) {
            if (ended) {
                return;
            }
            CompletableFuture.delayedExecutor(Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS)
                    .execute(() -> {
                        try {
                            serial.execute(task);
                        } catch (RejectedExecutionException closed) {
                            // The service closed: the job is canceled or interrupted in the store, and resumable.
                        }
                    });
        }

        void cancel() {
            serial.execute(() -> {
                canceled = true;
                checkEnd();
            });
        }

        DeletionJobStatus status() {
            Duration left = Duration.ZERO;
            if (!ended) {
                for (Lane lane : lanes.values()) {
                    int remaining = line == null ? lane.pending.size() + lane.active : open(lane);
                    Duration d = budget.timeFor(lane.connection, remaining);
                    if (d.compareTo(left) > 0) {
                        left = d;
                    }
                }
            }
            Map<ConnectionId, String> stopped = new LinkedHashMap<>();
            lanes.values().forEach(l -> {
                if (l.stopped != null) {
                    stopped.put(l.connection, l.stopped);
                }
            });
            return new DeletionJobStatus(
                    id,
                    ended ? endState() : DeletionJobState.RUNNING,
                    createdAt,
                    settings.target(),
                    settings.selection(),
                    counts,
                    stopped,
                    left);
        }

        /** In a shared run: the connection's items without a final outcome, as far as this process knows. */
        private int open(Lane lane) {
            return (int) items.stream()
                    .filter(i -> i.planned.connection().equals(lane.connection) && !i.state.isFinal())
                    .count();
        }

        private DeletionJobState endState() {
            if (canceled) {
                return DeletionJobState.CANCELED;
            }
            boolean anyStopped = lanes.values().stream().anyMatch(l -> l.stopped != null);
            return anyStopped ? DeletionJobState.STOPPED : DeletionJobState.COMPLETED;
        }

        // ---- the lane's loop

        private void pump(Lane lane) {
            if (ended || canceled || lane.stopped != null) {
                return;
            }
            if (lane.waitingForToken
                    || lane.hasToken
                    || lane.waitingForSlot
                    || lane.refreshing
                    || lane.paused
                    || lane.waitingForOwnItems) {
                return;
            }
            Instant now = clock.instant();
            if (isStale(lane, now)) {
                refresh(lane);
                return;
            }
            // Refusals by the policy cost no request: settle them without waiting for the budget.
            Item head = lane.pending.peekFirst();
            while (head != null && !head.settle) {
                if (!(policy.evaluate(head.planned.snapshot(), now) instanceof DeletionDecision.Refused refused)) {
                    break;
                }
                lane.pending.removeFirst();
                refuse(lane, head, refused);
                if (ended) {
                    return;
                }
                head = lane.pending.peekFirst();
            }
            if (head == null && (line == null || lane.drained)) {
                checkEnd();
                return;
            }
            if (head != null && head.settle) {
                // Settling reads the message; the port paces that read itself.
                requestSlot(lane);
                return;
            }
            lane.waitingForToken = true;
            budget.take(lane.connection, MAX_TOKEN_WAIT)
                    .whenCompleteAsync(
                            (ok, failure) -> {
                                lane.waitingForToken = false;
                                if (ended) {
                                    return;
                                }
                                if (failure != null) {
                                    pause(lane, Duration.ofSeconds(1));
                                    return;
                                }
                                lane.hasToken = true;
                                requestSlot(lane);
                            },
                            serial);
        }

        private boolean isStale(Lane lane, Instant now) {
            return line == null
                    && Duration.between(lane.snapshotAt, now).compareTo(settings.maxPlanAge()) > 0
                    && lane.pending.stream().anyMatch(i -> !i.settle);
        }

        private void requestSlot(Lane lane) {
            if (inFlight < settings.concurrency()) {
                inFlight++;
                dispatch(lane);
            } else {
                lane.waitingForSlot = true;
                waitingForSlots.addLast(lane);
            }
        }

        private void releaseSlot() {
            inFlight--;
            while (inFlight < settings.concurrency() && !waitingForSlots.isEmpty()) {
                Lane next = waitingForSlots.pollFirst();
                next.waitingForSlot = false;
                inFlight++;
                dispatch(next);
            }
        }

        private void dispatch(Lane lane) {
            lane.hasToken = false;
            Item item = lane.pending.pollFirst();
            if (item == null && line != null && !ended && !canceled && lane.stopped == null) {
                item = takeFromLine(lane);
                if (item == null) {
                    releaseSlot();
                    checkEnd();
                    return;
                }
            }
            if (item == null || ended || canceled || lane.stopped != null) {
                if (item != null) {
                    lane.pending.addFirst(item);
                }
                releaseSlot();
                checkEnd();
                return;
            }
            lane.active++;
            Item working = item;
            CompletionStage<Void> done = working.settle ? settle(lane, working) : attempt(lane, working);
            done.whenCompleteAsync(
                    (ok, bug) -> {
                        lane.active--;
                        lane.waitingForOwnItems = false;
                        if (bug != null && !ended) {
                            fail(lane, working, Step.DELETING, PortCalls.unwrap(bug));
                        }
                        releaseSlot();
                        pump(lane);
                        checkEnd();
                    },
                    serial);
            pump(lane);
        }

        /**
         * Takes the lane's next item from the shared line, or learns that there is none: drained, or held by other
         * processes (then the lane asks again when the first of those could be taken over, {@link #LINE_POLL} at
         * least).
         */
        private @Nullable Item takeFromLine(Lane lane) {
            JobItemLine shared = Objects.requireNonNull(line);
            try {
                return nextFromLine(lane, shared);
            } catch (RuntimeException e) {
                storeFailure = e;
                canceled = true;
                end();
                return null;
            }
        }

        private @Nullable Item nextFromLine(Lane lane, JobItemLine shared) {
            while (true) {
                JobItemLine.Next next = shared.take(lane.connection);
                if (next instanceof JobItemLine.Nothing nothing) {
                    if (nothing.drained()) {
                        lane.drained = true;
                    } else if (lane.active > 0) {
                        // Some of what is held is this lane's own, in flight: ask again as soon as one ends.
                        lane.waitingForOwnItems = true;
                    } else {
                        pause(lane, nothing.askAgainIn().compareTo(LINE_POLL) > 0 ? nothing.askAgainIn() : LINE_POLL);
                    }
                    return null;
                }
                JobItemLine.Take take = (JobItemLine.Take) next;
                Item item = byPosition.get(take.position());
                if (item == null || !item.planned.connection().equals(lane.connection)) {
                    shared.done(lane.connection, take); // not an item of this job's plan: never act on it
                    continue;
                }
                if (item.state.isFinal()) {
                    shared.done(lane.connection, take); // settled before its process could give it back
                    continue;
                }
                item.take = take;
                item.planned = take.stored();
                item.settle = take.reclaimed();
                item.refreshFirst = !item.settle && isOld(item);
                return item;
            }
        }

        /** Older than the maximum plan age: in a shared run, the connection's plan is refreshed before it is decided. */
        private boolean isOld(Item item) {
            return Duration.between(item.planned.snapshotAt(), clock.instant()).compareTo(settings.maxPlanAge()) > 0;
        }

        // ---- one item

        private CompletionStage<Void> attempt(Lane lane, Item item) {
            ConnectionId c = lane.connection;
            MassMessageId id = item.id();
            if (item.refreshFirst) {
                return refreshForItem(lane, item);
            }
            if (!settings.readBeforeDelete()) {
                return decideAndDelete(lane, item, item.planned.snapshot());
            }
            return PortCalls.call(() -> port.fetchMassMessage(c, id))
                    .handleAsync(
                            (current, failure) -> {
                                if (ended) {
                                    return done();
                                }
                                if (failure != null) {
                                    return failed(lane, item, Step.READING_BEFORE_DELETE, PortCalls.unwrap(failure));
                                }
                                if (current.isEmpty()) {
                                    finish(
                                            lane,
                                            item,
                                            JobItemState.ALREADY_GONE,
                                            new DeletionOutcome.AlreadyGone(id),
                                            outcome(JobItemState.ALREADY_GONE, "not found when read before deleting"));
                                    return done();
                                }
                                return decideAndDelete(lane, item, current.get());
                            },
                            serial)
                    .thenCompose(s -> s);
        }

        private CompletionStage<Void> decideAndDelete(Lane lane, Item item, ScheduledMassMessage current) {
            if (policy.evaluate(current, clock.instant()) instanceof DeletionDecision.Refused refused) {
                refuse(lane, item, refused);
                return done();
            }
            ConnectionId c = lane.connection;
            MassMessageId id = item.id();
            if (!write(() -> {
                store.recordIntent(this.id, c, id, clock.instant());
                return true;
            })) {
                lane.pending.addFirst(item);
                return done();
            }
            move(item, JobItemState.IN_FLIGHT);
            return PortCalls.call(() -> port.deleteIfStillScheduled(c, id))
                    .handleAsync(
                            (result, failure) -> {
                                if (failure != null) {
                                    return failed(lane, item, Step.DELETING, PortCalls.unwrap(failure));
                                }
                                return interpret(lane, item, result);
                            },
                            serial)
                    .thenCompose(s -> s);
        }

        private CompletionStage<Void> interpret(Lane lane, Item item, PortDeletion result) {
            MassMessageId id = item.id();
            if (result instanceof PortDeletion.Deleted d) {
                deleted(lane, item, d.message(), d.rawQueue());
            } else if (result instanceof PortDeletion.NotFound) {
                finish(
                        lane,
                        item,
                        JobItemState.ALREADY_GONE,
                        new DeletionOutcome.AlreadyGone(id),
                        outcome(JobItemState.ALREADY_GONE, "OFAuth did not know the message"));
            } else if (result instanceof PortDeletion.NotFoundOnRetry) {
                // An earlier attempt of this very request may have deleted it: this job deleted it.
                deleted(
                        lane,
                        item,
                        item.planned.snapshot().toBuilder().canceled(true).build(),
                        Optional.empty());
            } else if (result instanceof PortDeletion.RefusedByOfAuth r) {
                refuse(
                        lane,
                        item,
                        DeletionDecision.refused(
                                RefusalReason.REFUSED_BY_OFAUTH, OFAUTH_RULE, "OFAuth refused: " + r.detail()));
            } else if (result instanceof PortDeletion.Unconfirmed u) {
                return confirm(lane, item, u.cause());
            }
            return done();
        }

        /** What to do with a read of one message: its answer, or the failure that took its place. */
        @FunctionalInterface
        private interface AfterRead {
            void accept(Optional<ScheduledMassMessage> read, @Nullable Throwable failure);
        }

        /** Reads the message, then, on the serial executor and unless the job ended, hands the answer over. */
        private CompletionStage<Void> read(Lane lane, Item item, AfterRead then) {
            return PortCalls.call(() -> port.fetchMassMessage(lane.connection, item.id()))
                    .handleAsync(
                            (read, failure) -> {
                                if (!ended) {
                                    then.accept(
                                            failure == null ? read : Optional.empty(),
                                            failure == null ? null : PortCalls.unwrap(failure));
                                }
                                return null;
                            },
                            serial)
                    .thenApply(x -> null);
        }

        /** A DELETE went unanswered: read the message to learn whether it took effect. */
        private CompletionStage<Void> confirm(Lane lane, Item item, Throwable cause) {
            return read(lane, item, (after, readFailure) -> {
                if (readFailure != null) {
                    cause.addSuppressed(readFailure);
                    finish(
                            lane,
                            item,
                            JobItemState.UNCONFIRMED,
                            new DeletionOutcome.Unconfirmed(item.id(), cause),
                            outcome(JobItemState.UNCONFIRMED, cause.getMessage()));
                } else if (isGone(after)) {
                    deletedByAnEarlierRequest(lane, item, after);
                } else {
                    fail(lane, item, Step.DELETING, cause);
                }
            });
        }

        private static boolean isGone(Optional<ScheduledMassMessage> read) {
            return read.isEmpty() || read.get().canceled();
        }

        /** A read after a DELETE that may have gone out found the message gone: that DELETE deleted it. */
        private void deletedByAnEarlierRequest(Lane lane, Item item, Optional<ScheduledMassMessage> read) {
            ScheduledMassMessage message = read.orElse(item.planned.snapshot());
            deleted(lane, item, message.toBuilder().canceled(true).build(), Optional.empty());
        }

        /** A restart found the item's intent without an outcome: read the message, then settle or decide again. */
        private CompletionStage<Void> settle(Lane lane, Item item) {
            return read(lane, item, (current, failure) -> {
                if (failure != null) {
                    if (!stopIfUnauthorized(lane, item, failure)) {
                        finish(
                                lane,
                                item,
                                JobItemState.UNCONFIRMED,
                                new DeletionOutcome.Unconfirmed(item.id(), failure),
                                outcome(
                                        JobItemState.UNCONFIRMED,
                                        "reading it to settle it failed: " + failure.getMessage()));
                    }
                } else if (isGone(current)) {
                    deletedByAnEarlierRequest(lane, item, current);
                } else {
                    // Still there: its DELETE did not take effect. Decide again, as if new.
                    item.settle = false;
                    item.planned = new PlannedItem(
                            lane.connection, current.get(), item.planned.snapshotJson(), clock.instant());
                    move(item, JobItemState.PENDING);
                    lane.pending.addFirst(item);
                }
            });
        }

        private CompletionStage<Void> failed(Lane lane, Item item, Step step, Throwable failure) {
            fail(lane, item, step, failure);
            return done();
        }

        private void fail(Lane lane, Item item, Step step, Throwable failure) {
            if (failure instanceof OfAuthException.RateLimited limited) {
                item.rateLimited++;
                if (item.rateLimited < MAX_RATE_LIMITED) {
                    releaseIntent(lane, item);
                    move(item, JobItemState.PENDING);
                    lane.pending.addLast(item);
                    pause(
                            lane,
                            limited.retryAfter().filter(d -> !d.isNegative()).orElse(Duration.ofSeconds(1)));
                    return;
                }
            }
            if (stopIfUnauthorized(lane, item, failure)) {
                return;
            }
            finish(
                    lane,
                    item,
                    JobItemState.FAILED,
                    new DeletionOutcome.Failed(item.id(), step, failure),
                    outcome(JobItemState.FAILED, new DeletionOutcome.Failed(item.id(), step, failure).describe()));
        }

        /** A 401 or 403 stops the connection: its items wait, with the reason, while the others go on. */
        private boolean stopIfUnauthorized(Lane lane, Item item, Throwable failure) {
            if (!(failure instanceof OfAuthException.Authentication || failure instanceof OfAuthException.Permission)) {
                return false;
            }
            releaseIntent(lane, item);
            move(item, JobItemState.PENDING);
            lane.pending.addFirst(item);
            if (lane.stopped == null) {
                String reason = String.valueOf(failure.getMessage());
                lane.stopped = reason;
                lane.stopCause = failure;
                write(() -> {
                    store.setStopped(id, lane.connection, Optional.of(reason));
                    return true;
                });
                try {
                    listener.onConnectionStopped(id, lane.connection, reason);
                } catch (RuntimeException ignored) {
                    // A listener never changes the job.
                }
            }
            return true;
        }

        /** OFAuth answered that it did not carry the request out (429, 401, 403): the intent no longer stands. */
        private void releaseIntent(Lane lane, Item item) {
            if (item.state == JobItemState.IN_FLIGHT) {
                write(() -> {
                    store.releaseIntent(id, lane.connection, item.id());
                    return true;
                });
            }
        }

        private void refuse(Lane lane, Item item, DeletionDecision.Refused refused) {
            DeletionOutcome o = refused.reason() == RefusalReason.ALREADY_DELETED
                    ? new DeletionOutcome.AlreadyGone(item.id())
                    : new DeletionOutcome.Refused(item.id(), refused);
            JobItemState state =
                    o instanceof DeletionOutcome.AlreadyGone ? JobItemState.ALREADY_GONE : JobItemState.REFUSED;
            Outcome stored = state == JobItemState.REFUSED
                    ? new Outcome(
                            state,
                            Optional.of(refused.reason()),
                            Optional.of(refused.rule()),
                            refused.detail(),
                            clock.instant(),
                            Optional.empty())
                    : outcome(state, refused.detail());
            finish(lane, item, state, o, stored);
        }

        private void deleted(Lane lane, Item item, ScheduledMassMessage message, Optional<String> answer) {
            Instant at = clock.instant();
            ArchivedDeletion archived = answer.isPresent()
                    ? new ArchivedDeletion(
                            id, lane.connection, item.id(), at, ArchivedDeletion.Source.ANSWER, answer.get())
                    : new ArchivedDeletion(
                            id,
                            lane.connection,
                            item.id(),
                            at,
                            ArchivedDeletion.Source.SNAPSHOT,
                            item.planned.snapshotJson().orElseGet(() -> SnapshotJson.of(item.planned.snapshot())));
            finish(
                    lane,
                    item,
                    JobItemState.DELETED,
                    new DeletionOutcome.Deleted(item.id(), message),
                    new Outcome(
                            JobItemState.DELETED,
                            Optional.empty(),
                            Optional.empty(),
                            "deleted",
                            at,
                            Optional.of(archived)));
        }

        private Outcome outcome(JobItemState state, @Nullable String detail) {
            return new Outcome(
                    state,
                    Optional.empty(),
                    Optional.empty(),
                    detail == null ? "" : detail,
                    clock.instant(),
                    Optional.empty());
        }

        private void finish(Lane lane, Item item, JobItemState state, DeletionOutcome o, Outcome stored) {
            if (ended) {
                return;
            }
            boolean written = write(() -> store.recordOutcome(id, lane.connection, item.id(), stored));
            if (ended) {
                return;
            }
            giveBack(lane, item);
            if (!written) {
                return;
            }
            move(item, state);
            item.lastOutcome = o;
            int done = 0;
            for (Map.Entry<JobItemState, Integer> e : counts.entrySet()) {
                if (e.getKey().isFinal()) {
                    done += e.getValue();
                }
            }
            try {
                listener.onItem(new DeletionJobEvent(id, lane.connection, o, state, done, items.size()));
            } catch (RuntimeException ignored) {
                // A listener never changes the job.
            }
        }

        /** In a shared run, an item with a recorded outcome leaves the line for good. */
        private void giveBack(Lane lane, Item item) {
            JobItemLine.Take take = item.take;
            if (line == null || take == null) {
                return;
            }
            item.take = null;
            item.refreshFirst = false;
            JobItemLine shared = line;
            write(() -> {
                shared.done(lane.connection, take);
                return true;
            });
        }

        /** A shared run's counts at its end: every process's outcomes, as stored, not only this one's. */
        private void countFromStore() {
            try {
                store.load(id).ifPresent(stored -> {
                    counts.replaceAll((state, n) -> 0);
                    stored.items().forEach(i -> counts.merge(i.state(), 1, Integer::sum));
                });
            } catch (RuntimeException ignored) {
                // The status then counts what this process saw; the store's own status counts every process.
            }
        }

        private void move(Item item, JobItemState to) {
            counts.merge(item.state, -1, Integer::sum);
            counts.merge(to, 1, Integer::sum);
            item.state = to;
        }

        /** Runs a store write; a store failure ends the job (it is resumable once the store is fixed). */
        private boolean write(StoreWrite write) {
            if (ended) {
                return false;
            }
            try {
                return write.run();
            } catch (RuntimeException e) {
                storeFailure = e;
                canceled = true;
                end();
                return false;
            }
        }

        // ---- refreshing a stale plan

        /**
         * A shared run's refresh, on taking an item whose snapshot is too old: lists the connection once, writes the
         * fresh snapshot of every item of the connection still listed and selected (so that the processes taking them
         * decide on it, without a refresh of their own), and decides the item taken on its own fresh snapshot. It
         * only removes: an item gone from the queue or no longer selected is settled as such, here for the item taken
         * and by its own taker for the others (their snapshots are left as they were).
         */
        private CompletionStage<Void> refreshForItem(Lane lane, Item item) {
            return PortCalls.list(port, lane.connection, pageSize)
                    .handleAsync(
                            (listing, failure) -> {
                                if (ended) {
                                    return done();
                                }
                                if (failure != null) {
                                    // A 429 puts the item back in line, still to be refreshed first.
                                    return failed(lane, item, Step.READING_BEFORE_DELETE, PortCalls.unwrap(failure));
                                }
                                item.refreshFirst = false;
                                Instant now = clock.instant();
                                for (Item other : items) {
                                    ScheduledMassMessage listed =
                                            listing.messages().get(other.id());
                                    if (other.planned.connection().equals(lane.connection)
                                            && !other.state.isFinal()
                                            && listed != null
                                            && settings.selection().matches(listed, now)) {
                                        PlannedItem fresh = new PlannedItem(
                                                lane.connection, listed, listing.rawOf(other.id()), now);
                                        other.planned = fresh;
                                        write(() -> {
                                            store.replaceSnapshot(id, fresh);
                                            return true;
                                        });
                                    }
                                }
                                ScheduledMassMessage current =
                                        listing.messages().get(item.id());
                                if (current == null) {
                                    goneAtRefresh(lane, item);
                                    return done();
                                }
                                if (!settings.selection().matches(current, now)) {
                                    refuse(lane, item, noLongerSelected(item));
                                    return done();
                                }
                                return decideAndDelete(lane, item, current);
                            },
                            serial)
                    .thenCompose(s -> s);
        }

        /** A refreshed plan no longer lists the message: gone from the queue, by whatever hand. */
        private void goneAtRefresh(Lane lane, Item item) {
            finish(
                    lane,
                    item,
                    JobItemState.ALREADY_GONE,
                    new DeletionOutcome.AlreadyGone(item.id()),
                    outcome(JobItemState.ALREADY_GONE, "no longer in the scheduled queue when the plan was refreshed"));
        }

        private DeletionDecision.Refused noLongerSelected(Item item) {
            return DeletionDecision.refused(
                    RefusalReason.NO_LONGER_SELECTED,
                    SELECTION_RULE,
                    "message " + item.id() + " changed since it was planned and no longer matches the selection "
                            + settings.selection());
        }

        private void refresh(Lane lane) {
            lane.refreshing = true;
            PortCalls.list(port, lane.connection, pageSize)
                    .whenCompleteAsync(
                            (listing, failure) -> {
                                lane.refreshing = false;
                                if (ended) {
                                    return;
                                }
                                if (failure != null) {
                                    Throwable cause = PortCalls.unwrap(failure);
                                    Item head = lane.pending.peekFirst();
                                    if (head != null && stopIfUnauthorized(lane, lane.pending.removeFirst(), cause)) {
                                        checkEnd();
                                        return;
                                    }
                                    // Try again shortly; the listing's own retries have already run.
                                    pause(lane, Duration.ofSeconds(5));
                                    return;
                                }
                                Instant now = clock.instant();
                                lane.snapshotAt = now;
                                List<Item> kept = new ArrayList<>();
                                for (Item item : lane.pending) {
                                    if (item.settle) {
                                        kept.add(item);
                                        continue;
                                    }
                                    ScheduledMassMessage current =
                                            listing.messages().get(item.id());
                                    if (current == null) {
                                        goneAtRefresh(lane, item);
                                    } else if (!settings.selection().matches(current, now)) {
                                        refuse(lane, item, noLongerSelected(item));
                                    } else if (policy.evaluate(current, now)
                                            instanceof DeletionDecision.Refused refused) {
                                        refuse(lane, item, refused);
                                    } else {
                                        item.planned = new PlannedItem(
                                                lane.connection, current, listing.rawOf(item.id()), now);
                                        PlannedItem replaced = item.planned;
                                        write(() -> {
                                            store.replaceSnapshot(id, replaced);
                                            return true;
                                        });
                                        kept.add(item);
                                    }
                                    if (ended) {
                                        return;
                                    }
                                }
                                lane.pending.clear();
                                lane.pending.addAll(kept);
                                pump(lane);
                                checkEnd();
                            },
                            serial);
        }

        private void pause(Lane lane, Duration delay) {
            lane.paused = true;
            later(delay, () -> {
                lane.paused = false;
                pump(lane);
                checkEnd();
            });
        }

        // ---- ending

        private void checkEnd() {
            if (ended) {
                return;
            }
            boolean quiet = true;
            boolean nothingLeft = true;
            for (Lane lane : lanes.values()) {
                if (lane.active > 0 || lane.refreshing) {
                    quiet = false;
                }
                boolean laneDone = (lane.pending.isEmpty() && (line == null || lane.drained)) || lane.stopped != null;
                if (!laneDone) {
                    nothingLeft = false;
                }
            }
            if (quiet && (nothingLeft || canceled)) {
                end();
            }
        }

        private void end() {
            if (ended) {
                return;
            }
            ended = true;
            DeletionJobState state = storeFailure != null ? DeletionJobState.INTERRUPTED : endState();
            if (storeFailure == null) {
                try {
                    store.setState(id, state);
                } catch (RuntimeException e) {
                    storeFailure = e;
                }
            }
            if (lock != null) {
                lock.close();
            }
            if (line != null) {
                line.close();
                if (storeFailure == null) {
                    countFromStore();
                }
            }
            onEnd.accept(this);
            if (storeFailure != null) {
                finished.completeExceptionally(storeFailure);
            } else {
                finished.complete(status());
            }
        }
    }

    @FunctionalInterface
    private interface StoreWrite {
        boolean run();
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    Run newRun(
            DeletionJobId id,
            Instant createdAt,
            JobSettings settings,
            DeletionJobListener listener,
            @Nullable JobLock lock,
            @Nullable JobItemLine line,
            Consumer<Run> onEnd) {
        return new Run(id, createdAt, settings, listener, lock, line, onEnd);
    }
}
