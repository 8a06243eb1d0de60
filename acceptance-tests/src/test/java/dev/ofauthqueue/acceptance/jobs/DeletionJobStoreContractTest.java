package dev.ofauthqueue.acceptance.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.adapter.sqlite.SqliteDeletionJobStore;
import dev.ofauthqueue.adapter.vertx.ApiKey;
import dev.ofauthqueue.domain.ArchiveQuery;
import dev.ofauthqueue.domain.ArchivedDeletion;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionJobId;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.JobItemState;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import dev.ofauthqueue.domain.Selection;
import dev.ofauthqueue.domain.Sender;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobLock;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemLine;
import dev.ofauthqueue.ports.service.InMemoryDeletionJobStore;
import dev.ofauthqueue.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link DeletionJobStore} promises, checked on SQLite, on the in-memory store and on Redis alike; where
 * they differ (one process at a time runs a job, or several together) each is checked for its own promise.
 */
class DeletionJobStoreContractTest {

    static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
    static final ConnectionId A = ConnectionId.of("conn_a");
    static final ConnectionId B = ConnectionId.of("conn_b");
    static final JobSettings SETTINGS = new JobSettings(
            "http://127.0.0.1:8080",
            "scheduled",
            "60/min burst 90",
            "not-already-deleted, not-sent, not-sending, safety-margin=PT1M",
            Selection.all().paid(false).textContaining("promo; 50% off & more"),
            Duration.ofMinutes(5),
            true,
            6);

    @TempDir
    static Path dir;

    static RedisServer redis;

