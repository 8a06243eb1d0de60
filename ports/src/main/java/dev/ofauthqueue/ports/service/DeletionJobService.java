package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.RestoreDeletedCommand;
import dev.ofauthqueue.RestoreOutcome;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.in.DeletionJobsUseCase;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.ScheduleMassMessagePort;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@link DeletionJobsUseCase} over a {@link ScheduledQueuePort} and a {@link DeletionJobStore}. Every job's
 * bookkeeping and every store call runs on one {@link JobScheduler}: by default a thread of its own
 * ({@code ofauth-queue-jobs}); {@link #close()} cancels the jobs running here (a shared job goes on in its other
 * processes), lets their requests in flight settle, and stops that thread. It does not close the store.
 */
public final class DeletionJobService implements DeletionJobsUseCase, AutoCloseable {

    /** How old a plan's snapshot may grow before its connection is listed again: 5 minutes. */
    public static final Duration DEFAULT_MAX_PLAN_AGE = Duration.ofMinutes(5);

    private final ScheduledQueuePort port;
    private final DeletionJobStore store;
    private final DeletionPolicy policy;
    private final Clock clock;
    private final Duration maxPlanAge;
    private final UpstreamSettings target;
    private final int pageSize;
    private final JobScheduler scheduler;
    private final @Nullable AutoCloseable ownScheduler;
    private final JobRun.Context context;
    private final @Nullable ScheduleMassMessagePort creator;
    /** Hears every job run here, besides each job's own listener. */
    private final DeletionJobListener everyJob;
    /** Jobs running here; touched on the scheduler only. */
    private final Map<DeletionJobId, JobRun> running = new HashMap<>();
    /** Set once by {@link #close()}: every call after it fails at once instead of waiting on a stopped thread. */
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Where a job's requests go, written down with the job and compared when it is resumed.
     *
     * @param baseUrl     the client's base URL
     * @param deleteRoute the route deletions take
     * @param rateLimit   the client-side rate limit, in words
     */
    public record UpstreamSettings(String baseUrl, String deleteRoute, String rateLimit) {
        /**
         * Checks that no component is {@code null}.
         *
         * @param baseUrl     the client's base URL
         * @param deleteRoute the route deletions take
         * @param rateLimit   the client-side rate limit, in words
         * @throws NullPointerException when one is
         */
        public UpstreamSettings {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(deleteRoute, "deleteRoute");
            Objects.requireNonNull(rateLimit, "rateLimit");
        }
    }

