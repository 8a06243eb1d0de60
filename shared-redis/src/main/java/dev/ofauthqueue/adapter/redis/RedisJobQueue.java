package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.adapter.vertx.ApiKey;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionJobId;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
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
 *       Settings#lease() lease} first ({@code XAUTOCLAIM}: that consumer died, so the item may have been sent and is
 *       settled by reading, as resuming does), then a new one ({@code XREADGROUP}). Call it only while holding a rate
 *       budget token for the connection: an item taken is worked on at once, so a live consumer's item is never
 *       reclaimed because it sat waiting for a token.
 *   <li><b>Holding.</b> While this consumer holds items it renews their lease every third of it (an {@code XCLAIM}
 *       of its own entries that adds no delivery), so only a consumer that stopped (died, froze, lost Redis) loses
 *       them; {@link #holds} tells whether it still does.
 *   <li><b>Dead letters.</b> An item delivered more than {@linkplain Settings#maxDeliveries() the allowed times}
 *       (each consumer that took it died) goes to the job's dead-letter stream and is acknowledged, not handed out
 *       again.
 *   <li><b>Done.</b> {@link #acknowledge} ({@code XACK}) once the item's outcome is recorded, by the consumer that
 *       holds it only: one whose lease lapsed leaves the item to the one that took it over. Nothing trims or deletes
 *       an entry: a stream keeps every item, acknowledged or not.
 * </ul>
 *
 * <p>The consumer has its own connection (not the pool's): when it breaks, the next call or lease renewal reconnects,
 * waiting longer after each failed attempt (from {@link Settings#firstReconnect()} up to {@link
 * Settings#longestReconnect()}); meanwhile calls fail at once with {@link DeletionJobStoreException.Kind#UNAVAILABLE},
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
    private static final RedisScript ACK = RedisScript.fromResource("job-ack");
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
     * @param taken the item
     */
    record Item(Taken taken) implements Next {}

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

    private final Vertx vertx;
    private final RedisUrl url;
    private final Settings settings;
    private final RedisKeys keys;
    private final DeletionJobId job;
    private final String consumer;
    private final Redis client;
    private final long renewTimer;
    /** Items this consumer holds, by stream entry. */
    private final ConcurrentMap<String, Taken> held = new ConcurrentHashMap<>();

    /** Guarded by {@code this}. */
    private @Nullable RedisConnection connection;

    private @Nullable Future<RedisConnection> connecting;
    private Duration backoff;
    private long reconnectAtNanos;
    private String lastFailure = "not connected yet";
    private boolean closed;

    private RedisJobQueue(
            Vertx vertx, RedisUrl url, Settings settings, ApiKey apiKey, DeletionJobId job, String consumer) {
        this.vertx = vertx;
        this.url = url;
        this.settings = settings;
        this.keys = new RedisKeys(apiKey);
        this.job = job;
        this.consumer = consumer;
        this.backoff = settings.firstReconnect();
        this.reconnectAtNanos = System.nanoTime();
        this.client = Redis.createClient(vertx, url.clientOptions(settings.callTimeout()));
        this.renewTimer = vertx.setPeriodic(Math.max(1, settings.lease().toMillis() / 3), id -> renew());
    }

    /**
     * Opens the line of {@code job}'s items for a new consumer of this process, after checking that Redis keeps what
     * it is given ({@code maxmemory-policy noeviction}).
     *
     * @return the open queue; fails with {@link DeletionJobStoreException.Kind#MISCONFIGURED} for an evicting Redis,
     *     {@link DeletionJobStoreException.Kind#UNAVAILABLE} when Redis does not answer
     */
    static Future<RedisJobQueue> open(Vertx vertx, RedisUrl url, ApiKey apiKey, DeletionJobId job, Settings settings) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(settings, "settings");
        RedisJobQueue queue = new RedisJobQueue(
                vertx,
                url,
                settings,
                apiKey,
                job,
                "consumer-" + UUID.randomUUID().toString());
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
        return script(
                        TAKE,
                        List.of(stream, keys.jobDeadLetters(job)),
                        List.of(GROUP, consumer, settings.lease().toMillis(), settings.maxDeliveries()))
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
                    Taken taken = new Taken(connection, entry, position, deliveries, kind.equals("reclaimed"));
                    held.put(entry, taken);
                    return new Item(taken);
                });
    }

    /**
     * Whether this consumer still holds {@code taken}: it does until it acknowledges it, unless it went longer than
     * the lease without renewing and another consumer took it over.
     */
    boolean holds(Taken taken) {
        return held.containsKey(taken.entry());
    }

    /**
     * Acknowledges an item whose outcome is recorded: it leaves the line for good, unless another consumer took it
     * over meanwhile (this one went longer than the lease without renewing): then it stays with that one, which
     * settles it, since its own DELETE may have gone out.
     *
     * @return {@code true} when this consumer held it and it left the line
     */
    Future<Boolean> acknowledge(Taken taken) {
        return script(ACK, List.of(keys.jobItems(job, taken.connection())), List.of(GROUP, consumer, taken.entry()))
                .map(reply -> {
                    held.remove(taken.entry());
                    return reply.toLong() == 1;
                });
    }

    /** Stops renewing an item that left the line by another way (the script that recorded its outcome). */
    void forget(Taken taken) {
        held.remove(taken.entry());
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

    /** Stops renewing and closes this consumer's connection; items it holds are taken over after the lease. */
    @Override
    public void close() {
        RedisConnection open;
        synchronized (this) {
            closed = true;
            open = connection;
            connection = null;
        }
        vertx.cancelTimer(renewTimer);
        if (open != null) {
            open.close();
        }
        client.close();
    }

    @Override
    public String toString() {
        return "job " + job + " on Redis at " + url + " as " + consumer;
    }

    /** Renews the lease on every item held; an item another consumer took over is no longer held. */
    private void renew() {
        Map<ConnectionId, List<Taken>> byConnection = new LinkedHashMap<>();
        held.values()
                .forEach(t -> byConnection
                        .computeIfAbsent(t.connection(), c -> new ArrayList<>())
                        .add(t));
        byConnection.forEach((connection, items) -> {
            List<Object> args = new ArrayList<>(List.of(GROUP, consumer));
            items.forEach(t -> args.add(t.entry()));
            script(RENEW, List.of(keys.jobItems(job, connection)), args)
                    .onSuccess(lost -> {
                        for (Response entry : lost) {
                            Taken gone = held.remove(entry.toString());
                            if (gone != null) {
                                LOG.warn(
                                        "this process lost item {} of job {}: it went longer than the lease ({})"
                                                + " without renewing, and another process took it over",
                                        gone.position(),
                                        job,
                                        settings.lease());
                            }
                        }
                    })
                    .onFailure(failure -> LOG.debug("the lease could not be renewed now: {}", failure.getMessage()));
        });
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
            long waitNanos = reconnectAtNanos - System.nanoTime();
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
                        reconnectAtNanos = System.nanoTime() + backoff.toNanos();
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
        if (RedisScript.answeredWithAnError(failure)) {
            return new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.IO,
                    "Redis at " + url + " refused a call of job " + job + ": "
                            + url.scrub(String.valueOf(failure.getMessage())),
                    null);
        }
        lost(c, failure);
        return unavailable("a call went unanswered (" + url.describe(failure)
                + "); an item it may have handed out is settled by whoever takes it after the lease");
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
