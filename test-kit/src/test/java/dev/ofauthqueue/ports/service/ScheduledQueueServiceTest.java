package dev.ofauthqueue.ports.service;

import static dev.ofauthqueue.testkit.StageWaiter.await;
import static dev.ofauthqueue.testkit.StageWaiter.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionOutcome.Failed.Step;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MassMessageReceipt;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.in.MessageRef;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import dev.ofauthqueue.ports.in.RescheduleMassMessageCommand;
import dev.ofauthqueue.ports.in.ScheduleMassMessageCommand;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.ScheduleMassMessagePort;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import dev.ofauthqueue.ports.out.SendPermit;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScheduledQueueServiceTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId CONN = ConnectionId.of("conn_alpha");
    static final ConnectionId OTHER = ConnectionId.of("conn_beta");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(clock);
    private final ScheduledQueueService service =
            ScheduledQueueService.builder(port).clock(clock).build();

    static ScheduledMassMessage.Builder message(long id, long secondsAhead) {
        return ScheduledMassMessage.builder(id).text("message " + id).sendAt(NOW.plusSeconds(secondsAhead));
    }

    private static MessageRef ref(long id) {
        return new MessageRef(CONN, MassMessageId.of(id));
    }

    @Nested
    class WhenListing {

        @Test
        void listingWalksEveryPage() {
            IntStream.rangeClosed(1, 45)
                    .forEach(i -> port.put(CONN, message(i, 3600 + i).build()));
            ScheduledQueueService smallPages =
                    ScheduledQueueService.builder(port).clock(clock).pageSize(7).build();

            ScheduledQueue queue = await(smallPages.listScheduledQueue(CONN));

            assertThat(queue.size()).isEqualTo(45);
            assertThat(queue.messages()).extracting(m -> m.id().value()).isSorted();
            assertThat(queue.connection()).isEqualTo(CONN);
        }

        @Test
        void listingAnEmptyQueueAnswersAnEmptyQueue() {
            assertThat(await(service.listScheduledQueue(CONN)).isEmpty()).isTrue();
        }

        @Test
        void listingKeepsOneCopyOfAnItemSeenOnTwoPages() {
            ScheduledMassMessage first = message(1, 100).build();
            ScheduledMassMessage second = message(2, 200).build();
            ScheduledMassMessage secondChanged = message(2, 300).text("edited").build();
            PagedPort shifting = new PagedPort(
                    List.of(new QueuePage(List.of(first, second), true), new QueuePage(List.of(secondChanged), false)));

            ScheduledQueue queue =
                    await(ScheduledQueueService.builder(shifting).build().listScheduledQueue(CONN));

            assertThat(queue.messages()).containsExactly(first, secondChanged);
        }

        @Test
        void listingFailsInsteadOfLoopingOnAnEmptyPageThatSaysMore() {
            PagedPort broken = new PagedPort(List.of(new QueuePage(List.of(), true)));

            Throwable failure =
                    failureOf(ScheduledQueueService.builder(broken).build().listScheduledQueue(CONN));

            assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("hasMore");
        }

        @Test
        void listingFailsInsteadOfLoopingForeverOnEndlessPages() {
            PagedPort endless = new PagedPort(List.of()) {
                @Override
                public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId c, int offset, int limit) {
                    return CompletableFuture.completedFuture(
                            new QueuePage(List.of(message(offset + 1L, 100).build()), true));
                }
            };

            Throwable failure =
                    failureOf(ScheduledQueueService.builder(endless).build().listScheduledQueue(CONN));

            assertThat(failure)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(ScheduledQueueService.MAX_PAGES + " pages");
        }

        @Test
        void listingPassesThePortsFailureOn() {
            IOException down = new IOException("down");
            port.failNextCall(down);

            assertThat(failureOf(service.listScheduledQueue(CONN))).isSameAs(down);
        }

        @Test
        void aPortThatThrowsInsteadOfFailingItsStageStillFailsTheStage() {
            PagedPort throwing = new PagedPort(List.of()) {
                @Override
                public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId c, int offset, int limit) {
                    throw new IllegalStateException("thrown");
                }
            };

            assertThat(failureOf(ScheduledQueueService.builder(throwing).build().listScheduledQueue(CONN)))
                    .hasMessage("thrown");
        }

        @Test
        void aPortThatAnswersNullFailsTheStage() {
            PagedPort nullPort = new PagedPort(List.of()) {
                @Override
                public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId c, int offset, int limit) {
                    return null;
                }
            };

            assertThat(failureOf(ScheduledQueueService.builder(nullPort).build().listScheduledQueue(CONN)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("null");
        }
    }

    @Nested
    class WhenReadingOneMessage {

        @Test
        void getsOneMessageOfTheRightConnectionOnly() {
            ScheduledMassMessage m = message(5, 600).build();
            port.put(CONN, m);

            assertThat(await(service.getScheduledMassMessage(ref(5)))).contains(m);
            assertThat(await(service.getScheduledMassMessage(new MessageRef(OTHER, MassMessageId.of(5)))))
                    .isEmpty();
        }
    }

    @Nested
    class WhenDeletingOneMessage {

        @Test
        void deletesAMessageThePolicyAllows() {
            port.put(CONN, message(1, 3600).build());

            DeletionOutcome outcome = await(service.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Deleted.class, d -> {
                assertThat(d.message().canceled()).isTrue();
                assertThat(d.message().canUnsend()).isFalse();
            });
            assertThat(outcome.isGone()).isTrue();
            assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(1));
            assertThat(await(service.getScheduledMassMessage(ref(1)))).isEmpty();
        }

        @Test
        void deletingTwiceReportsTheMessageGoneAndSendsNoSecondRequest() {
            port.put(CONN, message(1, 3600).build());
            await(service.deleteScheduledMassMessage(ref(1)));

            DeletionOutcome second = await(service.deleteScheduledMassMessage(ref(1)));

            assertThat(second).isEqualTo(new DeletionOutcome.AlreadyGone(MassMessageId.of(1)));
            assertThat(port.deleteRequests()).hasSize(1);
        }

        @Test
        void refusesWithoutCallingThePortWhenTooCloseToTheSendTime() {
            port.put(CONN, message(1, 59).build());

            DeletionOutcome outcome = await(service.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Refused.class,
                            r -> assertThat(r.decision().reason()).isEqualTo(RefusalReason.TOO_CLOSE_TO_SEND_TIME));
            assertThat(outcome.isGone()).isFalse();
            assertThat(port.deleteRequests()).isEmpty();
        }

        @Test
        void evaluatesThePolicyAtTheClocksCurrentInstant() {
            port.put(CONN, message(1, 3600).build());
            clock.advance(Duration.ofSeconds(3600));

            DeletionOutcome outcome = await(service.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Refused.class,
                            r -> assertThat(r.decision().reason()).isEqualTo(RefusalReason.SENDING));
            assertThat(port.deleteRequests()).isEmpty();
        }

        @Test
        void refusesAMessageAlreadySent() {
            port.put(CONN, message(1, -30).sentCount(120).build());

            DeletionOutcome outcome = await(service.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Refused.class,
                            r -> assertThat(r.decision().reason()).isEqualTo(RefusalReason.ALREADY_SENT));
        }

        @Test
        void refusesWhatAUserRuleProtects() {
            port.put(CONN, message(1, 3600).price("5.00").build());
            ScheduledQueueService careful = ScheduledQueueService.builder(port)
                    .clock(clock)
                    .policy(DeletionPolicy.standard().and(DeletionRules.neverDeletePaid()))
                    .build();

            DeletionOutcome outcome = await(careful.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Refused.class, r -> {
                assertThat(r.decision().reason()).isEqualTo(RefusalReason.PROTECTED);
                assertThat(r.decision().rule()).isEqualTo("never-delete-paid");
            });
            assertThat(careful.policy().rules()).hasSize(5);
        }

        @Test
        void anUnknownMessageIsAlreadyGone() {
            assertThat(await(service.deleteScheduledMassMessage(ref(404))))
                    .isInstanceOf(DeletionOutcome.AlreadyGone.class);
            assertThat(port.deleteRequests()).isEmpty();
        }

        @Test
        void anotherConnectionsMessageIsNeverDeleted() {
            port.put(OTHER, message(1, 3600).build());

            DeletionOutcome outcome = await(service.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome).isInstanceOf(DeletionOutcome.AlreadyGone.class);
            assertThat(await(service.getScheduledMassMessage(new MessageRef(OTHER, MassMessageId.of(1)))))
                    .isPresent();
        }

        @Test
        void aNotFoundAnswerToARetriedDeleteIsADeletionByThisCall() {
            ScheduledMassMessage m = message(1, 3600).build();
            PagedPort racing = new PagedPort(List.of()) {
                @Override
                public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(
                        ConnectionId c, MassMessageId id) {
                    return CompletableFuture.completedFuture(Optional.of(m));
                }

                @Override
                public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(
                        ConnectionId c, MassMessageId id) {
                    return CompletableFuture.completedFuture(new DeleteRequestOutcome.NotFoundOnRetry());
                }
            };

            DeletionOutcome outcome = await(
                    ScheduledQueueService.builder(racing).clock(clock).build().deleteScheduledMassMessage(ref(1)));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Deleted.class,
                            d -> assertThat(d.message().canceled()).isTrue());
        }

        @Test
        void aFailedReadIsAFailedOutcomeThatSaysItHappenedWhileReadingBeforeDeleting() {
            IOException reset = new IOException("connection reset");
            port.failNextCall(reset);

            DeletionOutcome outcome = await(service.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome)
                    .isEqualTo(new DeletionOutcome.Failed(MassMessageId.of(1), Step.READING_BEFORE_DELETE, reset));
            assertThat(((DeletionOutcome.Failed) outcome).describe())
                    .isEqualTo(
                            "could not delete message 1: failed while reading it before deleting it: connection reset");
            assertThat(port.deleteRequests()).isEmpty();
        }

        @Test
        void aDeleteOfAuthRefusesWithA400IsRefusedWithOfAuthsReasonNotFailed() {
            port.put(CONN, message(1, 3600).build());
            ScheduledQueueService noMargin = ScheduledQueueService.builder(port)
                    .clock(clock)
                    .policy(DeletionPolicy.of())
                    .build();
            clock.advance(Duration.ofHours(2));

            DeletionOutcome outcome = await(noMargin.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Refused.class, r -> {
                assertThat(r.decision().reason()).isEqualTo(RefusalReason.REFUSED_BY_OFAUTH);
                assertThat(r.decision().rule()).isEqualTo("ofauth");
                assertThat(r.decision().detail()).isEqualTo("OFAuth refused: Cannot delete message 1: it is SENDING");
            });
        }

        @Test
        void anUnansweredDeleteThatTookEffectIsConfirmedByReadingAgain() {
            port.put(CONN, message(1, 3600).build());
            port.leaveNextDeleteUnanswered(true);

            DeletionOutcome outcome = await(service.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Deleted.class,
                            d -> assertThat(d.message().canceled()).isTrue());
            assertThat(port.deleteRequests()).hasSize(1);
        }

        @Test
        void anUnansweredDeleteAfterWhichTheMessageIsStillThereStaysUnconfirmed() {
            port.put(CONN, message(1, 3600).build());
            port.leaveNextDeleteUnanswered(false);

            DeletionOutcome outcome = await(service.deleteScheduledMassMessage(ref(1)));

            assertThat(outcome)
                    .as("the DELETE may still take effect (a slow request): not a failure to retry blindly")
                    .isInstanceOfSatisfying(
                            DeletionOutcome.Unconfirmed.class,
                            u -> assertThat(u.cause()).isInstanceOf(TimeoutException.class));
            assertThat(await(service.getScheduledMassMessage(ref(1)))).isPresent();
        }

        @Test
        void anUnansweredDeleteIsUnconfirmedWhenReadingAgainFails() {
            ScheduledMassMessage m = message(1, 3600).build();
            AtomicInteger reads = new AtomicInteger();
            PagedPort flaky = new PagedPort(List.of()) {
                @Override
                public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(
                        ConnectionId c, MassMessageId id) {
                    return reads.incrementAndGet() == 1
                            ? CompletableFuture.completedFuture(Optional.of(m))
                            : CompletableFuture.failedFuture(new IOException("read failed"));
                }

                @Override
                public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(
                        ConnectionId c, MassMessageId id) {
                    return CompletableFuture.completedFuture(
                            new DeleteRequestOutcome.Unconfirmed(new TimeoutException("t")));
                }
            };

            DeletionOutcome outcome = await(
                    ScheduledQueueService.builder(flaky).clock(clock).build().deleteScheduledMassMessage(ref(1)));

            assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Unconfirmed.class, u -> {
                assertThat(u.cause()).isInstanceOf(TimeoutException.class);
                assertThat(u.cause().getSuppressed())
                        .singleElement()
                        .extracting(Throwable::getMessage)
                        .isEqualTo("read failed");
            });
        }

        @Test
        void anUnansweredDeleteOfAMessageThatThenVanishedIsDeleted() {
            ScheduledMassMessage m = message(1, 3600).build();
            AtomicInteger reads = new AtomicInteger();
            PagedPort vanishing = new PagedPort(List.of()) {
                @Override
                public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(
                        ConnectionId c, MassMessageId id) {
                    return CompletableFuture.completedFuture(
                            reads.incrementAndGet() == 1 ? Optional.of(m) : Optional.empty());
                }

                @Override
                public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(
                        ConnectionId c, MassMessageId id) {
                    return CompletableFuture.completedFuture(
                            new DeleteRequestOutcome.Unconfirmed(new TimeoutException("t")));
                }
            };

            DeletionOutcome outcome = await(ScheduledQueueService.builder(vanishing)
                    .clock(clock)
                    .build()
                    .deleteScheduledMassMessage(ref(1)));

            assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Deleted.class, d -> {
                assertThat(d.message().id()).isEqualTo(m.id());
                assertThat(d.message().canceled()).isTrue();
            });
        }
    }

    @Nested
    class WhenPlanningAndExecuting {

        @Test
        void planningDeletesNothing() {
            port.put(
                    CONN,
                    message(1, 3600).build(),
                    message(2, 10).build(),
                    message(3, 7200).price("4.00").build());

            DeletionPlan plan = await(service.planDeletion(new PlanDeletionCommand(CONN, MessageSelector.free())));

            assertThat(plan.toDelete()).extracting(m -> m.id().value()).containsExactly(1L);
            assertThat(plan.refused())
                    .extracting(r -> r.decision().reason())
                    .containsExactly(RefusalReason.TOO_CLOSE_TO_SEND_TIME);
            assertThat(plan.plannedAt()).isEqualTo(NOW);
            assertThat(port.deleteRequests()).isEmpty();
        }

        @Test
        void executingAPlanDeletesTheAllowedAndReportsEveryItem() {
            port.put(
                    CONN,
                    message(1, 3600).build(),
                    message(2, 10).build(),
                    message(3, 7200).build());
            DeletionPlan plan = await(service.planDeletion(new PlanDeletionCommand(CONN, MessageSelector.all())));
            List<String> heard = Collections.synchronizedList(new ArrayList<>());

            DeletionReport report = await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(
                    plan,
                    (outcome, done, total) ->
                            heard.add(outcome.id() + ":" + outcome.kind() + ":" + done + "/" + total))));

            assertThat(report.outcomes())
                    .extracting(o -> o.id().value(), DeletionOutcome::kind)
                    .containsExactly(
                            Tuple.tuple(1L, DeletionOutcome.Kind.DELETED),
                            Tuple.tuple(3L, DeletionOutcome.Kind.DELETED),
                            Tuple.tuple(2L, DeletionOutcome.Kind.REFUSED));
            assertThat(report.count(DeletionOutcome.Kind.DELETED)).isEqualTo(2);
            assertThat(report.count(DeletionOutcome.Kind.REFUSED)).isEqualTo(1);
            assertThat(report.count(DeletionOutcome.Kind.FAILED)).isZero();
            assertThat(report.ofKind(DeletionOutcome.Kind.REFUSED))
                    .extracting(o -> o.id().value())
                    .containsExactly(2L);
            assertThat(heard).hasSize(3).last().asString().endsWith("3/3");
            assertThat(await(service.listScheduledQueue(CONN)).messages())
                    .extracting(m -> m.id().value())
                    .containsExactly(2L);
            assertThat(report.toString()).contains("DELETED=2");
        }

        @Test
        void executionChecksEachDecisionAgainJustBeforeDeleting() {
            port.put(CONN, message(1, 3600).build(), message(2, 600).build());
            DeletionPlan plan = await(service.planDeletion(new PlanDeletionCommand(CONN, MessageSelector.all())));
            clock.advance(Duration.ofSeconds(590));

            DeletionReport report = await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

            assertThat(report.outcomes())
                    .extracting(o -> o.id().value(), DeletionOutcome::kind)
                    .containsExactly(
                            Tuple.tuple(2L, DeletionOutcome.Kind.REFUSED),
                            Tuple.tuple(1L, DeletionOutcome.Kind.DELETED));
            assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(1));
        }

        @Test
        void executionGoesOnAfterAFailure() {
            port.put(
                    CONN,
                    message(1, 3600).build(),
                    message(2, 3700).build(),
                    message(3, 3800).build());
            DeletionPlan plan = await(service.planDeletion(new PlanDeletionCommand(CONN, MessageSelector.all())));
            port.failNextCall(new IOException("boom"));
            ScheduledQueueService serial = ScheduledQueueService.builder(port)
                    .clock(clock)
                    .concurrency(1)
                    .build();

            DeletionReport report = await(serial.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

            assertThat(report.outcomes())
                    .extracting(DeletionOutcome::kind)
                    .containsExactly(
                            DeletionOutcome.Kind.FAILED, DeletionOutcome.Kind.DELETED, DeletionOutcome.Kind.DELETED);
        }

        @Test
        void aPlannedMessageCanceledMeanwhileIsAlreadyGone() {
            port.put(CONN, message(1, 3600).build());
            DeletionPlan plan = await(service.planDeletion(new PlanDeletionCommand(CONN, MessageSelector.all())));
            await(service.deleteScheduledMassMessage(ref(1)));

            DeletionReport report = await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

            assertThat(report.outcomes())
                    .extracting(DeletionOutcome::kind)
                    .containsExactly(DeletionOutcome.Kind.ALREADY_GONE);
        }

        @Test
        void alreadyDeletedRefusalsInAPlanAreReportedGone() {
            ScheduledQueue queue = ScheduledQueue.of(
                    CONN, List.of(message(1, 3600).canceled(true).build()));
            DeletionPlan plan = DeletionPlan.of(queue, MessageSelector.all(), DeletionPolicy.standard(), NOW);

            DeletionReport report = await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

            assertThat(report.outcomes())
                    .extracting(DeletionOutcome::kind)
                    .containsExactly(DeletionOutcome.Kind.ALREADY_GONE);
            assertThat(port.deleteRequests()).isEmpty();
        }

        @Test
        void anEmptyPlanGivesAnEmptyReport() {
            DeletionPlan plan =
                    DeletionPlan.of(ScheduledQueue.empty(CONN), MessageSelector.all(), DeletionPolicy.standard(), NOW);

            DeletionReport report = await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

            assertThat(report.outcomes()).isEmpty();
            assertThat(report.counts())
                    .containsEntry(DeletionOutcome.Kind.DELETED, 0)
                    .hasSize(5);
        }

        @Test
        void aThrowingListenerDoesNotLoseTheReport() {
            port.put(CONN, message(1, 3600).build(), message(2, 3700).build());
            DeletionPlan plan = await(service.planDeletion(new PlanDeletionCommand(CONN, MessageSelector.all())));

            DeletionReport report =
                    await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan, (o, done, total) -> {
                        throw new IllegalStateException("listener bug");
                    })));

            assertThat(report.count(DeletionOutcome.Kind.DELETED)).isEqualTo(2);
        }

        @Test
        void executionKeepsAtMostTheConfiguredNumberOfDeletionsInFlight() throws InterruptedException {
            List<ScheduledMassMessage> messages = IntStream.rangeClosed(1, 12)
                    .mapToObj(i -> message(i, 3600).build())
                    .toList();
            GatedPort gated = new GatedPort(messages);
            ScheduledQueueService three = ScheduledQueueService.builder(gated)
                    .clock(clock)
                    .concurrency(3)
                    .build();
            DeletionPlan plan = DeletionPlan.of(
                    ScheduledQueue.of(CONN, messages), MessageSelector.all(), DeletionPolicy.standard(), NOW);

            CompletableFuture<DeletionReport> running = three.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan))
                    .toCompletableFuture();
            for (int i = 0; i < messages.size(); i++) {
                gated.awaitInFlight(Math.min(3, messages.size() - i));
                gated.releaseOneWhenBusy();
            }

            assertThat(gated.maxInFlight.get()).isEqualTo(3);
            assertThat(running.join().count(DeletionOutcome.Kind.DELETED)).isEqualTo(12);
        }

        @Test
        void executionOfManySynchronousDeletionsDoesNotOverflowTheStack() {
            List<ScheduledMassMessage> many = IntStream.rangeClosed(1, 20_000)
                    .mapToObj(i -> message(i, 3600).build())
                    .toList();
            port.put(CONN, many);
            DeletionPlan plan = DeletionPlan.of(
                    ScheduledQueue.of(CONN, many), MessageSelector.all(), DeletionPolicy.standard(), NOW);

            DeletionReport report = await(ScheduledQueueService.builder(port)
                    .clock(clock)
                    .concurrency(1)
                    .build()
                    .executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

            assertThat(report.count(DeletionOutcome.Kind.DELETED)).isEqualTo(20_000);
        }
    }

    @Nested
    class WhenSchedulingAndRescheduling {

        @Test
        void schedulesAMessageThatThenShowsInTheQueue() {
            MassMessageDraft draft = MassMessageDraft.scheduled("new drop", NOW.plusSeconds(7200));

            MassMessageReceipt job = await(service.scheduleMassMessage(new ScheduleMassMessageCommand(CONN, draft)));

            assertThat(job.sendAt()).contains(NOW.plusSeconds(7200));
            assertThat(await(service.getScheduledMassMessage(new MessageRef(CONN, job.id()))))
                    .hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("new drop"));
        }

        @Test
        void reschedulesAScheduledMessage() {
            port.put(CONN, message(1, 3600).build());
            MassMessageDraft later = MassMessageDraft.scheduled("moved", NOW.plusSeconds(9000));

            MassMessageReceipt job = await(
                    service.rescheduleMassMessage(new RescheduleMassMessageCommand(CONN, MassMessageId.of(1), later)));

            assertThat(job.sendAt()).contains(NOW.plusSeconds(9000));
            assertThat(port.queue(CONN).find(MassMessageId.of(1)))
                    .hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("moved"));
        }

        @Test
        void refusesASendTimeThatIsNotInTheFutureBeforeAnyRequest() {
            port.failNextCall(new AssertionError("the port must not be called"));
            MassMessageDraft past = MassMessageDraft.scheduled("late", NOW.minusSeconds(1));
            MassMessageDraft atNow = MassMessageDraft.scheduled("now", NOW);

            Throwable scheduling = failureOf(service.scheduleMassMessage(new ScheduleMassMessageCommand(CONN, past)));
            Throwable rescheduling = failureOf(
                    service.rescheduleMassMessage(new RescheduleMassMessageCommand(CONN, MassMessageId.of(1), atNow)));

            assertThat(scheduling).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendAt");
            assertThat(rescheduling)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sendAt");
            assertThat(port.queue(CONN).isEmpty()).isTrue();
        }

        @Test
        void passesOfAuthsRefusalOfAMessageNoLongerScheduledOn() {
            port.put(CONN, message(1, 30).build());
            clock.advance(Duration.ofMinutes(1));
            MassMessageDraft later = MassMessageDraft.scheduled("too late", NOW.plusSeconds(9000));

            Throwable failure = failureOf(
                    service.rescheduleMassMessage(new RescheduleMassMessageCommand(CONN, MassMessageId.of(1), later)));
            Throwable unknown = failureOf(service.rescheduleMassMessage(
                    new RescheduleMassMessageCommand(CONN, MassMessageId.of(404), later)));

            assertThat(failure).isInstanceOf(OfAuthException.BadRequest.class);
            assertThat(unknown).isInstanceOf(OfAuthException.NotFound.class);
        }
    }

    @Nested
    class WhenConfigured {

        @Test
        void rejectsBadSettings() {
            ScheduledQueueService.Builder builder = ScheduledQueueService.builder(port);

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.concurrency(0))
                    .withMessageContaining("concurrency");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.concurrency(65));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> builder.pageSize(0))
                    .withMessageContaining("pageSize");
            assertThatIllegalArgumentException().isThrownBy(() -> builder.pageSize(21));
            assertThatNullPointerException().isThrownBy(() -> builder.policy(null));
            assertThatNullPointerException().isThrownBy(() -> builder.clock(null));
            assertThatNullPointerException().isThrownBy(() -> ScheduledQueueService.builder(null));
            assertThatNullPointerException().isThrownBy(() -> service.deleteScheduledMassMessage(null));
            assertThatNullPointerException().isThrownBy(() -> new MessageRef(CONN, null));
        }
    }

    /** Answers scripted pages in order; reads and deletes are unsupported unless overridden. */
    static class PagedPort implements ScheduledQueuePort, ScheduleMassMessagePort {
        private final List<QueuePage> pages;
        private int served;

        PagedPort(List<QueuePage> pages) {
            this.pages = pages;
        }

        @Override
        public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId c, int offset, int limit) {
            return CompletableFuture.completedFuture(pages.get(Math.min(served++, pages.size() - 1)));
        }

        @Override
        public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(ConnectionId c, MassMessageId id) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(ConnectionId c, MassMessageId id) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        /** Plans and jobs delete through here: the same as a single deletion in these doubles. */
        @Override
        public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                ConnectionId c, MassMessageId id, SendPermit permit) {
            return deleteScheduledMassMessage(c, id);
        }

        @Override
        public CompletionStage<MassMessageReceipt> scheduleMassMessage(ConnectionId c, MassMessageDraft draft) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }

        @Override
        public CompletionStage<MassMessageReceipt> rescheduleMassMessage(
                ConnectionId c, MassMessageId id, MassMessageDraft draft) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException());
        }
    }

    /** Holds every delete until the test releases it, counting how many are held at once. */
    static final class GatedPort extends PagedPort {
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final List<ScheduledMassMessage> messages;
        private final BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
        private final AtomicInteger inFlight = new AtomicInteger();

        GatedPort(List<ScheduledMassMessage> messages) {
            super(List.of());
            this.messages = messages;
        }

        @Override
        public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(ConnectionId c, MassMessageId id) {
            return CompletableFuture.completedFuture(
                    messages.stream().filter(m -> m.id().equals(id)).findFirst());
        }

        @Override
        public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(ConnectionId c, MassMessageId id) {
            CompletableFuture<DeleteRequestOutcome> answer = new CompletableFuture<>();
            ScheduledMassMessage m =
                    messages.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            synchronized (this) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                held.add(() -> {
                    inFlight.decrementAndGet();
                    answer.complete(new DeleteRequestOutcome.Deleted(
                            m.toBuilder().canceled(true).build()));
                });
                notifyAll();
            }
            return answer;
        }

        /** Waits until {@code n} deletions are held at once (signalled by each arrival, never polled). */
        synchronized void awaitInFlight(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (inFlight.get() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + inFlight.get() + " of " + n + " deletions arrived within 5 s");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        void releaseOneWhenBusy() {
            try {
                Runnable next = held.poll(5, TimeUnit.SECONDS);
                if (next == null) {
                    throw new AssertionError("no deletion arrived within 5 s");
                }
                next.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
