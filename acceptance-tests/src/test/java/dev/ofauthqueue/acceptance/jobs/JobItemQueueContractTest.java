package dev.ofauthqueue.acceptance.jobs;

import static dev.ofauthqueue.acceptance.jobs.DeletionJobStoreContractTest.SETTINGS;
import static dev.ofauthqueue.acceptance.jobs.DeletionJobStoreContractTest.T0;
import static dev.ofauthqueue.acceptance.jobs.DeletionJobStoreContractTest.claim;
import static dev.ofauthqueue.acceptance.jobs.DeletionJobStoreContractTest.deleted;
import static dev.ofauthqueue.acceptance.jobs.DeletionJobStoreContractTest.failed;
import static dev.ofauthqueue.acceptance.jobs.DeletionJobStoreContractTest.planned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.JobItemQueue.Claimed;
import dev.ofauthqueue.ports.service.InMemoryDeletionJobStore;
import dev.ofauthqueue.testkit.MutableClock;
import dev.ofauthqueue.testkit.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every shared work queue promises, checked on Redis and on the shared store in memory alike: each item handed
 * to one process at a time; an item whose holder stopped renewing claimed again after the lease, settle first, under a
 * higher fence; the fence checked by every intent, renewal, release and outcome; dead letters; joining puts retriable
 * items back once. Time passes by a hook, never by waiting: the in-memory store's clock moves, and on Redis each held
 * entry's idle time is set, as Redis would count it.
 */
class JobItemQueueContractTest {

    static final ConnectionId A = ConnectionId.of("conn_a");
    static final ConnectionId B = ConnectionId.of("conn_b");
    static final Duration LEASE = RedisDeletionJobStore.Settings.DEFAULT.lease();
    static final int DELIVERIES = RedisDeletionJobStore.Settings.DEFAULT.maxDeliveries();

    static RedisServer redis;

    Shared shared;

    /** A shared store and the hook that lets time pass for the items its queues hold. */
    interface Shared extends AutoCloseable {
        DeletionJobStore store();

        void pass(Duration time);

        /** The store's wall clock now. */
        Instant now();

        @Override
        void close();
    }

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void close() {
        if (shared != null) {
            shared.close();
        }
    }

    static Stream<Arguments> sharedStores() {
        return Stream.of(Arguments.of("redis"), Arguments.of("in memory"));
    }

    Shared open(String kind) {
        shared = kind.equals("redis") ? onRedis() : inMemory();
        return shared;
    }

