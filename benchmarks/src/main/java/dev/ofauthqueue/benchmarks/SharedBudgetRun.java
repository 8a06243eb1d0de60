package dev.ofauthqueue.benchmarks;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisRateBudget;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.ports.service.InMemoryDeletionJobStore;
import dev.ofauthqueue.testkit.RedisServer;
import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Three processes share one connection's budget: three worker JVMs delete disjoint thirds of 300 messages of one
 * connection against the fake at 20/s burst 30, first each with its own local bucket at that limit, then with the
 * budget shared on Redis, then as one job of all 300 kept on Redis that one worker plans and two join (mode
 * {@code job}), alternating for the rounds asked. Each planning worker plans first (its listing), then all wait for
 * one go signal: the figures are the deletions'. One CSV line per run ({@code shared,MODE,...}), counted from the go
 * signal: wall time to the last worker's end, the floor the fake's limit allows for the requests it answered without
 * a 429, the requests and the 429s the fake answered, and the Redis round trips per OFAuth request (the clients'
 * commands as {@code MONITOR} shows them, a script's own commands not counted; the count per command goes to standard
 * error).
 *
 * <p>{@code java -cp benchmarks.jar dev.ofauthqueue.benchmarks.SharedBudgetRun [ROUNDS [MODE,...]]}
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
        if (args.length > 0 && args[0].equals("job-worker")) {
            jobWorker(args[1], args[2], args[3].equals("start"));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        List<String> modes = args.length > 1 ? List.of(args[1].split(",")) : List.of("local", "redis", "job");
        try (RedisServer redis = RedisServer.start()) {
            for (int round = 1; round <= rounds; round++) {
                for (String mode : modes) {
                    run(mode, round, mode.equals("local") ? Optional.empty() : Optional.of(redis.url()), redis);
                }
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
            boolean oneJob = mode.equals("job");
            for (int w = 0; w < WORKERS; w++) {
                List<String> role = oneJob
                        ? List.of("job-worker", fake.baseUrl(), redisUrl.orElseThrow(), w == 0 ? "start" : "join")
                        : List.of(
                                "worker",
                                fake.baseUrl(),
                                Integer.toString(w * third + 1),
                                Integer.toString((w + 1) * third),
                                redisUrl.orElse("-"));
                Process p = startWorker(SharedBudgetRun.class, role);
                workers.add(p);
                outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
            }
            if (oneJob) {
                for (BufferedReader out : outputs) {
                    expect(out, "ready");
                }
            }
            String job = "";
            for (BufferedReader out : oneJob ? outputs.subList(0, 1) : outputs) {
                job = expect(out, "planned").replaceAll("^planned \\d+ job ", "");
            }
            // Every worker has listed its plan: what follows is the deletions alone, each worker's listing (one page in
            // nineteen more while others delete) kept out of it. Let every bucket, the fake's included, refill.
            Thread.sleep(2_000);
            int listed = fake.journal().count(Journal.query());
            Path monitored = Files.createTempFile("shared-budget-monitor", ".txt");
            Process monitor = redis.monitor(monitored); // both counts start at the go signal
            markMonitored(redis, monitored);
            long started = System.nanoTime();
            for (Process p : workers) {
                PrintWriter in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
                in.println(oneJob ? "go " + job : "go");
            }
            int deleted = 0;
            for (BufferedReader out : outputs) {
                int counted = Integer.parseInt(expect(out, "deleted ").substring("deleted ".length()));
                // One job: each worker prints the job's count, every process's deletions; separate jobs: its own.
                deleted = oneJob ? Math.max(deleted, counted) : deleted + counted;
            }
            double wall = (System.nanoTime() - started) / 1e9;
            for (Process p : workers) {
                p.waitFor();
            }
            int requests = fake.journal().count(Journal.query()) - listed;
            int limited = fake.journal().count(Journal.query().status(429));
            double floor = DeletionJobRun.floorSeconds(requests - limited);
            markMonitored(redis, monitored); // everything the workers sent is in the file
            monitor.destroy();
            long redisCommands = redisUrl.isPresent() ? roundTrips(monitored, mode + " round " + round) : 0;
            Files.delete(monitored);
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
     * Starts {@code main} with {@code args} in a JVM of its own on this one's class path, its standard error discarded:
     * a worker of a benchmark of several processes.
     */
    static Process startWorker(Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * The round trips clients made, counted from {@code MONITOR}'s lines: every command but those a script ran (shown
     * as {@code [0 lua]}) and the benchmark's own {@code INFO} and {@code CONFIG}. Prints the count per command on
     * standard error, for whoever asks where they went.
     */
    static long roundTrips(Path monitored, String what) throws IOException {
        Map<String, Long> byCommand = new TreeMap<>();
        try (var lines = Files.lines(monitored, StandardCharsets.UTF_8)) {
            lines.map(CLIENT_COMMAND::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1).toLowerCase(Locale.ROOT))
                    .filter(name -> !name.equals("info") && !name.equals("config"))
                    .forEach(name -> byCommand.merge(name, 1L, Long::sum));
        }
        System.err.println(what + ": client round trips by command " + byCommand);
        return byCommand.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Sends {@code INFO server} until MONITOR has written it to {@code monitored}: once it has, MONITOR is attached and
     * every command Redis ran before it is in the file.
     */
    static void markMonitored(RedisServer redis, Path monitored) throws Exception {
        long marks = 0;
        for (int tries = 0; tries < 500; tries++) {
            redis.cli("INFO", "server");
            marks++;
            for (int look = 0; look < 20; look++) {
                try (var lines = Files.lines(monitored, StandardCharsets.UTF_8)) {
                    if (lines.filter(l -> l.toLowerCase(Locale.ROOT).contains("\"info\" \"server\""))
                                    .count()
                            >= marks) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("MONITOR never showed the benchmark's INFO");
    }

    /** A MONITOR line of a client's command: {@code 1733.1 [0 127.0.0.1:5555] "evalsha" ...}; a script's is {@code [0 lua]}. */
    static final Pattern CLIENT_COMMAND = Pattern.compile("^\\S+ \\[\\d+ (?!lua\\])[^\\]]+\\] \"([A-Za-z|]+)\"");

    static String expect(BufferedReader out, String prefix) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalStateException("a worker ended without printing " + prefix.strip());
    }

    /**
     * One worker of a single job kept on Redis: the starter plans all the messages and holds the job until go; the
     * others join it on go. Each prints {@code deleted N}, the job's count, when the job ends.
     */
    static void jobWorker(String baseUrl, String redisUrl, boolean starts) throws Exception {
        RedisUrl redis = RedisUrl.parse(redisUrl);
        OfAuthClientOptions options = OfAuthClientOptions.builder(new ApiKey(Recordings.KEY))
                .baseUrl(baseUrl)
                .rateLimit(DeletionJobRun.CLIENT_LIMIT)
                .deadline(Duration.ofMinutes(5))
                .rateBudget(RedisRateBudget.factory(redis))
                .build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (RedisDeletionJobStore store = RedisDeletionJobStore.open(redis, new ApiKey(Recordings.KEY));
                OfAuthQueue ofauth =
                        OfAuthQueue.builder(options).jobStore(store).build()) {
            System.out.println("ready");
            DeletionJobId id;
            if (starts) {
                id = ofauth.jobUseCases()
                        .startDeletionJob(StartDeletionJobCommand.of(List.of(CONNECTION), Selection.all())
                                .withListener(new DeletionJobListener() {
                                    @Override
                                    public void onJobStored(DeletionJobId job, int items) {
                                        System.out.println("planned " + items + " job " + job);
                                        awaitGo(in);
                                    }

                                    @Override
                                    public void onItem(DeletionJobEvent event) {}
                                }))
                        .toCompletableFuture()
                        .join();
            } else {
                id = DeletionJobId.parse(awaitGo(in));
                ofauth.jobUseCases()
                        .resumeDeletionJob(id, new DeletionJobListener() {
                            @Override
                            public void onItem(DeletionJobEvent event) {}
                        })
                        .toCompletableFuture()
                        .join();
            }
            printDeleted(ofauth, id);
        }
        System.exit(0);
    }

    /** Reads the coordinator's {@code go} or {@code go JOB}; returns the job's id, empty after a plain go. */
    static String awaitGo(BufferedReader in) {
        try {
            String go = in.readLine();
            if (go == null || !(go.equals("go") || go.startsWith("go "))) {
                throw new IllegalStateException("expected go, read " + go);
            }
            return go.substring(2).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the job to end and prints {@code deleted N}, the job's count of deleted items. */
    static void printDeleted(OfAuthQueue ofauth, DeletionJobId id) {
        DeletionJobStatus done =
                ofauth.jobUseCases().awaitDeletionJob(id).toCompletableFuture().join();
        System.out.println("deleted " + done.count(JobItemState.DELETED));
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
            DeletionJobId id = ofauth.jobUseCases()
                    .startDeletionJob(StartDeletionJobCommand.of(List.of(CONNECTION), mine)
                            .withListener(new DeletionJobListener() {
                                /** Holds the job, planned and stored, until the coordinator says go. */
                                @Override
                                public void onJobStored(DeletionJobId job, int items) {
                                    System.out.println("planned " + items + " job " + job);
                                    awaitGo(new BufferedReader(
                                            new InputStreamReader(System.in, StandardCharsets.UTF_8)));
                                }

                                @Override
                                public void onItem(DeletionJobEvent event) {}
                            }))
                    .toCompletableFuture()
                    .join();
            printDeleted(ofauth, id);
        }
        System.exit(0);
    }
}
