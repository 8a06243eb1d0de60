package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seal over a job's plan: what it binds, and that a store changed outside ofauth-queue is refused whole. */
class JobSealTest {

    static final String API_KEY = "sk_live_seal_test";
    static final Instant CREATED = Instant.parse("2026-03-14T12:00:00.123456789Z");
    static final ConnectionId A = ConnectionId.of("conn_a");
    static final ConnectionId B = ConnectionId.of("conn_b");
    static final JobSeal SEAL = JobSeal.derivedFrom(API_KEY);

    static ScheduledMassMessage message(long id) {
        return DeletionJobServiceTest.message(id);
    }

    /** A job of A's messages 1 and 2 and B's message 3, sealed by {@code seal} when it was created. */
    static StoredJob job(JobSeal seal) {
        List<StoredItem> items = new ArrayList<>();
        List<PlannedItem> planned = List.of(
                new PlannedItem(A, message(1), Optional.empty(), CREATED),
                new PlannedItem(A, message(2), Optional.of("{\"id\":2}"), CREATED),
                new PlannedItem(B, message(3), Optional.empty(), CREATED));
        for (int i = 0; i < planned.size(); i++) {
            items.add(new StoredItem(
                    seal.seal(CREATED, i, planned.get(i)),
                    i,
                    JobItemState.PENDING,
                    Optional.empty(),
                    Optional.empty()));
        }
        return new StoredJob(
                DeletionJobId.of(7), CREATED, JobRunTest.settings(4), DeletionJobState.RUNNING, items, Map.of());
    }

    /** {@code job} with item {@code position} replaced as {@code change} says, as an edit of the store would. */
    static StoredJob changed(StoredJob job, int position, UnaryOperator<StoredItem> change) {
        List<StoredItem> items = new ArrayList<>(job.items());
        items.set(position, change.apply(items.get(position)));
        return new StoredJob(job.id(), job.createdAt(), job.settings(), job.state(), items, job.stopped());
    }

    static StoredItem withItem(StoredItem stored, PlannedItem item) {
        return new StoredItem(item, stored.position(), stored.state(), stored.outcome(), stored.intentAt());
    }