    static Shared inMemory() {
        MutableClock clock = new MutableClock(T0);
        InMemoryDeletionJobStore store = InMemoryDeletionJobStore.shared("shared in memory", clock, LEASE, DELIVERIES);
        return new Shared() {
            @Override
            public DeletionJobStore store() {
                return store;
            }

            @Override
            public void pass(Duration time) {
                clock.advance(time);
            }

            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    static Shared onRedis() {
        MutableClock clock = new MutableClock(T0);
        RedisDeletionJobStore store = RedisDeletionJobStore.open(
                RedisUrl.parse(redis.url()),
                new ApiKey("sk_test_queue_" + System.nanoTime()),
                RedisDeletionJobStore.Settings.DEFAULT,
                clock);
        return new Shared() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public DeletionJobStore store() {
                return store;
            }

            /** Every held entry of every stream idles {@code time} longer, as if that long had passed. */
            @Override
            public void pass(Duration time) {
                clock.advance(time);
                // The streams of items only: a filter on "dead" in the name could skip an items stream whose
                // hexadecimal names happen to spell it.
                for (String key : redis.cli("--scan", "--pattern", "ofauth-queue:job:*:items:*")
                        .lines()
                        .toList()) {
                    List<String> pending = redis.cli("XPENDING", key, "workers", "-", "+", "1000")
                            .lines()
                            .toList();
                    for (int i = 0; i + 3 < pending.size(); i += 4) {
                        long idle = Long.parseLong(pending.get(i + 2)) + time.toMillis();
                        redis.cli(
                                "XCLAIM",
                                key,
                                "workers",
                                pending.get(i + 1),
                                "0",
                                pending.get(i),
                                "IDLE",
                                String.valueOf(idle),
                                "JUSTID");
                    }
                }
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedStores")
    void threeProcessesDrainOneJobAndEachItemIsHandedToOne(String kind) {
        DeletionJobStore s = open(kind).store();
        DeletionJobId id = s.create(
                T0,
                SETTINGS,
                IntStream.rangeClosed(1, 30)
                        .mapToObj(i -> planned(i % 3 == 0 ? B : A, i))
                        .toList());
        List<JobItemQueue> processes = List.of(s.workQueue(id), s.workQueue(id), s.workQueue(id));
        Set<Integer> handed = new HashSet<>();
        List<Integer> twice = new ArrayList<>();

        boolean any = true;
        while (any) {
            any = false;
            for (JobItemQueue p : processes) {
                for (ConnectionId c : List.of(A, B)) {
                    if (p.claim(c) instanceof Claimed claim) {
                        any = true;
                        if (!handed.add(claim.position())) {
                            twice.add(claim.position());
                        }
                        assertThat(claim.settleFirst()).isFalse();
                        assertThat(claim.lease()).contains(LEASE);
                        assertThat(p.recordIntent(claim, T0)).isEqualTo(JobItemQueue.Intent.RECORDED);
                        assertThat(p.recordOutcome(
                                        claim, deleted(id, c, claim.item().id().value(), T0)))
                                .isEqualTo(JobItemQueue.Recording.WRITTEN);
                    }
                }
            }
        }

        assertThat(twice).isEmpty();
        assertThat(handed).hasSize(30);
        assertThat(processes.get(0).claim(A)).isEqualTo(new JobItemQueue.Empty(true, Duration.ZERO));
        assertThat(processes.get(0).shared()).isTrue();
        assertThat(s.isRunning(id)).isTrue();
        processes.forEach(JobItemQueue::close);
        assertThat(s.isRunning(id)).isFalse();
        assertThat(s.load(id).orElseThrow().items()).allMatch(i -> i.state() == JobItemState.DELETED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedStores")
    void anItemWhoseHolderStoppedIsClaimedAfterTheLeaseSettleFirstAndTheOldHolderIsFencedOut(String kind) {
        Shared sh = open(kind);
        DeletionJobStore s = sh.store();
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1)));
        JobItemQueue paused = s.workQueue(id);
        JobItemQueue other = s.workQueue(id);
        Claimed old = claim(paused, A);
        assertThat(paused.recordIntent(old, T0)).isEqualTo(JobItemQueue.Intent.RECORDED);

        assertThat(other.claim(A))
                .as("within the lease the item stays with its holder")
                .isInstanceOfSatisfying(JobItemQueue.Empty.class, e -> {
                    assertThat(e.drained()).isFalse();
                    assertThat(e.askAgainIn()).isPositive().isLessThanOrEqualTo(LEASE);
                });
        sh.pass(LEASE.plusSeconds(1));
        Claimed taken = claim(other, A);

        assertThat(taken.position()).isEqualTo(old.position());
        assertThat(taken.settleFirst()).as("its DELETE may have gone out").isTrue();
        assertThat(taken.fence()).isGreaterThan(old.fence());
        assertThat(other.takeovers())
                .as("counted as a takeover by the queue that took it")
                .isEqualTo(1);
        assertThat(paused.takeovers()).isZero();
        assertThat(paused.recordIntent(old, T0.plusSeconds(61)))
                .as("the paused process wakes up and may not send")
                .isEqualTo(JobItemQueue.Intent.NOT_HELD);
        assertThat(paused.renew(List.of(old))).containsExactly(old);
        paused.release(old);
        assertThat(other.recordIntent(taken, T0.plusSeconds(62))).isEqualTo(JobItemQueue.Intent.RECORDED);
        assertThat(paused.recordOutcome(old, deleted(id, A, 1, T0.plusSeconds(63))))
                .as("only the holder writes an outcome other than the answer to its own DELETE")
                .isEqualTo(JobItemQueue.Recording.NOT_HELD);
        assertThat(paused.recordAnswer(old, failed(T0.plusSeconds(63))))
                .as("a late failure from the old holder is dropped")
                .isEqualTo(JobItemQueue.Recording.NOT_HELD);
        assertThat(s.load(id).orElseThrow().items().get(0).state())
                .as("and the new holder's intent stands")
                .isEqualTo(JobItemState.IN_FLIGHT);
        assertThat(paused.recordAnswer(old, deleted(id, A, 1, T0.plusSeconds(64))))
                .as("its late 200 is kept where no final outcome exists")
                .isEqualTo(JobItemQueue.Recording.WRITTEN);
        assertThat(other.renew(List.of(taken)))
                .as("the settled item is no longer the new holder's: it sends nothing more for it")
                .containsExactly(taken);
        assertThat(other.recordIntent(taken, T0.plusSeconds(65))).isEqualTo(JobItemQueue.Intent.NOT_HELD);
        assertThat(other.recordAnswer(taken, deleted(id, A, 1, T0.plusSeconds(65))))
                .as("the answer to the new holder's own DELETE finds the item settled")
                .isEqualTo(JobItemQueue.Recording.ALREADY_SETTLED);
        assertThat(other.claim(A)).isEqualTo(new JobItemQueue.Empty(true, Duration.ZERO));
        assertThat(s.archive(dev.ofauthqueue.ArchiveQuery.everything()))
                .singleElement()
                .satisfies(a -> assertThat(a.deletedAt()).isEqualTo(T0.plusSeconds(64)));
        paused.close();
        other.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedStores")
    void aRenewedClaimOutlivesItsFirstLeaseAndAReleasedOneIsClaimedAtOnce(String kind) {
        Shared sh = open(kind);
        DeletionJobStore s = sh.store();
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1)));
        JobItemQueue holder = s.workQueue(id);
        JobItemQueue other = s.workQueue(id);
        Claimed held = claim(holder, A);

        sh.pass(LEASE.multipliedBy(2).dividedBy(3));
        assertThat(holder.renew(List.of(held))).isEmpty();
        sh.pass(LEASE.multipliedBy(2).dividedBy(3));
        assertThat(other.claim(A)).as("renewed: still held").isInstanceOf(JobItemQueue.Empty.class);
        assertThat(holder.recordIntent(held, T0)).isEqualTo(JobItemQueue.Intent.RECORDED);
        holder.withdrawIntent(held);
        holder.release(held);
        Claimed claimed = claim(other, A);

        assertThat(claimed.settleFirst()).isTrue();
        assertThat(claimed.fence()).isGreaterThan(held.fence());
        assertThat(s.load(id).orElseThrow().items().get(0).state()).isEqualTo(JobItemState.PENDING);
        holder.close();
        other.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedStores")
    void aJobWhoseOnlyProcessStoppedWithoutClosingIsNoLongerRunningOnceALeasePassedOnTheStoresClock(String kind) {
        Shared sh = open(kind);
        DeletionJobStore s = sh.store();
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1)));
        JobItemQueue stopped = s.workQueue(id);
        claim(stopped, A);
        assertThat(s.isRunning(id)).isTrue();

