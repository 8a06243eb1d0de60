package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One deletion job running in this process, over the work queue its store handed out. One loop per connection
 * ({@link ConnectionLane}): a token of the connection's budget → one of the job's concurrency slots → claim an item →
 * decide on its newest snapshot (the policy at now; {@link ConnectionListings} says when to list first) → commit the
 * intent → the DELETE, each attempt bounded by the lease ({@link HeldItem}) → the outcome. Refusals cost no request:
 * the token and the slot serve the next claim. The run ends when every connection's queue is drained (or stopped),
 * or when it is canceled, once nothing is in flight.
 *
 * <p>Every method runs on the job's {@link JobScheduler}, one task at a time; the port answers on its own threads and
 * the run continues on the scheduler. Every wait, renewal and deadline goes through the scheduler. A task that throws
 * ends the run {@code INTERRUPTED} rather than leaving it waiting ({@link #guarded}).
 */
final class JobRun {

    /** A lane waits at most this long for one token; a longer wait puts the lane to sleep and tries again. */
    static final Duration MAX_TOKEN_WAIT = Duration.ofMinutes(10);

    /** After this many 429s in one run an item fails (resuming tries it again). */
    static final int MAX_RATE_LIMITED = 10;

    /** The shortest a lane waits before claiming again when other processes hold the rest of its items. */
    static final Duration CLAIM_POLL = Duration.ofMillis(200);

    /** How often a run reads its job's state, to stop when another process canceled it. */
    static final Duration CANCEL_WATCH = Duration.ofSeconds(1);

    /** What every run of a service shares. */
    record Context(
            ScheduledQueuePort port,
            DeletionJobStore store,
            MessageDeletion deletion,
            Clock clock,
            JobScheduler scheduler,
            RateBudget budget,
            int pageSize,
            JobSeal seal) {}

    private final Context cx;
    final DeletionJobId id;
    private final StoredJob job;
    private final JobSettings settings;
    private final DeletionJobListener listener;
    private final JobItemQueue queue;
    private final ConnectionListings listings;
    private final JobSlots slots;
    private final Consumer<JobRun> onEnd;
    private final Map<ConnectionId, ConnectionLane> lanes = new LinkedHashMap<>();
    private final JobProgress progress;
    private final HeldLeases leases;
    private final ItemWork items;
    /** Whether the listener overrides {@link DeletionJobListener#onStatus}: only then is a status made per item. */
    private final boolean hearsStatus;
    /** What this run adds up to, kept with the job when it ends. */
    private final RunTally tally;

    final CompletableFuture<DeletionJobStatus> finished = new CompletableFuture<>();
    /** Read by the port's threads (permits). */
    private volatile boolean stopping;

    private boolean canceled;
    /** The queue's counts of lease takeovers and dead letters already told. */
    private long takeoversSeen;

    private long deadLettersSeen;
    private boolean leaving;
    private boolean ended;
    /** Why the run ended early: a store that failed, or a bug in a step (see {@link #guarded}). */
    private @Nullable RuntimeException failure;
    /** Whether the store failed: nothing more is asked of it. */
    private boolean storeFailed;

    JobRun(Context cx, StoredJob job, DeletionJobListener listener, JobItemQueue queue, Consumer<JobRun> onEnd) {
        this.cx = cx;
        this.id = job.id();
        this.job = job;
        this.settings = job.settings();
        this.listener = listener;
        this.hearsStatus = overrides(listener, "onStatus", DeletionJobStatus.class);
        this.tally = new RunTally(cx.clock().instant());
        this.queue = queue;
        this.onEnd = onEnd;
        this.listings = new ConnectionListings(
                cx.port(),
                cx.pageSize(),
                cx.clock(),
                settings.maxPlanAge(),
                settings.selection(),
                (connection, pages) -> {
                    tally.listed(pages);
                    tell(() -> listener.onListed(id, connection, pages));
                });
        this.slots = new JobSlots(settings.concurrency());
        this.progress = new JobProgress(job);
        this.leases = new HeldLeases(queue, cx.scheduler(), () -> stopping);
        this.items = new ItemWork(this, cx, settings, queue, listings, leases, progress, job);
        job.items().forEach(i -> lanes.computeIfAbsent(i.item().connection(), ConnectionLane::new));
    }

    /** Starts every lane, and the watch for a cancel written by another process. */
    void start() {
        cx.scheduler().execute(step(() -> {
            tellStatus();
            lanes.values().forEach(this::pump);
            checkEnd();
        }));
        watchForCancel();
    }

    /** Asked by the user: the job ends canceled once its requests in flight are answered. */
    void cancel() {
        cx.scheduler().execute(step(() -> {
            canceled = true;
            stopping = true;
            checkEnd();
        }));
    }

    /**
     * The service is closing: a job this process runs alone ends canceled (resumable); a shared job goes on in the
     * other processes, which claim what this one held.
     */
    void leave() {
        cx.scheduler().execute(step(() -> {
            leaving = true;
            stopping = true;
            checkEnd();
        }));
    }

    DeletionJobStatus status() {
        Duration left = Duration.ZERO;
        if (!ended) {
            for (ConnectionLane lane : lanes.values()) {
                Duration d = cx.budget().timeFor(lane.connection, progress.open(lane.connection));
                left = d.compareTo(left) > 0 ? d : left;
            }
        }
        Map<ConnectionId, String> stopped = new LinkedHashMap<>();
        lanes.values().stream().filter(l -> l.stopReason != null).forEach(l -> stopped.put(l.connection, l.stopReason));
        return new DeletionJobStatus(
                id,
                ended ? endState() : DeletionJobState.RUNNING,
                job.createdAt(),
                settings.target(),
                settings.selection(),
                progress.counts(),
                stopped,
                left);
    }

    /** Whether the run has ended: answers arriving after it change nothing. */
    boolean ended() {
        return ended;
    }

    /** Whether the run sends nothing more: canceled, leaving, failed or ended. */
    boolean stopping() {
        return stopping;
    }

    /** Another process canceled or ended the job: send nothing more, end once nothing is in flight. */
    void endedElsewhere() {
        canceled = true;
        stopping = true;
    }

    // ---- the lane's loop

    private void pump(ConnectionLane lane) {
        if (ended || stopping || lane.state != ConnectionLane.State.READY) {
            return;
        }
        if (!lane.holdsToken) {
            lane.state = ConnectionLane.State.AWAITING_TOKEN;
            long askedAt = cx.scheduler().nanoTime();
            cx.budget()
                    .take(lane.connection, MAX_TOKEN_WAIT)
                    .whenCompleteAsync(
                            (ok, noToken) -> guarded(() -> tokenAnswered(lane, askedAt, noToken)), cx.scheduler());
            return;
        }
        lane.state = ConnectionLane.State.AWAITING_SLOT;
        slots.acquire(step(() -> withSlot(lane)));
    }

    /** The budget answered the lane: with its token, or with none in time (it tries again in a second). */
    private void tokenAnswered(ConnectionLane lane, long askedAt, @Nullable Throwable noToken) {
        if (!lane.leave(ConnectionLane.State.AWAITING_TOKEN)) {
            return; // stopped meanwhile
        }
        if (noToken != null) {
            waitThenPump(lane, Duration.ofSeconds(1));
            return;
        }
        lane.holdsToken = true;
        Duration waited = Duration.ofNanos(cx.scheduler().nanoTime() - askedAt);
        tally.budgetGranted(waited);
        tell(() -> listener.onBudgetGranted(id, lane.connection, waited));
        pump(lane);
    }

    /** Holding a token and a slot: claim items until one needs a request, or there is none to claim. */
    private void withSlot(ConnectionLane lane) {
        if (!lane.leave(ConnectionLane.State.AWAITING_SLOT)) {
            slots.release(); // stopped meanwhile
            checkEnd();
            return;
        }
        while (!ended && !stopping) {
            HeldItem item = lane.again.pollFirst();
            if (item == null) {
                long askedAt = cx.scheduler().nanoTime();
                JobItemQueue.Next next = store(() -> queue.claim(lane.connection));
                noticeHandovers(lane);
                if (next == null) {
                    break;
                }
                if (next instanceof JobItemQueue.Empty empty) {
                    slots.release();
                    nothingToClaim(lane, empty);
                    return;
                }
                item = new HeldItem((JobItemQueue.Claimed) next, askedAt);
                leases.hold(item);
            }
            if (items.settledWithoutRequest(lane, item)) {
                continue; // the token and the slot serve the next item
            }
            lane.holdsToken = false;
            lane.inFlight++;
            HeldItem working = item;
            CompletionStage<Void> work;
            try {
                work = items.work(lane, item);
            } catch (RuntimeException bug) {
                work = CompletableFuture.failedFuture(bug); // counted in flight: it ends as one that failed
            }
            work.whenCompleteAsync((ok, bug) -> guarded(() -> workEnded(lane, working, bug)), cx.scheduler());
            pump(lane);
            return;
        }
        slots.release();
        checkEnd();
    }

    /** An item's requests are over: its slot serves the next claim, whatever went wrong while it was worked. */
    private void workEnded(ConnectionLane lane, HeldItem item, @Nullable Throwable bug) {
        try {
            if (bug != null && !ended) {
                // A bug must not leave the item held and the job waiting for it: it fails.
                record(
                        lane,
                        item,
                        new DeletionOutcome.Failed(
                                item.item.id(), DeletionOutcome.Failed.Step.DELETING, GuardedPortCalls.unwrap(bug)),
                        Optional.empty(),
                        false);
            }
        } finally {
            lane.inFlight--;
            slots.release();
        }
        lane.leave(ConnectionLane.State.AWAITING_OWN_ITEMS);
        pump(lane);
        checkEnd();
    }

    /** Tells of the lease takeovers and dead letters a shared queue's last claim made. */
    private void noticeHandovers(ConnectionLane lane) {
        long takeovers = queue.takeovers();
        long deadLetters = queue.deadLetters();
        for (long i = takeoversSeen; i < takeovers; i++) {
            tally.takeover();
            tell(() -> listener.onLeaseTakenOver(id, lane.connection));
        }
        int setAside = (int) Math.min(Integer.MAX_VALUE, Math.max(0, deadLetters - deadLettersSeen));
        if (setAside > 0) {
            tally.deadLettered(setAside);
            tell(() -> listener.onDeadLettered(id, lane.connection, setAside));
        }
        takeoversSeen = Math.max(takeoversSeen, takeovers);
        deadLettersSeen = Math.max(deadLettersSeen, deadLetters);
    }

    private void nothingToClaim(ConnectionLane lane, JobItemQueue.Empty empty) {
        if (empty.drained() && lane.inFlight == 0) {
            lane.state = ConnectionLane.State.DRAINED;
        } else if (lane.inFlight > 0) {
            lane.state = ConnectionLane.State.AWAITING_OWN_ITEMS; // goes round when one of its own ends
        } else {
            waitThenPump(lane, empty.askAgainIn().compareTo(CLAIM_POLL) > 0 ? empty.askAgainIn() : CLAIM_POLL);
        }
        checkEnd();
    }

    private void waitThenPump(ConnectionLane lane, Duration delay) {
        lane.state = ConnectionLane.State.WAITING;
        cx.scheduler().schedule(delay, step(() -> {
            lane.leave(ConnectionLane.State.WAITING);
            pump(lane);
            checkEnd();
        }));
    }

    /**
     * Writes an item's outcome: the store writes it only for the item's holder, except the answer to this process's
     * own DELETE, which it keeps where no final outcome exists even after the lease (the holder's own settling then
     * finds it settled). What is not written is dropped: whoever holds the item now settles it.
     */
    void record(
            ConnectionLane lane,
            HeldItem item,
            DeletionOutcome outcome,
            Optional<String> answer,
            boolean afterOwnDelete) {
        Outcome stored = JobOutcomes.stored(
                id, item.item, outcome, answer, item.settle, cx.clock().instant());
        JobItemQueue.Recording recording = store(() ->
                afterOwnDelete ? queue.recordAnswer(item.claim, stored) : queue.recordOutcome(item.claim, stored));
        forget(item);
        if (recording != JobItemQueue.Recording.WRITTEN) {
            return; // settled elsewhere first, or no longer ours: the queue kept what was written before
        }
        progress.move(item.position(), stored.state());
        tally.outcome(stored.state());
        int done = progress.settled();
        tell(() -> listener.onItem(
                new DeletionJobEvent(id, lane.connection, outcome, stored.state(), done, progress.total())));
        tellStatus();
    }

    /** Tells the listener the job's counts and time left, when it listens for them. */
    private void tellStatus() {
        if (hearsStatus) {
            DeletionJobStatus now = status();
            tell(() -> listener.onStatus(now));
        }
    }

    void withdraw(HeldItem item) {
        if (progress.stateOf(item.position()) == JobItemState.IN_FLIGHT) {
            store(() -> {
                queue.withdrawIntent(item.claim);
                return Boolean.TRUE;
            });
            progress.move(item.position(), JobItemState.PENDING);
        }
    }

    void stop(ConnectionLane lane, String reason) {
        if (lane.state == ConnectionLane.State.STOPPED) {
            return;
        }
        lane.state = ConnectionLane.State.STOPPED;
        lane.stopReason = reason;
        lane.again.forEach(this::giveBack);
        lane.again.clear();
        store(() -> {
            cx.store().setStopped(id, lane.connection, Optional.of(reason));
            return Boolean.TRUE;
        });
        tell(() -> listener.onConnectionStopped(id, lane.connection, reason));
    }

    // ---- holding items: leases, renewals, giving back

    void forget(HeldItem item) {
        leases.forget(item);
    }

    void giveBack(HeldItem item) {
        forget(item);
        if (item.held(cx.scheduler().nanoTime())) {
            store(() -> {
                queue.release(item.claim);
                return Boolean.TRUE;
            });
        }
    }

    // ---- the store, the listener, the end

    /** Runs a store call; a failure ends the run (resumable once the store answers again). */
    <T> @Nullable T store(Supplier<T> call) {
        if (storeFailed) {
            return null;
        }
        try {
            return call.get();
        } catch (RuntimeException e) {
            storeFailed(e);
            return null;
        }
    }

    /** The store failed, or lost the job: nothing more is asked of it, and the run fails. */
    void storeFailed(RuntimeException e) {
        storeFailed = true;
        fail(e);
    }

    /** The run sends nothing more and ends {@code INTERRUPTED} (resumable) once nothing is in flight. */
    private void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
        stopping = true;
        checkEnd();
    }

    /**
     * Runs one step of the run on its scheduler. A step that throws is a bug, here or in what the run was given (a
     * budget, a store's queue, a rule of the policy): the run fails as when its store fails, instead of waiting for ever
     * on a step that never finished; its answers in flight are still written.
     */
    private void guarded(Runnable body) {
        try {
            body.run();
        } catch (RuntimeException bug) {
            fail(bug);
        }
    }

    /** {@code body} as a task for the scheduler, {@link #guarded}. */
    private Runnable step(Runnable body) {
        return () -> guarded(body);
    }

    /**
     * An attempt of an item's DELETE ended after {@code took} (told on the port's thread): counted in the run, on the
     * job's scheduler.
     */
    void attemptEnded(int attempt, Duration took) {
        cx.scheduler().execute(step(() -> tally.attemptEnded(attempt, took)));
    }

    /** OFAuth answered 429 to an item's request, asking to wait {@code retryAfter} if it said. */
    void rateLimited(ConnectionLane lane, Optional<Duration> retryAfter) {
        tally.rateLimited(retryAfter);
        tell(() -> listener.onRateLimited(id, lane.connection, retryAfter));
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // A listener never changes the job.
        }
    }

    /** Whether {@code listener}'s class overrides the interface's default {@code method}. */
    static boolean overrides(DeletionJobListener listener, String method, Class<?>... parameters) {
        try {
            return listener.getClass().getMethod(method, parameters).getDeclaringClass() != DeletionJobListener.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("DeletionJobListener declares " + method, e);
        }
    }

    /** Every second: has another process written CANCELED (the command line's {@code jobs cancel})? */
    private void watchForCancel() {
        cx.scheduler().schedule(CANCEL_WATCH, () -> {
            if (ended) {
                return;
            }
            try {
                Optional<DeletionJobState> state = cx.store().state(id);
                if (state.filter(s -> s == DeletionJobState.CANCELED).isPresent()) {
                    canceled = true;
                    stopping = true;
                    checkEnd();
                }
            } catch (RuntimeException ignored) {
                // A store that cannot answer now is asked again in a second; writes report their own failures.
            }
            watchForCancel();
        });
    }

    private void checkEnd() {
        if (ended) {
            return;
        }
        boolean quiet = lanes.values().stream().allMatch(l -> l.inFlight == 0);
        boolean drained = lanes.values().stream().allMatch(ConnectionLane::isDone);
        if (quiet && (drained || stopping)) {
            end();
        }
    }

    private DeletionJobState endState() {
        if (failure != null) {
            return DeletionJobState.INTERRUPTED;
        }
        if (canceled || leaving) {
            return DeletionJobState.CANCELED;
        }
        boolean anyStopped = lanes.values().stream().anyMatch(l -> l.state == ConnectionLane.State.STOPPED);
        return anyStopped ? DeletionJobState.STOPPED : DeletionJobState.COMPLETED;
    }

    private void end() {
        lanes.values().forEach(lane -> {
            lane.again.forEach(this::giveBack);
            lane.again.clear();
        });
        ended = true;
        stopping = true;
        leases.close();
        DeletionJobState state = endState();
        // A shared job goes on in the other processes when this one leaves it, or fails here.
        boolean sharedGoesOn = (leaving || failure != null) && queue.shared();
        if (!storeFailed && !sharedGoesOn) {
            store(() -> {
                cx.store().setState(id, state);
                return Boolean.TRUE;
            });
        }
        if (!storeFailed) {
            keepFigures(state);
        }
        try {
            queue.close();
        } catch (RuntimeException ignored) {
            // Leaving the queue cannot fail the run: held items lapse after their lease.
        }
        if (!storeFailed && queue.shared()) {
            countFromStore();
        }
        onEnd.accept(this);
        DeletionJobStatus last = status();
        tell(() -> listener.onStatus(last)); // told however the run ended: an observer's gauges of the run go
        if (failure != null) {
            finished.completeExceptionally(failure);
        } else {
            finished.complete(last);
        }
    }

    /** Keeps what the run added up to with the job; figures the store cannot take change nothing of the job. */
    private void keepFigures(DeletionJobState state) {
        try {
            cx.store().recordRun(id, tally.ended(cx.clock().instant(), state));
        } catch (RuntimeException ignored) {
            // The outcomes are written; only this run's figures are missing from the job's runs.
        }
    }

    /** A shared run's counts at its end: every process's outcomes, as stored, not only this one's. */
    private void countFromStore() {
        try {
            cx.store().load(id).ifPresent(progress::recount);
        } catch (RuntimeException ignored) {
            // The status then counts what this process saw; the store's own status counts every process.
        }
    }
}
