package dev.ofauthqueue.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * Against a real {@code redis-server}, what is particular to Redis: several consumers draining one job's items over
 * streams that are never trimmed, dead letters in their own stream, an evicting Redis refused, Redis away and back.
 * The work-queue promises every shared store keeps (handed out once, claimed again after the lease, fencing) are in
 * the acceptance tests' {@code JobItemQueueContractTest}. A lease lapses here by setting the entry's idle time, never
 * by waiting.
 */
class RedisJobQueueTest {

    private static final ApiKey KEY = new ApiKey("sk_test_shared_jobs");
    private static final ConnectionId CONN = ConnectionId.of("conn_jobs_shared_a");
    private static final ConnectionId OTHER = ConnectionId.of("conn_jobs_shared_b");
    private static final DeletionJobId JOB = DeletionJobId.of(7);
    /**
     * A lease no test waits out (a lapse is set in Redis by {@link #lapse}) and calls given time on a busy machine: with
     * a 300 ms lease and 500 ms calls, a loaded run handed a held item out again or timed out its first connection.
     */
    private static final RedisJobQueue.Settings SETTINGS = new RedisJobQueue.Settings(
            Duration.ofSeconds(5), Duration.ofMinutes(1), 5, Duration.ofMillis(50), Duration.ofMillis(200));

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

    /** The job's record, as the store writes it: intents are recorded only while it says RUNNING. */
    @org.junit.jupiter.api.BeforeEach
    void running() {
        server.cli("HSET", new RedisKeys(KEY).job(JOB), "state", "RUNNING");
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(RedisJobQueue::close);
        server.cli("FLUSHALL");
    }

