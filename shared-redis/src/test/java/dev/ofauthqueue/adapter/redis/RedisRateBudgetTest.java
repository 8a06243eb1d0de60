package dev.ofauthqueue.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.adapter.vertx.RateBudgetFactory;
import dev.ofauthqueue.adapter.vertx.Timers;
import dev.ofauthqueue.adapter.vertx.VertxOfAuthClient;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.testkit.RedisServer;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real {@code redis-server}: what several processes of one API key see when they share a budget. */
class RedisRateBudgetTest {

    private static final ApiKey KEY = new ApiKey("sk_test_shared_budget");
    private static final ConnectionId CONN = ConnectionId.of("conn_budget_shared_a");
    private static final ConnectionId OTHER = ConnectionId.of("conn_budget_shared_b");
    private static final RedisRateBudget.Settings FAST = new RedisRateBudget.Settings(
            Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofMillis(100));

    private static RedisServer server;
    private static Vertx vertx;
    private static Timers delays;
    private final List<RateBudget> opened = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        delays = VertxOfAuthClient.Collaborators.defaults(vertx).delays();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
        server.close();
    }

    @AfterEach
    void closeBudgets() {
        opened.forEach(b -> ((RedisRateBudget) b).close());
        server.cli("FLUSHALL");
    }

    @Test
    void threeProcessesShareOneBurstWhereLocalBucketsWouldEachSpendTheirOwn() {
        ClientRateLimit limit = new ClientRateLimit(1, 5); // one token a minute: nothing refills during the test
        List<RateBudget> shared = List.of(open(server, KEY, limit), open(server, KEY, limit), open(server, KEY, limit));
        List<RateBudget> local = List.of(localBudget(limit), localBudget(limit), localBudget(limit));

        assertThat(grantedAtOnce(shared, 10)).isEqualTo(5);
        assertThat(grantedAtOnce(local, 10)).isEqualTo(15);
    }

    @Test
    void aRefusedTakeSaysWhenTheNextSlotIsAndTakesNothing() {
        RateBudget budget = open(server, KEY, new ClientRateLimit(6, 1)); // a slot every 10 s
        await(budget.take(CONN, Duration.ZERO));
        String stateBefore = server.cli("HGETALL", new RedisKeys(KEY).budget(CONN));

        OfAuthException.RateLimited refused = refusal(budget.take(CONN, Duration.ofMillis(100)));

        assertThat(refused.retryAfter())
                .hasValueSatisfying(wait -> assertThat(wait)
                        .isGreaterThan(Duration.ofSeconds(5))
                        .isLessThanOrEqualTo(Duration.ofSeconds(10)));
        assertThat(server.cli("HGETALL", new RedisKeys(KEY).budget(CONN))).isEqualTo(stateBefore);
    }

    @Test
    void aTakeWithinItsWaitIsHeldUntilItsSlot() {
        List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
        Timers recording = Timers.of(
                d -> {
                    waits.add(d);
                    return CompletableFuture.completedFuture(null); // virtual: the wait is recorded, not slept
                },
                System::nanoTime);
        RateBudget budget = keep(RedisRateBudget.factory(RedisUrl.parse(server.url()), FAST)
                .open(vertx, new ClientRateLimit(6, 1), KEY, recording)); // a slot every 10 s
        ConnectionId own = ConnectionId.of("conn_one_slot_every_ten_seconds");
        await(budget.take(own, Duration.ZERO));
        await(budget.take(own, Duration.ofSeconds(20)));

        // The second slot is 10 s after the first by Redis's clock: the caller is held for what is left of it.
        assertThat(waits)
                .singleElement()
                .satisfies(w -> assertThat(w).isGreaterThan(Duration.ZERO).isLessThanOrEqualTo(Duration.ofSeconds(10)));
    }

    @Test
    void extremeWaitsAreBoundedNeverOverflowed() {
        RateBudget budget = open(server, KEY, new ClientRateLimit(60, 90));
        await(budget.take(CONN, Duration.ofSeconds(Long.MAX_VALUE)));
        await(budget.take(CONN, Duration.ofSeconds(-5)));

        budget.backOff(OTHER, Duration.ofSeconds(Long.MAX_VALUE));
        eventually(() -> refused(budget.take(OTHER, Duration.ZERO)));

        assertThat(refusal(budget.take(OTHER, Duration.ZERO)).retryAfter())
                .hasValueSatisfying(wait -> assertThat(wait)
                        .isGreaterThan(Duration.ofMinutes(59))
                        .isLessThanOrEqualTo(Duration.ofHours(1)));
    }

    @Test
    void keysNameNoConnectionAreTheSameForOneApiKeyAndExpireWhenIdle() {
        RateBudget first = open(server, KEY, new ClientRateLimit(60, 90));
        RateBudget second = open(server, KEY, new ClientRateLimit(60, 90));
        RateBudget otherKey = open(server, new ApiKey("sk_test_someone_else"), new ClientRateLimit(60, 90));
        await(first.take(CONN, Duration.ZERO));
        await(second.take(CONN, Duration.ZERO));
        await(otherKey.take(CONN, Duration.ZERO));

        List<String> budgetKeys = server.cli("--scan", "--pattern", "ofauth-queue:budget:*")
                .lines()
                .toList();
        assertThat(budgetKeys).hasSize(2); // one per API key: both processes of KEY derived the same name
        String all = server.cli("--scan");
        assertThat(all).doesNotContain(CONN.value()).doesNotContain(KEY.value());
        assertThat(server.cli("DUMP", budgetKeys.get(0))).doesNotContain(CONN.value());
        long ttl = Long.parseLong(server.cli("PTTL", new RedisKeys(KEY).budget(CONN)));
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1).toMillis() + 2_000);
    }

    @Test
    void aScriptFlushedFromRedisIsLoadedAgainOnce() {
        RateBudget budget = quiet(new ClientRateLimit(60, 90));
        await(budget.take(CONN, Duration.ZERO));
        server.cli("SCRIPT", "FLUSH");
        long callsBefore = count("evalsha", "calls");
        long failedBefore = count("evalsha", "failed_calls");

        await(budget.take(CONN, Duration.ZERO));

        assertThat(count("evalsha", "calls") - callsBefore).isEqualTo(2); // NOSCRIPT, then the run after the load
        assertThat(count("evalsha", "failed_calls") - failedBefore).isEqualTo(1);
        assertThat(server.cli("HGETALL", new RedisKeys(KEY).budget(CONN))).isNotEmpty();
    }

    @Test
    void anyOtherErrorIsNotRetriedAndTheCallTakesFromTheLocalShare() {
        RateBudget budget = quiet(new ClientRateLimit(6000, 90));
        String key = new RedisKeys(KEY).budget(CONN);
        server.cli("RPUSH", key, "not a budget"); // HMGET inside the script fails with WRONGTYPE
        long callsBefore = count("evalsha", "calls");

        await(budget.take(CONN, Duration.ofSeconds(5))); // granted by the local share

        assertThat(count("evalsha", "calls") - callsBefore).isEqualTo(1);
        assertThat(server.cli("TYPE", key)).isEqualTo("list");
    }

    @Test
    void a429SeenByOneProcessPushesThatConnectionBackForAll() {
        ClientRateLimit limit = new ClientRateLimit(6000, 10);
        RateBudget sawThe429 = open(server, KEY, limit);
        RateBudget another = open(server, KEY, limit);
        await(another.take(CONN, Duration.ZERO)); // another process knows the connection already

        sawThe429.backOff(CONN, Duration.ofSeconds(3));
        eventually(() -> !server.cli("HGETALL", new RedisKeys(KEY).budget(CONN)).isEmpty()
                && refused(another.take(CONN, Duration.ZERO)));

        OfAuthException.RateLimited refused = refusal(another.take(CONN, Duration.ZERO));
        assertThat(refused.retryAfter())
                .hasValueSatisfying(wait -> assertThat(wait)
                        .isGreaterThan(Duration.ofMillis(1_000))
                        .isLessThanOrEqualTo(Duration.ofSeconds(3)));
        await(another.take(OTHER, Duration.ZERO)); // other connections go on
    }

    @Test
    void aHeldBudgetRefillsDuringTheWaitOneSlotShort() {
        RateBudget budget = open(server, KEY, new ClientRateLimit(60, 10)); // a slot a second, burst 10
        for (int i = 0; i < 10; i++) {
            await(budget.take(CONN, Duration.ZERO)); // the burst is spent
        }
        budget.backOff(CONN, Duration.ofSeconds(3)); // nothing for 3 s
        eventually(() -> refused(budget.take(CONN, Duration.ZERO)));

        eventually(() -> !refused(budget.take(CONN, Duration.ZERO))); // the hold is over: one went

        assertThat(refused(budget.take(CONN, Duration.ZERO)))
                .as("three seconds refilled three slots, less the one of margin: a second one goes")
                .isFalse();
        assertThat(refused(budget.take(CONN, Duration.ZERO)))
                .as("and the third waits for the next second")
                .isTrue();
    }

    @Test
    void aLongWaitRefillsTheSharedBudgetToOneSlotShortOfItsBurst() {
        RateBudget budget = open(server, KEY, new ClientRateLimit(600, 3)); // a slot every 100 ms, burst 3
        budget.backOff(CONN, Duration.ofSeconds(1)); // 1 s would refill 10 slots
        eventually(() -> refused(budget.take(CONN, Duration.ZERO)));

        eventually(() -> !refused(budget.take(CONN, Duration.ZERO)));

        assertThat(refused(budget.take(CONN, Duration.ZERO))).isFalse();
        assertThat(refused(budget.take(CONN, Duration.ZERO)))
                .as("two of the burst of 3 went: OFAuth's bucket holds 3 now, the shared budget one less")
                .isTrue();
    }

    @Test
    void withoutRedisEachProcessTakesItsShareAndTheSharedBudgetResumesWhenRedisReturns() {
        try (RedisServer own = RedisServer.start()) {
            ClientRateLimit limit = new ClientRateLimit(180, 9); // a slot every 333 ms, shared by three processes
            RedisRateBudget a = (RedisRateBudget) open(own, KEY, limit);
            open(own, KEY, limit);
            open(own, KEY, limit);
            eventually(() -> a.workersSeen() == 3);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream realOut = System.out;

            own.kill();
            OfAuthException.RateLimited first;
            System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                first = refusal(a.take(CONN, Duration.ZERO));
                // The warning is written on the budget's event loop, maybe after the refusal: wait for it, not for
                // time.
                eventually(() -> log.toString(StandardCharsets.UTF_8).contains("Redis at " + own.url() + " is away"));
            } finally {
                System.setOut(realOut);
            }

            // A third of the limit (60/min: a token a second), starting empty: never a burst on top of what Redis gave.
            assertThat(first.retryAfter())
                    .hasValueSatisfying(wait -> assertThat(wait)
                            .isGreaterThan(Duration.ofMillis(900))
                            .isLessThanOrEqualTo(Duration.ofSeconds(1)));
            assertThat(log.toString(StandardCharsets.UTF_8))
                    .contains("Redis at " + own.url() + " is away")
                    .contains("1/3 of the limit (60/min burst 3)");
            await(a.take(CONN, Duration.ofSeconds(2))); // and the share does serve, at its pace

            own.restart();
            eventually(() -> {
                await(a.take(OTHER, Duration.ofSeconds(2)).exceptionally(limited -> null));
                return !own.cli("HGETALL", new RedisKeys(KEY).budget(OTHER)).isEmpty();
            });
        }
    }

    @Test
    void aFrozenRedisHoldsNoCallerUntilItThaws() {
        try (RedisServer own = RedisServer.start()) {
            RateBudget budget = open(own, KEY, new ClientRateLimit(6000, 90)); // the local share: a token every 10 ms
            await(budget.take(CONN, Duration.ZERO)); // connected, script loaded

            own.freeze();
            try {
                CompletableFuture<Void> take =
                        budget.take(CONN, Duration.ofSeconds(5)).toCompletableFuture();
                // The signal: the take completes while Redis still cannot answer, so its round trip timed out (after
                // FAST's call timeout) and the local share served it. No bound on elapsed time: only that it ends.
                assertThat(take).succeedsWithin(Duration.ofSeconds(60));
            } finally {
                own.thaw();
            }
        }
    }

    @Test
    void thePasswordOfTheRedisUrlNeverReachesALogLineOrADescription() {
        try (RedisServer guarded = RedisServer.start("--requirepass", "hunter2-secret")) {
            String right = "redis://:hunter2-secret@127.0.0.1:" + guarded.port();
            String wrong = "redis://:hunter2-wrong@127.0.0.1:" + guarded.port();
            RateBudgetFactory factory = RedisRateBudget.factory(RedisUrl.parse(wrong), FAST);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            PrintStream realOut = System.out;
            System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                RateBudget refusedEntry = keep(factory.open(vertx, new ClientRateLimit(6000, 90), KEY, delays));
                // Redis refuses the password: the local share serves
                await(refusedEntry.take(CONN, Duration.ofSeconds(5)));
                eventually(() -> log.toString(StandardCharsets.UTF_8).contains("is away"));
            } finally {
                System.setOut(realOut);
            }
            assertThat(log.toString(StandardCharsets.UTF_8))
                    .doesNotContain("hunter2")
                    .contains(":****@");
            assertThat(factory.toString()).doesNotContain("hunter2");

            RateBudget admitted = keep(RedisRateBudget.factory(RedisUrl.parse(right), FAST)
                    .open(vertx, new ClientRateLimit(60, 90), KEY, delays));
            await(admitted.take(CONN, Duration.ZERO));
            assertThat(guarded.cli("HGETALL", new RedisKeys(KEY).budget(CONN))).isNotEmpty();
        }
    }

    private RateBudget open(RedisServer on, ApiKey apiKey, ClientRateLimit limit) {
        return keep(RedisRateBudget.factory(RedisUrl.parse(on.url()), FAST).open(vertx, limit, apiKey, delays));
    }

    private RateBudget keep(RateBudget budget) {
        opened.add(budget);
        return budget;
    }

    private static RateBudget localBudget(ClientRateLimit limit) { // not kept: nothing to close
        return RateBudgetFactory.local().open(vertx, limit, KEY, delays);
    }

    /** Takes {@code rounds} times from each budget in turn without waiting; how many were granted. */
    private static int grantedAtOnce(List<RateBudget> budgets, int rounds) {
        int granted = 0;
        for (int round = 0; round < rounds; round++) {
            for (RateBudget budget : budgets) {
                if (!refused(budget.take(CONN, Duration.ZERO))) {
                    granted++;
                }
            }
        }
        return granted;
    }

    private static boolean refused(java.util.concurrent.CompletionStage<Void> take) {
        try {
            await(take);
            return false;
        } catch (CompletionException e) {
            if (e.getCause() instanceof OfAuthException.RateLimited) {
                return true;
            }
            throw e;
        }
    }

    private static OfAuthException.RateLimited refusal(java.util.concurrent.CompletionStage<Void> take) {
        try {
            await(take);
        } catch (CompletionException e) {
            if (e.getCause() instanceof OfAuthException.RateLimited limited) {
                return limited;
            }
            throw e;
        }
        throw new AssertionError("the take was granted");
    }

    private static void await(java.util.concurrent.CompletionStage<Void> stage) {
        CompletableFuture<Void> future = stage.toCompletableFuture();
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the budget did not answer within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code calls} or {@code failed_calls} of one command in {@code INFO commandstats}. */
    private static long count(String command, String field) {
        return server.cli("INFO", "commandstats")
                .lines()
                .filter(l -> l.startsWith("cmdstat_" + command + ":"))
                .flatMap(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).split(",", -1)))
                .filter(pair -> pair.startsWith(field + "="))
                .mapToLong(pair -> Long.parseLong(pair.substring(field.length() + 1)))
                .sum();
    }

    /** A budget whose only heartbeat is the one it sends when opened, done before this returns: counts stay exact. */
    private RateBudget quiet(ClientRateLimit limit) {
        RateBudget budget = keep(RedisRateBudget.factory(
                        RedisUrl.parse(server.url()),
                        new RedisRateBudget.Settings(
                                Duration.ofMillis(500),
                                Duration.ofHours(1),
                                Duration.ofMinutes(1),
                                Duration.ofMillis(100)))
                .open(vertx, limit, KEY, delays));
        eventually(() -> server.cli("ZCARD", new RedisKeys(KEY).workers()).equals("1"));
        return budget;
    }

    /** Polls a condition another process or a timer makes true, for at most 10 s. */
    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within 10 s");
            }
            CompletableFuture<Void> tick = new CompletableFuture<>();
            vertx.setTimer(20, id -> tick.complete(null));
            tick.join();
        }
    }
}
