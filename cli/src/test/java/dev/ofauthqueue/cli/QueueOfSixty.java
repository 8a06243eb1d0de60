package dev.ofauthqueue.cli;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.Journal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake without a rate limit whose {@code conn_demo} queue holds its recorded messages and {@code extra} more, each
 * free, its text starting "zz-batch", scheduled two days ahead: long enough to take several list pages.
 */
final class QueueOfSixty implements AutoCloseable {

    final FakeOfAuthServer fake;
    final List<Long> bulk = new ArrayList<>();

    private QueueOfSixty(int extra) {
        fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0", "--rate-limit", "off"));
        OfAuthClientOptions options = OfAuthClientOptions.builder(new ApiKey("demo-api-key"))
                .baseUrl(fake.baseUrl())
                .rateLimitOff()
                .build();
        try (OfAuthQueue q = OfAuthQueue.create(options)) {
            for (int i = 0; i < extra; i++) {
                bulk.add(q.client()
                        .scheduleMassMessage(
                                ConnectionId.of("conn_demo"),
                                MassMessageDraft.scheduled(
                                        "zz-batch " + i,
                                        fake.now().plus(Duration.ofDays(1).plusMinutes(i))))
                        .toCompletableFuture()
                        .join()
                        .id()
                        .value());
            }
        }
        fake.clearRequests();
    }

    private static OfAuthClientOptions options(FakeOfAuthServer fake) {
        return OfAuthClientOptions.builder(new ApiKey("demo-api-key"))
                .baseUrl(fake.baseUrl())
                .rateLimitOff()
                .build();
    }

    /** Schedules a free message with {@code text} on conn_demo, two days ahead. */
    static long schedule(FakeOfAuthServer fake, String text) {
        try (OfAuthQueue q = OfAuthQueue.create(options(fake))) {
            return schedule(q, fake, text);
        }
    }

    private static long schedule(OfAuthQueue q, FakeOfAuthServer fake, String text) {
        return q.client()
                .scheduleMassMessage(
                        ConnectionId.of("conn_demo"),
                        MassMessageDraft.scheduled(text, fake.now().plus(Duration.ofDays(2))))
                .toCompletableFuture()
                .join()
                .id()
                .value();
    }

    static QueueOfSixty start(int extra) {
        return new QueueOfSixty(extra);
    }

    int lists() {
        return fake.journal().count(Journal.query().method("GET").path("/v2/access/mass-messages"));
    }

    int deletes() {
        return fake.journal().count(Journal.query().method("DELETE"));
    }

    int requests() {
        return fake.journal().count(Journal.query());
    }

    @Override
    public void close() {
        fake.close();
    }
}