        sh.pass(LEASE.plusSeconds(1));

        assertThat(s.isRunning(id))
                .as("its membership lapsed on the store's clock")
                .isFalse();
        stopped.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedStores")
    void anItemWhoseHoldersAllStopIsSetAsideUnconfirmedAfterTheAllowedDeliveries(String kind) {
        Shared sh = open(kind);
        DeletionJobStore s = sh.store();
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1)));
        List<JobItemQueue> stopped = new ArrayList<>();

        for (int delivery = 1; delivery <= DELIVERIES; delivery++) {
            JobItemQueue q = s.workQueue(id);
            stopped.add(q);
            assertThat(claim(q, A).fence()).isEqualTo(delivery);
            sh.pass(LEASE.plusSeconds(1));
        }
        JobItemQueue last = s.workQueue(id);

        assertThat(last.claim(A)).isEqualTo(new JobItemQueue.Empty(true, Duration.ZERO));
        assertThat(last.deadLetters())
                .as("set aside by the claim that found it handed out too often")
                .isEqualTo(1);
        assertThat(last.takeovers()).isZero();
        assertThat(stopped)
                .extracting(JobItemQueue::takeovers)
                .containsOnly(0L, 1L)
                .startsWith(0L);
        assertThat(s.load(id).orElseThrow().items().get(0).state()).isEqualTo(JobItemState.UNCONFIRMED);
        assertThat(s.load(id).orElseThrow().items().get(0).outcome()).hasValueSatisfying(o -> {
            assertThat(o.detail()).contains("handed out 6 times");
            assertThat(o.at()).as("read from the store's clock").isEqualTo(sh.now());
        });
        stopped.forEach(JobItemQueue::close);
        last.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedStores")
    void joiningAJobPutsItsRetriableItemsBackOnceUnconfirmedOnesToBeSettled(String kind) {
        DeletionJobStore s = open(kind).store();
        DeletionJobId id = s.create(T0, SETTINGS, List.of(planned(A, 1), planned(A, 2), planned(A, 3)));
        try (JobItemQueue first = s.workQueue(id)) {
            first.recordOutcome(claim(first, A), failed(T0));
            first.recordOutcome(
                    claim(first, A),
                    new Outcome(
                            JobItemState.UNCONFIRMED,
                            Optional.empty(),
                            Optional.empty(),
                            "timeout",
                            T0,
                            Optional.empty()));
            first.recordOutcome(claim(first, A), deleted(id, A, 3, T0));
            assertThat(first.claim(A)).isEqualTo(new JobItemQueue.Empty(true, Duration.ZERO));
        }

        JobItemQueue joined = s.workQueue(id);
        JobItemQueue alsoJoined = s.workQueue(id);

        assertThat(s.load(id).orElseThrow().items())
                .extracting(i -> i.state())
                .containsExactly(JobItemState.PENDING, JobItemState.PENDING, JobItemState.DELETED);
        Claimed retried = claim(joined, A);
        Claimed settled = claim(alsoJoined, A);
        assertThat(List.of(retried.position(), settled.position())).containsExactly(0, 1);
        assertThat(retried.settleFirst())
                .as("a failed item is tried again as new")
                .isFalse();
        assertThat(settled.settleFirst()).as("an unconfirmed one is read first").isTrue();
        assertThat(joined.claim(A))
                .as("two processes joined, each item was put back once")
                .isInstanceOfSatisfying(
                        JobItemQueue.Empty.class, e -> assertThat(e.drained()).isFalse());
        joined.close();
        alsoJoined.close();
    }
}
