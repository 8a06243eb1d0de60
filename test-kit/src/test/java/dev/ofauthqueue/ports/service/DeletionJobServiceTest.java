package dev.ofauthqueue.ports.service;

import static dev.ofauthqueue.testkit.StageWaiter.await;
import static dev.ofauthqueue.testkit.StageWaiter.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.SendPermit;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import dev.ofauthqueue.testkit.StageWaiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeletionJobServiceTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId A = ConnectionId.of("conn_a");
    static final ConnectionId B = ConnectionId.of("conn_b");
    static final ConnectionId C = ConnectionId.of("conn_c");
    static final DeletionJobService.UpstreamSettings TARGET =
            new DeletionJobService.UpstreamSettings("http://127.0.0.1:1", "scheduled", "60/min burst 90");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(clock);
    final InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
    final List<DeletionJobService> services = new ArrayList<>();
    final List<DeletionJobEvent> events = new CopyOnWriteArrayList<>();

    DeletionJobService service(DelegatingPort onPort, RateBudget budget) {
        DeletionJobService s = DeletionJobService.builder(onPort, store)
                .clock(clock)
                .target(TARGET)
                .budget(budget)
                .build();
        services.add(s);
        return s;
    }

    DeletionJobService service() {
        return service(new DelegatingPort(port), RateBudget.unlimited());
    }

    @AfterEach
    void closeServices() {
        services.forEach(DeletionJobService::close);
    }

    static ScheduledMassMessage message(long id) {
        return ScheduledMassMessage.builder(id)
                .text("message " + id)
                .sendAt(NOW.plusSeconds(3600))
                .build();
    }

    void fill(ConnectionId connection, int from, int to) {
        IntStream.rangeClosed(from, to).forEach(i -> port.put(connection, message(i)));
    }

    StartDeletionJobCommand job(ConnectionId... connections) {
        return StartDeletionJobCommand.of(List.of(connections), Selection.all()).withListener(events::add);
    }

    @Nested
    class WhenRunning {

        @Test
        void aJobDeletesEverySelectedMessageOfEveryConnectionWithOneDeleteEachAndArchivesThem() {
            fill(A, 1, 10);
            fill(B, 11, 20);
            fill(C, 21, 30);
            DeletionJobService jobs = service();

            DeletionJobId id = await(jobs.startDeletionJob(job(A, B, C)));
            DeletionJobStatus done = await(jobs.awaitDeletionJob(id));

            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(30);
            assertThat(port.deleteRequests()).hasSize(30).doesNotHaveDuplicates();
            assertThat(port.readRequests()).isEmpty();
            assertThat(events).hasSize(30).allMatch(e -> e.state() == JobItemState.DELETED);
            assertThat(events.get(29).done()).isEqualTo(30);
            List<ArchivedDeletion> archived =
                    await(jobs.deletedMessages(ArchiveQuery.everything().job(id)));
            assertThat(archived).hasSize(30);
            assertThat(await(jobs.deletedMessages(ArchiveQuery.everything().connection(B))))
                    .extracting(a -> a.id().value())
                    .containsExactlyInAnyOrder(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
            assertThat(archived.get(0).queueJson()).contains("\"id\":").contains("\"isCanceled\":false");
        }

        @Test
        void theSelectionDecidesWhatIsPlannedAndTheJobRecordsIt() {
            port.put(A, message(1), message(2).toBuilder().price("5.00").build(), message(3));
            DeletionJobService jobs = service();

            DeletionJobId id = await(jobs.startDeletionJob(
                    StartDeletionJobCommand.of(List.of(A), Selection.all().paid(false))));
            DeletionJobStatus done = await(jobs.awaitDeletionJob(id));

            assertThat(done.total()).isEqualTo(2);
            assertThat(done.selection().toString()).isEqualTo("paid=false");
            assertThat(port.queue(A).messages()).extracting(m -> m.id().value()).containsExactly(2L);
        }

        @Test
        void refusalsByThePolicyCostNoRequestAndAreFinal() {
            port.put(
                    A,
                    message(1),
                    ScheduledMassMessage.builder(2).sendAt(NOW.plusSeconds(30)).build());
            DeletionJobService jobs = service();

            DeletionJobId id = await(jobs.startDeletionJob(job(A)));
            DeletionJobStatus done = await(jobs.awaitDeletionJob(id));

            assertThat(done.count(JobItemState.REFUSED)).isEqualTo(1);
            assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(1));
        }

        @Test
        void aListenerOfEveryJobHearsEachJobBesideItsOwnAndAThrowingOneKeepsNeitherFromHearing() {
            fill(A, 1, 3);
            List<DeletionJobEvent> heardByEvery = new CopyOnWriteArrayList<>();
            List<DeletionJobStatus> statuses = new CopyOnWriteArrayList<>();
            DeletionJobListener everyJob = new DeletionJobListener() {
                @Override
                public void onItem(DeletionJobEvent event) {
                    heardByEvery.add(event);
                    throw new IllegalStateException("a listener's bug");
                }

                @Override
                public void onStatus(DeletionJobStatus status) {
                    statuses.add(status);
                }
            };
            DeletionJobService jobs = DeletionJobService.builder(new DelegatingPort(port), store)
                    .clock(clock)
                    .target(TARGET)
                    .budget(RateBudget.unlimited())
                    .everyJobListener(everyJob)
                    .build();
            services.add(jobs);

            DeletionJobStatus done = await(jobs.awaitDeletionJob(await(jobs.startDeletionJob(job(A)))));

            assertThat(done.count(JobItemState.DELETED)).isEqualTo(3);
            assertThat(heardByEvery).hasSize(3);
            assertThat(events).as("the job's own listener").hasSize(3);
            assertThat(statuses)
                    .as("the start, 3 items, the end")
                    .hasSize(5)
                    .last()
                    .isEqualTo(done);
        }

        @Test
        void aConnectionWaitingForItsBudgetHoldsNoConcurrencySlot() {
            fill(A, 1, 3);
            fill(B, 11, 20);
            // A's budget never grants a token; B's always does. With one slot, B still finishes.
            RateBudget starved = new RateBudget() {
                @Override
                public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
                    return connection.equals(A) ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
                }

                @Override
                public Duration timeFor(ConnectionId connection, int requests) {
                    return connection.equals(A) ? Duration.ofHours(1) : Duration.ZERO;
                }
            };
            DeletionJobService jobs = service(new DelegatingPort(port), starved);
            CompletableFuture<Void> bDone = new CompletableFuture<>();
            DeletionJobListener listener = e -> {
                if (e.connection().equals(B) && e.done() == 10) {
                    bDone.complete(null);
                }
            };

            DeletionJobId id = await(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A, B), Selection.all())
                    .withConcurrency(1)
                    .withListener(listener)));
            await(bDone);
            DeletionJobStatus running = await(jobs.deletionJobStatus(id));
            DeletionJobStatus canceled = await(jobs.cancelDeletionJob(id));

            assertThat(running.state()).isEqualTo(DeletionJobState.RUNNING);
            assertThat(running.estimatedTimeLeft()).isEqualTo(Duration.ofHours(1));
            assertThat(canceled.state()).isEqualTo(DeletionJobState.CANCELED);
            assertThat(canceled.count(JobItemState.DELETED)).isEqualTo(10);
            assertThat(canceled.count(JobItemState.PENDING)).isEqualTo(3);
            assertThat(port.queue(A).size()).isEqualTo(3);
        }

        @Test
        void aRateLimitedDeletePutsTheItemBackInLineInsteadOfFailingIt() {
            fill(A, 1, 3);
            Set<MassMessageId> limitedOnce = ConcurrentHashMap.newKeySet();
            DelegatingPort limiting = new DelegatingPort(port) {
                @Override
                public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                        ConnectionId c, MassMessageId id, SendPermit permit) {
                    if (limitedOnce.add(id)) {
                        return CompletableFuture.failedFuture(new OfAuthException.RateLimited(
                                "429", 429, "RATE_LIMITED", null, Duration.ofMillis(5)));
                    }
                    return super.deleteIfStillScheduled(c, id, permit);
                }
            };
            DeletionJobService jobs = service(limiting, RateBudget.unlimited());

            DeletionJobStatus done = await(jobs.awaitDeletionJob(await(jobs.startDeletionJob(job(A)))));

            assertThat(done.count(JobItemState.DELETED)).isEqualTo(3);
            assertThat(done.count(JobItemState.FAILED)).isZero();
            assertThat(events).noneMatch(e -> e.state() == JobItemState.FAILED);
        }

        @Test
        void anAuthenticationFailureStopsThatConnectionOnlyAndLeavesItsItemsPendingWithTheReason() {
            fill(A, 1, 3);
            fill(B, 11, 13);
            List<String> stops = new CopyOnWriteArrayList<>();
            DelegatingPort expiredForA = new DelegatingPort(port) {
                @Override
                public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                        ConnectionId c, MassMessageId id, SendPermit permit) {
                    if (c.equals(A)) {
                        return CompletableFuture.failedFuture(new OfAuthException.Authentication(
                                "DELETE failed: Session expired", 401, "SESSION_EXPIRED", "req_1", "reconnect"));
                    }
                    return super.deleteIfStillScheduled(c, id, permit);
                }
            };
            DeletionJobService jobs = service(expiredForA, RateBudget.unlimited());
            DeletionJobListener listener = new DeletionJobListener() {
                @Override
                public void onItem(DeletionJobEvent event) {}

                @Override
                public void onConnectionStopped(DeletionJobId job, ConnectionId connection, String reason) {
                    stops.add(connection.value() + ": " + reason);
                }
            };

            DeletionJobStatus done = await(jobs.awaitDeletionJob(await(jobs.startDeletionJob(
                    StartDeletionJobCommand.of(List.of(A, B), Selection.all()).withListener(listener)))));

            assertThat(done.state()).isEqualTo(DeletionJobState.STOPPED);
            assertThat(done.count(JobItemState.DELETED))
                    .as(done.counts().toString())
                    .isEqualTo(3);
            assertThat(done.count(JobItemState.PENDING))
                    .as(done.counts() + " "
                            + store.load(done.id()).orElseThrow().items().stream()
                                    .map(i -> i.item().connection().value() + "/"
                                            + i.item().id() + "=" + i.state())
                                    .toList()
                            + " deletes " + port.deleteRequests())
                    .isEqualTo(3);
            assertThat(done.stopped()).containsOnlyKeys(A);
            assertThat(store.load(done.id()).orElseThrow().stopped())
                    .as("kept in the store, for status from any process and for resume")
                    .containsOnlyKeys(A);
            assertThat(done.stopped().get(A)).contains("Session expired");
            assertThat(stops).hasSize(1);
            assertThat(port.queue(A).size()).isEqualTo(3);
            assertThat(done.toString()).doesNotContain("conn_a");
        }
    }

    @Nested
    class WhenADeleteGoesWrong {

        @Test
        void anItemRateLimitedTenTimesInOneRunFailsAndTheOthersAreStillDeleted() {
            fill(A, 1, 3);
            List<MassMessageId> attemptsOnTwo = new CopyOnWriteArrayList<>();
            DelegatingPort alwaysLimitingTwo = new DelegatingPort(port) {
                @Override
                public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                        ConnectionId c, MassMessageId id, SendPermit permit) {
                    if (id.value() == 2) {
                        attemptsOnTwo.add(id);
                        return CompletableFuture.failedFuture(new OfAuthException.RateLimited(
                                "429", 429, "RATE_LIMITED", null, Duration.ofMillis(1)));
                    }
                    return super.deleteIfStillScheduled(c, id, permit);
                }
            };
            DeletionJobService jobs = service(alwaysLimitingTwo, RateBudget.unlimited());

            DeletionJobStatus done = await(jobs.awaitDeletionJob(await(jobs.startDeletionJob(job(A)))));

            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(2);
            assertThat(done.count(JobItemState.FAILED)).isEqualTo(1);
            assertThat(attemptsOnTwo)
                    .as("put back in line after each 429, failed at the tenth")
                    .hasSize(JobRun.MAX_RATE_LIMITED);
            assertThat(events)
                    .filteredOn(e -> e.state() == JobItemState.FAILED)
                    .singleElement()
                    .satisfies(e -> assertThat(e.outcome().id()).isEqualTo(MassMessageId.of(2)));
            assertThat(port.queue(A).size()).isEqualTo(1);
        }

        @Test
        void aDeleteLeftUnansweredThatTookEffectIsSettledByReadingNotByDeletingAgain() {
            fill(A, 1, 3);
            port.leaveNextDeleteUnanswered(true);
            DeletionJobService jobs = service();

            DeletionJobId id = await(jobs.startDeletionJob(job(A)));
            DeletionJobStatus done = await(jobs.awaitDeletionJob(id));

            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(3);
            assertThat(port.deleteRequests()).hasSize(3).doesNotHaveDuplicates();
            assertThat(port.readRequests())
                    .as("the unanswered one is read once, and found canceled")
                    .hasSize(1);
            assertThat(port.queue(A).size()).isZero();
            assertThat(await(jobs.deletedMessages(ArchiveQuery.everything().job(id))))
                    .hasSize(3);
        }

        @Test
        void aDeleteLeftUnansweredAndStillThereIsUnconfirmedNotSentAgain() {
            fill(A, 1, 3);
            port.leaveNextDeleteUnanswered(false);
            DeletionJobService jobs = service();

            DeletionJobStatus done = await(jobs.awaitDeletionJob(await(jobs.startDeletionJob(job(A)))));

            MassMessageId unanswered = port.deleteRequests().get(0);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(2);
            assertThat(done.count(JobItemState.UNCONFIRMED))
                    .as("still scheduled when read: the DELETE may yet take effect, so it is not sent again")
                    .isEqualTo(1);
            assertThat(port.readRequests()).containsExactly(unanswered);
            assertThat(port.deleteRequests()).hasSize(3).doesNotHaveDuplicates();
            assertThat(events)
                    .filteredOn(e -> e.state() == JobItemState.UNCONFIRMED)
                    .singleElement()
                    .satisfies(e -> assertThat(e.outcome().id()).isEqualTo(unanswered));
        }

        @Test
        void aRetryWithheldAfterAnAttemptThatMayHaveGoneOutLeavesTheItemUnconfirmed() {
            fill(A, 1, 2);
            DelegatingPort withheldRetry = new DelegatingPort(port) {
                @Override
                public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                        ConnectionId c, MassMessageId id, SendPermit permit) {
                    return id.value() == 1
                            ? CompletableFuture.completedFuture(new DeleteRequestOutcome.Withheld(true))
                            : super.deleteIfStillScheduled(c, id, permit);
                }
            };
            DeletionJobService jobs = service(withheldRetry, RateBudget.unlimited());

            DeletionJobStatus done = await(jobs.awaitDeletionJob(await(jobs.startDeletionJob(job(A)))));

            assertThat(done.count(JobItemState.UNCONFIRMED)).isEqualTo(1);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(1);
            assertThat(events)
                    .filteredOn(e -> e.state() == JobItemState.UNCONFIRMED)
                    .singleElement()
                    .satisfies(e -> assertThat(e.outcome().id()).isEqualTo(MassMessageId.of(1)));
        }

        @Test
        void aListenerThatThrowsChangesNothingAboutTheJob() {
            fill(A, 1, 3);
            fill(B, 11, 12);
            DelegatingPort expiredForB = new DelegatingPort(port) {
                @Override
                public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                        ConnectionId c, MassMessageId id, SendPermit permit) {
                    return c.equals(B)
                            ? CompletableFuture.failedFuture(new OfAuthException.Authentication(
                                    "Session expired", 401, "SESSION_EXPIRED", "req_1", "reconnect"))
                            : super.deleteIfStillScheduled(c, id, permit);
                }
            };
            DeletionJobListener throwing = new DeletionJobListener() {
                @Override
                public void onItem(DeletionJobEvent event) {
                    throw new IllegalStateException("listener bug");
                }

                @Override
                public void onConnectionStopped(DeletionJobId job, ConnectionId connection, String reason) {
                    throw new IllegalStateException("listener bug");
                }
            };
            DeletionJobService jobs = service(expiredForB, RateBudget.unlimited());

            DeletionJobStatus done = await(jobs.awaitDeletionJob(await(jobs.startDeletionJob(
                    StartDeletionJobCommand.of(List.of(A, B), Selection.all()).withListener(throwing)))));

            assertThat(done.state()).isEqualTo(DeletionJobState.STOPPED);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(3);
            assertThat(done.count(JobItemState.PENDING)).isEqualTo(2);
            assertThat(done.stopped()).containsOnlyKeys(B);
        }
    }

    @Nested
    class WhenResuming {

        JobSettings settings() {
            return new JobSettings(
                    TARGET.baseUrl(),
                    TARGET.deleteRoute(),
                    TARGET.rateLimit(),
                    DeletionPolicy.standard().describe(),
                    Selection.all(),
                    DeletionJobService.DEFAULT_MAX_PLAN_AGE,
                    false,
                    4);
        }

        DeletionJobId storedJob(List<ScheduledMassMessage> plan) {
            List<PlannedItem> items = new ArrayList<>();
            plan.forEach(m -> items.add(new PlannedItem(A, m, Optional.empty(), NOW)));
            DeletionJobId id = store.create(NOW, settings(), items);
            store.setState(id, DeletionJobState.RUNNING);
            return id;
        }

        @Test
        void anInterruptedJobReadsAsSuchAndResumesSettlingIntentsByReadingNeverDeletingTwice() {
            fill(A, 1, 4);
            DeletionJobId id = storedJob(port.queue(A).messages());
            // The crashed run: 1 was deleted but its outcome never written; 2's DELETE never arrived; 3 failed.
            try (JobItemQueue crashed = store.workQueue(id)) {
                JobItemQueue.Claimed one = claim(crashed);
                JobItemQueue.Claimed two = claim(crashed);
                JobItemQueue.Claimed three = claim(crashed);
                crashed.recordIntent(one, NOW);
                await(port.deleteScheduledMassMessage(A, MassMessageId.of(1)));
                crashed.recordIntent(two, NOW);
                crashed.recordIntent(three, NOW);
                crashed.recordOutcome(
                        three,
                        new Outcome(
                                JobItemState.FAILED, Optional.empty(), Optional.empty(), "503", NOW, Optional.empty()));
            }
            int deletesBefore = port.deleteRequests().size();
            DeletionJobService jobs = service();

            DeletionJobStatus before = await(jobs.deletionJobStatus(id));
            await(jobs.resumeDeletionJob(id, events::add));
            DeletionJobStatus done = await(jobs.awaitDeletionJob(id));

            assertThat(before.state()).isEqualTo(DeletionJobState.INTERRUPTED);
            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(4);
            assertThat(port.deleteRequests()
                            .subList(deletesBefore, port.deleteRequests().size()))
                    .containsExactlyInAnyOrder(MassMessageId.of(2), MassMessageId.of(3), MassMessageId.of(4));
            assertThat(port.readRequests()).containsExactlyInAnyOrder(MassMessageId.of(1), MassMessageId.of(2));
            assertThat(await(jobs.deletedMessages(ArchiveQuery.everything())))
                    .filteredOn(a -> a.id().value() == 1)
                    .singleElement()
                    .extracting(ArchivedDeletion::source)
                    .isEqualTo(ArchivedDeletion.Source.SNAPSHOT);
        }

        @Test
        void finalOutcomesAreSkippedAndNeverWrittenTwice() {
            fill(A, 1, 2);
            DeletionJobId id = storedJob(port.queue(A).messages());
            DeletionJobService jobs = service();
            await(jobs.resumeDeletionJob(id, DeletionJobListener.NONE));
            await(jobs.awaitDeletionJob(id));
            int deletes = port.deleteRequests().size();

            await(jobs.resumeDeletionJob(id, DeletionJobListener.NONE));
            DeletionJobStatus again = await(jobs.awaitDeletionJob(id));

            assertThat(port.deleteRequests()).hasSize(deletes);
            assertThat(again.count(JobItemState.DELETED)).isEqualTo(2);
            try (JobItemQueue queue = store.workQueue(id)) {
                assertThat(queue.claim(A)).isEqualTo(new JobItemQueue.Empty(true, Duration.ZERO));
            }
        }

        @Test
        void aJobResumesOnlyWithTheSettingsItWasCreatedWith() {
            fill(A, 1, 2);
            DeletionJobId id = storedJob(port.queue(A).messages());
            DeletionJobService production = DeletionJobService.builder(new DelegatingPort(port), store)
                    .clock(clock)
                    .target(new DeletionJobService.UpstreamSettings(
                            "https://api.ofauth.com", "scheduled", "60/min burst 90"))
                    .policy(DeletionPolicy.standard().and(DeletionRules.neverDeletePaid()))
                    .build();
            services.add(production);

            Throwable refused = failureOf(production.resumeDeletionJob(id, DeletionJobListener.NONE));

            assertThat(refused)
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.SETTINGS_MISMATCH))
                    .hasMessageContaining("base URL http://127.0.0.1:1 (this client: https://api.ofauth.com)")
                    .hasMessageContaining("never-delete-paid");
            assertThat(port.deleteRequests()).isEmpty();
            assertThat(store.isRunning(id)).isFalse();
        }

        @Test
        void aJobRunningHereCannotBeResumedAgainAndAnUnknownJobIsNamed() {
            fill(A, 1, 2);
            DeletionJobId id = storedJob(port.queue(A).messages());
            JobItemQueue elsewhere = store.workQueue(id); // as if another process ran it
            DeletionJobService jobs = service();

            assertThat(failureOf(jobs.resumeDeletionJob(id, DeletionJobListener.NONE)))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.LOCKED));
            assertThat(failureOf(jobs.deletionJobStatus(DeletionJobId.of(99)))).hasMessage("no job 99 in in-memory");
            assertThat(await(jobs.deletionJobStatus(id)).state()).isEqualTo(DeletionJobState.RUNNING);
            assertThat(await(jobs.cancelDeletionJob(id)).state())
                    .as("running elsewhere: asked to stop through the store")
                    .isEqualTo(DeletionJobState.RUNNING);
            assertThat(store.state(id)).contains(DeletionJobState.CANCELED);
            elsewhere.close();
        }
    }

    @Nested
    class WhenAskedAboutStoredJobs {

        @Test
        void aJobWithoutAConcurrencyGetsTwoSlotsPerConnectionAndNeverFewerThanFour() {
            fill(A, 1, 1);
            DeletionJobService jobs = service();

            DeletionJobId one = await(jobs.startDeletionJob(job(A)));
            await(jobs.awaitDeletionJob(one));
            DeletionJobId three = await(jobs.startDeletionJob(job(A, B, C)));
            await(jobs.awaitDeletionJob(three));
            DeletionJobId given = await(jobs.startDeletionJob(job(A).withConcurrency(1)));
            await(jobs.awaitDeletionJob(given));

            assertThat(store.load(one).orElseThrow().settings().concurrency()).isEqualTo(4);
            assertThat(store.load(three).orElseThrow().settings().concurrency()).isEqualTo(6);
            assertThat(store.load(given).orElseThrow().settings().concurrency()).isEqualTo(1);
        }

        @Test
        void theListenerHearsTheJobStoredWithItsSizeBeforeAnyItem() {
            fill(A, 1, 3);
            List<String> heard = new CopyOnWriteArrayList<>();
            DeletionJobListener listener = new DeletionJobListener() {
                @Override
                public void onJobStored(DeletionJobId job, int items) {
                    heard.add("stored " + job + " with " + items);
                }

                @Override
                public void onItem(DeletionJobEvent event) {
                    heard.add("item");
                }
            };
            DeletionJobService jobs = service();

            DeletionJobId id = await(jobs.startDeletionJob(
                    StartDeletionJobCommand.of(List.of(A), Selection.all()).withListener(listener)));
            await(jobs.awaitDeletionJob(id));

            assertThat(heard).containsExactly("stored " + id + " with 3", "item", "item", "item");
        }

        @Test
        void aJobFromPlansHoldsEveryPlannedMessageTheRefusedIncluded() {
            port.put(
                    A,
                    message(1),
                    ScheduledMassMessage.builder(2).sendAt(NOW.plusSeconds(30)).build());
            ScheduledQueueService plans =
                    ScheduledQueueService.builder(port, port).clock(clock).build();
            DeletionPlan plan = await(plans.planDeletion(new PlanDeletionCommand(A, MessageSelector.all())));
            assertThat(plan.toDelete()).hasSize(1);
            assertThat(plan.refused()).hasSize(1);
            DeletionJobService jobs = service();

            DeletionJobId id =
                    await(jobs.startDeletionJob(StartDeletionJobCommand.fromPlans(List.of(plan), Selection.all())));
            DeletionJobStatus done = await(jobs.awaitDeletionJob(id));

            assertThat(done.total()).isEqualTo(2);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(1);
            assertThat(done.count(JobItemState.REFUSED)).isEqualTo(1);
            assertThat(port.pageRequests()).as("planned once, not listed again").isEqualTo(1);
        }

        @Test
        void aJobCreatedWithAnotherRouteOrRateLimitIsNotResumedAndEveryDifferenceIsNamed() {
            JobSettings other = new JobSettings(
                    TARGET.baseUrl(),
                    "scheduled-v3",
                    "10/min burst 1",
                    DeletionPolicy.standard().describe(),
                    Selection.all(),
                    DeletionJobService.DEFAULT_MAX_PLAN_AGE,
                    false,
                    4);
            fill(A, 1, 1);
            DeletionJobId id = store.create(NOW, other, List.of(new PlannedItem(A, message(1), Optional.empty(), NOW)));

            assertThat(failureOf(service().resumeDeletionJob(id, DeletionJobListener.NONE)))
                    .isInstanceOf(DeletionJobStoreException.class)
                    .hasMessage("job " + id + " was created with delete route scheduled-v3 (this client: scheduled),"
                            + " rate limit 10/min burst 1 (this client: 60/min burst 90); resume it with the settings"
                            + " it was created with");
            assertThat(port.deleteRequests()).isEmpty();
        }

        @Test
        void resumingAJobClearsItsStoppedConnectionsAndRunsThemAgain() {
            fill(A, 1, 2);
            DeletionJobId id = store.create(
                    NOW,
                    new WhenResuming().settings(),
                    List.of(
                            new PlannedItem(A, message(1), Optional.empty(), NOW),
                            new PlannedItem(A, message(2), Optional.empty(), NOW)));
            store.setState(id, DeletionJobState.STOPPED);
            store.setStopped(id, A, Optional.of("session expired"));
            DeletionJobService jobs = service();

            assertThat(await(jobs.deletionJobStatus(id)).stopped()).containsOnlyKeys(A);
            await(jobs.resumeDeletionJob(id, DeletionJobListener.NONE));
            DeletionJobStatus done = await(jobs.awaitDeletionJob(id));

            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(done.stopped()).isEmpty();
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(2);
            assertThat(store.load(id).orElseThrow().stopped()).isEmpty();
        }

        @Test
        void cancelingAJobRunningNowhereMarksItCanceledUnlessItCompleted() {
            fill(A, 1, 2);
            DeletionJobService jobs = service();
            DeletionJobId completed = await(jobs.startDeletionJob(job(A)));
            await(jobs.awaitDeletionJob(completed));
            DeletionJobId interrupted = store.create(
                    NOW, new WhenResuming().settings(), List.of(new PlannedItem(A, message(9), Optional.empty(), NOW)));
            store.setState(interrupted, DeletionJobState.RUNNING);

            assertThat(await(jobs.cancelDeletionJob(completed)).state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(await(jobs.cancelDeletionJob(interrupted)).state()).isEqualTo(DeletionJobState.CANCELED);
            assertThat(store.state(interrupted)).contains(DeletionJobState.CANCELED);
            assertThat(await(jobs.awaitDeletionJob(interrupted)).state())
                    .as("not running here: its stored status at once")
                    .isEqualTo(DeletionJobState.CANCELED);
        }

        @Test
        void closingTheServiceEndsAJobItRunsAloneCanceledAndResumable() {
            fill(A, 1, 3);
            DeletionJobService jobs = service(new DelegatingPort(port), JobRunTest.NO_TOKENS);
            DeletionJobId id = await(jobs.startDeletionJob(job(A)));
            assertThat(await(jobs.deletionJobStatus(id)).state()).isEqualTo(DeletionJobState.RUNNING);

            jobs.close();

            assertThat(store.state(id)).contains(DeletionJobState.CANCELED);
            assertThat(store.isRunning(id)).as("its lock is released").isFalse();
            assertThat(port.deleteRequests()).isEmpty();
            DeletionJobService again = service();
            await(again.resumeDeletionJob(id, DeletionJobListener.NONE));
            assertThat(await(again.awaitDeletionJob(id)).count(JobItemState.DELETED))
                    .isEqualTo(3);
        }

        @Test
        void closingStopsTheThreadTheServiceMadeForItself() throws InterruptedException {
            Set<Thread> before = jobThreads();
            DeletionJobService jobs = DeletionJobService.builder(new DelegatingPort(port), store)
                    .clock(clock)
                    .target(TARGET)
                    .build();
            services.add(jobs);
            await(jobs.deletionJobs());
            Set<Thread> made = jobThreads();
            made.removeAll(before);
            assertThat(made).as("the service's own thread").hasSize(1);
            Thread own = made.iterator().next();

            jobs.close();

            own.join(StageWaiter.DEFAULT_WAIT.toMillis());
            assertThat(own.isAlive())
                    .as("the service's own thread ended with it")
                    .isFalse();
        }

        private static Set<Thread> jobThreads() {
            Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
            threads.removeIf(t -> !t.getName().equals("ofauth-queue-jobs"));
            return threads;
        }

        @Test
        void closingOnAnInterruptedThreadStillClosesAndKeepsTheInterrupt() {
            DeletionJobService jobs = service();

            Thread.currentThread().interrupt();
            jobs.close();

            assertThat(Thread.interrupted())
                    .as("the interrupt is kept for the caller")
                    .isTrue();
            assertThat(failureOf(jobs.deletionJobs())).hasMessage("the deletion job service is closed");
        }

        @Test
        void aClosedServiceAnswersEveryCallAtOnceWithAFailureAndClosesAgainQuietly() {
            fill(A, 1, 1);
            DeletionJobService jobs = service();
            DeletionJobId id = await(jobs.startDeletionJob(job(A)));
            await(jobs.awaitDeletionJob(id));

            jobs.close();
            jobs.close();

            List<CompletionStage<?>> calls = List.of(
                    jobs.startDeletionJob(job(A)),
                    jobs.resumeDeletionJob(id, DeletionJobListener.NONE),
                    jobs.deletionJobStatus(id),
                    jobs.awaitDeletionJob(id),
                    jobs.cancelDeletionJob(id),
                    jobs.deletionJobs(),
                    jobs.deletedMessages(ArchiveQuery.everything()));
            for (CompletionStage<?> call : calls) {
                assertThat(failureOf(call))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("the deletion job service is closed");
            }
        }
    }

    @Test
    void aCallWhoseSchedulerShutsDownUnderItFailsAtOnceInsteadOfWaitingForever() {
        // The race a close() on another thread can win: the call saw the service open, then its scheduler refused the
        // task. A scheduler that drops work silently would leave the call's stage pending forever.
        VirtualScheduler time = new VirtualScheduler(clock);
        AtomicBoolean shutDown = new AtomicBoolean();
        JobScheduler closing = new JobScheduler() {
            @Override
            public void execute(Runnable task) {
                boolean unused = tryExecute(task);
            }

            @Override
            public boolean tryExecute(Runnable task) {
                if (shutDown.get()) {
                    return false;
                }
                time.execute(task);
                return true;
            }

            @Override
            public void schedule(Duration delay, Runnable task) {
                time.schedule(delay, task);
            }

            @Override
            public long nanoTime() {
                return time.nanoTime();
            }
        };
        DeletionJobService jobs = DeletionJobService.builder(new DelegatingPort(port), store)
                .clock(clock)
                .target(TARGET)
                .scheduler(closing)
                .build();
        services.add(jobs);

        shutDown.set(true);
        CompletableFuture<List<DeletionJobStatus>> listed = jobs.deletionJobs().toCompletableFuture();

        assertThat(listed).as("failed at once, not pending").isCompletedExceptionally();
        assertThat(failureOf(listed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the deletion job service is closed");
    }

    @Test
    void theOwnThreadSaysItDroppedATaskOnceClosed() {
        JobScheduler.OwnThread thread = JobScheduler.ownThread("test-own-thread");
        thread.close();

        assertThat(thread.tryExecute(() -> {})).isFalse();
    }

    static JobItemQueue.Claimed claim(JobItemQueue queue) {
        return (JobItemQueue.Claimed) queue.claim(A);
    }

    @Test
    void jobsAreListedNewestFirst() {
        fill(A, 1, 1);
        DeletionJobService jobs = service();
        DeletionJobId first = await(jobs.startDeletionJob(job(A)));
        await(jobs.awaitDeletionJob(first));
        DeletionJobId second = await(jobs.startDeletionJob(job(A)));
        await(jobs.awaitDeletionJob(second));

        assertThat(await(jobs.deletionJobs()))
                .extracting(DeletionJobStatus::id, DeletionJobStatus::total)
                .containsExactly(tuple(second, 0), tuple(first, 1));
    }
}
