package dev.ofauthqueue.acceptance.jobs;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.acceptance.support.TestRecordings;
import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisRateBudget;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import java.time.Duration;
import java.util.List;

/**
 * A worker of a job shared on Redis, for the test that kills one of three: {@code BASE_URL REDIS_URL start COUNT
 * CONNECTION...} plans messages 1..COUNT of each connection and prints {@code job ID}; {@code BASE_URL REDIS_URL join
 * ID} joins that job. Either prints {@code took N} as it settles items, then {@code done} at the end.
 */
public final class SharedJobWorker {

    /**
     * A lease short enough for the test to see a dead worker's items taken over; round trips may take 5 s (three JVMs
     * starting at once on two cores).
     */
    static final RedisDeletionJobStore.Settings SETTINGS = new RedisDeletionJobStore.Settings(
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(3), 5, false);

    /** A system property naming another lease (ISO-8601, {@code PT5S}), as {@code --lease} does on the command line. */
    static final String LEASE_PROPERTY = "ofauth.worker.lease";

    /**
     * 2 DELETEs a second per connection: the job (120 messages over 3 connections) lasts about 20 s, long enough for
     * the test to stop the worker that started it while it holds items.
     */
    static final ClientRateLimit RATE = new ClientRateLimit(120, 2);

    private SharedJobWorker() {}

    public static void main(String[] args) {
        String baseUrl = args[0];
        RedisUrl redis = RedisUrl.parse(args[1]);
        String lease = System.getProperty(LEASE_PROPERTY);
        RedisDeletionJobStore.Settings settings = lease == null ? SETTINGS : SETTINGS.withLease(Duration.parse(lease));
        try (RedisDeletionJobStore store = RedisDeletionJobStore.open(redis, new ApiKey(TestRecordings.KEY), settings);
                OfAuthQueue ofauth = OfAuthQueue.builder(JobSetup.options(baseUrl)
                                .rateLimit(RATE)
                                .rateBudget(RedisRateBudget.factory(redis))
                                .build())
                        .jobStore(store)
                        .build()) {
            DeletionJobListener listener = new DeletionJobListener() {
                private int took;

                @Override
                public void onItem(DeletionJobEvent event) {
                    System.out.println("took " + ++took);
                    System.out.flush();
                }
            };
            DeletionJobId id;
            if (args[2].equals("start")) {
                id = ofauth.jobUseCases()
                        .startDeletionJob(JobSetup.command(
                                        Integer.parseInt(args[3]), List.of(args).subList(4, args.length))
                                .withListener(listener))
                        .toCompletableFuture()
                        .join();
            } else {
                id = ofauth.jobUseCases()
                        .resumeDeletionJob(DeletionJobId.parse(args[3]), listener)
                        .toCompletableFuture()
                        .join();
            }
            System.out.println("job " + id);
            System.out.flush();
            System.out.println(ofauth.jobUseCases()
                    .awaitDeletionJob(id)
                    .toCompletableFuture()
                    .join());
            System.out.println("done");
        }
    }
}
