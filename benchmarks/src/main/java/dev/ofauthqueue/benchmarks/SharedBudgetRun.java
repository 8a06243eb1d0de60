package dev.ofauthqueue.benchmarks;

import dev.ofauthqueue.adapter.redis.RedisRateBudget;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.adapter.vertx.ApiKey;
import dev.ofauthqueue.adapter.vertx.OfAuthClientOptions;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionJobId;
import dev.ofauthqueue.domain.JobItemState;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.Selection;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.library.OfAuthQueue;
import dev.ofauthqueue.ports.in.DeletionJobEvent;
import dev.ofauthqueue.ports.in.DeletionJobListener;
import dev.ofauthqueue.ports.in.DeletionJobStatus;
import dev.ofauthqueue.ports.in.StartDeletionJobCommand;
import dev.ofauthqueue.ports.service.InMemoryDeletionJobStore;
import dev.ofauthqueue.testkit.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Three processes share one connection's budget: three worker JVMs delete disjoint thirds of 300 messages of one
 * connection against the fake at 20/s burst 30, first each with its own local bucket at that limit, then with the
 * budget shared on Redis, alternating for the rounds asked. Each worker plans first (its listing), then all wait for
 * one go signal: the figures are the deletions'. One CSV line per run ({@code shared,MODE,...}), counted
 * from the go signal: wall time to the last worker's end, the floor the fake's limit allows for the requests it
 * answered without a 429, the requests and the 429s the fake answered, and the Redis round trips (from Redis's own
 * {@code INFO commandstats}) per OFAuth request.
 *
 * <p>{@code java -cp benchmarks.jar dev.ofauthqueue.benchmarks.SharedBudgetRun [ROUNDS]}
 */
public final class SharedBudgetRun {

    static final int MESSAGES = 300;
    static final int WORKERS = 3;
    static final ConnectionId CONNECTION = ConnectionId.of("conn_bulk");

