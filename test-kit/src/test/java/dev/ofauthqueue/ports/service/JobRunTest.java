package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionRule;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import dev.ofauthqueue.ports.out.SendPermit;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A job's run on virtual time: everything runs on the test's thread when the test moves time on, so what happens at
 * which instant is exact (the watch for a cancel written elsewhere, the wait for items other processes hold).
 */
class JobRunTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId A = ConnectionId.of("conn_a");
    static final Duration LEASE = Duration.ofSeconds(5);

    final MutableClock clock = new MutableClock(NOW);
    final VirtualScheduler time = new VirtualScheduler(clock);
    final InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(clock);

    DeletionJobService service(DeletionJobStore store, RateBudget budget) {
        return onVirtualTime(new DelegatingPort(port), store, budget).build();
    }

    /** A service's builder on this test's clock and virtual time. */
    DeletionJobService.Builder onVirtualTime(ScheduledQueuePort to, DeletionJobStore store, RateBudget budget) {
        return DeletionJobService.builder(to, store)
                .clock(clock)
                .target(DeletionJobServiceTest.TARGET)
                .budget(budget)
                .scheduler(time);
    }

    /** Runs what is due now, and returns the stage's value: it must be complete by then. */
    <T> T now(CompletionStage<T> stage) {
        return time.valueAfter(Duration.ZERO, stage);
    }

    /**
     * Messages 1 and 2 of connection A in a running shared job, message 1 claimed by another process that then stopped,
     * and 1 s gone since: its lease ends 4 s from now.
     */
    DeletionJobId sharedJobWithMessage1HeldByAStoppedProcess(InMemoryDeletionJobStore store) {
        port.put(A, message(1), message(2));
        DeletionJobId id = plannedAtNow(store, 1, 2);
        store.setState(id, DeletionJobState.RUNNING);
        JobItemQueue stopped = store.workQueue(id);
        assertThat(((JobItemQueue.Claimed) stopped.claim(A)).item().id()).isEqualTo(MassMessageId.of(1));
        time.runFor(Duration.ofSeconds(1));
        return id;
    }

    static ScheduledMassMessage message(long id) {
        return DeletionJobServiceTest.message(id);
    }

    /** A budget that grants no token ever: the run holds nothing in flight. */
    static final RateBudget NO_TOKENS = new RateBudget() {
        @Override
        public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
            return new CompletableFuture<>();
        }

        @Override
        public Duration timeFor(ConnectionId connection, int requests) {
            return Duration.ofHours(1);
        }
    };

    /**
     * What the job's listener hears besides items, on virtual time: each token and how long the lane waited for it, each
     * 429 with the wait OFAuth asked for, each listing with its pages, and the status at the start, after each item and
     * at the end.
     */
    @Test
    void theListenerHearsTheBudgetsWaitsThe429sTheListingsAndTheStatus() {
        port.put(A, message(1), message(2), message(3));
        Duration perToken = Duration.ofSeconds(2);
        RateBudget twoSecondsPerToken = new RateBudget() {
            @Override
            public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
                CompletableFuture<Void> granted = new CompletableFuture<>();
                time.schedule(perToken, () -> granted.complete(null));
                return granted;
            }

            @Override
            public Duration timeFor(ConnectionId connection, int requests) {
                return perToken.multipliedBy(requests);
            }
        };
        AtomicBoolean limitedOnce = new AtomicBoolean();
        DelegatingPort limitingTwoOnce = new DelegatingPort(port) {
            @Override
            public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                    ConnectionId c, MassMessageId id, SendPermit permit) {
                if (id.value() == 2 && limitedOnce.compareAndSet(false, true)) {
                    return CompletableFuture.failedFuture(new OfAuthException.RateLimited(
                            "429", 429, "RATE_LIMIT_EXCEEDED", null, Duration.ofSeconds(5)));
                }
                return super.deleteIfStillScheduled(c, id, permit);
            }
        };
        DeletionJobService jobs = onVirtualTime(limitingTwoOnce, new InMemoryDeletionJobStore(), twoSecondsPerToken)
                .maxPlanAge(Duration.ofSeconds(1)) // older than a token's wait: every item lists first
                .pageSize(2)
                .build();
        List<Duration> waits = new ArrayList<>();
        List<Optional<Duration>> rateLimited = new ArrayList<>();
        List<Integer> listings = new ArrayList<>();
        List<DeletionJobStatus> statuses = new ArrayList<>();
        DeletionJobListener listener = new DeletionJobListener() {
            @Override
            public void onItem(dev.ofauthqueue.DeletionJobEvent event) {}

            @Override
            public void onBudgetGranted(DeletionJobId job, ConnectionId connection, Duration waited) {
                waits.add(waited);
            }

            @Override
            public void onRateLimited(DeletionJobId job, ConnectionId connection, Optional<Duration> retryAfter) {
                rateLimited.add(retryAfter);
            }

            @Override
            public void onListed(DeletionJobId job, ConnectionId connection, int pages) {
                listings.add(pages);
            }

            @Override
            public void onStatus(DeletionJobStatus status) {
                statuses.add(status);
            }
        };

        Instant startedAt = clock.instant();
        DeletionJobId id = now(jobs.startDeletionJob(
                StartDeletionJobCommand.of(List.of(A), Selection.all()).withListener(listener)));
        DeletionJobStatus done = time.valueAfter(Duration.ofMinutes(1), jobs.awaitDeletionJob(id));

        assertThat(done.count(JobItemState.DELETED)).isEqualTo(3);
        assertThat(waits)
                .as("a token for each of the 3 items, one more for the item the 429 put back in line, each 2 s away")
                .hasSizeGreaterThanOrEqualTo(4)
                .containsOnly(perToken);
        assertThat(rateLimited).containsExactly(Optional.of(Duration.ofSeconds(5)));
        assertThat(listings)
                .as("3 messages at 2 a page, then fewer as they go")
                .startsWith(2)
                .containsOnly(2, 1);
        assertThat(statuses.get(0).state()).isEqualTo(DeletionJobState.RUNNING);
        assertThat(statuses.get(0).count(JobItemState.PENDING)).isEqualTo(3);
        assertThat(statuses.get(0).estimatedTimeLeft()).isEqualTo(perToken.multipliedBy(3));
        assertThat(statuses).last().isEqualTo(done);
        assertThat(statuses).as("the start, each of the 3 outcomes, the end").hasSize(5);
        assertThat(statuses.get(3).count(JobItemState.DELETED)).isEqualTo(3);

        assertThat(now(jobs.deletionJobRuns(id)))
                .as("the run's figures, kept with the job: what the listener heard, added up")
                .singleElement()
                .satisfies(run -> {
                    assertThat(run.state()).isEqualTo(DeletionJobState.COMPLETED);
                    assertThat(run.settled()).isEqualTo(3);
                    assertThat(run.tokens()).isEqualTo(waits.size());
                    assertThat(run.budgetWait()).isEqualTo(perToken.multipliedBy(waits.size()));
                    assertThat(run.rateLimited()).isEqualTo(1);
                    assertThat(run.retryAfter()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(run.listPages())
                            .isEqualTo(listings.stream()
                                    .mapToInt(Integer::intValue)
                                    .sum());
                    assertThat(run.startedAt()).isEqualTo(startedAt);
                    assertThat(run.duration()).isGreaterThanOrEqualTo(perToken.multipliedBy(waits.size()));
                    assertThat(run.endedAt()).isBeforeOrEqualTo(clock.instant());
                });
    }

    /**
     * The port tells each item's permit how each attempt of its DELETE went: the run keeps their count, the retries
     * among them and their p50 and p99, and its requests per message.
     */
    @Test
    void theRunKeepsTheAttemptsItsPermitsHeardTheirRetriesAndTheirDurations() {
        port.put(A, message(1), message(2), message(3));
        DelegatingPort retryingUpToTheId = new DelegatingPort(port) {
            @Override
            public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                    ConnectionId c, MassMessageId id, SendPermit permit) {
                // Message n takes n attempts, attempt a lasting a tenths of a second: the last one is answered.
                int n = (int) id.value();
                for (int a = 1; a < n; a++) {
                    permit.attemptEnded(a, Duration.ofMillis(100L * a));
                }
                return super.deleteIfStillScheduled(c, id, new SendPermit() {
                    @Override
                    public CompletionStage<Duration> attemptLimit(Duration wanted) {
                        return permit.attemptLimit(wanted);
                    }

                    @Override
                    public void attemptEnded(int attempt, Duration took) {
                        permit.attemptEnded(n, Duration.ofMillis(100L * n));
                    }
                });
            }
        };
        DeletionJobService jobs = onVirtualTime(
                        retryingUpToTheId, new InMemoryDeletionJobStore(), RateBudget.unlimited())
                .build();

        DeletionJobId id = now(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())));
        time.valueAfter(Duration.ofMinutes(1), jobs.awaitDeletionJob(id));

        DeletionJobRun run = now(jobs.deletionJobRuns(id)).get(0);
        assertThat(run.attempts()).as("1 + 2 + 3").isEqualTo(6);
        assertThat(run.retries()).as("0 + 1 + 2").isEqualTo(3);
        assertThat(run.attemptP50()).as("of 100, 100, 100, 200, 200, 300 ms").isEqualTo(Duration.ofMillis(100));
        assertThat(run.attemptP99()).isEqualTo(Duration.ofMillis(300));
        assertThat(run.requestsPerMessage())
                .as("6 attempts and %d list pages for 3 messages", run.listPages())
                .isEqualTo(Math.round(100.0 * (6 + run.listPages()) / 3) / 100.0);
    }

    /** The figures are kept after the outcomes: a store that cannot take them changes nothing of the job. */
    @Test
    void aStoreThatCannotKeepTheRunsFiguresLeavesTheJobCompleted() {
        port.put(A, message(1));
        InMemoryDeletionJobStore memory = new InMemoryDeletionJobStore();
        DeletionJobStore refusingRuns = (DeletionJobStore) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DeletionJobStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("recordRun")) {
                        throw new DeletionJobStoreException(DeletionJobStoreException.Kind.IO, "disk full", null);
                    }
                    return invoke(memory, method, args);
                });
        DeletionJobService jobs = service(refusingRuns, RateBudget.unlimited());

        DeletionJobId id = now(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())));
        DeletionJobStatus done = time.valueAfter(Duration.ofMinutes(1), jobs.awaitDeletionJob(id));

        assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
        assertThat(done.count(JobItemState.DELETED)).isEqualTo(1);
        assertThat(memory.state(id)).contains(DeletionJobState.COMPLETED);
        assertThat(memory.runs(id)).isEmpty();
    }

    /** The watch reads the job's state every second from the run's start: the first reading after the cancel ends it. */
    @ParameterizedTest(name = "canceled {0} ms after the start")
    @ValueSource(longs = {500, 10_000, 10_999})
    void aCancelWrittenByAnotherProcessEndsTheRunAtTheWatchAfterIt(long canceledAtMillis) {
        port.put(A, message(1), message(2));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        DeletionJobService jobs = service(store, NO_TOKENS);
        DeletionJobId id = now(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())));
        CompletableFuture<DeletionJobStatus> finished =
                jobs.awaitDeletionJob(id).toCompletableFuture();
        time.runFor(Duration.ofMillis(canceledAtMillis));
        assertThat(finished).isNotDone();

        store.setState(id, DeletionJobState.CANCELED); // the command line's `jobs cancel`, in another process
        long untilNextWatch = 1000 - canceledAtMillis % 1000;
        time.runFor(Duration.ofMillis(untilNextWatch - 1));
        assertThat(finished).as("the watch has not read the state since").isNotDone();
        time.runFor(Duration.ofMillis(1));

        assertThat(finished).isCompleted();
        assertThat(finished.join().state()).isEqualTo(DeletionJobState.CANCELED);
        assertThat(finished.join().count(JobItemState.PENDING)).isEqualTo(2);
        assertThat(now(jobs.deletionJobStatus(id)).state()).isEqualTo(DeletionJobState.CANCELED);
        assertThat(port.deleteRequests()).isEmpty();
        assertThat(now(jobs.deletionJobRuns(id))).singleElement().satisfies(run -> {
            assertThat(run.state()).isEqualTo(DeletionJobState.CANCELED);
            assertThat(run.settled()).isZero();
            assertThat(run.duration()).isEqualTo(Duration.ofMillis(canceledAtMillis + untilNextWatch));
        });
    }

    @Test
    void aLaneWhoseLastItemAnotherProcessHoldsClaimsItOnceItsLeaseRunsOutAndSettlesItByReading() {
        InMemoryDeletionJobStore store = InMemoryDeletionJobStore.shared("shared", clock, LEASE, 5);
        DeletionJobId id = sharedJobWithMessage1HeldByAStoppedProcess(store);
        DeletionJobService jobs = service(store, RateBudget.unlimited());
        List<ConnectionId> takenOver = new ArrayList<>();
        DeletionJobListener listener = new DeletionJobListener() {
            @Override
            public void onItem(dev.ofauthqueue.DeletionJobEvent event) {}

            @Override
            public void onLeaseTakenOver(DeletionJobId job, ConnectionId connection) {
                takenOver.add(connection);
            }
        };

        now(jobs.resumeDeletionJob(id, listener));
        CompletableFuture<DeletionJobStatus> finished =
                jobs.awaitDeletionJob(id).toCompletableFuture();
        time.runFor(Duration.ofMillis(100));
        assertThat(port.deleteRequests()).as("its own item at once").containsExactly(MassMessageId.of(2));
        assertThat(takenOver).isEmpty();
        time.runFor(Duration.ofMillis(3800));
        assertThat(finished)
                .as("1 s before the lease ends, the item is still the other's")
                .isNotDone();
        assertThat(port.readRequests()).isEmpty();

        time.runFor(Duration.ofMillis(300));

        assertThat(finished).isCompleted();
        assertThat(port.readRequests())
                .as("taken over: read first, since its holder may have sent its DELETE")
                .containsExactly(MassMessageId.of(1));
        assertThat(finished.join().count(JobItemState.DELETED)).isEqualTo(2);
        assertThat(finished.join().state()).isEqualTo(DeletionJobState.COMPLETED);
        assertThat(takenOver).containsExactly(A);
        assertThat(now(jobs.deletionJobRuns(id))).singleElement().satisfies(run -> {
            assertThat(run.takeovers()).isEqualTo(1);
            assertThat(run.deadLetters()).isZero();
        });
    }

    /** An item handed out more often than allowed is set aside, not sent: the listener and the run's figures say so. */
    @Test
    void anItemHandedOutTooOftenIsSetAsideAsADeadLetterAndTold() {
        InMemoryDeletionJobStore store = InMemoryDeletionJobStore.shared("shared", clock, LEASE, 1);
        DeletionJobId id = sharedJobWithMessage1HeldByAStoppedProcess(store);
        DeletionJobService jobs = service(store, RateBudget.unlimited());
        List<Integer> deadLettered = new ArrayList<>();
        DeletionJobListener listener = new DeletionJobListener() {
            @Override
            public void onItem(dev.ofauthqueue.DeletionJobEvent event) {}

            @Override
            public void onDeadLettered(DeletionJobId job, ConnectionId connection, int items) {
                deadLettered.add(items);
            }
        };

        now(jobs.resumeDeletionJob(id, listener));
        DeletionJobStatus done = time.valueAfter(Duration.ofMinutes(1), jobs.awaitDeletionJob(id));

        assertThat(deadLettered).containsExactly(1);
        assertThat(done.count(JobItemState.UNCONFIRMED)).isEqualTo(1);
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(2));
        assertThat(now(jobs.deletionJobRuns(id))).singleElement().satisfies(run -> {
            assertThat(run.deadLetters()).isEqualTo(1);
            assertThat(run.takeovers()).isZero();
        });
    }

    @Test
    void aJobThatCannotBeReadBackFailsToStartAndLeavesNoLockBehind() {
        port.put(A, message(1));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        DeletionJobStoreException damaged =
                new DeletionJobStoreException(DeletionJobStoreException.Kind.NOT_A_DATABASE, "row 1 is damaged", null);
        DeletionJobStore unreadable = (DeletionJobStore) Proxy.newProxyInstance(
                DeletionJobStore.class.getClassLoader(), new Class<?>[] {DeletionJobStore.class}, (p, m, a) -> {
                    if (m.getName().equals("load")) {
                        throw damaged;
                    }
                    return invoke(store, m, a);
                });
        DeletionJobService jobs = service(unreadable, RateBudget.unlimited());

        CompletableFuture<DeletionJobId> started = jobs.startDeletionJob(
                        StartDeletionJobCommand.of(List.of(A), Selection.all()))
                .toCompletableFuture();
        time.runFor(Duration.ZERO);

        assertThat(started).isCompletedExceptionally();
        assertThat(started.handle((ok, failure) -> GuardedPortCalls.unwrap(failure))
                        .join())
                .isSameAs(damaged);
        assertThat(store.jobs()).hasSize(1);
        assertThat(store.isRunning(store.jobs().get(0)))
                .as("its work queue closed again: a resume is not told it is already running")
                .isFalse();
        assertThat(port.deleteRequests()).isEmpty();
    }

    @Test
    void aLaneWaitingForAnItemAnotherProcessHoldsAsksTheStoreAgainWhenItsLeaseCanHaveRunOutNotEveryPoll() {
        InMemoryDeletionJobStore store = InMemoryDeletionJobStore.shared("shared", clock, LEASE, 5);
        DeletionJobId id = sharedJobWithMessage1HeldByAStoppedProcess(store);
        AtomicInteger claims = new AtomicInteger();
        DeletionJobService jobs = service(
                onWorkQueueCalls(store, call -> {
                    if (call.equals("claim")) {
                        claims.incrementAndGet();
                    }
                }),
                RateBudget.unlimited());

        now(jobs.resumeDeletionJob(id, DeletionJobListener.NONE));
        time.runFor(Duration.ofMillis(100));
        int afterOwnItem = claims.get();
        time.runFor(Duration.ofMillis(3800));

        assertThat(claims.get())
                .as(
                        "the store said when the other's lease ends (in 4 s): nothing to ask before, though %s polls",
                        JobRun.CLAIM_POLL)
                .isEqualTo(afterOwnItem);
        time.runFor(Duration.ofMillis(300));
        assertThat(now(jobs.awaitDeletionJob(id)).count(JobItemState.DELETED)).isEqualTo(2);
    }

    /** A store whose work queues fail every outcome or answer write while {@code failing} is set, as a full disk would. */
    static DeletionJobStore failingOutcomes(DeletionJobStore store, AtomicBoolean failing) {
        return onWorkQueueCalls(store, call -> {
            if (call.startsWith("record") && !call.equals("recordIntent") && failing.get()) {
                throw new DeletionJobStoreException(DeletionJobStoreException.Kind.IO, "disk full", null);
            }
        });
    }

    /** A store whose work queues tell {@code before} the name of each call before making it. */
    static DeletionJobStore onWorkQueueCalls(DeletionJobStore store, Consumer<String> before) {
        return (DeletionJobStore) Proxy.newProxyInstance(
                DeletionJobStore.class.getClassLoader(), new Class<?>[] {DeletionJobStore.class}, (p, m, a) -> {
                    Object answer = invoke(store, m, a);
                    if (!m.getName().equals("workQueue")) {
                        return answer;
                    }
                    JobItemQueue queue = (JobItemQueue) answer;
                    return Proxy.newProxyInstance(
                            JobItemQueue.class.getClassLoader(), new Class<?>[] {JobItemQueue.class}, (q, qm, qa) -> {
                                before.accept(qm.getName());
                                return invoke(queue, qm, qa);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aStoreThatFailsMidRunEndsTheRunInterruptedAndAResumeSettlesWhatWasInFlightByReading() {
        port.put(A, message(1), message(2), message(3));
        InMemoryDeletionJobStore memory = new InMemoryDeletionJobStore();
        AtomicBoolean failing = new AtomicBoolean();
        DeletionJobStore store = failingOutcomes(memory, failing);
        DeletionJobService jobs = service(store, RateBudget.unlimited());
        failing.set(true);
        List<DeletionJobStatus> heard = new ArrayList<>();
        DeletionJobListener statuses = new DeletionJobListener() {
            @Override
            public void onItem(dev.ofauthqueue.DeletionJobEvent event) {}

            @Override
            public void onStatus(DeletionJobStatus status) {
                heard.add(status);
            }
        };

        DeletionJobId id = now(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())
                .withConcurrency(1)
                .withListener(statuses)));
        DeletionJobStatus interrupted = now(jobs.awaitDeletionJob(id));

        assertThat(interrupted.state())
                .as("the run ended at the failed write, leaving the job as stored: running, in no process")
                .isEqualTo(DeletionJobState.INTERRUPTED);
        assertThat(interrupted.count(JobItemState.IN_FLIGHT)).isEqualTo(1);
        assertThat(interrupted.count(JobItemState.PENDING)).isEqualTo(2);
        assertThat(heard)
                .as("the run's end is told even when the store failed it, so that a job's gauges go")
                .last()
                .satisfies(last -> assertThat(last.state()).isEqualTo(DeletionJobState.INTERRUPTED));
        assertThat(port.deleteRequests())
                .as("the first outcome could not be written: nothing more was sent")
                .containsExactly(MassMessageId.of(1));
        assertThat(memory.isRunning(id)).as("its lock is released").isFalse();

        failing.set(false);
        now(jobs.resumeDeletionJob(id, DeletionJobListener.NONE));
        DeletionJobStatus done = now(jobs.awaitDeletionJob(id));

        assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
        assertThat(done.count(JobItemState.DELETED)).isEqualTo(3);
        assertThat(port.readRequests())
                .as("its intent was written: read, found gone")
                .containsExactly(MassMessageId.of(1));
        assertThat(port.deleteRequests())
                .containsExactly(MassMessageId.of(1), MassMessageId.of(2), MassMessageId.of(3));
    }

    /** A port whose answer to message 1's DELETE waits for {@link #answer}; the rest answer at once. */
    final class SlowFirstDelete extends DelegatingPort {
        final CompletableFuture<Void> answer = new CompletableFuture<>();

        SlowFirstDelete() {
            super(port);
        }

        @Override
        public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                ConnectionId c, MassMessageId id, SendPermit permit) {
            CompletionStage<DeleteRequestOutcome> deleted = super.deleteIfStillScheduled(c, id, permit);
            return id.value() == 1 ? answer.thenCompose(v -> deleted) : deleted;
        }
    }

    /** A budget that grants every token at once and counts them. */
    static final class CountingBudget implements RateBudget {
        final AtomicInteger taken = new AtomicInteger();
        private final int grants;

        CountingBudget() {
            this(Integer.MAX_VALUE);
        }

        /** One that grants {@code grants} tokens and then throws, as a budget with a bug would. */
        CountingBudget(int grants) {
            this.grants = grants;
        }

        @Override
        public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
            if (taken.incrementAndGet() > grants) {
                throw new IllegalStateException("budget bug");
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Duration timeFor(ConnectionId connection, int requests) {
            return Duration.ZERO;
        }
    }

    @Test
    void refusalsOnAFreshSnapshotCostNeitherARequestNorAToken() {
        port.put(
                A,
                message(1),
                ScheduledMassMessage.builder(2).sendAt(NOW.plusSeconds(30)).build(),
                ScheduledMassMessage.builder(3).sendAt(NOW.plusSeconds(40)).build(),
                message(4));
        CountingBudget budget = new CountingBudget();
        DeletionJobService jobs = service(new InMemoryDeletionJobStore(), budget);

        DeletionJobId id = now(jobs.startDeletionJob(
                StartDeletionJobCommand.of(List.of(A), Selection.all()).withConcurrency(1)));
        DeletionJobStatus done = now(jobs.awaitDeletionJob(id));

        assertThat(done.count(JobItemState.REFUSED)).isEqualTo(2);
        assertThat(done.count(JobItemState.DELETED)).isEqualTo(2);
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(1), MassMessageId.of(4));
        assertThat(port.readRequests()).isEmpty();
        assertThat(budget.taken)
                .as("one token per DELETE, and one that found nothing left to claim")
                .hasValue(3);
    }

    @Test
    void aStalePlanIsListedAgainAndTheJobKeepsWhatTheListingSaid() {
        port.put(A, message(1), message(2), message(3));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        DeletionJobId id = plannedAtNow(store, 1, 2, 3);
        store.setState(id, DeletionJobState.RUNNING);
        time.runFor(DeletionJobService.DEFAULT_MAX_PLAN_AGE.plusMinutes(1));
        // Meanwhile, elsewhere: 1 was edited, 2 was deleted.
        port.put(A, message(1).toBuilder().text("edited").build());
        now(port.deleteScheduledMassMessage(A, MassMessageId.of(2)));
        int deletes = port.deleteRequests().size();
        DeletionJobService jobs = service(store, RateBudget.unlimited());

        now(jobs.resumeDeletionJob(id, DeletionJobListener.NONE));
        DeletionJobStatus done = now(jobs.awaitDeletionJob(id));

        assertThat(port.pageRequests())
                .as("listed once for the whole connection")
                .isEqualTo(1);
        assertThat(done.count(JobItemState.DELETED)).isEqualTo(2);
        assertThat(done.count(JobItemState.ALREADY_GONE)).isEqualTo(1);
        assertThat(port.deleteRequests().subList(deletes, port.deleteRequests().size()))
                .containsExactly(MassMessageId.of(1), MassMessageId.of(3));
        PlannedItem first = store.load(id).orElseThrow().items().get(0).item();
        assertThat(first.snapshot().text())
                .as("the job keeps the listed snapshot")
                .isEqualTo("edited");
        assertThat(first.snapshotAt()).isEqualTo(clock.instant());
        assertThat(store.load(id).orElseThrow().items().get(1).outcome())
                .as("what `jobs show` prints for the message deleted elsewhere")
                .hasValueSatisfying(o -> assertThat(o.detail()).isEqualTo("no longer in the scheduled queue"));
    }

    @Test
    void anIntentRefusedBecauseTheJobWasCanceledElsewhereEndsTheRunCanceledWithoutAnotherDelete() {
        port.put(A, message(1), message(2));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        SlowFirstDelete slowFirst = new SlowFirstDelete();
        DeletionJobService jobs =
                onVirtualTime(slowFirst, store, RateBudget.unlimited()).build();
        DeletionJobId id = now(jobs.startDeletionJob(
                StartDeletionJobCommand.of(List.of(A), Selection.all()).withConcurrency(1)));
        CompletableFuture<DeletionJobStatus> finished =
                jobs.awaitDeletionJob(id).toCompletableFuture();

        assertThat(now(jobs.deletionJobStatus(id)).count(JobItemState.IN_FLIGHT))
                .as("its intent recorded, its DELETE out")
                .isEqualTo(1);
        store.setState(id, DeletionJobState.CANCELED); // another process, while 1's DELETE is in flight
        slowFirst.answer.complete(null);
        time.runFor(Duration.ZERO);

        assertThat(finished).as("ended before its next watch of the state").isCompleted();
        assertThat(finished.join().state()).isEqualTo(DeletionJobState.CANCELED);
        assertThat(finished.join().count(JobItemState.DELETED)).isEqualTo(1);
        assertThat(finished.join().count(JobItemState.PENDING)).isEqualTo(1);
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(1));
    }

    @Test
    void aBugInTheBudgetEndsTheRunInterruptedOnceItsDeleteInFlightIsWrittenInsteadOfWaitingForEver() {
        port.put(A, message(1), message(2));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        SlowFirstDelete slowFirst = new SlowFirstDelete();
        CountingBudget budget = new CountingBudget(1);
        DeletionJobService jobs = onVirtualTime(slowFirst, store, budget).build();
        DeletionJobId id = now(jobs.startDeletionJob(
                StartDeletionJobCommand.of(List.of(A), Selection.all()).withConcurrency(1)));
        CompletableFuture<DeletionJobStatus> finished =
                jobs.awaitDeletionJob(id).toCompletableFuture();
        time.runFor(Duration.ZERO);

        assertThat(budget.taken)
                .as("the second token was asked for, and the budget threw")
                .hasValue(2);
        assertThat(finished).as("1's DELETE is still in flight").isNotDone();
        slowFirst.answer.complete(null);
        time.runFor(Duration.ZERO);

        assertThat(finished)
                .as("ended, with the bug")
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("budget bug");
        DeletionJobStatus ended = now(jobs.deletionJobStatus(id));
        assertThat(ended.state()).isEqualTo(DeletionJobState.INTERRUPTED);
        assertThat(ended.count(JobItemState.DELETED))
                .as("the answer in flight was written")
                .isEqualTo(1);
        assertThat(ended.count(JobItemState.PENDING)).isEqualTo(1);
        assertThat(store.isRunning(id)).as("its lock is released").isFalse();
        assertThat(store.load(id).orElseThrow().state()).isEqualTo(DeletionJobState.INTERRUPTED);
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(1));

        DeletionJobService fixed = service(store, RateBudget.unlimited());
        now(fixed.resumeDeletionJob(id, DeletionJobListener.NONE));
        assertThat(now(fixed.awaitDeletionJob(id)).state()).isEqualTo(DeletionJobState.COMPLETED);
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(1), MassMessageId.of(2));
    }

    /** A rule that allows every message, and throws for message {@code id} on the evaluations of it {@code on} picks. */
    static DeletionRule brokenOn(long id, IntPredicate on) {
        AtomicInteger evaluations = new AtomicInteger();
        return new DeletionRule() {
            @Override
            public String name() {
                return "broken-on-" + id;
            }

            @Override
            public DeletionDecision evaluate(ScheduledMassMessage m, Instant at) {
                if (m.id().value() == id && on.test(evaluations.incrementAndGet())) {
                    throw new IllegalStateException("rule bug on " + id);
                }
                return DeletionDecision.allowed();
            }
        };
    }

    /** A job over every message of A, one at a time, run to its end. */
    DeletionJobStatus oneAtATimeToTheEnd(DeletionJobService jobs) {
        DeletionJobId id = now(jobs.startDeletionJob(
                StartDeletionJobCommand.of(List.of(A), Selection.all()).withConcurrency(1)));
        return now(jobs.awaitDeletionJob(id));
    }

    @Test
    void aRuleThatThrowsEndsTheRunInterruptedWithItsExceptionAndSendsNothingMore() {
        port.put(A, message(1), message(2), message(3));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        DeletionJobService jobs = onVirtualTime(new DelegatingPort(port), store, RateBudget.unlimited())
                .policy(DeletionPolicy.standard().and(brokenOn(2, every -> true)))
                .build();

        DeletionJobStatus ended = oneAtATimeToTheEnd(jobs);

        assertThat(ended.state()).isEqualTo(DeletionJobState.INTERRUPTED);
        assertThat(ended.count(JobItemState.DELETED)).isEqualTo(1);
        assertThat(ended.count(JobItemState.PENDING)).isEqualTo(2);
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(1));
        assertThat(store.isRunning(ended.id())).isFalse();
    }

    @Test
    void aPortThatThrowsInsteadOfAnsweringFailsThatItemAndTheRunGoesOn() {
        port.put(A, message(1), message(2));
        DelegatingPort throwingOnOne = new DelegatingPort(port) {
            @Override
            public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                    ConnectionId c, MassMessageId id, SendPermit permit) {
                if (id.value() == 1) {
                    throw new IllegalStateException("port bug on 1");
                }
                return super.deleteIfStillScheduled(c, id, permit);
            }
        };

        DeletionJobStatus ended =
                oneAtATimeToTheEnd(onVirtualTime(throwingOnOne, new InMemoryDeletionJobStore(), RateBudget.unlimited())
                        .build());

        assertThat(ended.state()).isEqualTo(DeletionJobState.COMPLETED);
        assertThat(ended.count(JobItemState.DELETED)).isEqualTo(1);
        assertThat(ended.count(JobItemState.FAILED))
                .as("nothing was sent for it: failed, to be tried again, not unconfirmed")
                .isEqualTo(1);
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(2));
    }

    @Test
    void aRuleThatThrowsOnlyWhenTheDeleteIsDecidedFailsThatItemAndTheRunGoesOn() {
        port.put(A, message(1), message(2));
        DeletionJobService jobs = onVirtualTime(
                        new DelegatingPort(port), new InMemoryDeletionJobStore(), RateBudget.unlimited())
                .policy(DeletionPolicy.standard().and(brokenOn(1, evaluation -> evaluation == 2)))
                .build();

        DeletionJobStatus ended = oneAtATimeToTheEnd(jobs);

        assertThat(ended.state()).isEqualTo(DeletionJobState.COMPLETED);
        assertThat(ended.count(JobItemState.FAILED)).isEqualTo(1);
        assertThat(ended.count(JobItemState.DELETED)).isEqualTo(1);
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(2));
    }

    @Test
    void aPlanExactlyAsOldAsTheMaximumAgeIsStillFreshAndOneMillisecondOlderIsListedAgain() {
        port.put(A, message(1), message(2));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        JobSettings settings = settings(1);
        DeletionJobId fresh =
                store.create(NOW, settings, List.of(new PlannedItem(A, message(1), Optional.empty(), NOW)));
        DeletionJobId stale = store.create(
                NOW.minusMillis(1),
                settings,
                List.of(new PlannedItem(A, message(2), Optional.empty(), NOW.minusMillis(1))));
        time.runFor(DeletionJobService.DEFAULT_MAX_PLAN_AGE);
        DeletionJobService jobs = service(store, RateBudget.unlimited());

        now(jobs.resumeDeletionJob(fresh, DeletionJobListener.NONE));
        assertThat(now(jobs.awaitDeletionJob(fresh)).count(JobItemState.DELETED))
                .isEqualTo(1);
        assertThat(port.pageRequests()).isZero();
        now(jobs.resumeDeletionJob(stale, DeletionJobListener.NONE));
        assertThat(now(jobs.awaitDeletionJob(stale)).count(JobItemState.DELETED))
                .isEqualTo(1);
        assertThat(port.pageRequests()).isEqualTo(1);
    }

    static JobSettings settings(int concurrency) {
        return new JobSettings(
                DeletionJobServiceTest.TARGET.baseUrl(),
                DeletionJobServiceTest.TARGET.deleteRoute(),
                DeletionJobServiceTest.TARGET.rateLimit(),
                DeletionPolicy.standard().describe(),
                Selection.all(),
                DeletionJobService.DEFAULT_MAX_PLAN_AGE,
                false,
                concurrency);
    }

    @Test
    void aSharedRunEndsWithTheCountsOfEveryProcessNotOnlyItsOwn() {
        port.put(A, message(1), message(2));
        InMemoryDeletionJobStore store = InMemoryDeletionJobStore.shared("shared", clock, LEASE, 5);
        DeletionJobId id = plannedAtNow(store, 1, 2);
        store.setState(id, DeletionJobState.RUNNING);
        JobItemQueue other = store.workQueue(id);
        JobItemQueue.Claimed theirs = (JobItemQueue.Claimed) other.claim(A);
        DeletionJobService jobs = service(store, RateBudget.unlimited());
        now(jobs.resumeDeletionJob(id, DeletionJobListener.NONE));
        CompletableFuture<DeletionJobStatus> finished =
                jobs.awaitDeletionJob(id).toCompletableFuture();
        time.runFor(Duration.ofSeconds(1));

        // The other process deletes its item and writes the outcome while this one waits for it.
        other.recordIntent(theirs, clock.instant());
        now(port.deleteScheduledMassMessage(A, MassMessageId.of(1)));
        other.recordOutcome(
                theirs,
                JobOutcomes.stored(
                        id,
                        theirs.item(),
                        new DeletionOutcome.Deleted(MassMessageId.of(1), message(1)),
                        Optional.empty(),
                        false,
                        clock.instant()));
        time.runFor(LEASE);

        assertThat(finished).isCompleted();
        assertThat(finished.join().count(JobItemState.DELETED))
                .as("one deleted here, one by the other process, as stored")
                .isEqualTo(2);
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(2), MassMessageId.of(1));
    }

    @Test
    void anItemRateLimitedIsPendingAgainInTheStoreWhileItWaitsForItsNextToken() {
        port.put(A, message(1));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        DeletionJobService jobs = rateLimitedAfterOneToken(store);

        DeletionJobId id = now(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())));
        time.runFor(Duration.ofSeconds(1));

        assertThat(store.load(id).orElseThrow().items())
                .singleElement()
                .satisfies(i -> assertThat(i.state())
                        .as("the 429 withdrew its intent: nothing is in flight")
                        .isEqualTo(JobItemState.PENDING));
        assertThat(now(jobs.deletionJobStatus(id)).count(JobItemState.IN_FLIGHT))
                .isZero();
        assertThat(now(jobs.cancelDeletionJob(id)).state()).isEqualTo(DeletionJobState.CANCELED);
    }

    @Test
    void aRunThatEndsGivesBackTheItemItHeldForARetrySoAnotherProcessNeedNotWaitForItsLease() {
        port.put(A, message(1));
        InMemoryDeletionJobStore store = InMemoryDeletionJobStore.shared("shared", clock, LEASE, 5);
        DeletionJobService jobs = rateLimitedAfterOneToken(store);
        DeletionJobId id = now(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())));
        time.runFor(Duration.ofSeconds(1));
        JobItemQueue other = store.workQueue(id);
        assertThat(other.claim(A))
                .as("answered 429, message 1 waits here for its next token: still held")
                .isInstanceOf(JobItemQueue.Empty.class);

        assertThat(now(jobs.cancelDeletionJob(id)).state()).isEqualTo(DeletionJobState.CANCELED);

        assertThat(other.claim(A))
                .as("given back when the run ended, %s before its lease would have run out", LEASE.minusSeconds(1))
                .isInstanceOfSatisfying(
                        JobItemQueue.Claimed.class,
                        claimed -> assertThat(claimed.item().id()).isEqualTo(MassMessageId.of(1)));
    }

    @Test
    void aRunRenewsTheLeasesOfTheItemsItHoldsAndNoneOnceTheyAreSettled() {
        port.put(A, message(1), message(2));
        InMemoryDeletionJobStore store = InMemoryDeletionJobStore.shared("shared", clock, LEASE, 5);
        DeletionJobId id = plannedAtNow(store, 1, 2);
        List<String> calls = new ArrayList<>();
        DeletionJobService jobs = service(onWorkQueueCalls(store, calls::add), tokens(1));

        now(jobs.resumeDeletionJob(id, DeletionJobListener.NONE));
        time.runFor(LEASE.multipliedBy(3));

        assertThat(port.deleteRequests())
                .as("one token: message 1 deleted, message 2 not claimed yet")
                .containsExactly(MassMessageId.of(1));
        assertThat(calls)
                .filteredOn(call -> !call.equals("takeovers") && !call.equals("deadLetters")) // counts read, not writes
                .as("nothing held after message 1's answer: no renewal in three leases")
                .containsExactly("claim", "recordIntent", "recordAnswer");
        assertThat(now(jobs.cancelDeletionJob(id)).count(JobItemState.PENDING)).isEqualTo(1);
    }

    @Test
    void aJobWhosePlanWasChangedInTheStoreIsRefusedWholeBeforeAnyRequestAndStaysAsItWas() {
        port.put(A, message(1), message(2));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        DeletionJobService jobs = sealing(store, NO_TOKENS);
        DeletionJobId id = now(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())));
        now(jobs.cancelDeletionJob(id));
        PlannedItem second = store.load(id).orElseThrow().items().get(1).item();
        try (JobItemQueue edit = store.workQueue(id)) {
            // Its send time moved a day later, as an edit of the file would, keeping the seal written with it.
            edit.replaceSnapshot(
                    1,
                    new PlannedItem(
                            A,
                            second.snapshot().toBuilder()
                                    .sendAt(NOW.plusSeconds(86_400))
                                    .build(),
                            second.snapshotJson(),
                            second.snapshotAt(),
                            second.seal()));
        }
        int pages = port.pageRequests();

        CompletableFuture<DeletionJobId> resumed =
                jobs.resumeDeletionJob(id, DeletionJobListener.NONE).toCompletableFuture();
        time.runFor(Duration.ofMinutes(1));

        assertThat(resumed).isCompletedExceptionally();
        assertThat(resumed.handle((ok, failure) -> GuardedPortCalls.unwrap(failure))
                        .join())
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.TAMPERED))
                .hasMessageContaining("item 2 of its plan does not match its seal");
        assertThat(port.deleteRequests()).isEmpty();
        assertThat(port.readRequests()).isEmpty();
        assertThat(port.pageRequests()).as("not even a listing").isEqualTo(pages);
        assertThat(store.state(id)).as("its state unchanged").contains(DeletionJobState.CANCELED);
        assertThat(store.isRunning(id)).isFalse();
    }

    @Test
    void aSnapshotAFreshListingStoredIsSealedAgainSoTheJobStillResumes() {
        port.put(A, message(1), message(2));
        InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
        DeletionJobId id = now(
                sealing(store, NO_TOKENS).startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())));
        now(sealing(store, NO_TOKENS).cancelDeletionJob(id));
        time.runFor(DeletionJobService.DEFAULT_MAX_PLAN_AGE.plusMinutes(1));
        port.put(A, message(2).toBuilder().text("edited").build()); // the stale plan is listed again

        DeletionJobService once = sealing(store, tokens(1));
        now(once.resumeDeletionJob(id, DeletionJobListener.NONE));
        time.runFor(Duration.ofSeconds(1));
        now(once.cancelDeletionJob(id));
        assertThat(store.load(id).orElseThrow().items().get(1).item().snapshot().text())
                .as("the listing's snapshot replaced the plan's")
                .isEqualTo("edited");

        DeletionJobService again = sealing(store, RateBudget.unlimited());
        now(again.resumeDeletionJob(id, DeletionJobListener.NONE));

        assertThat(now(again.awaitDeletionJob(id)).count(JobItemState.DELETED)).isEqualTo(2);
    }

    /** A service on virtual time that seals its jobs under one API key, as the library's does. */
    DeletionJobService sealing(DeletionJobStore store, RateBudget budget) {
        return onVirtualTime(new DelegatingPort(port), store, budget)
                .seal(JobSeal.derivedFrom("sk_test_key"))
                .build();
    }

    /** A service whose every DELETE is answered 429, with one token ever: a rate-limited item waits for its next. */
    DeletionJobService rateLimitedAfterOneToken(DeletionJobStore store) {
        return onVirtualTime(rateLimitingEveryDelete(port), store, tokens(1)).build();
    }

    /** A budget that grants {@code n} tokens, then none ever. */
    static RateBudget tokens(int n) {
        AtomicInteger left = new AtomicInteger(n);
        return new RateBudget() {
            @Override
            public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
                return left.getAndDecrement() > 0 ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
            }

            @Override
            public Duration timeFor(ConnectionId connection, int requests) {
                return Duration.ofMinutes(1);
            }
        };
    }

    /** {@code port}, except that OFAuth answers every DELETE 429, retry after a second. */
    static DelegatingPort rateLimitingEveryDelete(InMemoryScheduledQueuePort port) {
        return new DelegatingPort(port) {
            @Override
            public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                    ConnectionId c, MassMessageId id, SendPermit permit) {
                return CompletableFuture.failedFuture(
                        new OfAuthException.RateLimited("429", 429, "RATE_LIMITED", null, Duration.ofSeconds(1)));
            }
        };
    }

    /** A job of A's messages {@code ids}, planned now, with 4 slots, as a stored job not yet run. */
    static DeletionJobId plannedAtNow(InMemoryDeletionJobStore store, long... ids) {
        List<PlannedItem> items = new ArrayList<>();
        for (long id : ids) {
            items.add(new PlannedItem(A, message(id), Optional.empty(), NOW));
        }
        return store.create(NOW, settings(4), items);
    }
}
