package dev.ofauthqueue.acceptance.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.TestRecordings;
import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job on Redis whose snapshots grow older than the maximum plan age: its lanes refresh the plan by listing, never by
 * reading message after message, and store the fresh snapshots for every process.
 */
class SharedJobStalePlanTest {

    static final int PLANNED = 8;
    static final List<String> CONNECTIONS = List.of("conn_stale_a", "conn_stale_b");

    @Test
    void aStaleSharedPlanIsRefreshedByListingNotByReadingEachMessage(@TempDir Path dir) throws Exception {
        try (RedisServer redis = RedisServer.start();
                FakeTarget fake = JobSetup.fake(dir, PLANNED + 4, CONNECTIONS, JobSetup.RATE);
                RedisDeletionJobStore store = RedisDeletionJobStore.open(
                        RedisUrl.parse(redis.url()),
                        new ApiKey(TestRecordings.KEY),
                        RedisDeletionJobStore.Settings.DEFAULT);
                OfAuthQueue ofauth = OfAuthQueue.builder(
                                JobSetup.options(fake.baseUrl()).build())
                        .jobStore(store)
                        .maxPlanAge(Duration.ofMillis(1)) // every snapshot is stale by the time its item is taken
                        .build()) {
            int listingsBefore = fake.requests("GET", "/v2/access/mass-messages", null);

            DeletionJobId id = ofauth.jobUseCases()
                    .startDeletionJob(JobSetup.command(PLANNED, CONNECTIONS))
                    .toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
            DeletionJobStatus done = ofauth.jobUseCases()
                    .awaitDeletionJob(id)
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);

            assertThat(done.state()).isEqualTo(DeletionJobState.COMPLETED);
            assertThat(done.count(JobItemState.DELETED)).isEqualTo(PLANNED * CONNECTIONS.size());
            assertThat(fake.requests("GET", "/v2/access/mass-messages/[0-9]+", null))
                    .as("no message was read on its own")
                    .isZero();
            assertThat(fake.requests("GET", "/v2/access/mass-messages", null) - listingsBefore)
                    .as("the plan's listings, then refreshes by listing")
                    .isGreaterThan(CONNECTIONS.size());
            StoredJob job = store.load(id).orElseThrow();
            assertThat(job.items())
                    .as("the store holds the refreshed snapshots, for every process to decide on")
                    .anyMatch(i -> i.item().snapshotAt().isAfter(job.createdAt()));
        }
    }
}