    private SharedBudgetRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4]);
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (RedisServer redis = RedisServer.start()) {
            for (int round = 1; round <= rounds; round++) {
                run("local", round, Optional.empty(), redis);
                run("redis", round, Optional.of(redis.url()), redis);
            }
        }
        System.exit(0);
    }

    static void run(String mode, int round, Optional<String> redisUrl, RedisServer redis) throws Exception {
        Path dir = Files.createTempDirectory("shared-budget-bench");
        Recordings.writeBulk(dir, MESSAGES);
        redis.cli("FLUSHALL");
        try (FakeOfAuthServer fake = DeletionJobRun.fake(dir, Optional.of(DeletionJobRun.LIMIT))) {
            List<Process> workers = new ArrayList<>();
            List<BufferedReader> outputs = new ArrayList<>();
            int third = MESSAGES / WORKERS;
            for (int w = 0; w < WORKERS; w++) {
                Process p = new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                SharedBudgetRun.class.getName(),
                                "worker",
                                fake.baseUrl(),
                                Integer.toString(w * third + 1),
                                Integer.toString((w + 1) * third),
                                redisUrl.orElse("-"))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                workers.add(p);
                outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader out : outputs) {
                expect(out, "planned");
            }
            // Every worker has listed its plan: what follows is the deletions alone, each worker's listing (one page in
            // nineteen more while others delete) kept out of it. Let every bucket, the fake's included, refill.
            Thread.sleep(2_000);
            int listed = fake.journal().count(Journal.query());
            redis.cli("CONFIG", "RESETSTAT"); // both counts start at the go signal
            long started = System.nanoTime();
            for (Process p : workers) {
                PrintWriter in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
                in.println("go");
            }
            int deleted = 0;
            for (BufferedReader out : outputs) {
                deleted += Integer.parseInt(expect(out, "deleted ").substring("deleted ".length()));
            }
            double wall = (System.nanoTime() - started) / 1e9;
            for (Process p : workers) {
                p.waitFor();
            }
            int requests = fake.journal().count(Journal.query()) - listed;
            int limited = fake.journal().count(Journal.query().status(429));
            double floor = DeletionJobRun.floorSeconds(requests - limited);
            long redisCommands = redisUrl.isPresent() ? commands(redis) : 0;
            System.out.printf(
                    Locale.ROOT,
                    "shared,%s,%d,%.2f,%.2f,%.3f,%d,%d,%d,%.3f,%d%n",
                    mode,
                    round,
                    wall,
                    floor,
                    wall / floor,
                    requests,
                    limited,
                    redisCommands,
                    redisCommands / (double) requests,
                    MESSAGES - deleted);
        }
    }

    /**
     * Commands the budget's scripts run inside Redis, no round trip of their own: read from the scripts themselves, so
     * that a changed script cannot inflate the count.
     */
    static final List<String> INSIDE_SCRIPTS = insideScripts("gcra.lua", "workers.lua");

    static List<String> insideScripts(String... scripts) {
        List<String> names = new ArrayList<>();
        for (String script : scripts) {
            String path = "/dev/ofauthqueue/adapter/redis/" + script;
            try (InputStream in = SharedBudgetRun.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(path + " is not on the class path");
                }
                Matcher call = Pattern.compile("redis\\.call\\('([A-Za-z]+)'")
                        .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (call.find()) {
                    names.add(call.group(1).toLowerCase(Locale.ROOT));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The round trips clients made since the statistics were reset: every command but those run inside a script and
     * the benchmark's own {@code INFO} and {@code CONFIG}.
     */
    static long commands(RedisServer redis) {
        return redis.cli("INFO", "commandstats")
                .lines()
                .filter(l -> l.startsWith("cmdstat_"))
                .filter(l -> {
                    String name = l.substring("cmdstat_".length(), l.indexOf(':'));
                    return !INSIDE_SCRIPTS.contains(name) && !name.equals("info") && !name.startsWith("config");
                })
                .mapToLong(l -> Long.parseLong(l.replaceAll("^cmdstat_[^:]+:calls=(\\d+),.*$", "$1")))
                .sum();
    }

    static String expect(BufferedReader out, String prefix) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("a worker ended without printing " + prefix.strip());
    }

    /** One worker: deletes messages {@code from..to} of the connection as one job, when told to go. */
    static void worker(String baseUrl, int from, int to, String redisUrl) throws Exception {
        OfAuthClientOptions.Builder options = OfAuthClientOptions.builder(new ApiKey(Recordings.KEY))
                .baseUrl(baseUrl)
                .rateLimit(DeletionJobRun.CLIENT_LIMIT)
                .deadline(Duration.ofMinutes(5));
        if (!redisUrl.equals("-")) {
            options.rateBudget(RedisRateBudget.factory(RedisUrl.parse(redisUrl)));
        }
        try (OfAuthQueue ofauth = OfAuthQueue.builder(options.build())
                .jobStore(new InMemoryDeletionJobStore())
                .build()) {
            Selection mine = Selection.all()
                    .onlyIds(IntStream.rangeClosed(from, to)
                            .mapToObj(MassMessageId::of)
                            .toList());
            DeletionJobId id = ofauth.jobs()
                    .startDeletionJob(StartDeletionJobCommand.of(List.of(CONNECTION), mine)
                            .withListener(new DeletionJobListener() {
                                /** Holds the job, planned and stored, until the coordinator says go. */
                                @Override
                                public void onJobStored(DeletionJobId job, int items) {
                                    System.out.println("planned " + items);
                                    try {
                                        String go = new BufferedReader(
                                                        new InputStreamReader(System.in, StandardCharsets.UTF_8))
                                                .readLine();
                                        if (!"go".equals(go)) {
                                            throw new IllegalStateException("expected go, read " + go);
                                        }
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }

                                @Override
                                public void onItem(DeletionJobEvent event) {}
                            }))
                    .toCompletableFuture()
                    .join();
            DeletionJobStatus done =
                    ofauth.jobs().awaitDeletionJob(id).toCompletableFuture().join();
            System.out.println("deleted " + done.count(JobItemState.DELETED));
        }
        System.exit(0);
    }
}
