package dev.ofauthqueue.acceptance.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.adapter.sqlite.SqliteDeletionJobStore;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.domain.Sender;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.JobItemQueue.Claimed;
import dev.ofauthqueue.ports.out.RestoreLog;
import dev.ofauthqueue.ports.service.InMemoryDeletionJobStore;
import dev.ofauthqueue.testkit.MutableClock;
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
 * What every {@link DeletionJobStore} promises, checked on SQLite, on the in-memory stores and on Redis alike, through
 * the store and its work queue; where they differ (one process at a time runs a job, or several together) each is
 * checked for its own promise here (exclusive stores) or in {@link JobItemQueueContractTest} (shared ones).
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

    /** A shared store in memory, its leases on a clock of its own. */
    static DeletionJobStore sharedInMemory(String name) {
        return InMemoryDeletionJobStore.shared(name, new MutableClock(T0), Duration.ofMinutes(1), 5);
    }

    static Stream<Arguments> stores() {
        Function<String, DeletionJobStore> onRedis = DeletionJobStoreContractTest::onRedis;
        Function<String, DeletionJobStore> shared = DeletionJobStoreContractTest::sharedInMemory;
        return Stream.concat(
                exclusiveStores(), Stream.of(Arguments.of("redis", onRedis), Arguments.of("shared in memory", shared)));
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
        return new PlannedItem(c, everyField(id), Optional.of("{\"id\":" + id + ",\"extra\":true}"), T0)
                .sealed("seal of " + id);
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
    void aRestoreIsRecordedOnceIntentBeforeResultAndAnIntentIsWithdrawnOnlyWithoutOne(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 3), planned(B, 1)));
        RestoreLog log = s.restores(id);
        MassMessageId three = MassMessageId.of(3);

        assertThat(log.get(A, three)).isEmpty();
        assertThat(log.recordIntent(A, three, T0)).isTrue();
        assertThat(log.recordIntent(A, three, T0.plusSeconds(1)))
                .as("one intent per message")
                .isFalse();
        assertThat(s.restores(id).get(A, three))
                .contains(new RestoreLog.Restore(T0, Optional.empty(), Optional.empty()));
        assertThat(log.get(B, three)).as("another connection's message 3").isEmpty();

        log.withdrawIntent(A, three);
        assertThat(log.get(A, three))
                .as("an intent without a result is withdrawn")
                .isEmpty();

        assertThat(log.recordIntent(A, three, T0.plusSeconds(2))).isTrue();
        log.recordCreated(A, three, MassMessageId.of(9003), T0.plusSeconds(3));
        log.withdrawIntent(A, three);
        assertThat(log.get(A, three))
                .as("an intent with a result stays")
                .contains(new RestoreLog.Restore(
                        T0.plusSeconds(2), Optional.of(MassMessageId.of(9003)), Optional.of(T0.plusSeconds(3))));
        assertThat(log.recordIntent(A, three, T0.plusSeconds(4))).isFalse();
        assertThatThrownBy(() -> s.restores(DeletionJobId.of(999)))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.NO_SUCH_JOB));
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
    void aQueueHandsOutAConnectionsItemsInPlanOrderThenSaysItIsDrained(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 3), planned(B, 1), planned(A, 2)));

        try (JobItemQueue q = s.workQueue(id)) {
            Claimed three = claim(q, A);
            Claimed two = claim(q, A);

            assertThat(List.of(three.position(), two.position())).containsExactly(0, 2);
            assertThat(three.item()).isEqualTo(planned(A, 3));
            assertThat(List.of(three.settleFirst(), two.settleFirst())).containsOnly(false);
            assertThat(q.claim(A))
                    .as("both are held by this process: not drained until their outcomes are in")
                    .isInstanceOfSatisfying(
                            JobItemQueue.Empty.class,
                            e -> assertThat(e.drained()).isFalse());
            q.recordOutcome(three, deleted(id, A, 3, T0));
            q.recordOutcome(two, deleted(id, A, 2, T0));
            assertThat(q.claim(A))
                    .isInstanceOfSatisfying(
                            JobItemQueue.Empty.class,
                            e -> assertThat(e.drained()).isTrue());
            assertThat(claim(q, B).position()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anItemGetsOneFinalOutcomeOnlyWhileFailuresMayBeFollowedByOne(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(A, 2)));

        List<JobItemQueue.Recording> recordings;
        JobItemQueue.Intent late;
        try (JobItemQueue q = s.workQueue(id)) {
            Claimed one = claim(q, A);
            Claimed two = claim(q, A);
            assertThat(q.recordIntent(one, T0)).isEqualTo(JobItemQueue.Intent.RECORDED);
            JobItemQueue.Recording first = q.recordOutcome(one, failed(T0));
            assertThat(q.recordIntent(two, T0.plusSeconds(5))).isEqualTo(JobItemQueue.Intent.RECORDED);
            recordings = List.of(first, q.recordOutcome(two, deleted(id, A, 2, T0.plusSeconds(2))));
            late = q.recordIntent(two, T0.plusSeconds(6));
        }
        JobItemQueue.Recording again;
        try (JobItemQueue q = s.workQueue(id)) {
            Claimed retried = claim(q, A);
            assertThat(retried.position())
                    .as("a failed item is retried by a later run")
                    .isZero();
            q.recordIntent(retried, T0.plusSeconds(7));
            again = q.recordOutcome(retried, deleted(id, A, 1, T0.plusSeconds(8)));
            assertThat(q.recordOutcome(retried, deleted(id, A, 1, T0.plusSeconds(9))))
                    .as("an item whose outcome is written is no longer held")
                    .isEqualTo(JobItemQueue.Recording.NOT_HELD);
            assertThat(q.recordAnswer(retried, deleted(id, A, 1, T0.plusSeconds(9))))
                    .as("a second answer finds the item settled")
                    .isEqualTo(JobItemQueue.Recording.ALREADY_SETTLED);
        }

        assertThat(recordings).containsOnly(JobItemQueue.Recording.WRITTEN);
        assertThat(late).isIn(JobItemQueue.Intent.ALREADY_SETTLED, JobItemQueue.Intent.NOT_HELD);
        assertThat(again).isEqualTo(JobItemQueue.Recording.WRITTEN);
        StoredJob job = s.load(id).orElseThrow();
        assertThat(job.items()).extracting(i -> i.state()).containsOnly(JobItemState.DELETED);
        assertThat(s.archive(ArchiveQuery.everything()))
                .extracting(a -> a.deletedAt())
                .containsExactlyInAnyOrder(T0.plusSeconds(2), T0.plusSeconds(8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anIntentIsRecordedOnlyWhileTheJobRunsAndAWithdrawnOneLeavesTheItemPending(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(A, 2)));

        try (JobItemQueue q = s.workQueue(id)) {
            Claimed one = claim(q, A);
            Claimed two = claim(q, A);
            q.recordIntent(one, T0);
            assertThat(s.load(id).orElseThrow().items().get(0).state()).isEqualTo(JobItemState.IN_FLIGHT);
            assertThat(s.load(id).orElseThrow().items().get(0).intentAt()).contains(T0);
            q.withdrawIntent(one);
            s.setState(id, DeletionJobState.CANCELED);

            assertThat(q.recordIntent(two, T0))
                    .as("a job canceled by another process sends nothing more")
                    .isEqualTo(JobItemQueue.Intent.JOB_NOT_RUNNING);
        }
        assertThat(s.load(id).orElseThrow().items())
                .extracting(i -> i.state())
                .containsExactly(JobItemState.PENDING, JobItemState.PENDING);
        assertThat(s.state(id)).contains(DeletionJobState.CANCELED);
        assertThat(s.state(DeletionJobId.of(404))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void refusalsKeepTheirReasonRuleAndDetail(String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1)));

        try (JobItemQueue q = s.workQueue(id)) {
            q.recordOutcome(
                    claim(q, A),
                    new Outcome(
                            JobItemState.REFUSED,
                            Optional.of(RefusalReason.REFUSED_BY_OFAUTH),
                            Optional.of("ofauth"),
                            "OFAuth refused: sending",
                            T0,
                            Optional.empty()));
        }

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
        try (JobItemQueue q = s.workQueue(one)) {
            q.recordOutcome(claim(q, B), deleted(one, B, 2, T0.plusSeconds(20)));
            q.recordOutcome(claim(q, A), deleted(one, A, 1, T0.plusSeconds(10)));
        }
        try (JobItemQueue q = s.workQueue(two)) {
            q.recordOutcome(claim(q, A), deleted(two, A, 3, T0.plusSeconds(30)));
        }

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
    void stateStoppedConnectionsAndSnapshotsAreWrittenAndTheNextClaimSeesTheNewSnapshot(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(A, 2)));
        PlannedItem refreshed = new PlannedItem(
                        A, everyField(2).toBuilder().text("changed").build(), Optional.empty(), T0.plusSeconds(400))
                .sealed("sealed again");

        s.setState(id, DeletionJobState.STOPPED);
        s.setStopped(id, A, Optional.of("401 Session expired"));
        try (JobItemQueue q = s.workQueue(id)) {
            q.replaceSnapshot(1, refreshed);
            claim(q, A);
            assertThat(claim(q, A).item()).isEqualTo(refreshed);
            assertThatThrownBy(() -> q.replaceSnapshot(0, refreshed))
                    .as("item 0 is another message: a snapshot is never put in another item's place")
                    .isInstanceOf(RuntimeException.class);
        }
        StoredJob job = s.load(id).orElseThrow();
        s.setStopped(id, A, Optional.empty());

        assertThat(job.state()).isEqualTo(DeletionJobState.STOPPED);
        assertThat(job.stopped()).containsEntry(A, "401 Session expired");
        assertThat(job.items().get(1).item()).isEqualTo(refreshed);
        assertThat(s.load(id).orElseThrow().stopped()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aJobKeepsItsNewestRunsOldestFirstWithEveryFigureAndNoOtherJobSeesThem(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1)));
        DeletionJobId other = s.create(T0, SETTINGS, List.of(planned(B, 2)));
        DeletionJobRun first = new DeletionJobRun(
                T0,
                T0.plusSeconds(90),
                DeletionJobState.CANCELED,
                1,
                5,
                3,
                Duration.ofNanos(1_234_567_891),
                2,
                Duration.ofSeconds(61),
                4,
                9,
                2,
                Duration.ofNanos(123_456_789),
                Duration.ofNanos(2_987_654_321L),
                6,
                7);
        DeletionJobRun longest = new DeletionJobRun(
                T0.plusSeconds(100),
                T0.plusSeconds(100),
                DeletionJobState.COMPLETED,
                0,
                0,
                0,
                DeletionJobRun.LONGEST,
                0,
                Duration.ZERO,
                0,
                0,
                0,
                DeletionJobRun.LONGEST,
                DeletionJobRun.LONGEST,
                0,
                0);

        assertThat(s.runs(id)).isEmpty();
        s.recordRun(id, first);
        s.recordRun(id, longest);

        assertThat(s.runs(id)).containsExactly(first, longest);
        assertThat(s.runs(other)).isEmpty();
        for (int i = 0; i < DeletionJobStore.MAX_RUNS; i++) {
            s.recordRun(other, longest);
        }
        s.recordRun(other, first);
        assertThat(s.runs(other))
                .as("the newest %d runs, oldest first", DeletionJobStore.MAX_RUNS)
                .hasSize(DeletionJobStore.MAX_RUNS)
                .last()
                .isEqualTo(first);
        assertThatThrownBy(() -> s.recordRun(DeletionJobId.of(404), first))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.NO_SUCH_JOB));
        assertThatThrownBy(() -> s.runs(DeletionJobId.of(404)))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.NO_SUCH_JOB));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aQueueOnAJobThatDoesNotExistIsRefusedNamingIt(String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);

        assertThatThrownBy(() -> s.workQueue(DeletionJobId.of(404)))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.NO_SUCH_JOB))
                .hasMessageContaining("404");
        assertThat(s.isRunning(DeletionJobId.of(404))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exclusiveStores")
    void oneProcessAtATimeRunsAJobAndAResumedRunSettlesWhatMayHaveGoneOutFirst(
            String kind, Function<String, DeletionJobStore> factory) {
        DeletionJobStore s = open(factory, kind);
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(A, 2), planned(A, 3)));
        JobItemQueue crashed = s.workQueue(id);
        Claimed one = claim(crashed, A);
        Claimed two = claim(crashed, A);
        crashed.recordIntent(two, T0);

        assertThat(crashed.shared()).isFalse();
        assertThat(one.lease()).as("the lock is the lease").isEmpty();
        assertThat(s.isRunning(id)).isTrue();
        assertThatThrownBy(() -> s.workQueue(id))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.LOCKED))
                .hasMessageContaining("job " + id + " is");
        crashed.close();
        crashed.close();
        assertThat(s.isRunning(id)).isFalse();

        try (JobItemQueue resumed = s.workQueue(id)) {
            Claimed first = claim(resumed, A);
            assertThat(first.position())
                    .as("its DELETE may have gone out: settled first")
                    .isEqualTo(1);
            assertThat(first.settleFirst()).isTrue();
            assertThat(List.of(claim(resumed, A).position(), claim(resumed, A).position()))
                    .containsExactly(0, 2);
            assertThat(resumed.recordIntent(two, T0))
                    .as("a claim of the run before is no claim of this one")
                    .isEqualTo(JobItemQueue.Intent.NOT_HELD);
        }
    }

    static Claimed claim(JobItemQueue q, ConnectionId connection) {
        JobItemQueue.Next next = q.claim(connection);
        assertThat(next).isInstanceOf(Claimed.class);
        return (Claimed) next;
    }
}
