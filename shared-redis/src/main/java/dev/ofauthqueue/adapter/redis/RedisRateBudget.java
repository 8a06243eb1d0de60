package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.adapter.vertx.RateBudgetFactory;
import dev.ofauthqueue.adapter.vertx.Timers;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.RateBudget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OFAuth's per-connection budget shared by every process of one API key, on Redis 7.
 *
 * <pre>{@code
 * OfAuthClientOptions options = OfAuthClientOptions.builder(apiKey)
 *         .rateBudget(RedisRateBudget.factory(RedisUrl.parse("redis://127.0.0.1:6379")))
 *         .build();
 * }</pre>
 *
 * <p><b>How.</b> Each request reserves the next slot of its connection in one Lua script over one key (GCRA, as
 * redis-cell does), run by {@code EVALSHA} and timed by Redis's {@code TIME} in microseconds, never by the callers'
 * clocks; the caller then waits until its slot. One round trip per request. A 429 with {@code Retry-After} seen by any
 * process holds that connection's budget for all of them, which refills meanwhile one slot short ({@link #backOff}). Keys are HMAC-SHA256s of the
 * connection id keyed from the API key (see {@code RedisKeys}): a connection id never reaches Redis, and every process
 * of one API key derives the same key. A key expires when its budget has been idle a minute.
 *
 * <p><b>Fairness.</b> Slots are handed out in the order the reservations reach Redis, whichever process sends them:
 * fair per request, not per process. A process with more requests waiting gets more of the budget, and none can
 * starve another, because every reservation is a place in one line.
 *
 * <p><b>When Redis is away</b> (refused, timed out after {@link Settings#callTimeout()}, or answering an error other
 * than {@code NOSCRIPT}) nothing hangs and nothing is retried blindly: a reservation whose answer never came may have
 * been made, so the request takes a token from a local share of the limit instead, {@code 1/n} of it, {@code n} being
 * the processes of this API key seen in the last minute (never fewer than one), and a warning is logged once. Redis is
 * tried again in the background every {@link Settings#retryRedisEvery()} (no request waits for it); when it answers,
 * the connections spent locally go on at the pace in the shared budget, without a burst, then the shared budget
 * resumes, and that is logged too. The Redis URL's password never appears in a log line or an error.
 */
public final class RedisRateBudget implements RateBudget, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateBudget.class);
    private static final RedisScript GCRA = RedisScript.fromResource("gcra");
    private static final RedisScript WORKERS = RedisScript.fromResource("workers");
    private static final long WORKER_WINDOW_SECONDS = 60;
    /** No reservation is made further ahead than this, whatever the caller would wait. */
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    /**
     * How the budget talks to Redis.
     *
     * @param callTimeout     how long one round trip may take before Redis counts as away
     * @param heartbeat       how often this process says it is alive, so that others know how many share the limit
     * @param idleExpiry      how long a connection's key outlives its last use
     * @param retryRedisEvery while Redis is away, how often it is tried again
     */
    public record Settings(Duration callTimeout, Duration heartbeat, Duration idleExpiry, Duration retryRedisEvery) {

        /**
         * A second per round trip (a cold JVM's first connection, script load included, can take half of it), a
         * heartbeat every 10 s, keys idle for a minute expire, Redis retried every second.
         */
        public static final Settings DEFAULT = new Settings(
                Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofSeconds(1));

        /**
         * Checks that every duration is at least a millisecond.
         *
         * @param callTimeout     how long one round trip may take before Redis counts as away
         * @param heartbeat       how often this process says it is alive
         * @param idleExpiry      how long a connection's key outlives its last use
         * @param retryRedisEvery while Redis is away, how often it is tried again
         * @throws IllegalArgumentException when one is shorter
         */
        public Settings {
            for (Duration d : List.of(callTimeout, heartbeat, idleExpiry, retryRedisEvery)) {
                if (d.toMillis() < 1) {
                    throw new IllegalArgumentException("Redis budget durations must be at least 1 ms, was " + d);
                }
            }
        }
    }

    private final Redis redis;
    private final RedisUrl url;
    private final Settings settings;
    private final ClientRateLimit limit;
    private final ApiKey apiKey;
    private final Vertx vertx;
    private final Timers delays;
    private final RedisKeys keys;
    private final String workerId = UUID.randomUUID().toString();
    private final long intervalMicros;
    private final long heartbeatTimer;
    private final ConcurrentMap<Integer, RateBudget> localShares = new ConcurrentHashMap<>();
    /** Connections whose local share was started empty, per share size; guarded by {@code this}. */
    private final Set<String> primed = new HashSet<>();
    /** Connections that took from a local share during the current outage; guarded by {@code this}. */
    private final Set<ConnectionId> usedWhileAway = new HashSet<>();

    private volatile int workersSeen = 1;
    private boolean away;
    /** A probe of an absent Redis is under way; guarded by {@code this}. */
    private boolean probing;

    private long retryAtNanos;

    private RedisRateBudget(
            Vertx vertx, RedisUrl url, Settings settings, ClientRateLimit limit, ApiKey apiKey, Timers delays) {
        this.vertx = vertx;
        this.url = url;
        this.settings = settings;
        this.limit = limit;
        this.apiKey = apiKey;
        this.delays = delays;
        this.keys = new RedisKeys(apiKey);
        this.intervalMicros = intervalMicros(limit);
        this.redis = Redis.createClient(
                vertx,
                url.clientOptions(settings.callTimeout()).setMaxPoolSize(4).setMaxPoolWaiting(4096));
        heartbeat();
        this.heartbeatTimer = vertx.setPeriodic(settings.heartbeat().toMillis(), id -> heartbeat());
    }

    /**
     * Budgets on the Redis at {@code url}, with {@link Settings#DEFAULT}.
     *
     * @param url where Redis is
     * @return the factory to give {@code OfAuthClientOptions.Builder.rateBudget}
     */
    public static RateBudgetFactory factory(RedisUrl url) {
        return factory(url, Settings.DEFAULT);
    }

    /**
     * Budgets on the Redis at {@code url}.
     *
     * @param url      where Redis is
     * @param settings timeouts and periods
     * @return the factory to give {@code OfAuthClientOptions.Builder.rateBudget}
     */
    public static RateBudgetFactory factory(RedisUrl url, Settings settings) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(settings, "settings");
        return new RateBudgetFactory() {
            @Override
            public RateBudget open(Vertx vertx, ClientRateLimit limit, ApiKey apiKey, Timers delays) {
                return new RedisRateBudget(vertx, url, settings, limit, apiKey, delays);
            }

            @Override
            public String toString() {
                return "redis " + url;
            }
        };
    }

    @Override
    public CompletionStage<Void> take(ConnectionId connection, Duration maxWait) {
        if (!tryRedis()) {
            return localShare(connection).take(connection, maxWait);
        }
        long maxWaitMicros = micros(maxWait);
        CompletableFuture<Void> turn = new CompletableFuture<>();
        GCRA.run(
                        redis,
                        settings.callTimeout(),
                        List.of(keys.budget(connection)),
                        List.of(
                                "take",
                                intervalMicros,
                                limit.burst(),
                                maxWaitMicros,
                                settings.idleExpiry().toMillis()))
                .onComplete(
                        reply -> {
                            long granted;
                            Duration wait;
                            try {
                                granted = reply.get(0).toLong();
                                wait = Duration.ofNanos(reply.get(1).toLong() * 1000);
                            } catch (RuntimeException unreadable) {
                                fallBack(connection, maxWait, turn, unreadable);
                                return;
                            }
                            answered();
                            if (granted != 1) {
                                turn.completeExceptionally(new OfAuthException.RateLimited(
                                        "the shared rate budget had no slot for this connection within the wait allowed",
                                        0,
                                        "CLIENT_RATE_LIMIT",
                                        null,
                                        wait));
                            } else if (wait.isZero()) {
                                turn.complete(null);
                            } else {
                                delays.after(wait).thenRun(() -> turn.complete(null));
                            }
                        },
                        failure -> fallBack(connection, maxWait, turn, failure));
        return turn;
    }

    /** Redis did not answer as it should: the outcome is unknown, so this request takes from the local share. */
    private void fallBack(ConnectionId connection, Duration maxWait, CompletableFuture<Void> turn, Throwable failure) {
        away(failure);
        localShare(connection).take(connection, maxWait).whenComplete((ok, limited) -> {
            if (limited != null) {
                turn.completeExceptionally(limited);
            } else {
                turn.complete(null);
            }
        });
    }

    /** The shared budget's pace: {@code requests} slots of the connection, ignoring a burst that may be left. */
    @Override
    public Duration timeFor(ConnectionId connection, int requests) {
        return Duration.ofNanos(Math.max(0, requests) * intervalMicros * 1000);
    }

    @Override
    public void backOff(ConnectionId connection, Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        localShares.values().forEach(share -> share.backOff(connection, wait));
        push(connection, micros(wait)).onComplete(reply -> answered(), this::away);
    }

    /**
     * How many processes of this API key were seen in the last minute, this one included, as last read.
     *
     * @return one or more
     */
    int workersSeen() {
        return workersSeen;
    }

    /** Leaves the processes seen (so that the others' local share grows at once) and closes the Redis client. */
    @Override
    public void close() {
        vertx.cancelTimer(heartbeatTimer);
        redis.send(Request.cmd(Command.ZREM).arg(keys.workers()).arg(workerId))
                .timeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .onComplete(done -> redis.close());
    }

    /** The limit it enforces, written as the local budget writes it: where a budget is kept is no part of a job. */
    @Override
    public String toString() {
        return limit.perMinute() + "/min burst " + limit.burst();
    }

    private void heartbeat() {
        beat().onComplete(reply -> answered(), this::away);
    }

    /** Counts this process in and reads how many processes of the API key were seen in the last minute. */
    private Future<Response> beat() {
        return WORKERS.run(
                        redis,
                        settings.callTimeout(),
                        List.of(keys.workers()),
                        List.of(workerId, WORKER_WINDOW_SECONDS))
                .map(reply -> {
                    workersSeen = Math.max(1, reply.toInteger());
                    return reply;
                });
    }

    /**
     * Puts a connection's shared budget at its pace, without a burst: what it spent elsewhere is unknown to Redis.
     */
    private Future<Response> atPace(ConnectionId connection) {
        return push(connection, 0);
    }

    /** Holds a connection's shared budget for {@code waitMicros}, then lets it go on one slot short (gcra.lua). */
    private Future<Response> push(ConnectionId connection, long waitMicros) {
        return GCRA.run(
                redis,
                settings.callTimeout(),
                List.of(keys.budget(connection)),
                List.of(
                        "push",
                        intervalMicros,
                        limit.burst(),
                        waitMicros,
                        settings.idleExpiry().toMillis()));
    }

    /**
     * Whether this call goes to Redis: while Redis answers. While it is away the call takes from the local share, and
     * once per retry period a probe tries Redis in the background: no caller waits for a probe.
     */
    private boolean tryRedis() {
        synchronized (this) {
            if (!away) {
                return true;
            }
            long now = delays.nanoTime();
            if (probing || now - retryAtNanos < 0) {
                return false;
            }
            retryAtNanos = now + settings.retryRedisEvery().toNanos();
            probing = true;
        }
        probe();
        return false;
    }

    /** Redis answered a call: while it counts as away, that starts a probe; the shared budget resumes after it. */
    private void answered() {
        synchronized (this) {
            if (!away || probing) {
                return;
            }
            probing = true;
        }
        probe();
    }

    /**
     * Tries Redis while it counts as away. Redis cannot know what this process spent meanwhile, so the probe puts every
     * connection spent locally at its pace in the shared budget (or, when none was, counts this process in); only when
     * that succeeded does the shared budget resume, so it never resumes with a burst on top of the local share's.
     */
    private void probe() {
        List<ConnectionId> spent;
        synchronized (this) {
            spent = List.copyOf(usedWhileAway);
        }
        List<Future<Response>> calls = spent.isEmpty()
                ? List.of(beat())
                : spent.stream().map(this::atPace).toList();
        Future.all(calls)
                .onComplete(
                        done -> {
                            List<ConnectionId> since;
                            synchronized (this) {
                                probing = false;
                                away = false;
                                spent.forEach(usedWhileAway::remove);
                                since = List.copyOf(usedWhileAway);
                                usedWhileAway.clear();
                            }
                            LOG.info("Redis at {} answers again; the shared rate budget resumes", url);
                            since.forEach(c -> atPace(c).onFailure(this::away));
                        },
                        failure -> {
                            synchronized (this) {
                                probing = false;
                            }
                            away(failure);
                        });
    }

    private void away(Throwable failure) {
        int n = Math.max(1, workersSeen);
        synchronized (this) {
            retryAtNanos = delays.nanoTime() + settings.retryRedisEvery().toNanos();
            if (away) {
                return;
            }
            away = true;
        }
        ClientRateLimit share = share(n);
        LOG.warn(
                "Redis at {} is away ({}); each connection's budget falls back to this process's share, 1/{} of the"
                        + " limit ({}/min burst {}), until Redis answers again",
                url,
                url.describe(failure),
                n,
                share.perMinute(),
                share.burst());
    }

    /**
     * This process's share of the limit for {@code connection}. A share starts empty for each connection, not with a
     * burst: what the shared budget had just handed out is unknown here.
     */
    private RateBudget localShare(ConnectionId connection) {
        int n = Math.max(1, workersSeen);
        ClientRateLimit share = share(n);
        RateBudget budget =
                localShares.computeIfAbsent(n, k -> RateBudgetFactory.local().open(vertx, share, apiKey, delays));
        boolean first;
        synchronized (this) {
            usedWhileAway.add(connection);
            first = primed.add(n + ":" + connection.value());
        }
        if (first) {
            budget.backOff(connection, Duration.ofNanos(intervalMicros(share) * 1000));
        }
        return budget;
    }

    private ClientRateLimit share(int n) {
        return new ClientRateLimit(Math.max(1, limit.perMinute() / n), Math.max(1, limit.burst() / n));
    }

    /** Microseconds between two requests at {@code limit}'s pace, rounded up. */
    private static long intervalMicros(ClientRateLimit limit) {
        return (60_000_000L + limit.perMinute() - 1) / limit.perMinute();
    }

    /** A wait in microseconds: zero for a negative one, {@link #LONGEST_WAIT} at most, never an overflow. */
    private static long micros(Duration wait) {
        Duration bounded = wait.isNegative() ? Duration.ZERO : wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        return TimeUnit.NANOSECONDS.toMicros(bounded.toNanos());
    }
}
