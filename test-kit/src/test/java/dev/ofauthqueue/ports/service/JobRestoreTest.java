package dev.ofauthqueue.ports.service;

import static dev.ofauthqueue.testkit.StageWaiter.await;
import static dev.ofauthqueue.testkit.StageWaiter.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ofauthqueue.Audience;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MassMessageReceipt;
import dev.ofauthqueue.RestoreDeletedCommand;
import dev.ofauthqueue.RestoreOutcome;
import dev.ofauthqueue.RestoreOutcome.Kind;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Undo: a job's deleted messages re-created, each at most once, a POST never repeated. */
class JobRestoreTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId A = ConnectionId.of("conn_a");
    static final Audience FANS = Audience.lists(List.of("vip", "1234"));

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(clock);
    final InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();
    final List<DeletionJobService> services = new ArrayList<>();
    final List<RestoreOutcome> heard = new CopyOnWriteArrayList<>();
    final AtomicInteger posts = new AtomicInteger();
    final List<MassMessageDraft> drafts = new CopyOnWriteArrayList<>();

    /** Counts each POST and, when told, loses its answer after the message was created. */
    final class CountingPort extends DelegatingPort {
        volatile boolean loseNextAnswer;

        CountingPort() {
            super(port);
        }

        @Override
        public CompletionStage<MassMessageReceipt> scheduleMassMessage(
                ConnectionId connection, MassMessageDraft draft) {
            posts.incrementAndGet();
            drafts.add(draft);
            CompletionStage<MassMessageReceipt> created = super.scheduleMassMessage(connection, draft);
            if (loseNextAnswer) {
                loseNextAnswer = false;
                return created.thenCompose(job -> CompletableFuture.failedFuture(new OfAuthException.Transport(
                        "POST /v2/access/mass-messages: the connection broke before the answer was complete",
                        OfAuthException.Transport.Kind.RESET,
                        null)));
            }
            return created;
        }
    }

    final CountingPort onPort = new CountingPort();

    DeletionJobService service() {
        DeletionJobService s = DeletionJobService.builder(onPort, store)
                .clock(clock)
                .budget(RateBudget.unlimited())
                .creator(onPort)
                .build();
        services.add(s);
        return s;
    }

    @AfterEach
    void close() {
        services.forEach(DeletionJobService::close);
    }

    static ScheduledMassMessage message(long id, Duration ahead) {
        return ScheduledMassMessage.builder(id)
                .text("message " + id)
                .price(Money.parse("4.99"))
                .free(false)
                .sendAt(NOW.plus(ahead))
                .build();
    }

    /** A finished job that deleted messages 1 to 3 (sent in 1 h, 2 h and 3 h) and kept none. */
    DeletionJobId aJobThatDeletedThree(DeletionJobService jobs) {
        for (int i = 1; i <= 3; i++) {
            port.put(A, message(i, Duration.ofHours(i)));
        }
        DeletionJobId id = await(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())));
        await(jobs.awaitDeletionJob(id));
        assertThat(port.queue(A).messages()).isEmpty();
        return id;
    }

    RestoreDeletedCommand restore(DeletionJobId job) {
        return new RestoreDeletedCommand(job, FANS, Optional.empty(), Set.of(), heard::add);
    }

    @Test
    void eachDeletedMessageIsCreatedAgainOnceAndASecondRunSendsNothing() {
        DeletionJobService jobs = service();
        DeletionJobId id = aJobThatDeletedThree(jobs);

        List<RestoreOutcome> first = await(jobs.restoreDeletedMessages(restore(id)));
        List<RestoreOutcome> second = await(jobs.restoreDeletedMessages(restore(id)));

        assertThat(first)
                .extracting(RestoreOutcome::kind)
                .containsOnly(Kind.CREATED)
                .hasSize(3);
        assertThat(first).extracting(o -> o.original().value()).containsExactly(1L, 2L, 3L);
        assertThat(heard).hasSize(6);
        assertThat(port.queue(A).messages())
                .extracting(
                        ScheduledMassMessage::text,
                        ScheduledMassMessage::price,
                        m -> m.sendAt().orElseThrow())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("message 1", Money.parse("4.99"), NOW.plusSeconds(3600)),
                        org.assertj.core.groups.Tuple.tuple("message 2", Money.parse("4.99"), NOW.plusSeconds(7200)),
                        org.assertj.core.groups.Tuple.tuple("message 3", Money.parse("4.99"), NOW.plusSeconds(10800)));
        assertThat(drafts).allMatch(d -> d.audience().equals(FANS));
        assertThat(second)
                .extracting(RestoreOutcome::kind)
                .containsOnly(Kind.ALREADY_RESTORED)
                .hasSize(3);
        assertThat(second.get(0).created()).isEqualTo(first.get(0).created());
        assertThat(posts).as("one POST per message over both runs").hasValue(3);
    }

    @Test
    void aPostWhoseAnswerWasLostIsFoundInTheQueueByTheNextRunAndNeverSentAgain() {
        DeletionJobService jobs = service();
        DeletionJobId id = aJobThatDeletedThree(jobs);
        onPort.loseNextAnswer = true;

        List<RestoreOutcome> first = await(jobs.restoreDeletedMessages(restore(id)));
        int pagesBefore = port.pageRequests();
        List<RestoreOutcome> second = await(jobs.restoreDeletedMessages(restore(id)));

        assertThat(first.get(0).kind()).isEqualTo(Kind.UNCONFIRMED);
        assertThat(first.get(0).detail()).contains("never sends it again");
        assertThat(first.subList(1, 3)).extracting(RestoreOutcome::kind).containsOnly(Kind.CREATED);
        assertThat(second.get(0).kind()).isEqualTo(Kind.FOUND);
        assertThat(second.get(0).created()).isPresent();
        assertThat(port.queue(A).messages())
                .extracting(m -> m.id())
                .contains(second.get(0).created().get());
        assertThat(port.pageRequests()).as("the queue was listed to settle it").isGreaterThan(pagesBefore);
        assertThat(posts).as("no POST sent twice").hasValue(3);
        assertThat(port.queue(A).messages()).hasSize(3);
    }

    @Test
    void anIntentWithoutAPostIsReportedUnconfirmedAndNeverSent() {
        DeletionJobService jobs = service();
        DeletionJobId id = aJobThatDeletedThree(jobs);
        // A process recorded its intent and died before the POST left.
        store.restores(id).recordIntent(A, MassMessageId.of(2), NOW);

        List<RestoreOutcome> outcomes = await(jobs.restoreDeletedMessages(restore(id)));
        List<RestoreOutcome> again = await(jobs.restoreDeletedMessages(restore(id)));

        assertThat(outcomes)
                .extracting(RestoreOutcome::kind)
                .containsExactly(Kind.CREATED, Kind.UNCONFIRMED, Kind.CREATED);
        assertThat(outcomes.get(1).detail()).contains("never sent again automatically");
        assertThat(again.get(1).kind()).isEqualTo(Kind.UNCONFIRMED);
        assertThat(posts).hasValue(2);
    }

    @Test
    void aMessageWhoseDateHasPassedIsRefusedUnlessAnotherTimeIsGiven() {
        DeletionJobService jobs = service();
        DeletionJobId id = aJobThatDeletedThree(jobs);
        clock.advance(Duration.ofMinutes(150)); // 1 and 2 have passed; 3 is 30 min ahead

        List<RestoreOutcome> refused = await(jobs.restoreDeletedMessages(restore(id)));
        Instant later = clock.instant().plus(Duration.ofDays(1));
        List<RestoreOutcome> moved = await(jobs.restoreDeletedMessages(
                new RestoreDeletedCommand(id, FANS, Optional.of(later), Set.of(), o -> {})));

        assertThat(refused).extracting(RestoreOutcome::kind).containsExactly(Kind.REFUSED, Kind.REFUSED, Kind.CREATED);
        assertThat(refused.get(0).detail()).contains("has passed");
        assertThat(moved)
                .extracting(RestoreOutcome::kind)
                .containsExactly(Kind.CREATED, Kind.CREATED, Kind.ALREADY_RESTORED);
        assertThat(drafts.subList(1, 3)).allMatch(d -> d.sendAt().equals(Optional.of(later)));
    }

    @Test
    void aRefusedPostCreatesNothingAndALaterRunTriesAgain() {
        DeletionJobService jobs = service();
        DeletionJobId id = aJobThatDeletedThree(jobs);
        port.failNextCall(new OfAuthException.BadRequest("POST failed: price too high", 400, "BAD_REQUEST", null));

        List<RestoreOutcome> first = await(jobs.restoreDeletedMessages(restore(id)));
        List<RestoreOutcome> second = await(jobs.restoreDeletedMessages(restore(id)));

        assertThat(first.get(0).kind()).isEqualTo(Kind.FAILED);
        assertThat(first.get(0).detail()).contains("nothing was created");
        assertThat(second.get(0).kind()).isEqualTo(Kind.CREATED);
        assertThat(port.queue(A).messages()).hasSize(3);
    }

    @Test
    void onlyWhatTheJobDeletedCanBeRestoredAndAnAudienceMustBeNamed() {
        DeletionJobService jobs = service();
        DeletionJobId id = aJobThatDeletedThree(jobs);

        Throwable notDeleted = failureOf(jobs.restoreDeletedMessages(new RestoreDeletedCommand(
                id, FANS, Optional.empty(), Set.of(MassMessageId.of(2), MassMessageId.of(77)), o -> {})));
        List<RestoreOutcome> one = await(jobs.restoreDeletedMessages(
                new RestoreDeletedCommand(id, FANS, Optional.empty(), Set.of(MassMessageId.of(2)), o -> {})));

        assertThat(notDeleted)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did not delete message(s) 77");
        assertThat(one).extracting(o -> o.original().value()).containsExactly(2L);
        assertThat(posts).hasValue(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RestoreDeletedCommand.of(id, Audience.UNNAMED))
                .withMessageContaining("names its audience");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RestoreDeletedCommand(
                        id, FANS, Optional.of(MassMessageDraft.LATEST_SEND_AT.plusSeconds(1)), Set.of(), o -> {}))
                .withMessageContaining("four-digit years");
    }

    @Test
    void aMessageNoDraftCanCarryIsRefusedWithoutAnIntentAndARerunRefusesItAgain() {
        DeletionJobService jobs = service();
        port.put(
                A,
                ScheduledMassMessage.builder(1)
                        .text("dear")
                        .price(Money.parse("250.00"))
                        .free(false)
                        .sendAt(NOW.plus(Duration.ofHours(1)))
                        .build(),
                message(2, Duration.ofHours(2)));
        DeletionJobId id = await(jobs.startDeletionJob(StartDeletionJobCommand.of(List.of(A), Selection.all())));
        await(jobs.awaitDeletionJob(id));

        List<RestoreOutcome> first = await(jobs.restoreDeletedMessages(restore(id)));
        List<RestoreOutcome> again = await(jobs.restoreDeletedMessages(restore(id)));

        assertThat(first).extracting(RestoreOutcome::kind).containsExactly(Kind.REFUSED, Kind.CREATED);
        assertThat(first.get(0).detail()).contains("price must be at most 200");
        assertThat(again)
                .as("no intent was recorded for it: refused again, not unconfirmed")
                .extracting(RestoreOutcome::kind)
                .containsExactly(Kind.REFUSED, Kind.ALREADY_RESTORED);
        assertThat(posts).hasValue(1);
    }

    @Test
    void aServiceWithoutACreatorRefusesToRestore() {
        DeletionJobService plain =
                DeletionJobService.builder(onPort, store).clock(clock).build();
        services.add(plain);

        assertThat(failureOf(plain.restoreDeletedMessages(RestoreDeletedCommand.of(DeletionJobId.of(1), FANS))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("creates no messages");
    }
}
