package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionOutcome.Failed.Step;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MassMessageReceipt;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.ports.in.DeleteScheduledMassMessageUseCase;
import dev.ofauthqueue.ports.in.DeletionProgressListener;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanUseCase;
import dev.ofauthqueue.ports.in.GetScheduledMassMessageUseCase;
import dev.ofauthqueue.ports.in.ListScheduledQueueUseCase;
import dev.ofauthqueue.ports.in.MessageRef;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import dev.ofauthqueue.ports.in.PlanDeletionUseCase;
import dev.ofauthqueue.ports.in.RescheduleMassMessageCommand;
import dev.ofauthqueue.ports.in.RescheduleMassMessageUseCase;
import dev.ofauthqueue.ports.in.ScheduleMassMessageCommand;
import dev.ofauthqueue.ports.in.ScheduleMassMessageUseCase;
import dev.ofauthqueue.ports.out.AttemptListener;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.ScheduleMassMessagePort;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's use cases over the ports that reach OFAuth. Immutable and thread-safe; one instance serves many
 * connections. Build it with {@link #builder(ScheduledQueuePort)} from one object implementing both ports (the
 * Vert.x adapter, the test kit's in-memory port), or with {@link #builder(ScheduledQueuePort, ScheduleMassMessagePort)}.
 */
public final class ScheduledQueueService
        implements ListScheduledQueueUseCase,
                GetScheduledMassMessageUseCase,
                DeleteScheduledMassMessageUseCase,
                PlanDeletionUseCase,
                ExecuteDeletionPlanUseCase,
                ScheduleMassMessageUseCase,
                RescheduleMassMessageUseCase {

    /** Plans run this many deletions at once unless told otherwise. */
    public static final int DEFAULT_CONCURRENCY = 4;

    /**
     * A queue longer than this many pages is treated as an API that never ends its paging (10,000 messages at 20 a
     * page): listing fails instead of looping forever.
     */
    static final int MAX_PAGES = GuardedPortCalls.MAX_PAGES;

    private final ScheduledQueuePort port;
    private final ScheduleMassMessagePort schedulePort;
    private final DeletionPolicy policy;
    private final Clock clock;
    private final int concurrency;
    private final int pageSize;
    private final Duration maxPlanAge;
    private final Optional<JobScheduler> scheduler;
    private final DeletionJobListener everyJob;
    private final MessageDeletion deletion;

    private ScheduledQueueService(Builder builder) {
        this.port = builder.port;
        this.schedulePort = builder.schedulePort;
        this.policy = builder.policy;
        this.clock = builder.clock;
        this.concurrency = builder.concurrency;
        this.pageSize = builder.pageSize;
        this.maxPlanAge = builder.maxPlanAge;
        this.scheduler = builder.scheduler;
        this.everyJob = builder.everyJob;
        this.deletion = new MessageDeletion(port, policy, clock);
    }

    /**
     * Starts a service over one object that reaches OFAuth for both reading and deleting, and for scheduling.
     *
     * @param port for example a {@code VertxOfAuthClient}
     * @param <P>  a type implementing both ports
     * @return a builder with the standard policy, the system UTC clock, and {@value #DEFAULT_CONCURRENCY} deletions at
     *     once
     */
    public static <P extends ScheduledQueuePort & ScheduleMassMessagePort> Builder builder(P port) {
        return new Builder(port, port);
    }

    /**
     * Starts a service over two ports.
     *
     * @param queuePort    reads and deletes
     * @param schedulePort creates and changes messages
     * @return a builder with the standard policy, the system UTC clock, and {@value #DEFAULT_CONCURRENCY} deletions at
     *     once
     */
    public static Builder builder(ScheduledQueuePort queuePort, ScheduleMassMessagePort schedulePort) {
        return new Builder(queuePort, schedulePort);
    }

    /**
     * The policy every deletion must pass.
     *
     * @return the policy given to the builder
     */
    public DeletionPolicy policy() {
        return policy;
    }

    @Override
    public CompletionStage<ScheduledQueue> listScheduledQueue(ConnectionId connection) {
        Objects.requireNonNull(connection, "connection");
        return GuardedPortCalls.list(port, connection, pageSize)
                .thenApply(listing ->
                        ScheduledQueue.of(connection, listing.messages().values()));
    }

    @Override
    public CompletionStage<Optional<ScheduledMassMessage>> getScheduledMassMessage(MessageRef query) {
        Objects.requireNonNull(query, "query");
        return GuardedPortCalls.call(() -> port.fetchMassMessage(query.connection(), query.id()));
    }

    @Override
    public CompletionStage<DeletionOutcome> deleteScheduledMassMessage(MessageRef message) {
        return deleteScheduledMassMessage(message, AttemptListener.NONE);
    }

    /**
     * Deletes one message if the policy allows it now, telling {@code attempts} of each attempt of its DELETE as it
     * ends (none when no DELETE was sent: refused, or already gone when read).
     *
     * @param message  which message
     * @param attempts told of each attempt of the DELETE
     * @return how it ended
     */
    public CompletionStage<DeletionOutcome> deleteScheduledMassMessage(MessageRef message, AttemptListener attempts) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(attempts, "attempts");
        MassMessageId id = message.id();
        MessageDeletion.Sending sending = new MessageDeletion.Sending() {
            @Override
            public JobItemQueue.Intent admit(ScheduledMassMessage decidedOn) {
                return JobItemQueue.Intent.RECORDED; // a single delete keeps no journal
            }

            @Override
            public CompletionStage<DeleteRequestOutcome> send() {
                return port.deleteScheduledMassMessage(message.connection(), id, attempts);
            }

            @Override
            public boolean mayRead() {
                return true;
            }
        };
        return deletion.run(message.connection(), id, new MessageDeletion.Read(), sending, Runnable::run)
                .thenApply(result -> result instanceof MessageDeletion.Done done
                        ? done.outcome()
                        : new DeletionOutcome.Failed(
                                id,
                                Step.DELETING,
                                new IllegalStateException(
                                        "the DELETE was not sent: " + ((MessageDeletion.NotSent) result).why())));
    }

    @Override
    public CompletionStage<DeletionPlan> planDeletion(PlanDeletionCommand command) {
        Objects.requireNonNull(command, "command");
        return listScheduledQueue(command.connection())
                .thenApply(queue -> DeletionPlan.of(queue, command.selector(), policy, clock.instant()));
    }

    /**
     * Executes a plan as a deletion job of its own, on a store in memory that lives as long as the run: one DELETE per
     * message it says to delete, each decided again by the policy just before it is sent; the messages it refused are
     * reported as refused without a request.
     */
    @Override
    public CompletionStage<DeletionReport> executeDeletionPlan(ExecuteDeletionPlanCommand command) {
        Objects.requireNonNull(command, "command");
        DeletionPlan plan = command.plan();
        int total = plan.size();
        AtomicInteger done = new AtomicInteger();
        DeletionProgressListener progress = command.listener();
        Map<MassMessageId, DeletionOutcome> outcomes = new ConcurrentHashMap<>();
        Map<ConnectionId, String> stopped = new ConcurrentHashMap<>();
        DeletionJobListener events = new DeletionJobListener() {
            @Override
            public void onItem(DeletionJobEvent event) {
                outcomes.put(event.outcome().id(), event.outcome());
                tell(progress, event.outcome(), done.incrementAndGet(), total);
            }

            @Override
            public void onConnectionStopped(DeletionJobId job, ConnectionId connection, String reason) {
                stopped.put(connection, reason);
            }
        };
        DeletionJobService jobs = DeletionJobService.builder(port, new InMemoryDeletionJobStore("plan execution"))
                .policy(policy)
                .clock(clock)
                .maxPlanAge(maxPlanAge)
                .pageSize(pageSize)
                .scheduler(scheduler.orElseGet(() -> JobScheduler.serialOn(ForkJoinPool.commonPool())))
                .target(new DeletionJobService.UpstreamSettings("plan execution", "scheduled", "the port's budget"))
                .everyJobListener(everyJob)
                .build();
        StartDeletionJobCommand job = StartDeletionJobCommand.fromPlans(
                        List.of(new DeletionPlan(plan.connection(), plan.plannedAt(), plan.toDelete(), List.of())),
                        Selection.all())
                .withConcurrency(concurrency)
                .withListener(events);
        if (command.readBeforeDelete()) {
            job = job.readingBeforeDelete();
        }
        return jobs.startDeletionJob(job).thenCompose(jobs::awaitDeletionJob).handle((status, failure) -> {
            List<DeletionOutcome> report = new ArrayList<>();
            for (ScheduledMassMessage m : plan.toDelete()) {
                DeletionOutcome outcome = outcomes.get(m.id());
                if (outcome == null) {
                    // Never settled: its connection stopped on a 401 or 403, or the run failed.
                    String reason = stopped.get(plan.connection());
                    Throwable cause = reason != null
                            ? new IllegalStateException("the connection stopped: " + reason)
                            : failure != null
                                    ? GuardedPortCalls.unwrap(failure)
                                    : new IllegalStateException("message " + m.id() + " was not attempted");
                    outcome = new DeletionOutcome.Failed(m.id(), Step.DELETING, cause);
                    tell(progress, outcome, done.incrementAndGet(), total);
                }
                report.add(outcome);
            }
            for (DeletionPlan.RefusedItem refused : plan.refused()) {
                DeletionOutcome outcome =
                        MessageDeletion.outcomeOf(refused.message().id(), refused.decision());
                tell(progress, outcome, done.incrementAndGet(), total);
                report.add(outcome);
            }
            return new DeletionReport(report);
        });
    }

    private static void tell(DeletionProgressListener listener, DeletionOutcome outcome, int done, int total) {
        try {
            listener.onOutcome(outcome, done, total);
        } catch (RuntimeException ignored) {
            // A listener never changes the run.
        }
    }

    @Override
    public CompletionStage<MassMessageReceipt> scheduleMassMessage(ScheduleMassMessageCommand command) {
        Objects.requireNonNull(command, "command");
        Optional<IllegalArgumentException> tooLate = notInTheFuture(command.draft());
        return tooLate.isPresent()
                ? CompletableFuture.failedFuture(tooLate.get())
                : GuardedPortCalls.call(() -> schedulePort.scheduleMassMessage(command.connection(), command.draft()));
    }

    @Override
    public CompletionStage<MassMessageReceipt> rescheduleMassMessage(RescheduleMassMessageCommand command) {
        Objects.requireNonNull(command, "command");
        Optional<IllegalArgumentException> tooLate = notInTheFuture(command.draft());
        return tooLate.isPresent()
                ? CompletableFuture.failedFuture(tooLate.get())
                : GuardedPortCalls.call(
                        () -> schedulePort.rescheduleMassMessage(command.connection(), command.id(), command.draft()));
    }

    /** A send time at or before now would be sent at once, or refused by OFAuth: say so before any request. */
    private Optional<IllegalArgumentException> notInTheFuture(MassMessageDraft draft) {
        Instant now = clock.instant();
        return draft.sendAt()
                .filter(at -> !at.isAfter(now))
                .map(at -> new IllegalArgumentException("sendAt must be after now (" + now + "), was " + at));
    }

    /** Configures a {@link ScheduledQueueService}. */
    public static final class Builder {
        private final ScheduledQueuePort port;
        private final ScheduleMassMessagePort schedulePort;
        private DeletionPolicy policy = DeletionPolicy.standard();
        private Clock clock = Clock.systemUTC();
        private int concurrency = DEFAULT_CONCURRENCY;
        private int pageSize = ScheduledQueuePort.MAX_PAGE_SIZE;
        private Duration maxPlanAge = DeletionJobService.DEFAULT_MAX_PLAN_AGE;
        private Optional<JobScheduler> scheduler = Optional.empty();
        private DeletionJobListener everyJob = DeletionJobListener.NONE;

        private Builder(ScheduledQueuePort port, ScheduleMassMessagePort schedulePort) {
            this.port = Objects.requireNonNull(port, "queuePort");
            this.schedulePort = Objects.requireNonNull(schedulePort, "schedulePort");
        }

        /**
         * The policy deletions must pass; default {@link DeletionPolicy#standard()}.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder policy(DeletionPolicy value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /**
         * Where "now" comes from; default the system UTC clock. Tests and the fake server inject their own.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How many deletions a plan runs at once; default {@value #DEFAULT_CONCURRENCY}.
         *
         * @param value 1 to 64
         * @return this builder
         */
        public Builder concurrency(int value) {
            if (value < 1 || value > 64) {
                throw new IllegalArgumentException("concurrency must be 1 to 64, was " + value);
            }
            this.concurrency = value;
            return this;
        }

        /**
         * Items asked for per page when listing; default 20.
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
         * How old a plan may grow while it is executed before the connection is listed again; the refresh keeps only
         * planned messages still there and allowed, and never adds any. Default 5 minutes.
         *
         * @param value positive
         * @return this builder
         */
        public Builder maxPlanAge(Duration value) {
            this.maxPlanAge = JobSettings.checkedMaxPlanAge(value);
            return this;
        }

        /**
         * Where plan executions run and how they tell time; default a fresh serial scheduler on the common pool per
         * execution.
         *
         * @param value the scheduler
         * @return this builder
         */
        public Builder scheduler(JobScheduler value) {
            this.scheduler = Optional.of(Objects.requireNonNull(value, "scheduler"));
            return this;
        }

        /**
         * Hears every plan execution, each a deletion job of its own, besides the execution's progress listener
         * (default none): for metrics of every executed item (the library passes its {@code Observability}'s).
         *
         * @param value the listener
         * @return this builder
         */
        public Builder everyJobListener(DeletionJobListener value) {
            this.everyJob = Objects.requireNonNull(value, "everyJobListener");
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service
         */
        public ScheduledQueueService build() {
            return new ScheduledQueueService(this);
        }
    }
}