    DeletionJobStore store;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    /** The stores where one process at a time runs a job. */
    static Stream<Arguments> exclusiveStores() {
        Function<String, DeletionJobStore> sqlite = name -> SqliteDeletionJobStore.open(dir.resolve(name + ".db"));
        Function<String, DeletionJobStore> memory = InMemoryDeletionJobStore::new;
        return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("in-memory", memory));
    }

    /** A store on the test's Redis under an API key of its own: its jobs, counter and archive are its own. */
    static DeletionJobStore onRedis(String name) {
        return RedisDeletionJobStore.open(RedisUrl.parse(redis.url()), new ApiKey("sk_test_" + name));
    }

    static Stream<Arguments> stores() {
        Function<String, DeletionJobStore> onRedis = DeletionJobStoreContractTest::onRedis;
        return Stream.concat(exclusiveStores(), Stream.of(Arguments.of("redis", onRedis)));
    }

    DeletionJobStore open(Function<String, DeletionJobStore> factory, String kind) {
        store = factory.apply(kind + "-" + System.nanoTime());
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /** A message with every field the domain models set to something other than its default. */
    static ScheduledMassMessage everyField(long id) {
        return ScheduledMassMessage.builder(id)
                .queueId(900 + id)
                .text("Bonjour \"fans\" ✨\n→ 50% off")
                .textCropped("Bonjour…")
                .sendAt(T0.plusSeconds(3600))
                .createdAt(T0.minusSeconds(60))
                .changedAt(T0.minusSeconds(30))
                .price("12.50")
                .free(false)
                .lockedText(true)
                .tip(true)
                .media(new MediaSummary(
                        Map.of(MediaType.PHOTO, 2, MediaType.VIDEO, 1), 3, List.of(11L, 12L, 13L), List.of(11L)))
                .viewedCount(4)
                .purchasedCount(0)
                .canUnsend(true)
                .unsendSeconds(30)
                .cancelSeconds(15)
                .failed(false)
                .sender(new Sender(77, Optional.of("Creator")))
                .replyTo(MassMessageId.of(4000))
                .build();
    }

    static PlannedItem planned(ConnectionId c, long id) {
        return new PlannedItem(c, everyField(id), Optional.of("{\"id\":" + id + ",\"extra\":true}"), T0);
    }

    static Outcome deleted(DeletionJobId job, ConnectionId c, long id, Instant at) {
        return new Outcome(
                JobItemState.DELETED,
                Optional.empty(),
                Optional.empty(),
                "deleted",
                at,
                Optional.of(new ArchivedDeletion(
                        job,
                        c,
                        MassMessageId.of(id),
                        at,
                        ArchivedDeletion.Source.ANSWER,
                        "{\"id\":" + id + ",\"isCanceled\":true}")));
    }

    static Outcome failed(Instant at) {
        return new Outcome(
                JobItemState.FAILED, Optional.empty(), Optional.empty(), "503 from OFAuth", at, Optional.empty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aJobReadsBackWithItsSettingsAndEverySnapshotFieldInPlanOrder(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);

        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 3), planned(B, 1), planned(A, 2)));
        StoredJob job = s.load(id).orElseThrow();

        assertThat(job.settings()).isEqualTo(SETTINGS);
        assertThat(job.createdAt()).isEqualTo(T0);
        assertThat(job.state()).isEqualTo(DeletionJobState.RUNNING);
        assertThat(job.items()).extracting(i -> i.item().id().value()).containsExactly(3L, 1L, 2L);
        assertThat(job.items()).allMatch(i -> i.state() == JobItemState.PENDING);
        assertThat(job.items().get(0).item()).isEqualTo(planned(A, 3));
        assertThat(job.items().get(1).item().connection()).isEqualTo(B);
        assertThat(s.load(DeletionJobId.of(999))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anItemGetsOneFinalOutcomeOnlyWhileFailuresMayBeFollowedByOne(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(A, 2)));

        s.recordIntent(id, A, MassMessageId.of(1), T0);
        boolean first = s.recordOutcome(id, A, MassMessageId.of(1), failed(T0));
        s.recordIntent(id, A, MassMessageId.of(1), T0.plusSeconds(1));
        boolean second = s.recordOutcome(id, A, MassMessageId.of(1), deleted(id, A, 1, T0.plusSeconds(2)));
        boolean third = s.recordOutcome(id, A, MassMessageId.of(1), deleted(id, A, 1, T0.plusSeconds(3)));
        s.recordIntent(id, A, MassMessageId.of(1), T0.plusSeconds(4));
        s.recordIntent(id, A, MassMessageId.of(2), T0.plusSeconds(5));

        assertThat(List.of(first, second, third)).containsExactly(true, true, false);
        StoredJob job = s.load(id).orElseThrow();
        assertThat(job.items().get(0).state()).isEqualTo(JobItemState.DELETED);
        assertThat(job.items().get(1).state()).isEqualTo(JobItemState.IN_FLIGHT);
        assertThat(job.items().get(1).intentAt()).contains(T0.plusSeconds(5));
        assertThat(s.archive(ArchiveQuery.everything())).singleElement().satisfies(a -> {
            assertThat(a.deletedAt()).isEqualTo(T0.plusSeconds(2));
            assertThat(a.queueJson()).isEqualTo("{\"id\":1,\"isCanceled\":true}");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anIntentOfAuthDidNotCarryOutIsWithdrawnButAnOutcomeStays(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(A, 2)));

        s.recordIntent(id, A, MassMessageId.of(1), T0);
        s.releaseIntent(id, A, MassMessageId.of(1));
        s.recordIntent(id, A, MassMessageId.of(2), T0);
        s.recordOutcome(id, A, MassMessageId.of(2), deleted(id, A, 2, T0));
        s.releaseIntent(id, A, MassMessageId.of(2));

        assertThat(s.load(id).orElseThrow().items())
                .extracting(i -> i.state())
                .containsExactly(JobItemState.PENDING, JobItemState.DELETED);
        assertThat(s.state(id)).contains(DeletionJobState.RUNNING);
        assertThat(s.state(DeletionJobId.of(404))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void refusalsKeepTheirReasonRuleAndDetail(String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1)));

        s.recordOutcome(
                id,
                A,
                MassMessageId.of(1),
                new Outcome(
                        JobItemState.REFUSED,
                        Optional.of(RefusalReason.REFUSED_BY_OFAUTH),
                        Optional.of("ofauth"),
                        "OFAuth refused: sending",
                        T0,
                        Optional.empty()));

        assertThat(s.load(id).orElseThrow().items().get(0).outcome()).hasValueSatisfying(o -> {
            assertThat(o.reason()).contains(RefusalReason.REFUSED_BY_OFAUTH);
            assertThat(o.rule()).contains("ofauth");
            assertThat(o.detail()).isEqualTo("OFAuth refused: sending");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void theArchiveIsQueriedByJobConnectionAndTimeRangeOldestFirst(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId one = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(B, 2)));
        DeletionJobId two = s.create(T0, SETTINGS, List.of(planned(A, 3)));
        s.recordOutcome(one, B, MassMessageId.of(2), deleted(one, B, 2, T0.plusSeconds(20)));
        s.recordOutcome(one, A, MassMessageId.of(1), deleted(one, A, 1, T0.plusSeconds(10)));
        s.recordOutcome(two, A, MassMessageId.of(3), deleted(two, A, 3, T0.plusSeconds(30)));

        assertThat(s.archive(ArchiveQuery.everything()))
                .extracting(a -> a.id().value())
                .containsExactly(1L, 2L, 3L);
        assertThat(s.archive(ArchiveQuery.everything().job(one))).hasSize(2);
        assertThat(s.archive(ArchiveQuery.everything().connection(A)))
                .extracting(a -> a.id().value())
                .containsExactly(1L, 3L);
        assertThat(s.archive(ArchiveQuery.everything().between(T0.plusSeconds(10), T0.plusSeconds(30))))
                .extracting(a -> a.id().value())
                .containsExactly(1L, 2L);
        assertThat(s.jobs()).containsExactly(two, one);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void stateStoppedConnectionsAndSnapshotsAreWritten(String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1)));
        PlannedItem refreshed = new PlannedItem(
                A, everyField(1).toBuilder().text("changed").build(), Optional.empty(), T0.plusSeconds(400));

        s.setState(id, DeletionJobState.STOPPED);
        s.setStopped(id, A, Optional.of("401 Session expired"));
        s.replaceSnapshot(id, refreshed);
        StoredJob job = s.load(id).orElseThrow();
        s.setStopped(id, A, Optional.empty());

        assertThat(job.state()).isEqualTo(DeletionJobState.STOPPED);
        assertThat(job.stopped()).containsEntry(A, "401 Session expired");
        assertThat(job.items().get(0).item()).isEqualTo(refreshed);
        assertThat(s.load(id).orElseThrow().stopped()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exclusiveStores")
    void oneHolderAtATimeRunsAJob(String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1)));

        JobLock lock = s.lock(id);
        assertThat(s.isLocked(id)).isTrue();
        assertThatThrownBy(() -> s.lock(id))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.LOCKED))
                .hasMessageContaining("job " + id + " is");
        lock.close();
        lock.close();

        assertThat(s.isLocked(id)).isFalse();
        s.lock(id).close();
        assertThatThrownBy(() -> s.lock(DeletionJobId.of(404)))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.NO_SUCH_JOB));
    }

    @org.junit.jupiter.api.Test
    void onRedisSeveralProcessesRunAJobTogetherAndTheirLinesHandEachItemToOne() {
        DeletionJobStore s = open(DeletionJobStoreContractTest::onRedis, "redis");
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(A, 2), planned(B, 3)));

        JobLock one = s.lock(id);
        JobLock two = s.lock(id);
        assertThat(s.isLocked(id)).isTrue();
        JobItemLine first = s.line(id).orElseThrow();
        JobItemLine second = s.line(id).orElseThrow();
        JobItemLine.Take a1 = (JobItemLine.Take) first.take(A);
        JobItemLine.Take a2 = (JobItemLine.Take) second.take(A);
        JobItemLine.Take b3 = (JobItemLine.Take) second.take(B);

        assertThat(List.of(a1.position(), a2.position(), b3.position())).containsExactly(0, 1, 2);
        assertThat(List.of(a1.reclaimed(), a2.reclaimed(), b3.reclaimed())).containsOnly(false);
        assertThat(first.take(A))
                .as("the other still holds one, which could be taken over only after the lease")
                .isInstanceOfSatisfying(JobItemLine.Nothing.class, n -> {
                    assertThat(n.drained()).isFalse();
                    assertThat(n.askAgainIn()).isPositive();
                });
        first.done(A, a1);
        second.done(A, a2);
        assertThat(first.take(A)).isEqualTo(new JobItemLine.Nothing(true, java.time.Duration.ZERO));
        first.close();
        second.close();
        one.close();
        two.close();
        assertThat(s.isLocked(id)).isFalse();
        assertThatThrownBy(() -> s.lock(DeletionJobId.of(404)))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.NO_SUCH_JOB));
    }

    @org.junit.jupiter.api.Test
    void onRedisJoiningAJobPutsItsRetriableItemsBackInLineOnceUnconfirmedOnesToBeSettled() {
        DeletionJobStore s = open(DeletionJobStoreContractTest::onRedis, "redis");
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(A, 2), planned(A, 3)));
        JobItemLine first = s.line(id).orElseThrow();
        JobItemLine.Take one = (JobItemLine.Take) first.take(A);
        JobItemLine.Take two = (JobItemLine.Take) first.take(A);
        JobItemLine.Take three = (JobItemLine.Take) first.take(A);
        s.recordOutcome(id, A, MassMessageId.of(1), failed(T0));
        s.recordOutcome(
                id,
                A,
                MassMessageId.of(2),
                new Outcome(
                        JobItemState.UNCONFIRMED, Optional.empty(), Optional.empty(), "timeout", T0, Optional.empty()));
        s.recordOutcome(id, A, MassMessageId.of(3), deleted(id, A, 3, T0));
        List.of(one, two, three).forEach(t -> first.done(A, t));
        assertThat(first.take(A)).isEqualTo(new JobItemLine.Nothing(true, java.time.Duration.ZERO));
        first.close();

        JobItemLine joined = s.line(id).orElseThrow();
        JobItemLine alsoJoined = s.line(id).orElseThrow();

        assertThat(s.load(id).orElseThrow().items())
                .extracting(i -> i.state())
                .containsExactly(JobItemState.PENDING, JobItemState.PENDING, JobItemState.DELETED);
        JobItemLine.Take retried = (JobItemLine.Take) joined.take(A);
        JobItemLine.Take settled = (JobItemLine.Take) alsoJoined.take(A);
        assertThat(List.of(retried.position(), settled.position())).containsExactly(0, 1);
        assertThat(retried.reclaimed())
                .as("a failed item is tried again as new")
                .isFalse();
        assertThat(settled.reclaimed()).as("an unconfirmed one is read first").isTrue();
        assertThat(joined.take(A))
                .as("two processes joined, each item was put back once")
                .isInstanceOfSatisfying(
                        JobItemLine.Nothing.class, n -> assertThat(n.drained()).isFalse());
        joined.close();
        alsoJoined.close();
    }
}
