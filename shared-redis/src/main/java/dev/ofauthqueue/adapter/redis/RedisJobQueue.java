package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The items of one deletion job in line for the processes that drain it together, on Redis Streams rather than a
 * claim protocol of our own: one stream per connection of the job, one consumer group ({@value #GROUP}), each process
 * one consumer.
 *
 * <ul>
 *   <li><b>Taking.</b> {@link #take} hands this consumer an item another consumer held past the {@linkplain
 *       Settings#lease() lease} first ({@code XAUTOCLAIM}: that consumer stopped, so the item may have been sent and is
 *       settled by reading, as resuming does), then a new one ({@code XREADGROUP}). An item whose outcome is final
 *       already leaves the line instead. Each item comes with its claim's fence: its delivery count, which a later
 *       claim by anyone raises.
 *   <li><b>Taking again.</b> Each take carries a receipt under which Redis keeps, for a lease, what it handed out.
 *       When a take goes unanswered (its reply lost to a timeout or a broken connection, though the script may have
 *       run), the next take of that connection asks under the same receipt and is handed the same item while this
 *       consumer still holds it; without that, the item would wait a whole lease for another consumer.
 *   <li><b>Fencing.</b> {@link #intent} records the intent to send only while this consumer holds the item under the
 *       fence it claimed it with, and the job is running; {@link #withdraw}, {@link #release} and the outcome script
 *       check the same.
 *   <li><b>Holding.</b> The job engine renews what it holds ({@link #renew}, an {@code XCLAIM} of its own entries that
 *       adds no delivery) on its own schedule, so only a consumer that stopped (died, froze, lost Redis) loses them.
 *   <li><b>Dead letters.</b> An item delivered more than {@linkplain Settings#maxDeliveries() the allowed times}
 *       (each consumer that took it stopped) goes to the job's dead-letter stream and is acknowledged, not handed out
 *       again. Nothing trims or deletes an entry.
 * </ul>
 *
 * <p>The consumer has its own connection (not the pool's): when it breaks, the next call reconnects, waiting longer
 * after each failed attempt (from {@link Settings#firstReconnect()} up to {@link Settings#longestReconnect()}, measured
 * on the injected monotonic clock); meanwhile calls fail at once with {@link DeletionJobStoreException.Kind#UNAVAILABLE},
 * naming Redis by its URL without a password. RESP2 is pinned (stream replies are read as RESP2 arrays). A Redis whose
 * {@code maxmemory-policy} is not {@code noeviction} is refused when the queue opens: an evicted stream would lose a
 * job's items.
 */
final class RedisJobQueue implements AutoCloseable {

    /** The consumer group of every job's streams. */
    static final String GROUP = "workers";

    private static final Logger LOG = LoggerFactory.getLogger(RedisJobQueue.class);
    private static final RedisScript ENQUEUE = RedisScript.fromResource("job-enqueue");
    private static final RedisScript TAKE = RedisScript.fromResource("job-take");
    private static final RedisScript RENEW = RedisScript.fromResource("job-renew");
    private static final RedisScript INTENT = RedisScript.fromResource("job-intent");
    private static final RedisScript WITHDRAW = RedisScript.fromResource("job-withdraw");
    private static final RedisScript RELEASE = RedisScript.fromResource("job-release");
    private static final int ENQUEUE_BATCH = 500;

    /**
     * How the queue uses Redis.
     *
     * @param callTimeout      how long one round trip may take
     * @param lease            how long an item may be held without renewal before another consumer takes it over;
     *     longer than the worst time a live consumer can go without renewing (a garbage collection, a frozen host)
     * @param maxDeliveries    how many times an item may be handed out before it goes to the dead-letter stream
     * @param firstReconnect   the wait after the first failed attempt to reconnect
     * @param longestReconnect the longest wait between attempts
     */
    record Settings(
            Duration callTimeout,
            Duration lease,
            int maxDeliveries,
            Duration firstReconnect,
            Duration longestReconnect) {

        /** A second per round trip, a lease of a minute, five deliveries, reconnecting from 100 ms up to 10 s apart. */
        static final Settings DEFAULT = new Settings(
                Duration.ofSeconds(1), Duration.ofMinutes(1), 5, Duration.ofMillis(100), Duration.ofSeconds(10));

        Settings {
            for (Duration d : List.of(callTimeout, lease, firstReconnect, longestReconnect)) {
                if (d.toMillis() < 1) {
                    throw new IllegalArgumentException("job queue durations must be at least 1 ms, was " + d);
                }
            }
            if (lease.toMillis() < 3) {
                throw new IllegalArgumentException("the lease must be at least 3 ms, was " + lease);
            }
            if (maxDeliveries < 1) {
                throw new IllegalArgumentException("maxDeliveries must be 1 or more, was " + maxDeliveries);
            }
            if (longestReconnect.compareTo(firstReconnect) < 0) {
                throw new IllegalArgumentException("longestReconnect must not be shorter than firstReconnect");
            }
        }
    }

    /**
     * An item handed to this consumer.
     *
     * @param connection whose item
     * @param entry      its stream entry
     * @param position   its place in the job
     * @param deliveries how many times it was handed out, this time included
     * @param reclaimed  whether another consumer held it before (it may have been sent: settle it by reading)
     */
    record Taken(ConnectionId connection, String entry, int position, long deliveries, boolean reclaimed) {}

    /** What {@link #take} found. */
    sealed interface Next {}

    /**
     * An item to work on.
     *
     * @param taken   the item
     * @param planned its entry in the job's plan, as stored (JSON), read by the same script; absent if the plan has
     *     no such position
     */
    record Item(Taken taken, Optional<String> planned) implements Next {}

    /**
     * An item delivered too often, moved to the dead-letter stream and acknowledged instead of handed out.
     *
     * @param connection whose item
     * @param position   its place in the job
     * @param deliveries how many times it had been handed out
     */
    record DeadLettered(ConnectionId connection, int position, long deliveries) implements Next {}

    /**
     * Nothing to take now.
     *
     * @param held    how many of the connection's items consumers hold (handed out, not acknowledged); zero when the
     *     connection's line is drained
     * @param retryIn when the first of them could be taken over, if its holder stops renewing it
     */
    record Nothing(long held, Duration retryIn) implements Next {}

    private final RedisUrl url;
    private final Settings settings;
    private final RedisKeys keys;
    private final DeletionJobId job;
    private final String consumer;
    private final Redis client;
    private final LongSupplier nanoTime;

    /**
     * Receipts of takes that went unanswered, by connection, oldest first: the next take of the connection asks under
     * the oldest again. Guarded by {@code this}.
     */
    private final Map<ConnectionId, Deque<String>> unanswered = new HashMap<>();

    /** Guarded by {@code this}. */
    private @Nullable RedisConnection connection;

    private @Nullable Future<RedisConnection> connecting;
    private Duration backoff;
    private long reconnectAtNanos;
    private String lastFailure = "not connected yet";
    private boolean closed;

    private RedisJobQueue(
            Vertx vertx,
            RedisUrl url,
            Settings settings,
            ApiKey apiKey,
            DeletionJobId job,
            String consumer,
            LongSupplier nanoTime) {
        this.url = url;
        this.settings = settings;
        this.keys = new RedisKeys(apiKey);
        this.job = job;
        this.consumer = consumer;
        this.nanoTime = nanoTime;
        this.backoff = settings.firstReconnect();
        this.reconnectAtNanos = nanoTime.getAsLong();
        this.client = Redis.createClient(vertx, url.clientOptions(settings.callTimeout()));
    }

    /**
     * Opens the line of {@code job}'s items for a new consumer of this process, after checking that Redis keeps what
     * it is given ({@code maxmemory-policy noeviction}).
     *
     * @return the open queue; fails with {@link DeletionJobStoreException.Kind#MISCONFIGURED} for an evicting Redis,
     *     {@link DeletionJobStoreException.Kind#UNAVAILABLE} when Redis does not answer
     */
    static Future<RedisJobQueue> open(Vertx vertx, RedisUrl url, ApiKey apiKey, DeletionJobId job, Settings settings) {
        return open(vertx, url, apiKey, job, settings, System::nanoTime);
    }

    /**
     * Opens the line as {@link #open(Vertx, RedisUrl, ApiKey, DeletionJobId, Settings)} does, measuring its waits
     * between reconnections on {@code nanoTime}.
     */
    static Future<RedisJobQueue> open(
            Vertx vertx, RedisUrl url, ApiKey apiKey, DeletionJobId job, Settings settings, LongSupplier nanoTime) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(settings, "settings");
        RedisJobQueue queue = new RedisJobQueue(
                vertx,
                url,
                settings,
                apiKey,
                job,
                "consumer-" + UUID.randomUUID().toString(),
                Objects.requireNonNull(nanoTime, "nanoTime"));
        return requireNoEviction(queue.send(Request.cmd(Command.INFO).arg("memory")), url)
                .map(ok -> queue)
                .onFailure(failure -> queue.close());
    }

    /**
     * Fails unless the {@code INFO memory} reply says Redis keeps what it is given ({@code noeviction}).
     *
     * @return a failure of kind {@link DeletionJobStoreException.Kind#MISCONFIGURED} naming the setting
     */
    static Future<Void> requireNoEviction(Future<Response> info, RedisUrl url) {
        return info.compose(reply -> {
            String policy = field(reply.toString(), "maxmemory_policy");
            if (!"noeviction".equals(policy)) {
                return Future.failedFuture(new DeletionJobStoreException(
                        DeletionJobStoreException.Kind.MISCONFIGURED,
                        "Redis at " + url + " has maxmemory-policy " + policy
                                + "; deletion jobs need noeviction (an evicted key would lose a job's items):"
                                + " set maxmemory-policy noeviction in its configuration",
                        null));
            }
            return Future.succeededFuture();
        });
    }

    /** This consumer's name in the job's consumer group. */
    String consumer() {
        return consumer;
    }

    /**
     * Puts items of {@code connection} in line, creating the connection's stream and group when missing.
     *
     * @param positions the items' places in the job
     * @return how many entries the connection's stream holds
     */
    Future<Long> enqueue(ConnectionId connection, List<Integer> positions) {
        String stream = keys.jobItems(job, connection);
        Future<Long> done = script(ENQUEUE, List.of(stream), List.of(GROUP)).map(Response::toLong);
        for (int from = 0; from < positions.size(); from += ENQUEUE_BATCH) {
            List<Object> args = new ArrayList<>();
            args.add(GROUP);
            args.addAll(positions.subList(from, Math.min(positions.size(), from + ENQUEUE_BATCH)));
            done = done.compose(n -> script(ENQUEUE, List.of(stream), args).map(Response::toLong));
        }
        return done;
    }

    /**
     * Takes the next item of {@code connection} for this consumer: a dead consumer's held item first, then a new one.
     * Call it only while holding a rate budget token for the connection.
     *
     * @return what was found
     */
    Future<Next> take(ConnectionId connection) {
        String stream = keys.jobItems(job, connection);
        String receipt;
        synchronized (this) {
            Deque<String> pending = unanswered.get(connection);
            String again = pending == null ? null : pending.poll();
            receipt = again != null ? again : UUID.randomUUID().toString();
        }
        return script(
                        TAKE,
                        List.of(
                                stream,
                                keys.jobDeadLetters(job),
                                keys.jobOutcomes(job),
                                keys.jobPlan(job),
                                keys.jobTakeReceipt(job, receipt)),
                        List.of(GROUP, consumer, settings.lease().toMillis(), settings.maxDeliveries()))
                .onFailure(failure -> {
                    if (failure instanceof DeletionJobStoreException e
                            && e.kind() == DeletionJobStoreException.Kind.UNAVAILABLE) {
                        synchronized (this) {
                            unanswered
                                    .computeIfAbsent(connection, c -> new ArrayDeque<>())
                                    .add(receipt);
                        }
                    }
                })
                .map(reply -> {
                    String kind = reply.get(0).toString();
                    if (kind.equals("none")) {
                        return new Nothing(
                                reply.get(1).toLong(),
                                Duration.ofMillis(reply.get(2).toLong()));
                    }
                    String entry = reply.get(1).toString();
                    int position = Integer.parseInt(reply.get(2).toString());
                    long deliveries = reply.get(3).toLong();
                    if (kind.equals("dead")) {
                        LOG.warn(
                                "item {} of job {} was handed out {} times without an outcome; it was moved to the"
                                        + " job's dead-letter stream",
                                position,
                                job,
                                deliveries);
                        return new DeadLettered(connection, position, deliveries);
                    }
                    Response planned = reply.size() > 4 ? reply.get(4) : null;
                    return new Item(
                            new Taken(connection, entry, position, deliveries, kind.equals("reclaimed")),
                            Optional.ofNullable(planned).map(Response::toString));
                });
    }

    /** What {@link #intent} answered. */
    enum Intent {
        /** Committed: the DELETE may go. */
        RECORDED,
        /** This consumer no longer holds the item under its claim. */
        NOT_HELD,
        /** The job is not running (canceled, ended, or gone from Redis). */
        JOB_NOT_RUNNING,
        /** The item's outcome is final already; it left the line. */
        ALREADY_SETTLED
    }

    /**
     * Records the intent to delete {@code taken}, only while this consumer holds it under its claim and the job runs.
     *
     * @param at when, as written
     * @return what was done
     */
    Future<Intent> intent(Taken taken, String at) {
        return script(
                        INTENT,
                        List.of(
                                keys.job(job),
                                keys.jobItems(job, taken.connection()),
                                keys.jobIntents(job),
                                keys.jobOutcomes(job)),
                        List.of(GROUP, consumer, taken.entry(), taken.deliveries(), taken.position(), at))
                .map(reply -> Intent.valueOf(reply.toString()));
    }

    /**
     * Withdraws the intent of {@code taken}, only while this consumer holds it under its claim.
     *
     * @return {@code true} when withdrawn
     */
    Future<Boolean> withdraw(Taken taken) {
        return script(
                        WITHDRAW,
                        List.of(keys.jobItems(job, taken.connection()), keys.jobIntents(job)),
                        List.of(GROUP, consumer, taken.entry(), taken.deliveries(), taken.position()))
                .map(reply -> reply.toLong() == 1);
    }

    /**
     * Gives {@code taken} back without an outcome: the next consumer to ask claims it at once.
     *
     * @return {@code true} when this consumer held it
     */
    Future<Boolean> release(Taken taken) {
        return script(
                        RELEASE,
                        List.of(keys.jobItems(job, taken.connection())),
                        List.of(
                                GROUP,
                                consumer,
                                taken.entry(),
                                taken.deliveries(),
                                settings.lease().toMillis()))
                .map(reply -> reply.toLong() == 1);
    }

    /**
     * Renews this consumer's lease on items of one connection.
     *
     * @param taken items of {@code connection} it believes it holds
     * @return the entries it no longer holds
     */
    Future<List<String>> renew(ConnectionId connection, List<Taken> taken) {
        List<Object> args = new ArrayList<>(List.of(GROUP, consumer));
        taken.forEach(t -> {
            args.add(t.entry());
            args.add(t.deliveries());
        });
        return script(RENEW, List.of(keys.jobItems(job, connection)), args).map(lost -> {
            List<String> entries = new ArrayList<>();
            lost.forEach(entry -> entries.add(entry.toString()));
            return entries;
        });
    }

    /** The entries of the job's dead-letter stream, oldest first, as field maps. */
    Future<List<Map<String, String>>> deadLetters() {
        return send(Request.cmd(Command.XRANGE)
                        .arg(keys.jobDeadLetters(job))
                        .arg("-")
                        .arg("+"))
                .map(reply -> {
                    List<Map<String, String>> entries = new ArrayList<>();
                    for (Response entry : reply) {
                        Map<String, String> fields = new LinkedHashMap<>();
                        Response pairs = entry.get(1);
                        for (int i = 0; i + 1 < pairs.size(); i += 2) {
                            fields.put(pairs.get(i).toString(), pairs.get(i + 1).toString());
                        }
                        entries.add(fields);
                    }
                    return entries;
                });
    }

    /** Closes this consumer's connection; items it holds are taken over after the lease. */
    @Override
    public void close() {
        RedisConnection open;
        synchronized (this) {
            closed = true;
            open = connection;
            connection = null;
        }
        if (open != null) {
            open.close();
        }
        client.close();
    }

    @Override
    public String toString() {
        return "job " + job + " on Redis at " + url + " as " + consumer;
    }

    private Future<Response> script(RedisScript script, List<String> scriptKeys, List<Object> args) {
        return connection()
                .compose(c -> script.run(c::send, settings.callTimeout(), scriptKeys, args)
                        .recover(failure -> Future.failedFuture(failed(c, failure))));
    }

    private Future<Response> send(Request request) {
        return connection()
                .compose(c -> c.send(request)
                        .timeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .recover(failure -> Future.failedFuture(failed(c, failure))));
    }

    /**
     * This consumer's connection, connecting when there is none and the wait after the last failed attempt is over;
     * otherwise a failure at once.
     */
    private Future<RedisConnection> connection() {
        Future<RedisConnection> attempt;
        synchronized (this) {
            if (closed) {
                return Future.failedFuture(unavailable("the queue was closed"));
            }
            if (connection != null) {
                return Future.succeededFuture(connection);
            }
            if (connecting != null) {
                return connecting;
            }
            long waitNanos = reconnectAtNanos - nanoTime.getAsLong();
            if (waitNanos > 0) {
                return Future.failedFuture(unavailable(
                        lastFailure + "; tried again in " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms"));
            }
            attempt = client.connect();
            connecting = attempt;
        }
        return attempt.timeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .transform(result -> {
                    synchronized (this) {
                        connecting = null;
                        if (result.succeeded() && !closed) {
                            RedisConnection c = result.result();
                            connection = c;
                            backoff = settings.firstReconnect();
                            c.exceptionHandler(e -> lost(c, e));
                            c.endHandler(v -> lost(c, null));
                            return Future.succeededFuture(c);
                        }
                        if (result.succeeded()) {
                            result.result().close();
                            return Future.failedFuture(unavailable("the queue was closed"));
                        }
                        lastFailure = "it did not answer (" + url.describe(result.cause()) + ")";
                        reconnectAtNanos = nanoTime.getAsLong() + backoff.toNanos();
                        backoff = backoff.multipliedBy(2).compareTo(settings.longestReconnect()) > 0
                                ? settings.longestReconnect()
                                : backoff.multipliedBy(2);
                        return Future.failedFuture(unavailable(lastFailure));
                    }
                });
    }

    /**
     * A call failed: an error reply is Redis's answer and leaves the connection as it is; anything else (a timeout, a
     * broken connection) drops the connection, so that the next call reconnects.
     */
    private DeletionJobStoreException failed(RedisConnection c, Throwable failure) {
        if (failure instanceof DeletionJobStoreException known) {
            return known;
        }
        if (RedisScript.answeredThatTheLineVanished(failure)) {
            return DeletionJobStoreException.jobLost(job, "Redis at " + url);
        }
        if (RedisScript.answeredWithAnError(failure)) {
            return new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.IO,
                    "Redis at " + url + " refused a call of job " + job + ": "
                            + url.scrub(String.valueOf(failure.getMessage())),
                    null);
        }
        lost(c, failure);
        return unavailable("a call went unanswered (" + url.describe(failure)
                + "); an item it may have handed out is taken again by this process's next take, or settled by"
                + " whoever takes it after the lease");
    }

    private void lost(RedisConnection c, @Nullable Throwable failure) {
        synchronized (this) {
            if (connection != c) {
                return;
            }
            connection = null;
            lastFailure = "the connection broke" + (failure == null ? "" : " (" + url.describe(failure) + ")");
        }
        c.close();
    }

    private DeletionJobStoreException unavailable(String why) {
        return new DeletionJobStoreException(
                DeletionJobStoreException.Kind.UNAVAILABLE,
                "Redis at " + url + " is unavailable to job " + job + ": " + why,
                null);
    }

    /** A field of an {@code INFO} reply, or {@code "unknown"}. */
    private static String field(String info, String name) {
        return info.lines()
                .filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim())
                .findFirst()
                .orElse("unknown");
    }
}
