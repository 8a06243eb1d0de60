package dev.ofauthqueue.acceptance.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.TestRecordings;
import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisRateBudget;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.QueueSnapshot;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job kept on Redis when Redis dies mid-job: the run stops with a typed error naming Redis, nothing is lost with the
 * append-only file, and joining the job again once Redis is back finishes it without deleting anything twice.
 */
class SharedJobRedisOutageTest {

    static final int PLANNED = 30;
    static final List<String> CONNECTIONS = List.of("conn_outage_a", "conn_outage_b");
    /** A short lease: the items the stopped run held are taken over two seconds after it stopped renewing them. */
    static final RedisDeletionJobStore.Settings SETTINGS =
            RedisDeletionJobStore.Settings.DEFAULT.withLease(Duration.ofSeconds(2));

    @Test
    void aJobOnRedisStopsWhenRedisDiesAndFinishesWhenJoinedAfterItReturns(@TempDir Path dir) throws Exception {
        int total = PLANNED * CONNECTIONS.size();
        try (RedisServer redis = RedisServer.start();
                FakeTarget fake = JobSetup.fake(dir, PLANNED + 10, CONNECTIONS, JobSetup.RATE)) {
            RedisUrl url = RedisUrl.parse(redis.url());
            DeletionJobId id;
            try (RedisDeletionJobStore store =
                            RedisDeletionJobStore.open(url, new ApiKey(TestRecordings.KEY), SETTINGS);
                    OfAuthQueue ofauth = queue(fake, url, store)) {
                DeletionJobListener killsRedis = new DeletionJobListener() {
                    @Override
                    public void onItem(DeletionJobEvent event) {
                        if (event.done() == total / 3) {
                            redis.kill();
                        }
                    }
                };
                id = ofauth.jobUseCases()
                        .startDeletionJob(JobSetup.command(PLANNED, CONNECTIONS).withListener(killsRedis))
                        .toCompletableFuture()
                        .get(20, TimeUnit.SECONDS);

                assertThatThrownBy(() -> ofauth.jobUseCases()
                                .awaitDeletionJob(id)
                                .toCompletableFuture()
                                .join())
                        .isInstanceOf(CompletionException.class)
                        .cause()
                        .isInstanceOfSatisfying(DeletionJobStoreException.class, e -> {
                            assertThat(e.kind())
                                    .as(e.getMessage())
                                    .isEqualTo(DeletionJobStoreException.Kind.UNAVAILABLE);
                            assertThat(e.getMessage()).contains("Redis at " + redis.url() + " is unavailable");
                        });
            }
            assertThat(successfulDeletes(fake)).as("the job stopped mid-way").isLessThan(total);

            redis.restart(); // its append-only file brings the job back as it was
            DeletionJobStatus done;
            try (RedisDeletionJobStore store =
                            RedisDeletionJobStore.open(url, new ApiKey(TestRecordings.KEY), SETTINGS);
                    OfAuthQueue ofauth = queue(fake, url, store)) {
                ofauth.jobUseCases()
                        .resumeDeletionJob(id, DeletionJobListener.NONE)
                        .toCompletableFuture()
                        .get(20, TimeUnit.SECONDS);
                done = ofauth.jobUseCases()
                        .awaitDeletionJob(id)
                        .toCompletableFuture()
                        .get(60, TimeUnit.SECONDS);
                List<StoredItem> items = store.load(id).orElseThrow().items();
                assertThat(items)
                        .as(
                                "every item has one final outcome; not final: %s; streams: %s; journal: %s",
                                items.stream()
                                        .filter(i -> !i.state().isFinal())
                                        .map(i -> i.position() + " " + i.state())
                                        .toList(),
                                streams(redis),
                                items.stream()
                                        .filter(i -> !i.state().isFinal())
                                        .flatMap(i -> fake.admin().requests(Journal.query()).stream()
                                                .filter(e -> e.path()
                                                                .endsWith("/"
                                                                        + i.item()
                                                                                .id()
                                                                                .value())
                                                        && e.connection()
                                                                .equals(Optional.of(i.item()
                                                                        .connection()
                                                                        .value()))))
                                        .map(e -> e.at() + " " + e.method() + " " + e.path() + " " + e.status())
                                        .toList())
                        .extracting(StoredItem::state)
                        .containsOnly(JobItemState.DELETED);
            }

            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(total);
            Map<String, Long> perMessage = JobSetup.successfulDeletesPerMessage(fake);
            assertThat(perMessage)
                    .as("no message got two successful DELETEs")
                    .allSatisfy((message, n) -> assertThat(n).as(message).isEqualTo(1));
            for (String connection : CONNECTIONS) {
                QueueSnapshot queue = fake.admin().queueSnapshot(connection).orElseThrow();
                for (long m = 1; m <= PLANNED + 10; m++) {
                    assertThat(queue.stateOf(m))
                            .as(connection + " message " + m)
                            .contains(m <= PLANNED ? "DELETED" : "SCHEDULED");
                }
            }
        }
    }

    private static OfAuthQueue queue(FakeTarget fake, RedisUrl url, RedisDeletionJobStore store) {
        return OfAuthQueue.builder(JobSetup.options(fake.baseUrl())
                        .rateBudget(RedisRateBudget.factory(url))
                        .build())
                .jobStore(store)
                .build();
    }

    /** Each stream of the job with its length and what its consumer group holds, for a failure's message. */
    private static String streams(RedisServer redis) {
        StringBuilder out = new StringBuilder();
        for (String key : redis.cli("--scan", "--pattern", "*:items:*").lines().toList()) {
            out.append(key.substring(key.lastIndexOf(':') + 1))
                    .append(": length ")
                    .append(redis.cli("XLEN", key))
                    .append(", groups ")
                    .append(redis.cli("XINFO", "GROUPS", key).replace('\n', ' '))
                    .append(", held ")
                    .append(redis.cli("XPENDING", key, "workers", "-", "+", "100")
                            .replace('\n', ' '))
                    .append("; ");
        }
        for (String key : redis.cli("--scan", "--pattern", "*:outcomes").lines().toList()) {
            out.append("outcome fields ")
                    .append(redis.cli("HKEYS", key).replace('\n', ' '))
                    .append("; ");
        }
        for (String key : redis.cli("--scan", "--pattern", "*:intents").lines().toList()) {
            out.append("intent fields ")
                    .append(redis.cli("HKEYS", key).replace('\n', ' '))
                    .append("; ");
        }
        return out.toString();
    }

    private static int successfulDeletes(FakeTarget fake) {
        return fake.admin()
                .requests(Journal.query().method("DELETE").status(200))
                .size();
    }
}
