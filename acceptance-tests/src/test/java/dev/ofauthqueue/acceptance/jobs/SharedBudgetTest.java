package dev.ofauthqueue.acceptance.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.adapter.redis.RedisRateBudget;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose rate budget is shared on Redis keeps going when Redis is killed mid-job (each connection then takes
 * this process's share of the limit) and draws on Redis again once it returns; the fake's journal shows every planned
 * message deleted once, nothing else, and no request the fake had to refuse beyond a stray 429.
 */
class SharedBudgetTest {

    static final int PLANNED = 30;
    static final List<String> CONNECTIONS = List.of("conn_shared_a", "conn_shared_b");
    /**
     * The fake's limit: the client's rate with room for one more burst. Redis comes back with the budgets as they were
     * at the kill, so the first requests after it may spend a burst the local pacing already spent at the fake; on a
     * busy machine that met the fake's bucket empty (5 429s, each retried). The room absorbs that one burst; a budget
     * that stopped pacing would still run into the fake's limit on every connection.
     */
    static final ClientRateLimit FAKE_RATE = new ClientRateLimit(JobSetup.RATE.perMinute(), 2 * JobSetup.RATE.burst());

    static final RedisRateBudget.Settings FAST = new RedisRateBudget.Settings(
            Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofMillis(100));

    /** Every budget key with its state (its theoretical arrival time and hold): it moves with every request paced. */
    static String budgets(RedisServer redis, String pattern) {
        StringBuilder out = new StringBuilder();
        for (String key :
                redis.cli("--scan", "--pattern", pattern).lines().sorted().toList()) {
            out.append(key)
                    .append('=')
                    .append(redis.cli("HGETALL", key).replace('\n', ' '))
                    .append('\n');
        }
        return out.toString();
    }

    @Test
    void aJobOutlivesRedisGoingAwayMidJobAndTheSharedBudgetResumesWhenItReturns(@TempDir Path dir) throws Exception {
        int total = PLANNED * CONNECTIONS.size();
        try (RedisServer redis = RedisServer.start();
                FakeTarget fake = JobSetup.fake(dir, PLANNED + 10, CONNECTIONS, FAKE_RATE);
                OfAuthQueue ofauth = OfAuthQueue.builder(JobSetup.options(fake.baseUrl())
                                .rateBudget(RedisRateBudget.factory(RedisUrl.parse(redis.url()), FAST))
                                .build())
                        .jobStore(dir.resolve("jobs.db"))
                        .build()) {
            String budgetKey = "ofauth-queue:budget:*";
            AtomicReference<String> keysAtRestart = new AtomicReference<>("");
            DeletionJobListener outage = new DeletionJobListener() {
                @Override
                public void onItem(DeletionJobEvent event) {
                    if (event.done() == total / 3) {
                        redis.kill();
                    } else if (event.done() == 2 * total / 3) {
                        redis.restart(); // its append-only file brings back the budgets as they were at the kill
                        keysAtRestart.set(budgets(redis, budgetKey));
                    }
                }
            };

            DeletionJobId id = ofauth.jobUseCases()
                    .startDeletionJob(JobSetup.command(PLANNED, CONNECTIONS).withListener(outage))
                    .toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
            DeletionJobStatus done = ofauth.jobUseCases()
                    .awaitDeletionJob(id)
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);

            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(total);
            Map<String, Long> perMessage = JobSetup.successfulDeletesPerMessage(fake);
            assertThat(perMessage)
                    .hasSize(total)
                    .allSatisfy((message, n) -> assertThat(n).as(message).isEqualTo(1));
            assertThat(perMessage.keySet())
                    .as("nothing outside the plan was deleted")
                    .allMatch(p -> Long.parseLong(p.substring(p.lastIndexOf('/') + 1)) <= PLANNED);
            int requests = fake.admin().requests(Journal.query()).size();
            assertThat(fake.admin().requests(Journal.query().status(429)).size())
                    .as("the budget paced the job within the fake's limit, outage included")
                    .isLessThanOrEqualTo(requests / 20);
            assertThat(budgets(redis, budgetKey))
                    .as("after Redis returned, the job's requests drew on the shared budget again")
                    .isNotEqualTo(keysAtRestart.get());
        }
    }
}
