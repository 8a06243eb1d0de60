package dev.ofauthqueue.benchmarks;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.adapter.vertx.VertxOfAuthClient;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.FakeServerOptions;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.RateLimit;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deletes 300 messages from a fake limited to 20 requests/s with a burst of 30, with the client-side limiter on and
 * off, and prints one CSV line per run: {@code bulk,<path>,<limiter>,<wall s>,<theoretical s>,<ratio>,<429 seen>,<failed>}.
 * Two paths: the port's DELETE alone (1 request per message, theoretical (300-30)/20 = 13.5 s) and the use case
 * (a read then a DELETE per message, plus the listing).
 */
public final class BulkDeletionRun {

    static final int MESSAGES = 300;
    static final RateLimit FAKE_LIMIT = new RateLimit(1200, 30);
    static final ConnectionId BULK = ConnectionId.of("conn_bulk");

    private BulkDeletionRun() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("bulk-recordings");
        Recordings.writeBulk(dir, MESSAGES);
        for (String path : List.of("port", "usecase")) {
            for (boolean limiter : List.of(true, false)) {
                run(dir, path, limiter);
            }
        }
        System.exit(0);
    }

    static void run(Path dir, String path, boolean limiter) throws Exception {
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeServerOptions.builder()
                .port(0)
                .recordings(dir)
                .rateLimit(FAKE_LIMIT)
                .journalCapacity(100_000)
                .clockStart(new FakeServerOptions.AtWallClock())
                .build())) {
            Vertx vertx = Vertx.vertx();
            OfAuthClientOptions.Builder options = OfAuthClientOptions.builder(new ApiKey(Recordings.KEY))
                    .baseUrl(fake.baseUrl())
                    .deadline(Duration.ofMinutes(5));
            if (limiter) {
                options.rateLimit(new ClientRateLimit(FAKE_LIMIT.perMinute(), FAKE_LIMIT.burst()));
            } else {
                options.rateLimitOff();
            }
            VertxOfAuthClient client = VertxOfAuthClient.create(vertx, options.build());
            long started = System.nanoTime();
            int failed;
            if (path.equals("port")) {
                failed = deleteThroughThePort(client);
            } else {
                ScheduledQueueService service =
                        ScheduledQueueService.builder(client).build();
                var plan = service.planDeletion(new PlanDeletionCommand(BULK, MessageSelector.all()))
                        .toCompletableFuture()
                        .join();
                DeletionReport report = service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan))
                        .toCompletableFuture()
                        .join();
                failed = report.count(DeletionOutcome.Kind.FAILED)
                        + report.count(DeletionOutcome.Kind.UNCONFIRMED)
                        + (MESSAGES
                                - report.count(DeletionOutcome.Kind.DELETED)
                                - report.count(DeletionOutcome.Kind.FAILED)
                                - report.count(DeletionOutcome.Kind.UNCONFIRMED));
            }
            double wall = (System.nanoTime() - started) / 1e9;
            int requests = fake.journal().count(Journal.query().status(200))
                    + fake.journal().count(Journal.query().status(429));
            int limited = fake.journal().count(Journal.query().status(429));
            int served = requests - limited;
            double theory = Math.max(0, served - FAKE_LIMIT.burst()) / (FAKE_LIMIT.perMinute() / 60.0);
            System.out.printf(
                    Locale.ROOT,
                    "bulk,%s,%s,%.2f,%.2f,%.3f,%d,%d%n",
                    path,
                    limiter ? "on" : "off",
                    wall,
                    theory,
                    wall / theory,
                    limited,
                    failed);
            client.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** DELETE each message with 4 in flight, as a plan's execution does, but without the read before each. */
    static int deleteThroughThePort(VertxOfAuthClient client) {
        AtomicInteger next = new AtomicInteger(1);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(worker(client, next, failed));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        return failed.get();
    }

    private static CompletableFuture<Void> worker(VertxOfAuthClient client, AtomicInteger next, AtomicInteger failed) {
        int id = next.getAndIncrement();
        if (id > MESSAGES) {
            return CompletableFuture.completedFuture(null);
        }
        return client.deleteScheduledMassMessage(BULK, MassMessageId.of(id))
                .toCompletableFuture()
                .handle((result, failure) -> {
                    if (failure != null || !(result instanceof DeleteRequestOutcome.Deleted)) {
                        failed.incrementAndGet();
                    }
                    return null;
                })
                .thenCompose(ignored -> worker(client, next, failed));
    }
}
