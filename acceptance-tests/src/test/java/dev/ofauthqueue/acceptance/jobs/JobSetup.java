package dev.ofauthqueue.acceptance.jobs;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.RetryPolicy;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.Launcher;
import dev.ofauthqueue.acceptance.support.TestRecordings;
import dev.ofauthqueue.fake.Journal;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** One way to build the library and a job, shared by the crash test and the process it kills: same settings. */
final class JobSetup {

    /** 10 DELETEs a second per connection: slow enough to be killed mid-way, fast enough for a test. */
    static final ClientRateLimit RATE = new ClientRateLimit(600, 5);

    private JobSetup() {}

    static OfAuthQueue queue(String baseUrl, Path db) {
        return OfAuthQueue.builder(options(baseUrl).build()).jobStore(db).build();
    }

    static OfAuthClientOptions.Builder options(String baseUrl) {
        return OfAuthClientOptions.builder(new ApiKey(TestRecordings.KEY))
                .baseUrl(baseUrl)
                .requestTimeout(Duration.ofSeconds(2))
                .deadline(Duration.ofSeconds(20))
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(20), Duration.ofSeconds(2)))
                .rateLimit(RATE);
    }

    /**
     * The fake in this JVM on the real clock, serving messages 1..{@code inQueue} of each connection from recordings
     * written in {@code dir}, with its own rate limit at {@code rate}.
     */
    static FakeTarget fake(Path dir, int inQueue, List<String> connections, ClientRateLimit rate) throws IOException {
        Path recordings = TestRecordings.write(dir.resolve("recordings"), inQueue, connections);
        return Launcher.inProcess()
                .launch(
                        "--recordings",
                        recordings.toString(),
                        "--clock",
                        "now",
                        "--rate-limit",
                        rate.perMinute() + ":" + rate.burst());
    }

    /** How many successful DELETEs the fake answered for each message, as {@code connection/path}. */
    static Map<String, Long> successfulDeletesPerMessage(FakeTarget fake) {
        return fake.admin().requests(Journal.query().method("DELETE").status(200)).stream()
                .collect(Collectors.groupingBy(e -> e.connection().orElse("?") + e.path(), Collectors.counting()));
    }

    /** Messages 1..count of each connection: the recordings hold more, which the job must never touch. */
    static StartDeletionJobCommand command(int count, List<String> connections) {
        List<MassMessageId> ids =
                LongStream.rangeClosed(1, count).mapToObj(MassMessageId::of).toList();
        return StartDeletionJobCommand.of(
                connections.stream().map(ConnectionId::of).toList(),
                Selection.all().onlyIds(ids));
    }
}