    @Test
    void threeConsumersDrainOneJobAndEveryItemIsHandedOutOnce() throws Exception {
        RedisJobQueue first = open(server, SETTINGS);
        await(first.enqueue(CONN, positions(0, 90)));
        await(first.enqueue(OTHER, positions(90, 120)));
        List<RedisJobQueue> consumers = List.of(first, open(server, SETTINGS), open(server, SETTINGS));
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
                            assertThat(settle(t, q)).isEqualTo(1);
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
    void anItemHeldByAConsumerThatStoppedIsClaimedAfterItsLeaseWithAHigherFence() {
        RedisJobQueue stops = open(server, SETTINGS);
        RedisJobQueue lives = open(server, SETTINGS);
        await(stops.enqueue(CONN, List.of(42)));
        RedisJobQueue.Taken held = taken(await(stops.take(CONN)));

        assertThat(await(lives.take(CONN)))
                .as("within the lease the item stays with the consumer that took it, to be asked for again after it")
                .isInstanceOfSatisfying(RedisJobQueue.Nothing.class, n -> {
                    assertThat(n.held()).isEqualTo(1);
                    assertThat(n.retryIn()).isPositive().isLessThanOrEqualTo(SETTINGS.lease());
                });
        lapse(held);
        RedisJobQueue.Taken claimed = taken(await(lives.take(CONN)));

        assertThat(claimed.position()).isEqualTo(42);
        assertThat(claimed.entry()).isEqualTo(held.entry());
        assertThat(claimed.reclaimed()).isTrue();
        assertThat(claimed.deliveries()).isEqualTo(2);
        assertThat(await(stops.intent(held, "2026-11-01T12:00:00Z")))
                .as("the consumer whose lease lapsed can no longer record an intent")
                .isEqualTo(RedisJobQueue.Intent.NOT_HELD);
        assertThat(await(stops.renew(CONN, List.of(held)))).containsExactly(held.entry());
        assertThat(await(stops.release(held))).isFalse();
        assertThat(await(lives.intent(claimed, "2026-11-01T12:00:01Z"))).isEqualTo(RedisJobQueue.Intent.RECORDED);
        assertThat(settle(claimed, lives)).isEqualTo(1);
        assertThat(await(lives.take(CONN)))
                .satisfies(n -> assertThat(((RedisJobQueue.Nothing) n).held()).isZero());
    }

    @Test
    void anItemWhoseTakeWentUnansweredIsHandedToTheSameConsumerAgainAndToNoOtherMeanwhile() {
        RedisJobQueue other = open(server, SETTINGS);
        await(other.enqueue(CONN, List.of(1, 2)));
        try (ReplyDroppingProxy proxy = new ReplyDroppingProxy(server.port())) {
            RedisJobQueue lossy = open(server, proxy.url(), SETTINGS);
            String lost = takeWithoutAnAnswer(lossy, proxy);

            assertThat(taken(await(other.take(CONN))).position())
                    .as("the item the lost take handed out stays with its consumer")
                    .isEqualTo(2);
            RedisJobQueue.Taken again = eventually(() -> await(lossy.take(CONN)));
            assertThat(again.entry())
                    .as("asked again, the consumer is handed the item its lost take got, not left to wait a lease")
                    .isEqualTo(lost);
            assertThat(again.position()).isEqualTo(1);
            assertThat(again.deliveries()).isEqualTo(1);
            assertThat(again.reclaimed()).isFalse();
            assertThat(await(lossy.intent(again, "2026-11-01T12:00:00Z"))).isEqualTo(RedisJobQueue.Intent.RECORDED);
        }
    }

    @Test
    void anItemWhoseTakeWentUnansweredAndWasTakenOverAfterItsLeaseIsNotHandedToItsFirstConsumerAgain() {
        RedisJobQueue other = open(server, SETTINGS);
        await(other.enqueue(CONN, List.of(1, 2)));
        try (ReplyDroppingProxy proxy = new ReplyDroppingProxy(server.port())) {
            RedisJobQueue lossy = open(server, proxy.url(), SETTINGS);
            String lost = takeWithoutAnAnswer(lossy, proxy);
            lapse(CONN, lost);
            RedisJobQueue.Taken takenOver = taken(await(other.take(CONN)));
            assertThat(takenOver.entry()).isEqualTo(lost);
            assertThat(takenOver.reclaimed()).isTrue();

            RedisJobQueue.Taken next = eventually(() -> await(lossy.take(CONN)));

            assertThat(next.position())
                    .as("its receipt names an item another consumer holds now: a new one is taken instead")
                    .isEqualTo(2);
        }
    }

    /**
     * Takes an item through {@code proxy} while it drops Redis's replies: the take fails as unanswered (its connection
     * broke) although Redis handed the item out. A first take, answered, puts the script in Redis's cache: a lost
     * {@code NOSCRIPT} answer would leave the script unsent.
     *
     * @return the entry Redis handed to {@code queue}
     */
    private static String takeWithoutAnAnswer(RedisJobQueue queue, ReplyDroppingProxy proxy) {
        String stream = new RedisKeys(KEY).jobItems(JOB, CONN);
        await(queue.enqueue(OTHER, List.of(99)));
        assertThat(taken(await(queue.take(OTHER))).position()).isEqualTo(99);
        proxy.dropReplies(true);
        assertThatThrownBy(() -> await(queue.take(CONN)))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.UNAVAILABLE));
        proxy.dropReplies(false);
        List<String> held = server.cli("XPENDING", stream, RedisJobQueue.GROUP, "-", "+", "10", queue.consumer())
                .lines()
                .toList();
        assertThat(held)
                .as("the connection broke on the take's reply, so Redis ran it: the consumer holds one item (its"
                        + " entry, holder, idle time and deliveries)")
                .hasSize(4);
        return held.get(0);
    }

    @Test
    void aRenewedItemIsNotClaimedByAnotherAndAReleasedOneIsClaimedAtOnce() {
        RedisJobQueue holder = open(server, SETTINGS);
        RedisJobQueue other = open(server, SETTINGS);
        await(holder.enqueue(CONN, List.of(1)));
        RedisJobQueue.Taken taken = taken(await(holder.take(CONN)));
        lapse(taken);

        assertThat(await(holder.renew(CONN, List.of(taken)))).isEmpty();
        assertThat(await(other.take(CONN)))
                .as("renewed: idle from now again")
                .isInstanceOf(RedisJobQueue.Nothing.class);
        assertThat(await(holder.release(taken))).isTrue();
        RedisJobQueue.Taken claimed = taken(await(other.take(CONN)));

        assertThat(claimed.reclaimed()).isTrue();
        assertThat(claimed.deliveries())
                .as("a renewal and a release add no delivery")
                .isEqualTo(2);
    }

    @Test
    void aConsumerWhoseItemWasClaimedByAnotherRecordsOnlyAFinalAnswerWhichEndsTheItemForItsNewHolder() {
        RedisJobQueue lapsed = open(server, SETTINGS);
        RedisJobQueue took = open(server, SETTINGS);
        await(lapsed.enqueue(CONN, List.of(9)));
        RedisJobQueue.Taken first = taken(await(lapsed.take(CONN)));
        lapse(first);
        RedisJobQueue.Taken second = taken(await(took.take(CONN)));
        assertThat(await(took.intent(second, "2026-11-01T12:00:00Z"))).isEqualTo(RedisJobQueue.Intent.RECORDED);

        assertThat(record(first, lapsed, false))
                .as("a failure from a lapsed holder is dropped")
                .isEqualTo(-1);
        assertThat(server.cli("HLEN", new RedisKeys(KEY).jobIntents(JOB)))
                .as("the holder's intent stays")
                .isEqualTo("1");
        assertThat(record(first, lapsed, true))
                .as("its final answer is kept where none exists")
                .isEqualTo(1);
        assertThat(server.cli("XPENDING", new RedisKeys(KEY).jobItems(JOB, CONN), RedisJobQueue.GROUP)
                        .lines()
                        .findFirst())
                .as("the settled item leaves the line, so its new holder's next renewal finds it lost")
                .contains("0");
        assertThat(await(took.renew(CONN, List.of(second)))).containsExactly(second.entry());
        assertThat(await(took.intent(second, "2026-11-01T12:00:01Z"))).isEqualTo(RedisJobQueue.Intent.NOT_HELD);
        assertThat(await(took.take(CONN)))
                .satisfies(n -> assertThat(((RedisJobQueue.Nothing) n).held()).isZero());
    }

    @Test
    void anItemHandedOutTooOftenGoesToTheDeadLetterStreamInsteadOfAgain() {
        RedisJobQueue.Settings twice = new RedisJobQueue.Settings(
                Duration.ofMillis(500), Duration.ofMillis(100), 2, Duration.ofMillis(50), Duration.ofMillis(200));
        RedisJobQueue creator = open(server, twice);
        await(creator.enqueue(CONN, List.of(5)));
        lapse(taken(await(creator.take(CONN))));
        creator.close();
        RedisJobQueue second = open(server, twice);
        RedisJobQueue.Taken again = taken(await(second.take(CONN)));
        assertThat(again.deliveries()).isEqualTo(2);
        lapse(again);
        second.close();

        RedisJobQueue third = open(server, twice);
        RedisJobQueue.Next next = await(third.take(CONN));

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
            assertThatThrownBy(
                            () -> await(RedisJobQueue.open(vertx, RedisUrl.parse(evicting.url()), KEY, JOB, SETTINGS)))
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
            RedisJobQueue queue = open(guarded, url, SETTINGS);
            await(queue.enqueue(CONN, List.of(1, 2)));
            RedisJobQueue.Taken first = taken(await(queue.take(CONN)));

            guarded.kill();
            assertThatThrownBy(() -> await(queue.take(CONN)))
                    .isInstanceOfSatisfying(DeletionJobStoreException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.UNAVAILABLE);
                        assertThat(e.getMessage())
                                .startsWith("Redis at redis://:****@127.0.0.1:" + guarded.port() + " is unavailable")
                                .doesNotContain("hunter2-secret");
                    });

            guarded.restart(); // its append-only file brings the job's items back
            RedisJobQueue.Taken second = eventually(() -> await(queue.take(CONN)));
            assertThat(second.position()).isEqualTo(2);
            assertThat(record(first, queue, true, url)).isEqualTo(1);
            assertThat(record(second, queue, true, url)).isEqualTo(1);
        }
    }

    /** As if the holder went a whole lease without renewing: the entry's idle time, set by Redis, not waited for. */
    private static void lapse(RedisJobQueue.Taken taken) {
        lapse(taken.connection(), taken.entry());
    }

    private static void lapse(ConnectionId connection, String entry) {
        String stream = new RedisKeys(KEY).jobItems(JOB, connection);
        String holder = server.cli("XPENDING", stream, RedisJobQueue.GROUP, entry, entry, "1")
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow();
        server.cli(
                "XCLAIM",
                stream,
                RedisJobQueue.GROUP,
                holder,
                "0",
                entry,
                "IDLE",
                String.valueOf(SETTINGS.lease().toMillis() * 10),
                "JUSTID");
    }

    /** Records a final outcome as the consumer that took the item: how an item leaves the line. */
    private static int settle(RedisJobQueue.Taken taken, RedisJobQueue queue) {
        return record(taken, queue, true, server.url());
    }

    private static int record(RedisJobQueue.Taken taken, RedisJobQueue queue, boolean isFinal) {
        return record(taken, queue, isFinal, server.url());
    }

    private static int record(RedisJobQueue.Taken taken, RedisJobQueue queue, boolean isFinal, String url) {
        RedisKeys keys = new RedisKeys(KEY);
        io.vertx.redis.client.Redis client = io.vertx.redis.client.Redis.createClient(vertx, url);
        try {
            return await(new RedisOutcomes(keys, client::send, Duration.ofSeconds(2))
                    .record(
                            JOB,
                            taken.position(),
                            isFinal ? "deleted" : "failed",
                            isFinal,
                            Optional.empty(),
                            java.time.Instant.parse("2026-11-01T12:00:00Z"),
                            Optional.of(new RedisOutcomes.Held(
                                    keys.jobItems(JOB, taken.connection()),
                                    queue.consumer(),
                                    taken.entry(),
                                    taken.deliveries(),
                                    true))));
        } finally {
            client.close();
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
