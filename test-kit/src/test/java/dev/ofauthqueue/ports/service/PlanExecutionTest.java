package dev.ofauthqueue.ports.service;

import static dev.ofauthqueue.testkit.StageWaiter.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.SendPermit;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Executing a plan: one DELETE per message, decided on the plan's snapshot, refreshed when the plan grows old. */
class PlanExecutionTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId CONN = ConnectionId.of("conn_alpha");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(clock);
    final ScheduledQueueService service =
            ScheduledQueueService.builder(port).clock(clock).build();

    static ScheduledMassMessage message(long id, long secondsAhead) {
        return ScheduledMassMessage.builder(id)
                .text("message " + id)
                .sendAt(NOW.plusSeconds(secondsAhead))
                .build();
    }

    DeletionPlan plan() {
        return await(service.planDeletion(new PlanDeletionCommand(CONN, MessageSelector.all())));
    }

    @Test
    void aPlanIsExecutedWithOneDeleteAndNoReadPerMessage() {
        IntStream.rangeClosed(1, 30).forEach(i -> port.put(CONN, message(i, 3600)));
        DeletionPlan plan = plan();
        int pagesToPlan = port.pageRequests();

        DeletionReport report = await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

        assertThat(report.count(DeletionOutcome.Kind.DELETED)).isEqualTo(30);
        assertThat(port.deleteRequests()).hasSize(30).doesNotHaveDuplicates();
        assertThat(port.readRequests()).isEmpty();
        assertThat(port.pageRequests()).isEqualTo(pagesToPlan);
    }

    @Test
    void readingBeforeDeletingIsAnExplicitOptionThatCostsASecondRequestPerMessage() {
        IntStream.rangeClosed(1, 5).forEach(i -> port.put(CONN, message(i, 3600)));

        DeletionReport report =
                await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan()).readingBeforeDelete()));

        assertThat(report.count(DeletionOutcome.Kind.DELETED)).isEqualTo(5);
        assertThat(port.readRequests()).hasSize(5);
        assertThat(port.deleteRequests()).hasSize(5);
    }

    @Test
    void thePolicyIsEvaluatedAgainOnTheSnapshotJustBeforeEachRequest() {
        port.put(CONN, message(1, 3600), message(2, 120));
        DeletionPlan plan = plan();
        clock.advance(Duration.ofSeconds(90)); // 2 is now 30 s away: inside the 60 s margin

        DeletionReport report = await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

        assertThat(report.outcomes())
                .extracting(DeletionOutcome::kind)
                .containsExactly(DeletionOutcome.Kind.REFUSED, DeletionOutcome.Kind.DELETED); // send order
        assertThat(port.deleteRequests()).containsExactly(MassMessageId.of(1));
    }

    @Test
    void aPlanOlderThanTheMaximumAgeIsRefreshedByListingAndKeepsOnlyWhatIsStillThereAndAllowed() {
        port.put(CONN, message(1, 3600), message(2, 3600), message(3, 3600), message(4, 3600));
        DeletionPlan plan = plan();
        clock.advance(Duration.ofMinutes(6));
        // Meanwhile: 2 was deleted by someone else, 3 was moved to go out within the margin, 5 was added.
        await(port.deleteScheduledMassMessage(CONN, MassMessageId.of(2)));
        port.put(
                CONN,
                ScheduledMassMessage.builder(3)
                        .sendAt(clock.instant().plusSeconds(10))
                        .build());
        port.put(CONN, message(5, 3600));
        int pagesBefore = port.pageRequests();
        int deletesBefore = port.deleteRequests().size();

        DeletionReport report = await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

        assertThat(report.outcomes())
                .extracting(o -> o.id().value(), DeletionOutcome::kind)
                .containsExactly(
                        tuple(1L, DeletionOutcome.Kind.DELETED),
                        tuple(2L, DeletionOutcome.Kind.ALREADY_GONE),
                        tuple(3L, DeletionOutcome.Kind.REFUSED),
                        tuple(4L, DeletionOutcome.Kind.DELETED));
        assertThat(port.pageRequests()).isGreaterThan(pagesBefore);
        assertThat(port.deleteRequests()
                        .subList(deletesBefore, port.deleteRequests().size()))
                .containsExactlyInAnyOrder(MassMessageId.of(1), MassMessageId.of(4));
        assertThat(port.queue(CONN).find(MassMessageId.of(5)))
                .as("a refresh never adds")
                .isPresent();
    }

    @Test
    void aPlanYoungerThanTheMaximumAgeIsNotListedAgain() {
        port.put(CONN, message(1, 3600));
        DeletionPlan plan = plan();
        clock.advance(Duration.ofMinutes(4));
        int pagesBefore = port.pageRequests();

        await(service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

        assertThat(port.pageRequests()).isEqualTo(pagesBefore);
    }

    @Test
    void ofAuthsRefusalIsARefusalWithItsOwnReasonAndText() {
        port.put(CONN, message(1, 3600));
        ScheduledQueueService noRules = ScheduledQueueService.builder(port)
                .clock(clock)
                .policy(DeletionPolicy.of())
                .build();
        DeletionPlan plan = await(noRules.planDeletion(new PlanDeletionCommand(CONN, MessageSelector.all())));
        clock.advance(Duration.ofMinutes(61)); // sending now, which only OFAuth now judges

        DeletionReport report = await(noRules.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

        assertThat(report.outcomes()).singleElement().isInstanceOfSatisfying(DeletionOutcome.Refused.class, r -> {
            assertThat(r.decision().reason()).isEqualTo(RefusalReason.REFUSED_BY_OFAUTH);
            assertThat(r.decision().detail()).contains("SENDING");
        });
    }

    @Test
    void aNotFoundAnsweringARetryIsADeletionAndAPlainNotFoundIsAlreadyGone() {
        List<DeleteRequestOutcome> answers = new ArrayList<>(
                List.of(new DeleteRequestOutcome.NotFoundOnRetry(), new DeleteRequestOutcome.NotFound()));
        port.put(CONN, message(1, 3600), message(2, 3600));
        DelegatingPort scripted = new DelegatingPort(port) {
            @Override
            public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                    ConnectionId c, MassMessageId id, SendPermit permit) {
                return CompletableFuture.completedFuture(answers.remove(0));
            }
        };
        ScheduledQueueService s = ScheduledQueueService.builder(scripted)
                .clock(clock)
                .concurrency(1)
                .build();
        DeletionPlan plan = await(s.planDeletion(new PlanDeletionCommand(CONN, MessageSelector.all())));

        DeletionReport report = await(s.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

        assertThat(report.outcomes())
                .extracting(DeletionOutcome::kind)
                .containsExactly(DeletionOutcome.Kind.DELETED, DeletionOutcome.Kind.ALREADY_GONE);
    }

    @Test
    void aConnectionThatStopsOnA401FailsEveryMessageOfThePlanSayingWhyAndCountsEachOnce() {
        IntStream.rangeClosed(1, 4).forEach(i -> port.put(CONN, message(i, 3600)));
        DeletionPlan plan = plan();
        OfAuthException.Authentication expired =
                new OfAuthException.Authentication("DELETE failed: Session expired", 401, "UNAUTHORIZED", null, null);
        DelegatingPort signedOut = new DelegatingPort(port) {
            @Override
            public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(
                    ConnectionId connection, MassMessageId id) {
                return CompletableFuture.failedFuture(expired);
            }

            @Override
            public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                    ConnectionId connection, MassMessageId id, SendPermit permit) {
                return CompletableFuture.failedFuture(expired);
            }
        };
        ScheduledQueueService oneAtATime = ScheduledQueueService.builder(signedOut)
                .clock(clock)
                .concurrency(1)
                .build();
        List<Integer> done = new ArrayList<>();

        DeletionReport report = await(oneAtATime.executeDeletionPlan(
                new ExecuteDeletionPlanCommand(plan, (outcome, n, total) -> done.add(n))));

        assertThat(report.outcomes()).hasSize(4).allMatch(o -> o instanceof DeletionOutcome.Failed);
        assertThat(report.outcomes())
                .as("the 401 stopped the connection: its messages wait, none settled, each says why")
                .extracting(o -> ((DeletionOutcome.Failed) o).cause().getMessage())
                .allSatisfy(m ->
                        assertThat(m).startsWith("the connection stopped: ").contains("Session expired"));
        assertThat(done).as("each outcome told once, counted in order").containsExactly(1, 2, 3, 4);
        assertThat(port.queue(CONN).size()).isEqualTo(4);
    }
}
