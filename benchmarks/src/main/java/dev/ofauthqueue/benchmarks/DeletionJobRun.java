package dev.ofauthqueue.benchmarks;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.FakeServerOptions;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.RateLimit;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.in.PlanDeletionCommand;
import dev.ofauthqueue.ports.service.InMemoryDeletionJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Deletion jobs against the fake, one CSV line per measurement ({@code jobs,NAME,...}):
 *
 * <ul>
 *   <li>{@code plan}: executing a plan of 300 messages at 20/s burst 30: requests per message, wall time over the
 *       rate-limit floor;
 *   <li>{@code job3}: one job over three connections (300, 200, 100 messages) at 20/s burst 30 each: wall time over the
 *       slowest connection's floor;
 *   <li>{@code store}: a job of 2,000 messages with every rate limit off, with the SQLite store and with the in-memory
 *       one, alternating, three rounds each: the store's cost per item is the difference of the medians.
 * </ul>
 */
public final class DeletionJobRun {

    static final RateLimit LIMIT = new RateLimit(1200, 30);
    static final ClientRateLimit CLIENT_LIMIT = new ClientRateLimit(1200, 30);

    private DeletionJobRun() {}

    public static void main(String[] args) throws Exception {
        int storeMessages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        plan();
        job3();
        store(storeMessages, rounds);
        System.exit(0);
    }

    static FakeOfAuthServer fake(Path recordings, Optional<RateLimit> limit) {
        FakeServerOptions.Builder b = FakeServerOptions.builder()
                .port(0)
                .recordings(recordings)
                .journalCapacity(1_000_000)
                .clockStart(new FakeServerOptions.AtWallClock());
        limit.ifPresentOrElse(b::rateLimit, b::rateLimitOff);
        return FakeOfAuthServer.start(b.build());
    }

    static OfAuthQueue.Builder library(String baseUrl, boolean limited) {
        OfAuthClientOptions.Builder o = OfAuthClientOptions.builder(new ApiKey(Recordings.KEY))
                .baseUrl(baseUrl)
                .deadline(Duration.ofMinutes(5));
        if (limited) {
            o.rateLimit(CLIENT_LIMIT);
        } else {
            o.rateLimitOff();
        }
        return OfAuthQueue.builder(o.build());
    }

    static double floorSeconds(int requests) {
        return Math.max(0, requests - LIMIT.burst()) / (LIMIT.perMinute() / 60.0);
    }

    /** A plan of 300: its listing and its execution, every request counted in the fake's journal. */
    static void plan() throws Exception {
        Path dir = Files.createTempDirectory("plan-bench");
        Recordings.writeBulk(dir, 300);
        try (FakeOfAuthServer fake = fake(dir, Optional.of(LIMIT));
                OfAuthQueue ofauth = library(fake.baseUrl(), true).build()) {
            long started = System.nanoTime();
            DeletionPlan plan = ofauth.queueUseCases()
                    .planDeletion(new PlanDeletionCommand(ConnectionId.of("conn_bulk"), MessageSelector.all()))
                    .toCompletableFuture()
                    .join();
            DeletionReport report = ofauth.queueUseCases()
                    .executeDeletionPlan(new ExecuteDeletionPlanCommand(plan))
                    .toCompletableFuture()
                    .join();
            double wall = (System.nanoTime() - started) / 1e9;
            int requests = fake.journal().count(Journal.query());
            int pages = fake.journal().count(Journal.query().method("GET"));
            int limited = fake.journal().count(Journal.query().status(429));
            double floor = floorSeconds(requests - limited);
            System.out.printf(
                    Locale.ROOT,
                    "jobs,plan,%d,%d,%d,%.3f,%.2f,%.2f,%.3f,%d,%d%n",
                    300,
                    requests,
                    pages,
                    requests / 300.0,
                    wall,
                    floor,
                    wall / floor,
                    limited,
                    300 - report.count(DeletionOutcome.Kind.DELETED));
        }
    }

    /** One job over three connections of different sizes, each within its own 20/s budget. */
    static void job3() throws Exception {
        Path dir = Files.createTempDirectory("job3-bench");
        Recordings.writeBulk(dir, Map.of("conn_a", 300, "conn_b", 200, "conn_c", 100));
        try (FakeOfAuthServer fake = fake(dir, Optional.of(LIMIT));
                OfAuthQueue ofauth = library(fake.baseUrl(), true)
                        .jobStore(new InMemoryDeletionJobStore())
                        .build()) {
            long started = System.nanoTime();
            DeletionJobId id = ofauth.jobUseCases()
                    .startDeletionJob(StartDeletionJobCommand.of(
                            List.of(ConnectionId.of("conn_a"), ConnectionId.of("conn_b"), ConnectionId.of("conn_c")),
                            Selection.all()))
                    .toCompletableFuture()
                    .join();
            DeletionJobStatus done = ofauth.jobUseCases()
                    .awaitDeletionJob(id)
                    .toCompletableFuture()
                    .join();
            double wall = (System.nanoTime() - started) / 1e9;
            int slowest = fake.journal().count(Journal.query().connection("conn_a"));
            int limited = fake.journal().count(Journal.query().status(429));
            double floor = floorSeconds(slowest);
            System.out.printf(
                    Locale.ROOT,
                    "jobs,job3,%d,%d,%.2f,%.2f,%.3f,%d,%d%n",
                    done.total(),
                    fake.journal().count(Journal.query()),
                    wall,
                    floor,
                    wall / floor,
                    limited,
                    done.total() - done.count(JobItemState.DELETED));
        }
    }

    /** The same job with the SQLite store and with the in-memory one, nothing else limiting it. */
    static void store(int messages, int rounds) throws Exception {
        List<Double> sqlite = new ArrayList<>();
        List<Double> memory = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            memory.add(timeJob(messages, false));
            sqlite.add(timeJob(messages, true));
        }
        double perItemMs = (median(sqlite) - median(memory)) * 1000 / messages;
        System.out.printf(
                Locale.ROOT,
                "jobs,store,%d,%.3f,%.3f,%.3f,%d%n",
                messages,
                median(sqlite),
                median(memory),
                perItemMs,
                rounds);
    }

    static double timeJob(int messages, boolean sqlite) throws Exception {
        Path dir = Files.createTempDirectory("store-bench");
        Recordings.writeBulk(dir, messages);
        try (FakeOfAuthServer fake = fake(dir, Optional.empty())) {
            OfAuthQueue.Builder b = library(fake.baseUrl(), false);
            if (sqlite) {
                b.jobStore(dir.resolve("jobs.db"));
            } else {
                b.jobStore(new InMemoryDeletionJobStore());
            }
            try (OfAuthQueue ofauth = b.build()) {
                long started = System.nanoTime();
                DeletionJobId id = ofauth.jobUseCases()
                        .startDeletionJob(
                                StartDeletionJobCommand.of(List.of(ConnectionId.of("conn_bulk")), Selection.all()))
                        .toCompletableFuture()
                        .join();
                DeletionJobStatus done = ofauth.jobUseCases()
                        .awaitDeletionJob(id)
                        .toCompletableFuture()
                        .join();
                if (done.count(JobItemState.DELETED) != messages) {
                    throw new IllegalStateException("the job did not delete everything: " + done);
                }
                return (System.nanoTime() - started) / 1e9;
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
