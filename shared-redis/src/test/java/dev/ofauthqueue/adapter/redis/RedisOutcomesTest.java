package dev.ofauthqueue.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.testkit.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against a real {@code redis-server}: an item gets one final outcome however many workers settle it at once. */
class RedisOutcomesTest {

    private static final ApiKey KEY = new ApiKey("sk_test_shared_outcomes");
    private static final DeletionJobId JOB = DeletionJobId.of(3);
    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    private static RedisServer server;
    private static Vertx vertx;
    private static Redis redis;
    private static RedisOutcomes outcomes;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Redis.createClient(
                vertx, new RedisOptions().setConnectionString(server.url()).setMaxPoolSize(8));
        outcomes = new RedisOutcomes(new RedisKeys(KEY), redis::send, Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        redis.close();
        vertx.close().await();
        server.close();
    }

    @AfterEach
    void flush() {
        server.cli("FLUSHALL");
    }

    /** Eight workers settle the same item at once, half of them as a deletion with its archive entry. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void ofWorkersSettlingOneItemAtOnceExactlyOneOutcomeIsWritten(int seed) {
        List<Future<Integer>> racing = IntStream.range(0, 8)
                .mapToObj(w -> outcomes.record(
                        JOB,
                        seed,
                        "outcome of worker " + w,
                        true,
                        w % 2 == 0 ? Optional.of("archived by worker " + w) : Optional.empty(),
                        AT,
                        Optional.empty()))
                .toList();
        List<Integer> written = racing.stream().map(f -> f.await()).toList();

        assertThat(written).containsOnlyOnce(1).containsOnly(0, 1);
        int winner = written.indexOf(1);
        assertThat(outcomes.outcome(JOB, seed).await()).contains("outcome of worker " + winner);
        assertThat(outcomes.archived(JOB, seed).await())
                .isEqualTo(winner % 2 == 0 ? Optional.of("archived by worker " + winner) : Optional.empty());
        assertThat(server.cli("ZCARD", new RedisKeys(KEY).archiveIndex())).isEqualTo(winner % 2 == 0 ? "1" : "0");
    }

    @Test
    void aFailureIsReplacedByAFinalOutcomeButAFinalOutcomeByNothing() {
        assertThat(outcomes.record(JOB, 1, "failed: timeout", false, Optional.empty(), AT, Optional.empty())
                        .await())
                .isEqualTo(1);
        assertThat(outcomes.record(JOB, 1, "failed again", false, Optional.empty(), AT, Optional.empty())
                        .await())
                .isEqualTo(1);
        assertThat(outcomes.record(JOB, 1, "deleted", true, Optional.of("{\"id\":1}"), AT, Optional.empty())
                        .await())
                .isEqualTo(1);

        assertThat(outcomes.record(JOB, 1, "failed late", false, Optional.empty(), AT, Optional.empty())
                        .await())
                .isEqualTo(0);
        assertThat(outcomes.record(JOB, 1, "already gone", true, Optional.empty(), AT, Optional.empty())
                        .await())
                .isEqualTo(0);
        assertThat(outcomes.outcome(JOB, 1).await()).contains("deleted");
        assertThat(outcomes.archived(JOB, 1).await()).contains("{\"id\":1}");
        assertThat(server.cli("ZSCORE", new RedisKeys(KEY).archiveIndex(), JOB.value() + ":1"))
                .isEqualTo(String.valueOf(AT.toEpochMilli()));
        assertThat(outcomes.outcome(JOB, 2).await()).isEmpty();
    }

    @Test
    void onlyTheHolderOrTheFinalAnswerToAnEarlierHoldersDeleteTakesTheItemOutOfTheLine() {
        String stream = "ofauth-queue:test:items";
        server.cli("XGROUP", "CREATE", stream, RedisJobQueue.GROUP, "0", "MKSTREAM");
        String first = server.cli("XADD", stream, "*", "p", "1");
        String second = server.cli("XADD", stream, "*", "p", "2");
        String third = server.cli("XADD", stream, "*", "p", "3");
        server.cli("XREADGROUP", "GROUP", RedisJobQueue.GROUP, "holder", "COUNT", "3", "STREAMS", stream, ">");

        assertThat(record(1, true, new RedisOutcomes.Held(stream, "holder", first, 1, false)))
                .as("the holder writes")
                .isEqualTo(1);
        assertThat(record(2, true, new RedisOutcomes.Held(stream, "someone else", second, 1, false)))
                .as("another consumer writes nothing but the answer to its own DELETE")
                .isEqualTo(-1);
        assertThat(record(3, false, new RedisOutcomes.Held(stream, "someone else", third, 1, true)))
                .as("a late answer that is not final is dropped")
                .isEqualTo(-1);
        assertThat(server.cli("XPENDING", stream, RedisJobQueue.GROUP, "-", "+", "10"))
                .doesNotContain(first)
                .contains(second)
                .contains(third);

        assertThat(record(3, true, new RedisOutcomes.Held(stream, "someone else", third, 1, true)))
                .as("a late final answer is kept where no final outcome exists")
                .isEqualTo(1);
        assertThat(server.cli("XPENDING", stream, RedisJobQueue.GROUP, "-", "+", "10"))
                .as("and the settled item leaves the line, so its holder's next renewal finds it lost")
                .doesNotContain(third)
                .contains(second);
    }

    private int record(int position, boolean isFinal, RedisOutcomes.Held held) {
        return outcomes.record(
                        JOB,
                        position,
                        isFinal ? "deleted" : "failed",
                        isFinal,
                        Optional.of("{}").filter(a -> isFinal),
                        AT,
                        Optional.of(held))
                .await();
    }
}
