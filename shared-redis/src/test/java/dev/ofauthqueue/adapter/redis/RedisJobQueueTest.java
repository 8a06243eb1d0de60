package dev.ofauthqueue.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.adapter.vertx.ApiKey;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionJobId;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real {@code redis-server}: several consumers draining one job's items, and what happens when one dies. */
class RedisJobQueueTest {

    private static final ApiKey KEY = new ApiKey("sk_test_shared_jobs");
    private static final ConnectionId CONN = ConnectionId.of("conn_jobs_shared_a");
    private static final ConnectionId OTHER = ConnectionId.of("conn_jobs_shared_b");
    private static final DeletionJobId JOB = DeletionJobId.of(7);
    private static final RedisJobQueue.Settings SHORT_LEASE = new RedisJobQueue.Settings(
            Duration.ofMillis(500), Duration.ofMillis(300), 5, Duration.ofMillis(50), Duration.ofMillis(200));

    private static RedisServer server;
    private static Vertx vertx;
    private final List<RedisJobQueue> opened = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
        server.close();
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(RedisJobQueue::close);
        server.cli("FLUSHALL");
    }

    @Test
    void threeConsumersDrainOneJobAndEveryItemIsHandedOutOnce() throws Exception {
        RedisJobQueue first = open(server, SHORT_LEASE);
        await(first.enqueue(CONN, positions(0, 90)));
        await(first.enqueue(OTHER, positions(90, 120)));
        List<RedisJobQueue> consumers = List.of(first, open(server, SHORT_LEASE), open(server, SHORT_LEASE));
        Map<Integer, String> takenBy = new ConcurrentHashMap<>();
        List<Integer> twice = Collections.synchronizedList(new ArrayList<>());

        List<CompletableFuture<Void>> drains = consumers.stream()
                .map(q -> CompletableFuture.runAsync(() -> {
                    for (ConnectionId c : List.of(CONN, OTHER)) {
                        while (await(q.take(c)) instanceof RedisJobQueue.Item item) {
                            RedisJobQueue.Taken t = item.taken();
                            assertThat(t.reclaimed()).isFalse();
                            if (takenBy.putIfAbsent(t.position(), q.consumer()) != null) {
                                twice.add(t.position());
                            }
                            assertThat(await(q.acknowledge(t))).isTrue();
                        }
                    }
                }))
                .toList();
        CompletableFuture.allOf(drains.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(twice).isEmpty();
        assertThat(takenBy.keySet()).containsExactlyInAnyOrderElementsOf(positions(0, 120));
        assertThat(await(first.take(CONN)))
                .satisfies(n -> assertThat(((RedisJobQueue.Nothing) n).held()).isZero());
        assertThat(server.cli("XLEN", new RedisKeys(KEY).jobItems(JOB, CONN)))
                .as("acknowledged entries are kept, never trimmed")
                .isEqualTo("90");
        assertThat(server.cli("--scan", "--pattern", "*"))
                .as("Redis never sees a connection id")
                .doesNotContain(CONN.value())
                .doesNotContain(OTHER.value());
    }

    @Test
    void anItemHeldByAConsumerThatDiedIsTakenOverAfterTheLeaseToBeSettled() {
        RedisJobQueue dies = open(server, SHORT_LEASE);
        RedisJobQueue survives = open(server, SHORT_LEASE);
        await(dies.enqueue(CONN, List.of(42)));
        RedisJobQueue.Taken held = taken(await(dies.take(CONN)));
        dies.close(); // no acknowledgement, no renewal: as after SIGKILL

        assertThat(await(survives.take(CONN)))
                .as("within the lease the item stays with the consumer that took it, to be asked for again after it")
                .isInstanceOfSatisfying(RedisJobQueue.Nothing.class, n -> {
                    assertThat(n.held()).isEqualTo(1);
                    assertThat(n.retryIn()).isPositive().isLessThanOrEqualTo(SHORT_LEASE.lease());
                });
        RedisJobQueue.Taken takenOver = eventually(() -> await(survives.take(CONN)));

        assertThat(takenOver.position()).isEqualTo(42);
        assertThat(takenOver.entry()).isEqualTo(held.entry());
        assertThat(takenOver.reclaimed()).isTrue();
        assertThat(takenOver.deliveries()).isEqualTo(2);
        assertThat(await(survives.acknowledge(takenOver))).isTrue();
        assertThat(await(survives.take(CONN)))
                .satisfies(n -> assertThat(((RedisJobQueue.Nothing) n).held()).isZero());
    }

    @Test
    void aLiveConsumerKeepsItsItemHoweverLongItWorksOnIt() throws Exception {
        RedisJobQueue working = open(server, SHORT_LEASE);
        RedisJobQueue other = open(server, SHORT_LEASE);
        await(working.enqueue(CONN, List.of(1)));
        RedisJobQueue.Taken taken = taken(await(working.take(CONN)));

        long until = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(4 * SHORT_LEASE.lease().toMillis());
        while (System.nanoTime() < until) {
            assertThat(await(other.take(CONN)))
                    .satisfies(
                            n -> assertThat(((RedisJobQueue.Nothing) n).held()).isEqualTo(1));
            CompletableFuture<Void> tick = new CompletableFuture<>();
            vertx.setTimer(50, id -> tick.complete(null));
            tick.get(1, TimeUnit.SECONDS);
        }

        assertThat(working.holds(taken)).isTrue();
        assertThat(await(working.acknowledge(taken))).isTrue();
    }

    @Test
    void aConsumerWhoseItemWasTakenOverCannotTakeItOutOfTheLine() {
        RedisJobQueue lapsed = open(server, SHORT_LEASE);
        RedisJobQueue took = open(server, SHORT_LEASE);
        await(lapsed.enqueue(CONN, List.of(9)));
        RedisJobQueue.Taken first = taken(await(lapsed.take(CONN)));
        String stream = new RedisKeys(KEY).jobItems(JOB, CONN);
        // As if the lapsed consumer had stalled past its lease and the other had taken the item over.
        server.cli("XCLAIM", stream, RedisJobQueue.GROUP, took.consumer(), "0", first.entry(), "JUSTID");

        assertThat(await(lapsed.acknowledge(first))).isFalse();
        assertThat(server.cli("XPENDING", stream, RedisJobQueue.GROUP).lines().findFirst())
                .as("the item stays held by the consumer that took it over")
                .contains("1");
        RedisJobQueue.Taken second = new RedisJobQueue.Taken(CONN, first.entry(), 9, 2, true);
        assertThat(await(took.acknowledge(second))).isTrue();
        assertThat(await(took.take(CONN)))
                .satisfies(n -> assertThat(((RedisJobQueue.Nothing) n).held()).isZero());
    }

    @Test
    void anItemHandedOutTooOftenGoesToTheDeadLetterStreamInsteadOfAgain() {
        RedisJobQueue.Settings twice = new RedisJobQueue.Settings(
                Duration.ofMillis(500), Duration.ofMillis(100), 2, Duration.ofMillis(50), Duration.ofMillis(200));
        RedisJobQueue creator = open(server, twice);
        await(creator.enqueue(CONN, List.of(5)));
        taken(await(creator.take(CONN)));
        creator.close();
        RedisJobQueue second = open(server, twice);
        assertThat(eventually(() -> await(second.take(CONN))).deliveries()).isEqualTo(2);
        second.close();

        RedisJobQueue third = open(server, twice);
        RedisJobQueue.Next next = eventuallyNext(() -> await(third.take(CONN)));

        assertThat(next).isEqualTo(new RedisJobQueue.DeadLettered(CONN, 5, 3));
        assertThat(await(third.deadLetters()))
                .singleElement()
                .satisfies(fields -> assertThat(fields).containsEntry("p", "5").containsEntry("deliveries", "3"));
        assertThat(await(third.take(CONN)))
                .satisfies(n -> assertThat(((RedisJobQueue.Nothing) n).held()).isZero());
    }

    @Test
    void aRedisThatEvictsKeysIsRefusedNamingTheSetting() {
        try (RedisServer evicting = RedisServer.start("--maxmemory-policy", "allkeys-lru")) {
            assertThatThrownBy(() ->
                            await(RedisJobQueue.open(vertx, RedisUrl.parse(evicting.url()), KEY, JOB, SHORT_LEASE)))
                    .isInstanceOfSatisfying(DeletionJobStoreException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.MISCONFIGURED);
                        assertThat(e.getMessage())
                                .contains("Redis at " + evicting.url())
                                .contains("maxmemory-policy allkeys-lru")
                                .contains("set maxmemory-policy noeviction");
                    });
        }
    }

    @Test
    void withRedisAwayCallsFailAtOnceNamingRedisAndTheConsumerReconnectsWhenItReturns() {
        try (RedisServer guarded = RedisServer.start("--requirepass", "hunter2-secret")) {
            String url = "redis://:hunter2-secret@127.0.0.1:" + guarded.port();
            RedisJobQueue queue = open(guarded, url, SHORT_LEASE);
            await(queue.enqueue(CONN, List.of(1, 2)));
            RedisJobQueue.Taken first = taken(await(queue.take(CONN)));

            guarded.kill();
            long before = System.nanoTime();
            assertThatThrownBy(() -> await(queue.take(CONN)))
                    .isInstanceOfSatisfying(DeletionJobStoreException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.UNAVAILABLE);
                        assertThat(e.getMessage())
                                .startsWith("Redis at redis://:****@127.0.0.1:" + guarded.port() + " is unavailable")
                                .doesNotContain("hunter2-secret");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - before))
                    .as("no call waits longer than the round-trip timeout")
                    .isLessThan(SHORT_LEASE.callTimeout().plusSeconds(2));

            guarded.restart(); // its append-only file brings the job's items back
            RedisJobQueue.Taken second = eventually(() -> await(queue.take(CONN)));
            assertThat(second.position()).isEqualTo(2);
            assertThat(await(queue.acknowledge(first))).isTrue();
            assertThat(await(queue.acknowledge(second))).isTrue();
        }
    }

    private RedisJobQueue open(RedisServer redis, RedisJobQueue.Settings settings) {
        return open(redis, redis.url(), settings);
    }

    private RedisJobQueue open(RedisServer redis, String url, RedisJobQueue.Settings settings) {
        RedisJobQueue queue = await(RedisJobQueue.open(vertx, RedisUrl.parse(url), KEY, JOB, settings));
        opened.add(queue);
        return queue;
    }

    private static List<Integer> positions(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    private static RedisJobQueue.Taken taken(RedisJobQueue.Next next) {
        assertThat(next).isInstanceOf(RedisJobQueue.Item.class);
        return ((RedisJobQueue.Item) next).taken();
    }

    /** Takes until an item comes, for at most 10 s, tolerating Redis's absence meanwhile. */
    private static RedisJobQueue.Taken eventually(java.util.function.Supplier<RedisJobQueue.Next> take) {
        return taken(eventuallyNext(take));
    }

    /** Takes until something other than nothing comes, for at most 10 s, tolerating Redis's absence meanwhile. */
    private static RedisJobQueue.Next eventuallyNext(java.util.function.Supplier<RedisJobQueue.Next> take) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                RedisJobQueue.Next next = take.get();
                if (!(next instanceof RedisJobQueue.Nothing)) {
                    return next;
                }
            } catch (DeletionJobStoreException away) {
                if (away.kind() != DeletionJobStoreException.Kind.UNAVAILABLE) {
                    throw away;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing to take within 10 s");
            }
            CompletableFuture<Void> tick = new CompletableFuture<>();
            vertx.setTimer(20, id -> tick.complete(null));
            tick.join();
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