    private DeletionJobService(Builder b) {
        this.port = b.port;
        this.store = b.store;
        this.policy = b.policy;
        this.clock = b.clock;
        this.maxPlanAge = b.maxPlanAge;
        this.target = b.target;
        this.pageSize = b.pageSize;
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
            this.ownScheduler = null;
        } else {
            JobScheduler.OwnThread own = JobScheduler.ownThread("ofauth-queue-jobs");
            this.scheduler = own;
            this.ownScheduler = own;
        }
        RateBudget budget = b.budget == null ? port.rateBudget() : b.budget;
        this.creator = b.creator;
        this.everyJob = b.everyJob;
        this.context = new JobRun.Context(
                port, store, new MessageDeletion(port, policy, clock), clock, scheduler, budget, pageSize, b.seal);
    }

    /**
     * Starts a service.
     *
     * @param port  reaches OFAuth; its {@link ScheduledQueuePort#rateBudget()} paces the jobs
     * @param store where jobs are kept
     * @return a builder with the standard policy, the system UTC clock, a 5-minute maximum plan age and a thread of its
     *     own
     */
    public static Builder builder(ScheduledQueuePort port, DeletionJobStore store) {
        return new Builder(port, store);
    }

    @Override
    public CompletionStage<DeletionJobId> startDeletionJob(StartDeletionJobCommand command) {
        Objects.requireNonNull(command, "command");
        CompletionStage<List<PlannedItem>> planned = command.plans().isPresent()
                ? CompletableFuture.completedFuture(fromPlans(command.plans().get()))
                : fromListings(command);
        return planned.thenCompose(items -> onScheduler(() -> {
            JobSettings settings = new JobSettings(
                    target.baseUrl(),
                    target.deleteRoute(),
                    target.rateLimit(),
                    policy.describe(),
                    command.selection(),
                    maxPlanAge,
                    command.readBeforeDelete(),
                    command.concurrency()
                            .orElse(Math.max(4, 2 * command.connections().size())));
            Instant createdAt = clock.instant();
            List<PlannedItem> sealed = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                sealed.add(context.seal().seal(createdAt, i, items.get(i)));
            }
            DeletionJobId id = store.create(createdAt, settings, sealed);
            run(id, command.listener());
            return id;
        }));
    }

    /** Lists each connection and keeps what the selection matches. */
    private CompletionStage<List<PlannedItem>> fromListings(StartDeletionJobCommand command) {
        List<CompletableFuture<GuardedPortCalls.Listing>> listings = new ArrayList<>();
        for (ConnectionId c : command.connections()) {
            listings.add(GuardedPortCalls.list(port, c, pageSize).toCompletableFuture());
        }
        return CompletableFuture.allOf(listings.toArray(CompletableFuture[]::new))
                .thenCompose(all -> onScheduler(() -> {
                    Instant now = clock.instant();
                    List<PlannedItem> items = new ArrayList<>();
                    for (int i = 0; i < listings.size(); i++) {
                        ConnectionId c = command.connections().get(i);
                        GuardedPortCalls.Listing listing = listings.get(i).join();
                        for (ScheduledMassMessage m : listing.messages().values()) {
                            if (command.selection().matches(m, now)) {
                                items.add(new PlannedItem(c, m, listing.rawOf(m.id()), now));
                            }
                        }
                    }
                    return items;
                }));
    }

    /** Every message of each plan, to delete first and then the refused, planned when its plan was made. */
    private static List<PlannedItem> fromPlans(List<DeletionPlan> plans) {
        List<PlannedItem> items = new ArrayList<>();
        for (DeletionPlan plan : plans) {
            plan.toDelete()
                    .forEach(m -> items.add(new PlannedItem(plan.connection(), m, Optional.empty(), plan.plannedAt())));
            plan.refused()
                    .forEach(r -> items.add(
                            new PlannedItem(plan.connection(), r.message(), Optional.empty(), plan.plannedAt())));
        }
        return items;
    }

    @Override
    public CompletionStage<DeletionJobId> resumeDeletionJob(DeletionJobId job, DeletionJobListener listener) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(listener, "listener");
        return onScheduler(() -> {
            if (running.containsKey(job)) {
                throw new DeletionJobStoreException(
                        DeletionJobStoreException.Kind.LOCKED,
                        "job " + job + " is already running in this process",
                        null);
            }
            StoredJob stored = load(job);
            checkSettings(stored);
            context.seal().check(stored, store.location()); // before the state changes; run() checks what it loads
            stored.stopped().keySet().forEach(c -> store.setStopped(job, c, Optional.empty()));
            if (stored.state() != DeletionJobState.RUNNING) {
                store.setState(job, DeletionJobState.RUNNING);
            }
            run(job, listener);
            return job;
        });
    }

    /** Opens the job's work queue (an exclusive store takes its lock), loads it, and starts a run on it. */
    private void run(DeletionJobId job, DeletionJobListener own) {
        DeletionJobListener listener = BothJobListeners.of(everyJob, own);
        JobItemQueue queue = store.workQueue(job);
        StoredJob stored;
        try {
            stored = load(job);
            context.seal().check(stored, store.location());
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        JobRun run = new JobRun(context, stored, listener, queue, this::ended);
        running.put(job, run);
        tell(() -> listener.onJobStored(job, stored.items().size()));
        run.start();
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // A listener never changes the job.
        }
    }

    private void checkSettings(StoredJob stored) {
        JobSettings s = stored.settings();
        List<String> differences = new ArrayList<>();
        if (!s.target().equals(target.baseUrl())) {
            differences.add("base URL " + s.target() + " (this client: " + target.baseUrl() + ")");
        }
        if (!s.deleteRoute().equals(target.deleteRoute())) {
            differences.add("delete route " + s.deleteRoute() + " (this client: " + target.deleteRoute() + ")");
        }
        if (!s.rateLimit().equals(target.rateLimit())) {
            differences.add("rate limit " + s.rateLimit() + " (this client: " + target.rateLimit() + ")");
        }
        if (!s.policy().equals(policy.describe())) {
            differences.add("policy [" + s.policy() + "] (this client: [" + policy.describe() + "])");
        }
        if (!differences.isEmpty()) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.SETTINGS_MISMATCH,
                    "job " + stored.id() + " was created with " + String.join(", ", differences)
                            + "; resume it with the settings it was created with",
                    null);
        }
    }

    @Override
    public CompletionStage<DeletionJobStatus> deletionJobStatus(DeletionJobId job) {
        Objects.requireNonNull(job, "job");
        return onScheduler(() -> statusOf(job));
    }

    @Override
    public CompletionStage<List<DeletionJobRun>> deletionJobRuns(DeletionJobId job) {
        Objects.requireNonNull(job, "job");
        return onScheduler(() -> store.runs(job));
    }

    @Override
    public CompletionStage<DeletionJobStatus> awaitDeletionJob(DeletionJobId job) {
        Objects.requireNonNull(job, "job");
        return onScheduler(() -> {
                    JobRun run = running.get(job);
                    return run != null ? run.finished : CompletableFuture.completedFuture(statusOf(job));
                })
                .thenCompose(s -> s);
    }

    @Override
    public CompletionStage<DeletionJobStatus> cancelDeletionJob(DeletionJobId job) {
        Objects.requireNonNull(job, "job");
        return onScheduler(() -> {
                    JobRun run = running.get(job);
                    if (run == null) {
                        // Running elsewhere: that process reads CANCELED within a second, and its next intent is
                        // refused at once. Not running: it stays resumable, as canceled.
                        DeletionJobState state = load(job).state();
                        if (state != DeletionJobState.COMPLETED) {
                            store.setState(job, DeletionJobState.CANCELED);
                        }
                        return CompletableFuture.completedFuture(statusOf(job));
                    }
                    run.cancel();
                    return run.finished;
                })
                .thenCompose(s -> s);
    }

    @Override
    public CompletionStage<List<DeletionJobStatus>> deletionJobs() {
        return onScheduler(() -> {
            List<DeletionJobStatus> all = new ArrayList<>();
            for (DeletionJobId id : store.jobs()) {
                all.add(statusOf(id));
            }
            return all;
        });
    }

    @Override
    public CompletionStage<List<RestoreOutcome>> restoreDeletedMessages(RestoreDeletedCommand command) {
        Objects.requireNonNull(command, "command");
        ScheduleMassMessagePort create = creator;
        if (create == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this deletion job service creates no messages: build it with a creator to restore"));
        }
        return onScheduler(() -> {
                    StoredJob job = load(command.job());
                    context.seal().check(job, store.location()); // what is re-created is what the job planned
                    List<MessageRestore.Deleted> deleted = new ArrayList<>();
                    Set<MassMessageId> deletedIds = new HashSet<>();
                    for (StoredItem i : job.items()) {
                        if (i.state() == JobItemState.DELETED
                                && (command.only().isEmpty()
                                        || command.only().contains(i.item().id()))) {
                            deleted.add(new MessageRestore.Deleted(
                                    i.item().connection(), i.item().snapshot()));
                            deletedIds.add(i.item().id());
                        }
                    }
                    List<MassMessageId> notDeleted = command.only().stream()
                            .filter(id -> !deletedIds.contains(id))
                            .sorted()
                            .toList();
                    if (!notDeleted.isEmpty()) {
                        throw new IllegalArgumentException("job " + command.job() + " did not delete message(s) "
                                + notDeleted.stream()
                                        .map(MassMessageId::toString)
                                        .collect(Collectors.joining(","))
                                + ": only what it deleted can be restored");
                    }
                    return new MessageRestore(
                                    port,
                                    create,
                                    store.restores(command.job()),
                                    clock,
                                    pageSize,
                                    this::onStoreThread,
                                    command)
                            .run(deleted);
                })
                .thenCompose(outcomes -> outcomes);
    }

    /** Runs {@code task} on the service's own thread, where store calls go. */
    private void onStoreThread(Runnable task) {
        if (!scheduler.tryExecute(task)) {
            throw new RejectedExecutionException("the deletion job service is closed");
        }
    }

    @Override
    public CompletionStage<List<ArchivedDeletion>> deletedMessages(ArchiveQuery query) {
        Objects.requireNonNull(query, "query");
        return onScheduler(() -> {
            List<ArchivedDeletion> found = store.archive(query);
            context.seal().checkArchive(found, this::load, store.location());
            return found;
        });
    }

    /**
     * Ends the jobs running here (a job this process runs alone ends canceled and resumable; a shared job goes on in
     * its other processes), waits up to 10 seconds for their requests in flight to settle, and stops the service's own
     * thread. Closing again does nothing; any other call after closing fails at once with an
     * {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<CompletableFuture<DeletionJobStatus>> ending = new ArrayList<>();
        try {
            runOnScheduler(() -> {
                        running.values().forEach(run -> {
                            run.leave();
                            ending.add(run.finished);
                        });
                        return null;
                    })
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .handle((ok, failure) -> null)
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Closing goes on: a job still in flight is INTERRUPTED in the store and can be resumed.
        } finally {
            if (ownScheduler != null) {
                try {
                    ownScheduler.close();
                } catch (Exception ignored) {
                    // Nothing more runs on it either way.
                }
            }
        }
    }

    private void ended(JobRun run) {
        running.remove(run.id);
    }

    private StoredJob load(DeletionJobId job) {
        return store.load(job)
                .orElseThrow(() -> new DeletionJobStoreException(
                        DeletionJobStoreException.Kind.NO_SUCH_JOB, "no job " + job + " in " + store.location(), null));
    }

    private DeletionJobStatus statusOf(DeletionJobId job) {
        JobRun run = running.get(job);
        if (run != null) {
            return run.status();
        }
        return JobProgress.statusOfStored(load(job), store.isRunning(job));
    }

    private <T> CompletionStage<T> onScheduler(Supplier<T> work) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(closedService(null));
        }
        return runOnScheduler(work);
    }

    /** What every call on a closed service fails with: closed here, or its scheduler refusing work. */
    private static IllegalStateException closedService(@Nullable Throwable cause) {
        return new IllegalStateException("the deletion job service is closed", cause);
    }

    private <T> CompletionStage<T> runOnScheduler(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            if (!scheduler.tryExecute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            })) {
                result.completeExceptionally(closedService(null)); // shut down since this call checked the flag
            }
        } catch (RuntimeException rejected) {
            result.completeExceptionally(closedService(rejected));
        }
        return result;
    }

    /** Configures a {@link DeletionJobService}. */
    public static final class Builder {
        private final ScheduledQueuePort port;
        private final DeletionJobStore store;
        private DeletionPolicy policy = DeletionPolicy.standard();
        private Clock clock = Clock.systemUTC();
        private Duration maxPlanAge = DEFAULT_MAX_PLAN_AGE;
        private UpstreamSettings target = new UpstreamSettings("unknown", "scheduled", "unknown");
        private int pageSize = ScheduledQueuePort.MAX_PAGE_SIZE;
        private @Nullable RateBudget budget;
        private @Nullable JobScheduler scheduler;
        private JobSeal seal = JobSeal.NONE;
        private @Nullable ScheduleMassMessagePort creator;
        private DeletionJobListener everyJob = DeletionJobListener.NONE;

        private Builder(ScheduledQueuePort port, DeletionJobStore store) {
            this.port = Objects.requireNonNull(port, "port");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * The policy every deletion must pass; default {@link DeletionPolicy#standard()}. Written down with each job:
         * a job resumes only under the same policy.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder policy(DeletionPolicy value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /**
         * Where now comes from; default the system UTC clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How old a plan's snapshot may grow before its connection is listed again (the refresh keeps only planned
         * messages still selected and allowed, and never adds any); default 5 minutes.
         *
         * @param value positive
         * @return this builder
         */
        public Builder maxPlanAge(Duration value) {
            this.maxPlanAge = JobSettings.checkedMaxPlanAge(value);
            return this;
        }

        /**
         * Where the jobs' requests go, written down with each job and compared when one is resumed.
         *
         * @param value the target
         * @return this builder
         */
        public Builder target(UpstreamSettings value) {
            this.target = Objects.requireNonNull(value, "target");
            return this;
        }

        /**
         * The budget that paces the jobs; default the port's own {@link ScheduledQueuePort#rateBudget()}.
         *
         * @param value the budget
         * @return this builder
         */
        public Builder budget(RateBudget value) {
            this.budget = Objects.requireNonNull(value, "budget");
            return this;
        }

        /**
         * Where the jobs' work runs and how they tell time; default a thread of the service's own, stopped by {@link
         * DeletionJobService#close()}. A scheduler given here is not stopped by the service.
         *
         * @param value the scheduler
         * @return this builder
         */
        public Builder scheduler(JobScheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /**
         * Items asked for per page when planning; default 20.
         *
         * @param value 1 to 20
         * @return this builder
         */
        public Builder pageSize(int value) {
            if (value < 1 || value > ScheduledQueuePort.MAX_PAGE_SIZE) {
                throw new IllegalArgumentException(
                        "pageSize must be 1 to " + ScheduledQueuePort.MAX_PAGE_SIZE + ", was " + value);
            }
            this.pageSize = value;
            return this;
        }

        /**
         * How the jobs' plans are sealed in the store and checked before each run; default {@link JobSeal#NONE}. The
         * library passes {@link JobSeal#derivedFrom} its API key: a job whose stored plan was changed outside
         * ofauth-queue is then refused before any request.
         *
         * @param value the seal
         * @return this builder
         */
        public Builder seal(JobSeal value) {
            this.seal = Objects.requireNonNull(value, "seal");
            return this;
        }

        /**
         * How deleted messages are re-created ({@link #restoreDeletedMessages}); none by default, and restoring then
         * fails with an {@link IllegalStateException}. The library passes its client.
         *
         * @param value the port that creates mass messages
         * @return this builder
         */
        public Builder creator(ScheduleMassMessagePort value) {
            this.creator = Objects.requireNonNull(value, "creator");
            return this;
        }

        /**
         * Hears every job the service runs, besides the job's own listener (default none): for metrics of every job
         * (the library passes its {@code Observability}'s).
         *
         * @param value the listener
         * @return this builder
         */
        public Builder everyJobListener(DeletionJobListener value) {
            this.everyJob = Objects.requireNonNull(value, "everyJobListener");
            return this;
        }

        /**
         * Builds the service and starts its thread, unless given a scheduler.
         *
         * @return the service; close it when done
         */
        public DeletionJobService build() {
            return new DeletionJobService(this);
        }
    }
}