    static PlannedItem withSnapshot(PlannedItem item, ScheduledMassMessage snapshot) {
        return new PlannedItem(item.connection(), snapshot, item.snapshotJson(), item.snapshotAt(), item.seal());
    }

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("another message id", (UnaryOperator<StoredItem>) s -> withItem(
                        s,
                        withSnapshot(
                                s.item(),
                                message(1).toBuilder().id(MassMessageId.of(4)).build()))),
                Arguments.of("another connection", (UnaryOperator<StoredItem>) s -> withItem(
                        s,
                        new PlannedItem(
                                B,
                                s.item().snapshot(),
                                Optional.empty(),
                                CREATED,
                                s.item().seal()))),
                Arguments.of("a send time moved later", (UnaryOperator<StoredItem>) s -> withItem(
                        s,
                        withSnapshot(
                                s.item(),
                                s.item().snapshot().toBuilder()
                                        .sendAt(CREATED.plusSeconds(86_400))
                                        .build()))),
                Arguments.of("another price", (UnaryOperator<StoredItem>) s -> withItem(
                        s,
                        withSnapshot(
                                s.item(),
                                s.item().snapshot().toBuilder()
                                        .price(Money.parse("9.99"))
                                        .build()))),
                Arguments.of("another text", (UnaryOperator<StoredItem>) s -> withItem(
                        s,
                        withSnapshot(
                                s.item(),
                                s.item().snapshot().toBuilder().text("edited").build()))),
                Arguments.of("its seal removed", (UnaryOperator<StoredItem>) s -> withItem(
                        s,
                        new PlannedItem(
                                s.item().connection(),
                                s.item().snapshot(),
                                s.item().snapshotJson(),
                                s.item().snapshotAt()))),
                Arguments.of("the seal of another item", (UnaryOperator<StoredItem>) s -> withItem(
                        s,
                        s.item().sealed(job(SEAL).items().get(1).item().seal().orElseThrow()))),
                Arguments.of("another position", (UnaryOperator<StoredItem>)
                        s -> new StoredItem(s.item(), 5, s.state(), s.outcome(), s.intentAt())));
    }

    /** The item is named by its place in the plan (one-based), as the store says it is. */
    @ParameterizedTest(name = "item 1 with {0}")
    @MethodSource("edits")
    void anyEditOfAnItemMakesTheWholeJobRefusedNamingItAndTheStore(String edit, UnaryOperator<StoredItem> change) {
        StoredJob tampered = changed(job(SEAL), 0, change);

        assertThatThrownBy(() -> SEAL.check(tampered, "/tmp/jobs.db"))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.TAMPERED))
                .hasMessageStartingWith("job 7 in /tmp/jobs.db: item ")
                .hasMessageContaining("the job store was changed outside ofauth-queue")
                .hasMessageContaining("nothing was sent");
    }

    @Test
    void aJobSealedByThisKeyPassesAndTheSealCoversTheWholeSnapshotNotOnlyOfAuthsJson() {
        assertThatCode(() -> SEAL.check(job(SEAL), "/tmp/jobs.db")).doesNotThrowAnyException();
        StoredJob sameJsonOtherCounts = changed(
                job(SEAL),
                1,
                s -> withItem(
                        s,
                        withSnapshot(
                                s.item(),
                                s.item().snapshot().toBuilder().sentCount(5).build())));
        assertThatThrownBy(() -> SEAL.check(sameJsonOtherCounts, "/tmp/jobs.db"))
                .hasMessageStartingWith("job 7 in /tmp/jobs.db: item 2 of its plan");
    }

    @Test
    void anArchivedDeletionMustBeOfAMessageItsJobPlannedOnItsConnection() {
        StoredJob job = job(SEAL);
        ArchivedDeletion planned = new ArchivedDeletion(
                job.id(), A, MassMessageId.of(2), CREATED, ArchivedDeletion.Source.ANSWER, "{\"id\":2}");

        assertThatCode(() -> SEAL.checkArchive(List.of(planned), id -> job, "here"))
                .doesNotThrowAnyException();
        for (ArchivedDeletion edited : List.of(
                new ArchivedDeletion(job.id(), A, MassMessageId.of(9), CREATED, ArchivedDeletion.Source.ANSWER, "{}"),
                new ArchivedDeletion(
                        job.id(), B, MassMessageId.of(2), CREATED, ArchivedDeletion.Source.ANSWER, "{}"))) {
            assertThatThrownBy(() -> SEAL.checkArchive(List.of(edited), id -> job, "here"))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.TAMPERED))
                    .hasMessage("job 7 in here: its archive holds message " + edited.id()
                            + ", which its plan does not: the job store was changed outside ofauth-queue");
        }
        assertThatCode(() -> JobSeal.NONE.checkArchive(
                        List.of(new ArchivedDeletion(
                                job.id(), B, MassMessageId.of(9), CREATED, ArchivedDeletion.Source.ANSWER, "{}")),
                        id -> job,
                        "here"))
                .doesNotThrowAnyException();
    }

    @Test
    void aJobCreatedAtAnotherInstantDoesNotTakeThisJobsSeals() {
        StoredJob job = job(SEAL);
        StoredJob moved =
                new StoredJob(job.id(), CREATED.plusNanos(1), job.settings(), job.state(), job.items(), job.stopped());

        assertThatThrownBy(() -> SEAL.check(moved, "here")).isInstanceOf(DeletionJobStoreException.class);
    }

    @Test
    void aJobPlannedUnderAnotherApiKeyIsRefusedAndSayingSo() {
        assertThatThrownBy(() -> JobSeal.derivedFrom(API_KEY + "x").check(job(SEAL), "here"))
                .hasMessageContaining("or the job was planned under another API key");
        assertThatCode(() -> JobSeal.derivedFrom(API_KEY).check(job(SEAL), "here"))
                .as("another process of the same key")
                .doesNotThrowAnyException();
    }

    @Test
    void withoutAKeyNothingIsSealedOrChecked() {
        StoredJob unsealed = job(JobSeal.NONE);

        assertThat(unsealed.items()).allSatisfy(i -> assertThat(i.item().seal()).isEmpty());
        assertThatCode(() -> JobSeal.NONE.check(
                        changed(unsealed, 0, s -> withItem(s, withSnapshot(s.item(), message(9)))), "here"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SEAL.check(unsealed, "here"))
                .as("a job stored without seals is refused by an engine that seals")
                .hasMessage("job 7 in here: item 1 of its plan has no seal: the job store was changed outside"
                        + " ofauth-queue (or the job was written by a version that did not seal its plans); the job is"
                        + " refused and nothing was sent. Plan a new job");
    }

    @Test
    void theSealNeitherShowsTheKeyNorAcceptsAnEmptyOne() {
        assertThat(SEAL.toString()).doesNotContain(API_KEY).isEqualTo("JobSeal[a key derived from the API key]");
        assertThat(job(SEAL).items().get(0).item().seal().orElseThrow())
                .doesNotContain(API_KEY)
                .matches("[A-Za-z0-9_-]{43}");
        assertThatThrownBy(() -> JobSeal.derivedFrom(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the API key is empty: a job seal needs one");
    }
}
