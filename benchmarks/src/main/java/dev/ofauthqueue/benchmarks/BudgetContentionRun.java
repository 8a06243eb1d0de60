package dev.ofauthqueue.benchmarks;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.adapter.redis.RedisRateBudget;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.adapter.vertx.RateBudgetFactory;
import dev.ofauthqueue.adapter.vertx.Timers;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.testkit.RedisServer;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared budget under contention (issue 25): three worker JVMs, each with {@value #TAKERS} concurrent takers on
 * one connection's budget, take {@value #GRANTS} tokens per process after one go signal, with the budget on Redis
 * ({@code redis}) and with each process's own local bucket ({@code local}). The limit is set high (a million a
 * minute, burst {@value #BURST}) so that what is measured is the cost of a grant, not the pacing OFAuth's 60 a minute
 * would impose. Per mode and round it prints
 * {@code contention,MODE,ROUND,GRANTS,SECONDS,P50_US,P99_US,ROUND_TRIPS,ROUND_TRIPS_PER_GRANT}: the take latency from
 * the call to the grant (the median of the processes' medians, the highest of their p99s), and the client round trips
 * Redis saw ({@code MONITOR}, a script's own commands not counted, as {@link SharedBudgetRun} counts them).
 * {@code java -cp benchmarks.jar dev.ofauthqueue.benchmarks.BudgetContentionRun [ROUNDS]}
 */
public final class BudgetContentionRun {

    static final int WORKERS = 3;
    static final int TAKERS = 32;
    static final int GRANTS = 3_000;
    static final int BURST = 1_000;
    static final ClientRateLimit LIMIT = new ClientRateLimit(1_000_000, BURST);
    static final ConnectionId CONNECTION = ConnectionId.of("conn_contention");
    /** A worker's last line: {@code took P50_US P99_US}. */
    static final Pattern TOOK = Pattern.compile("took (\\d+) (\\d+)");

    private BudgetContentionRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(args[1]);
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (RedisServer redis = RedisServer.start()) {
            for (int round = 1; round <= rounds; round++) {
                for (String mode : List.of("local", "redis")) {
                    run(mode, round, redis);
                }
            }
        }
        System.exit(0);
    }

    static void run(String mode, int round, RedisServer redis) throws Exception {
        redis.cli("FLUSHALL");
        List<Process> workers = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Process p = SharedBudgetRun.startWorker(
                    BudgetContentionRun.class, List.of("worker", mode.equals("redis") ? redis.url() : "-"));
            workers.add(p);
            outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }
        for (BufferedReader out : outputs) {
            SharedBudgetRun.expect(out, "ready");
        }
        Path monitored = Files.createTempFile("contention-monitor", ".txt");
        Process monitor = redis.monitor(monitored);
        SharedBudgetRun.markMonitored(redis, monitored);
        long started = System.nanoTime();
        for (Process p : workers) {
            new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8).println("go");
        }
        double[] p50 = new double[WORKERS];
        double[] p99 = new double[WORKERS];
        for (int w = 0; w < WORKERS; w++) {
            Matcher figures = TOOK.matcher(SharedBudgetRun.expect(outputs.get(w), "took "));
            if (!figures.matches()) {
                throw new IllegalStateException("a worker printed " + figures);
            }
            p50[w] = Double.parseDouble(figures.group(1));
            p99[w] = Double.parseDouble(figures.group(2));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        for (Process p : workers) {
            p.waitFor();
        }
        SharedBudgetRun.markMonitored(redis, monitored);
        monitor.destroy();
        long roundTrips = mode.equals("redis") ? SharedBudgetRun.roundTrips(monitored, mode + " round " + round) : 0;
        Files.delete(monitored);
        Arrays.sort(p50);
        int grants = WORKERS * GRANTS;
        System.out.printf(
                Locale.ROOT,
                "contention,%s,%d,%d,%.2f,%.0f,%.0f,%d,%.3f%n",
                mode,
                round,
                grants,
                seconds,
                p50[WORKERS / 2],
                Arrays.stream(p99).max().orElse(0),
                roundTrips,
                roundTrips / (double) grants);
    }

    /** One process: {@value #TAKERS} takers take {@value #GRANTS} tokens in all, after go; prints the latencies. */
    static void worker(String redisUrl) throws Exception {
        Vertx vertx = Vertx.vertx();
        Timers timers = Timers.of(
                delay -> {
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    vertx.setTimer(Math.max(1, delay.toMillis()), id -> done.complete(null));
                    return done;
                },
                System::nanoTime);
        RateBudgetFactory factory =
                redisUrl.equals("-") ? RateBudgetFactory.local() : RedisRateBudget.factory(RedisUrl.parse(redisUrl));
        RateBudget budget = factory.open(vertx, LIMIT, new ApiKey(Recordings.KEY), timers);
        // One grant before the signal: the script is loaded and the connection open, as in a process already at work.
        budget.take(CONNECTION, Duration.ofSeconds(10)).toCompletableFuture().get();
        System.out.println("ready");
        SharedBudgetRun.awaitGo(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        long[] latencies = new long[GRANTS];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(TAKERS);
        for (int t = 0; t < TAKERS; t++) {
            takeNext(budget, next, latencies, done);
        }
        done.await();
        Arrays.sort(latencies);
        System.out.printf(
                Locale.ROOT,
                "took %.0f %.0f%n",
                latencies[GRANTS / 2] / 1e3,
                latencies[(int) Math.ceil(0.99 * GRANTS) - 1] / 1e3);
        System.exit(0);
    }

    /** One taker: takes the next of the process's grants, records how long it took, and goes on until none is left. */
    private static void takeNext(RateBudget budget, AtomicInteger next, long[] latencies, CountDownLatch done) {
        int mine = next.getAndIncrement();
        if (mine >= GRANTS) {
            done.countDown();
            return;
        }
        long asked = System.nanoTime();
        budget.take(CONNECTION, Duration.ofSeconds(10)).whenComplete((ok, failed) -> {
            latencies[mine] = System.nanoTime() - asked;
            // The next take on another thread: a grant given at once would otherwise recurse a whole burst deep.
            ForkJoinPool.commonPool().execute(() -> takeNext(budget, next, latencies, done));
        });
    }
}
