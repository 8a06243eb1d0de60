package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.adapter.vertx.OwnVertx;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.RestoreLog;
import dev.ofauthqueue.ports.sealing.ConnectionIdCipher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletion jobs kept in Redis, so that several processes of one API key drain a job together: any of them starts it,
 * the others join it with {@code resumeDeletionJob(id)}, and each claims items from the job's {@linkplain #workQueue
 * work queue} (Redis Streams, one per connection, one consumer group) only while it holds a token for the item's
 * connection. A process that stops leaves its items held; after the {@linkplain Settings#lease() lease} a live one
 * claims them and settles them by reading each message first. Intents, outcomes and giving back are fenced by the
 * claim: one script records an intent only while its process still holds the item and the job runs, another records
 * an outcome only where no final one exists (a process that lost the item writes a final one only, and nothing of the
 * holder's), with the archive entry of a deletion in the same step. A job's status and archive are readable from
 * every process.
 *
 * <p>Connection ids are kept sealed (AES-256-GCM under a key derived from the API key); Redis keys name a connection
 * by an HMAC of its id; the API key itself is never stored. Redis must keep what it is given: a Redis whose {@code
 * maxmemory-policy} is not {@code noeviction} is refused when the store opens, and so is one that does not write to
 * disk ({@code appendonly no}) unless {@link Settings#allowingVolatileRedis()}. The first connection waits up to
 * {@link Settings#connectTimeout()}; after it, when Redis does not answer, every method fails with {@link
 * DeletionJobStoreException.Kind#UNAVAILABLE}, naming Redis by its URL without a password.
 *
 * <p>Joining a job puts its failed items back in line once (unconfirmed ones to be settled by reading first), as
 * resuming does. Each item is handed out with its snapshot as stored now, so a plan one process refreshed by listing
 * serves the others.
 */
public final class RedisDeletionJobStore implements DeletionJobStore {

    /**
     * How the store uses Redis.
     *
     * @param callTimeout    how long one round trip may take
     * @param connectTimeout how long the first connection may take: a cold process on a busy machine needs longer for
     *     its first connection and script loads than for any call after
     * @param lease          how long a process may hold an item without renewing before another takes it over; the
     *     job engine renews every third of it, and sends a DELETE only while the lease (by its own clock) outlasts the
     *     attempt
     * @param maxDeliveries  how many times an item may be handed out before it is set aside as failed
     * @param allowVolatile  whether to keep jobs on a Redis that does not write them to disk ({@code appendonly no}),
     *     where a restart loses every job and what it deleted
     */
    public record Settings(
            Duration callTimeout, Duration connectTimeout, Duration lease, int maxDeliveries, boolean allowVolatile) {

        /** The shortest lease: a DELETE attempt must fit in what is left of it after a tenth kept as a margin. */
        public static final Duration SHORTEST_LEASE = Duration.ofSeconds(1);

        /**
         * Two seconds per round trip, ten for the first connection, a lease of a minute, five deliveries, and a Redis
         * that writes to disk.
         */
        public static final Settings DEFAULT =
                new Settings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMinutes(1), 5, false);

        /**
         * Checks the settings.
         *
         * @param callTimeout    how long one round trip may take
         * @param connectTimeout how long the first connection may take
         * @param lease          how long an item may be held without renewal
         * @param maxDeliveries  how many times an item may be handed out
         * @param allowVolatile  whether a Redis without {@code appendonly yes} is accepted
         * @throws IllegalArgumentException when a timeout is shorter than a millisecond, the lease shorter than {@link
         *     #SHORTEST_LEASE} or longer than {@link JobItemQueue#LONGEST_LEASE}, or {@code maxDeliveries} is not
         *     positive
         */
        public Settings {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (connectTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("connectTimeout must be at least 1 ms, was " + connectTimeout);
            }
            Objects.requireNonNull(lease, "lease");
            if (lease.compareTo(SHORTEST_LEASE) < 0) {
                throw new IllegalArgumentException("the lease must be at least " + SHORTEST_LEASE + ", was " + lease);
            }
            if (lease.compareTo(JobItemQueue.LONGEST_LEASE) > 0) {
                throw new IllegalArgumentException(
                        "the lease must be at most " + JobItemQueue.LONGEST_LEASE + ", was " + lease);
            }
            queueSettings(callTimeout, lease, maxDeliveries);
        }

        /**
         * These settings with another lease.
         *
         * @param value the lease, from {@link #SHORTEST_LEASE} to {@link JobItemQueue#LONGEST_LEASE}
         * @return new settings
         */
        public Settings withLease(Duration value) {
            return new Settings(callTimeout, connectTimeout, value, maxDeliveries, allowVolatile);
        }

        /**
         * These settings with another wait for the first connection.
         *
         * @param value at least a millisecond
         * @return new settings
         */
        public Settings withConnectTimeout(Duration value) {
            return new Settings(callTimeout, value, lease, maxDeliveries, allowVolatile);
        }

        /**
         * These settings, accepting a Redis that does not write jobs to disk.
         *
         * @return new settings
         */
        public Settings allowingVolatileRedis() {
            return new Settings(callTimeout, connectTimeout, lease, maxDeliveries, true);
        }

        private static RedisJobQueue.Settings queueSettings(Duration callTimeout, Duration lease, int maxDeliveries) {
            return new RedisJobQueue.Settings(
                    callTimeout, lease, maxDeliveries, Duration.ofMillis(100), Duration.ofSeconds(10));
        }

        RedisJobQueue.Settings forQueue() {
            return queueSettings(callTimeout, lease, maxDeliveries);
        }
    }

    private static final RedisScript REQUEUE = RedisScript.fromResource("job-requeue");
    private static final RedisScript RESTORE_WITHDRAW = RedisScript.fromResource("job-restore-withdraw");

    private final RedisUrl url;
    private final ApiKey apiKey;
    private final Settings settings;
    private final Vertx vertx;
    private final Redis redis;
    private final RedisKeys keys;
    private final JobJson json;
    private final RedisOutcomes outcomes;
    /**
     * The wall clock: when a dead letter's outcome was recorded, and how long a process's membership of a job lasts
     * (compared across processes, so every process of a job should read the same time).
     */
    private final Clock clock;

    private RedisDeletionJobStore(RedisUrl url, ApiKey apiKey, Settings settings, Clock clock) {
        this.url = url;
        this.apiKey = apiKey;
        this.settings = settings;
        this.clock = clock;
        this.vertx = OwnVertx.create();
        this.redis = Redis.createClient(
                vertx,
                url.clientOptions(settings.callTimeout()).setMaxPoolSize(4).setMaxPoolWaiting(1024));
        this.keys = new RedisKeys(apiKey);
        this.json = new JobJson(new ConnectionIdCipher(keys.derive("connection-id cipher v1")));
        this.outcomes = new RedisOutcomes(keys, redis::send, settings.callTimeout());
    }

    /**
     * Opens the store on the Redis at {@code url} with {@link Settings#DEFAULT}.
     *
     * @param url    where Redis is
     * @param apiKey the API key whose jobs it keeps: every process of the key sees the same jobs
     * @return the open store; close it when done
     * @throws DeletionJobStoreException of kind {@link DeletionJobStoreException.Kind#UNAVAILABLE} when Redis does not
     *     answer, {@link DeletionJobStoreException.Kind#MISCONFIGURED} when it may evict keys
     */
    public static RedisDeletionJobStore open(RedisUrl url, ApiKey apiKey) {
        return open(url, apiKey, Settings.DEFAULT);
    }

    /**
     * Opens the store on the Redis at {@code url}.
     *
     * @param url      where Redis is
     * @param apiKey   the API key whose jobs it keeps
     * @param settings timeouts, lease and deliveries
     * @return the open store; close it when done
     * @throws DeletionJobStoreException of kind {@link DeletionJobStoreException.Kind#UNAVAILABLE} when Redis does not
     *     answer within the connect timeout, {@link DeletionJobStoreException.Kind#MISCONFIGURED} when it may evict
     *     keys or, unless allowed, does not write them to disk
     */
    public static RedisDeletionJobStore open(RedisUrl url, ApiKey apiKey, Settings settings) {
        return open(url, apiKey, settings, Clock.systemUTC());
    }

    /**
     * Opens the store as {@link #open(RedisUrl, ApiKey, Settings)} does, reading the time from {@code clock}: when a
     * dead letter's outcome was recorded, and until when this process's membership of a job lasts (compared with
     * other processes' memberships, so give every process of a job the same time). Leases are measured on Redis and
     * on each process's monotonic clock, never on this one.
     *
     * @param url      where Redis is
     * @param apiKey   the API key whose jobs it keeps
     * @param settings timeouts, lease and deliveries
     * @param clock    the wall clock
     * @return the open store; close it when done
     * @throws DeletionJobStoreException as {@link #open(RedisUrl, ApiKey, Settings)} does
     */
    public static RedisDeletionJobStore open(RedisUrl url, ApiKey apiKey, Settings settings, Clock clock) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        RedisDeletionJobStore store = new RedisDeletionJobStore(url, apiKey, settings, clock);
        try {
            // The first call connects: a cold process waits for it as long as the connect timeout allows.
            Response info = store.await(
                    store.redis
                            .send(Request.cmd(Command.INFO))
                            .timeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS),
                    settings.connectTimeout());
            store.await(RedisJobQueue.requireNoEviction(Future.succeededFuture(info), url));
            if (!settings.allowVolatile()) {
                requireDurable(info.toString(), url);
            }
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** A Redis without an append-only file loses every job (and the record of what it deleted) on a restart. */
    private static void requireDurable(String info, RedisUrl url) {
        String aof = info.lines()
                .filter(line -> line.startsWith("aof_enabled:"))
                .map(line -> line.substring("aof_enabled:".length()).trim())
                .findFirst()
                .orElse("unknown");
        if (!"1".equals(aof)) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.MISCONFIGURED,
                    "Redis at " + url + " does not write its data to disk (appendonly is off): a restart would lose"
                            + " every job and the record of what it deleted. Set appendonly yes and appendfsync"
                            + " everysec (or always) in its configuration, or accept the risk with"
                            + " --allow-volatile-redis",
                    null);
        }
    }

    @Override
    public DeletionJobId create(Instant createdAt, JobSettings s, List<PlannedItem> items) {
        DeletionJobId id = DeletionJobId.of(
                await(send(Request.cmd(Command.INCR).arg(keys.jobCounter()))).toLong());
        List<Request> batch = new ArrayList<>();
        batch.add(Request.cmd(Command.MULTI));
        batch.add(Request.cmd(Command.HSET)
                .arg(keys.job(id))
                .arg("createdAt")
                .arg(createdAt.toString())
                .arg("target")
                .arg(s.target())
                .arg("deleteRoute")
                .arg(s.deleteRoute())
                .arg("rateLimit")
                .arg(s.rateLimit())
                .arg("policy")
                .arg(s.policy())
                .arg("selection")
                .arg(s.selection().toString())
                .arg("maxPlanAgeMs")
                .arg(s.maxPlanAge().toMillis())
                .arg("readBeforeDelete")
                .arg(String.valueOf(s.readBeforeDelete()))
                .arg("concurrency")
                .arg(s.concurrency())
                .arg("state")
                .arg(DeletionJobState.RUNNING.name()));
        Map<ConnectionId, List<Integer>> byConnection = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            byConnection
                    .computeIfAbsent(items.get(i).connection(), c -> new ArrayList<>())
                    .add(i);
            batch.add(Request.cmd(Command.HSET).arg(keys.jobPlan(id)).arg(i).arg(json.item(id, i, items.get(i))));
        }
        byConnection.forEach((connection, those) -> {
            String stream = keys.jobItems(id, connection);
            batch.add(Request.cmd(Command.XGROUP)
                    .arg("CREATE")
                    .arg(stream)
                    .arg(RedisJobQueue.GROUP)
                    .arg("0")
                    .arg("MKSTREAM"));
            those.forEach(p -> batch.add(
                    Request.cmd(Command.XADD).arg(stream).arg("*").arg("p").arg(p)));
        });
        batch.add(Request.cmd(Command.ZADD)
                .arg(keys.jobs())
                .arg(createdAt.toEpochMilli())
                .arg(id.value()));
        batch.add(Request.cmd(Command.EXEC));
        // MULTI ... EXEC on one connection: the job, its plan and its line appear together or not at all.
        List<Response> replies = await(redis.batch(batch));
        Response exec = replies.get(replies.size() - 1);
        if (exec == null) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.IO,
                    "Redis at " + url + " discarded the transaction creating job " + id,
                    null);
        }
        return id;
    }

    @Override
    public Optional<StoredJob> load(DeletionJobId id) {
        try {
            return read(id);
        } catch (DeletionJobStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw damaged(id, e);
        }
    }

    /**
     * Only a value this store never writes fails to decode (a state, a date, a number, JSON changed by hand or by
     * another program): the job is damaged, said in our words; the cause is kept for {@code --debug}.
     */
    private DeletionJobStoreException damaged(DeletionJobId id, RuntimeException cause) {
        return new DeletionJobStoreException(
                DeletionJobStoreException.Kind.NOT_A_DATABASE,
                location() + ": job " + id + " is damaged: a value this store never writes was found (changed outside"
                        + " ofauth-queue?); plan a new job",
                cause);
    }

    private Optional<StoredJob> read(DeletionJobId id) {
        Map<String, String> meta = hash(keys.job(id));
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> plan = hash(keys.jobPlan(id));
        Map<String, String> intents = hash(keys.jobIntents(id));
        Map<String, String> recorded = hash(keys.jobOutcomes(id));
        Map<String, String> archive = hash(keys.jobArchive(id));
        TreeMap<Integer, StoredItem> items = new TreeMap<>();
        plan.forEach((key, value) -> {
            int position = Integer.parseInt(key);
            PlannedItem item = json.item(id, position, value);
            String outcomeText = recorded.get(key);
            Optional<ArchivedDeletion> archived =
                    Optional.ofNullable(archive.get(key)).map(a -> json.archived(a, position));
            Optional<Outcome> outcome =
                    Optional.ofNullable(outcomeText).map(o -> JobJson.outcome(o.substring(1), archived));
            boolean isFinal = outcomeText != null && outcomeText.startsWith("F");
            boolean queuedAgain = outcomeText != null && outcomeText.startsWith("Q");
            Optional<Instant> intentAt = Optional.ofNullable(intents.get(key)).map(Instant::parse);
            JobItemState state = isFinal
                    ? outcome.get().state()
                    : intentAt.isPresent()
                            ? JobItemState.IN_FLIGHT
                            : queuedAgain
                                    ? JobItemState.PENDING
                                    : outcome.map(Outcome::state).orElse(JobItemState.PENDING);
            items.put(position, new StoredItem(item, position, state, outcome, intentAt));
        });
        Map<ConnectionId, String> stopped = new LinkedHashMap<>();
        hash(keys.jobStopped(id)).values().forEach(v -> {
            JsonObject o = new JsonObject(v);
            stopped.put(json.openStopped(id, o.getString("connection")), o.getString("reason"));
        });
        JobSettings s = new JobSettings(
                field(meta, "target", id),
                field(meta, "deleteRoute", id),
                field(meta, "rateLimit", id),
                field(meta, "policy", id),
                Selection.parse(field(meta, "selection", id)),
                Duration.ofMillis(Long.parseLong(field(meta, "maxPlanAgeMs", id))),
                Boolean.parseBoolean(field(meta, "readBeforeDelete", id)),
                Integer.parseInt(field(meta, "concurrency", id)));
        return Optional.of(new StoredJob(
                id,
                Instant.parse(field(meta, "createdAt", id)),
                s,
                DeletionJobState.valueOf(field(meta, "state", id)),
                List.copyOf(items.values()),
                stopped));
    }

    @Override
    public List<DeletionJobId> jobs() {
        List<DeletionJobId> ids = new ArrayList<>();
        for (Response r : await(
                send(Request.cmd(Command.ZRANGE).arg(keys.jobs()).arg(0).arg(-1).arg("REV")))) {
            ids.add(DeletionJobId.of(r.toLong()));
        }
        return ids;
    }

    @Override
    public void setStopped(DeletionJobId job, ConnectionId connection, Optional<String> reason) {
        String field = keys.connectionName(connection);
        if (reason.isEmpty()) {
            await(send(Request.cmd(Command.HDEL).arg(keys.jobStopped(job)).arg(field)));
            return;
        }
        String value = new JsonObject()
                .put("connection", json.sealStopped(job, connection))
                .put("reason", reason.get())
                .encode();
        await(send(
                Request.cmd(Command.HSET).arg(keys.jobStopped(job)).arg(field).arg(value)));
    }

    @Override
    public RestoreLog restores(DeletionJobId job) {
        requireJob(job);
        String key = keys.jobRestores(job);
        return new RestoreLog() {
            @Override
            public Optional<Restore> get(ConnectionId connection, MassMessageId original) {
                String field = field(connection, original);
                Response r = await(
                        send(Request.cmd(Command.HMGET).arg(key).arg(field).arg(field + ":created")));
                if (r == null || r.get(0) == null) {
                    return Optional.empty();
                }
                try {
                    Instant intentAt = Instant.parse(new JsonObject(r.get(0).toString()).getString("at"));
                    if (r.get(1) == null) {
                        return Optional.of(new Restore(intentAt, Optional.empty(), Optional.empty()));
                    }
                    JsonObject created = new JsonObject(r.get(1).toString());
                    return Optional.of(new Restore(
                            intentAt,
                            Optional.of(MassMessageId.of(created.getLong("id"))),
                            Optional.of(Instant.parse(created.getString("at")))));
                } catch (RuntimeException e) {
                    throw damaged(job, e);
                }
            }

            @Override
            public boolean recordIntent(ConnectionId connection, MassMessageId original, Instant at) {
                Response set = await(send(Request.cmd(Command.HSETNX)
                        .arg(key)
                        .arg(field(connection, original))
                        .arg(new JsonObject().put("at", at.toString()).encode())));
                return set != null && set.toInteger() == 1;
            }

            @Override
            public void recordCreated(
                    ConnectionId connection, MassMessageId original, MassMessageId created, Instant at) {
                String field = field(connection, original);
                await(send(Request.cmd(Command.HSETNX)
                        .arg(key)
                        .arg(field)
                        .arg(new JsonObject().put("at", at.toString()).encode())));
                await(send(Request.cmd(Command.HSET)
                        .arg(key)
                        .arg(field + ":created")
                        .arg(new JsonObject()
                                .put("id", created.value())
                                .put("at", at.toString())
                                .encode())));
            }

            @Override
            public void withdrawIntent(ConnectionId connection, MassMessageId original) {
                await(RESTORE_WITHDRAW.run(
                        redis::send,
                        settings.callTimeout(),
                        List.of(key),
                        List.<Object>of(field(connection, original))));
            }

            private String field(ConnectionId connection, MassMessageId original) {
                return keys.connectionName(connection) + ":" + original.value();
            }
        };
    }

    @Override
    public Optional<DeletionJobState> state(DeletionJobId job) {
        Response state = await(send(Request.cmd(Command.HGET).arg(keys.job(job)).arg("state")));
        try {
            return Optional.ofNullable(state).map(r -> DeletionJobState.valueOf(r.toString()));
        } catch (IllegalArgumentException e) {
            throw damaged(job, e);
        }
    }

    @Override
    public void recordRun(DeletionJobId job, DeletionJobRun run) {
        requireJob(job);
        String value = new JsonObject()
                .put("startedAt", run.startedAt().toString())
                .put("endedAt", run.endedAt().toString())
                .put("state", run.state().name())
                .put("settled", run.settled())
                .put("failed", run.failed())
                .put("tokens", run.tokens())
                .put("budgetWaitNs", run.budgetWait().toNanos())
                .put("rateLimited", run.rateLimited())
                .put("retryAfterNs", run.retryAfter().toNanos())
                .put("listPages", run.listPages())
                .put("attempts", run.attempts())
                .put("retries", run.retries())
                .put("attemptP50Ns", run.attemptP50().toNanos())
                .put("attemptP99Ns", run.attemptP99().toNanos())
                .put("takeovers", run.takeovers())
                .put("deadLetters", run.deadLetters())
                .encode();
        String key = keys.jobRuns(job);
        await(send(Request.cmd(Command.RPUSH).arg(key).arg(value)));
        await(send(Request.cmd(Command.LTRIM).arg(key).arg(-MAX_RUNS).arg(-1)));
    }

    @Override
    public List<DeletionJobRun> runs(DeletionJobId job) {
        requireJob(job);
        Response reply = await(
                send(Request.cmd(Command.LRANGE).arg(keys.jobRuns(job)).arg(0).arg(-1)));
        List<DeletionJobRun> runs = new ArrayList<>();
        try {
            for (Response entry : reply) {
                JsonObject o = new JsonObject(entry.toString());
                runs.add(new DeletionJobRun(
                        Instant.parse(o.getString("startedAt")),
                        Instant.parse(o.getString("endedAt")),
                        DeletionJobState.valueOf(o.getString("state")),
                        o.getInteger("settled"),
                        o.getInteger("failed"),
                        o.getInteger("tokens"),
                        Duration.ofNanos(o.getLong("budgetWaitNs")),
                        o.getInteger("rateLimited"),
                        Duration.ofNanos(o.getLong("retryAfterNs")),
                        o.getInteger("listPages"),
                        // A run kept before these four figures existed has none: zero.
                        o.getInteger("attempts", 0),
                        o.getInteger("retries", 0),
                        Duration.ofNanos(o.getLong("attemptP50Ns", 0L)),
                        Duration.ofNanos(o.getLong("attemptP99Ns", 0L)),
                        o.getInteger("takeovers"),
                        o.getInteger("deadLetters")));
            }
        } catch (RuntimeException e) {
            throw damaged(job, e);
        }
        return runs;
    }

    private void requireJob(DeletionJobId job) {
        if (state(job).isEmpty()) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.NO_SUCH_JOB, "no job " + job + " in " + location(), null);
        }
    }

    @Override
    public void setState(DeletionJobId job, DeletionJobState state) {
        await(send(Request.cmd(Command.HSET).arg(keys.job(job)).arg("state").arg(state.name())));
    }

    /**
     * Joins the job as a new consumer of its items, first putting back in line, once, the items whose last outcome a
     * later run retries (failed; unconfirmed ones to be settled by reading first). The process counts among those
     * running the job while the queue is open (a heartbeat every third of the lease, for {@link #isRunning}); it does
     * not exclude others: on Redis, several processes run one job together.
     */
    @Override
    public JobItemQueue workQueue(DeletionJobId job) {
        requireJob(job);
        requeueRetriable(job);
        RedisJobQueue queue = await(RedisJobQueue.open(vertx, url, apiKey, job, settings.forQueue()));
        return new WorkQueue(job, queue);
    }

    @Override
    public boolean isRunning(DeletionJobId job) {
        Response live = await(send(Request.cmd(Command.ZCOUNT)
                .arg(keys.jobMembers(job))
                .arg(clock.millis())
                .arg("+inf")));
        return live.toLong() > 0;
    }

    private void requeueRetriable(DeletionJobId job) {
        // In plan order: the line hands them out in the order they are put back.
        TreeMap<Integer, String> recorded = new TreeMap<>();
        hash(keys.jobOutcomes(job)).forEach((k, v) -> recorded.put(Integer.parseInt(k), v));
        List<String> scriptKeys = new ArrayList<>(List.of(keys.jobOutcomes(job)));
        List<Object> args = new ArrayList<>();
        Map<String, String> plan = null;
        for (Map.Entry<Integer, String> e : recorded.entrySet()) {
            if (!e.getValue().startsWith("R")) {
                continue;
            }
            if (plan == null) {
                plan = hash(keys.jobPlan(job));
            }
            int position = e.getKey();
            String item = plan.get(String.valueOf(position));
            if (item == null) {
                continue;
            }
            scriptKeys.add(keys.jobItems(job, json.item(job, position, item).connection()));
            boolean unconfirmed =
                    JobJson.outcome(e.getValue().substring(1), Optional.empty()).state() == JobItemState.UNCONFIRMED;
            args.add(position + (unconfirmed ? ":1" : ""));
        }
        if (!args.isEmpty()) {
            await(REQUEUE.run(redis::send, settings.callTimeout(), scriptKeys, args));
        }
    }

    @Override
    public List<ArchivedDeletion> archive(ArchiveQuery query) {
        Request range = Request.cmd(Command.ZRANGE)
                .arg(keys.archiveIndex())
                .arg(query.from()
                        .map(Instant::toEpochMilli)
                        .map(String::valueOf)
                        .orElse("-inf"))
                .arg(query.until()
                        .map(Instant::toEpochMilli)
                        .map(String::valueOf)
                        .orElse("+inf"))
                .arg("BYSCORE");
        List<ArchivedDeletion> out = new ArrayList<>();
        for (Response member : await(send(range))) {
            String[] jobAndPosition = member.toString().split(":", 2);
            DeletionJobId job = DeletionJobId.of(Long.parseLong(jobAndPosition[0]));
            if (query.job().isPresent() && !query.job().get().equals(job)) {
                continue;
            }
            int position = Integer.parseInt(jobAndPosition[1]);
            Response entry = await(
                    send(Request.cmd(Command.HGET).arg(keys.jobArchive(job)).arg(position)));
            if (entry != null) {
                ArchivedDeletion archived = json.archived(entry.toString(), position);
                if (query.matches(archived)) {
                    out.add(archived);
                }
            }
        }
        return out;
    }

    /** {@code redis://…} with the password masked. */
    @Override
    public String location() {
        return "Redis at " + url;
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }

    @Override
    public String toString() {
        return "RedisDeletionJobStore[" + url + "]";
    }

    /** A field of a job's record; a missing one means the record was not written by this library. */
    private String field(Map<String, String> meta, String name, DeletionJobId id) {
        String value = meta.get(name);
        if (value == null) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.IO,
                    "job " + id + " in " + location() + " has no " + name + ": its record was not written by this"
                            + " library, or was altered",
                    null);
        }
        return value;
    }

    private Map<String, String> hash(String key) {
        Response reply = await(send(Request.cmd(Command.HGETALL).arg(key)));
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            out.put(reply.get(i).toString(), reply.get(i + 1).toString());
        }
        return out;
    }

    private Future<Response> send(Request request) {
        return redis.send(request).timeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for a call on the job service's thread; a failure becomes a store error naming Redis. */
    private <T> T await(Future<T> call) {
        return await(call, settings.callTimeout());
    }

    private <T> T await(Future<T> call, Duration timeout) {
        try {
            return call.toCompletionStage()
                    .toCompletableFuture()
                    .get(timeout.toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof DeletionJobStoreException known) {
                throw known;
            }
            if (RedisScript.answeredThatTheLineVanished(cause)) {
                throw new DeletionJobStoreException(
                        DeletionJobStoreException.Kind.JOB_LOST, "a job's work line vanished from " + location(), null);
            }
            if (RedisScript.answeredWithAnError(cause)) {
                throw new DeletionJobStoreException(
                        DeletionJobStoreException.Kind.IO,
                        location() + " refused a call: " + url.scrub(String.valueOf(cause.getMessage())),
                        null);
            }
            throw unavailable(cause);
        } catch (TimeoutException e) {
            throw unavailable(e);
        }
    }

    private DeletionJobStoreException unavailable(Throwable cause) {
        return new DeletionJobStoreException(
                DeletionJobStoreException.Kind.UNAVAILABLE,
                location() + " is unavailable (" + url.describe(cause) + "); nothing was changed that a retry cannot"
                        + " settle: try again when it answers",
                null);
    }

    /**
     * One process's work queue on a job: the queue's consumer, blocking, with dead letters recorded as failures and a
     * heartbeat that counts the process among the job's members.
     */
    private final class WorkQueue implements JobItemQueue {
        private final DeletionJobId job;
        private final RedisJobQueue queue;
        private final String member = UUID.randomUUID().toString();
        private final long heartbeat;
        /** What each claim of this queue was handed out as, by fence and position. */
        private final Map<String, RedisJobQueue.Taken> claims = new ConcurrentHashMap<>();
        /** Every claim's stream entry, kept after the claim is lost: a late answer still names its entry. */
        private final Map<String, String> entries = new ConcurrentHashMap<>();

        private final AtomicLong takeovers = new AtomicLong();
        private final AtomicLong deadLetters = new AtomicLong();

        /** The store's wait, naming this job when its line vanished. */
        private <T> T await(Future<T> call) {
            try {
                return RedisDeletionJobStore.this.await(call);
            } catch (DeletionJobStoreException e) {
                throw e.kind() == DeletionJobStoreException.Kind.JOB_LOST
                        ? DeletionJobStoreException.jobLost(job, location())
                        : e;
            }
        }

        WorkQueue(DeletionJobId job, RedisJobQueue queue) {
            this.job = job;
            this.queue = queue;
            beat();
            this.heartbeat = vertx.setPeriodic(Math.max(1, settings.lease().toMillis() / 3), t -> beat());
        }

        /** Membership only tells {@link #isRunning}; it never decides who may send. */
        private void beat() {
            send(Request.cmd(Command.ZADD)
                            .arg(keys.jobMembers(job))
                            .arg(clock.millis() + settings.lease().toMillis())
                            .arg(member))
                    .onFailure(ignored -> {
                        // Beaten again shortly; a membership that lapses only makes the job look interrupted.
                    });
        }

        @Override
        public boolean shared() {
            return true;
        }

        @Override
        public long takeovers() {
            return takeovers.get();
        }

        @Override
        public long deadLetters() {
            return deadLetters.get();
        }

        @Override
        public Next claim(ConnectionId connection) {
            while (true) {
                RedisJobQueue.Next next = await(queue.take(connection));
                if (next instanceof RedisJobQueue.Nothing nothing) {
                    return new Empty(nothing.held() == 0, nothing.retryIn());
                }
                if (next instanceof RedisJobQueue.DeadLettered dead) {
                    deadLetters.incrementAndGet();
                    Instant now = clock.instant();
                    await(outcomes.record(
                            job,
                            dead.position(),
                            JobJson.outcome(new Outcome(
                                    JobItemState.UNCONFIRMED,
                                    Optional.empty(),
                                    Optional.empty(),
                                    "handed out " + dead.deliveries() + " times without an outcome (each process that"
                                            + " took it stopped, its DELETE may have gone out); set aside in the job's"
                                            + " dead-letter stream, to be settled by reading",
                                    now,
                                    Optional.empty())),
                            false,
                            Optional.empty(),
                            now,
                            Optional.empty()));
                    continue;
                }
                RedisJobQueue.Item handed = (RedisJobQueue.Item) next;
                RedisJobQueue.Taken item = handed.taken();
                String stored = handed.planned()
                        .orElseThrow(() -> new DeletionJobStoreException(
                                DeletionJobStoreException.Kind.IO,
                                "job " + job + " in " + location() + " has no item " + item.position()
                                        + " in its plan, yet its line handed it out",
                                null));
                if (item.reclaimed()) {
                    takeovers.incrementAndGet();
                }
                Claimed claim = new Claimed(
                        item.position(),
                        json.item(job, item.position(), stored),
                        item.reclaimed(),
                        item.deliveries(),
                        Optional.of(settings.lease()));
                claims.put(key(claim), item);
                entries.put(key(claim), item.entry());
                return claim;
            }
        }

        @Override
        public Intent recordIntent(Claimed claim, Instant at) {
            RedisJobQueue.Taken taken = claims.get(key(claim));
            if (taken == null) {
                return Intent.NOT_HELD;
            }
            Intent intent =
                    Intent.valueOf(await(queue.intent(taken, at.toString())).name());
            if (intent == Intent.ALREADY_SETTLED || intent == Intent.NOT_HELD) {
                claims.remove(key(claim));
            }
            return intent;
        }

        @Override
        public void withdrawIntent(Claimed claim) {
            RedisJobQueue.Taken taken = claims.get(key(claim));
            if (taken != null) {
                await(queue.withdraw(taken));
            }
        }

        @Override
        public Recording recordOutcome(Claimed claim, Outcome outcome) {
            return record(claim, outcome, false);
        }

        @Override
        public Recording recordAnswer(Claimed claim, Outcome outcome) {
            return record(claim, outcome, true);
        }

        private Recording record(Claimed claim, Outcome outcome, boolean answer) {
            RedisJobQueue.Taken taken = claims.remove(key(claim));
            RedisOutcomes.Held held = new RedisOutcomes.Held(
                    keys.jobItems(job, claim.connection()),
                    queue.consumer(),
                    taken != null ? taken.entry() : entries.getOrDefault(key(claim), "0-0"),
                    claim.fence(),
                    answer);
            int written = await(outcomes.record(
                    job,
                    claim.position(),
                    JobJson.outcome(outcome),
                    outcome.state().isFinal(),
                    outcome.archived().map(a -> json.archived(a, claim.position())),
                    outcome.at(),
                    Optional.of(held)));
            return written == 1 ? Recording.WRITTEN : written == 0 ? Recording.ALREADY_SETTLED : Recording.NOT_HELD;
        }

        @Override
        public void replaceSnapshot(int position, PlannedItem item) {
            Response current =
                    await(send(Request.cmd(Command.HGET).arg(keys.jobPlan(job)).arg(position)));
            PlannedItem planned = current == null ? null : json.item(job, position, current.toString());
            if (planned == null
                    || !planned.id().equals(item.id())
                    || !planned.connection().equals(item.connection())) {
                throw new DeletionJobStoreException(
                        DeletionJobStoreException.Kind.IO,
                        "job " + job + " in " + location() + " has no item " + position + " for message " + item.id(),
                        null);
            }
            await(send(Request.cmd(Command.HSET)
                    .arg(keys.jobPlan(job))
                    .arg(position)
                    .arg(json.item(job, position, item))));
        }

        @Override
        public List<Claimed> renew(List<Claimed> held) {
            Map<ConnectionId, List<RedisJobQueue.Taken>> byConnection = new LinkedHashMap<>();
            List<Claimed> lost = new ArrayList<>();
            Map<String, Claimed> byEntry = new HashMap<>();
            for (Claimed claim : held) {
                RedisJobQueue.Taken taken = claims.get(key(claim));
                if (taken == null) {
                    lost.add(claim);
                    continue;
                }
                byEntry.put(taken.entry(), claim);
                byConnection
                        .computeIfAbsent(claim.connection(), c -> new ArrayList<>())
                        .add(taken);
            }
            byConnection.forEach((connection, taken) -> {
                for (String entry : await(queue.renew(connection, taken))) {
                    Claimed gone = byEntry.get(entry);
                    if (gone != null) {
                        claims.remove(key(gone));
                        lost.add(gone);
                    }
                }
            });
            return lost;
        }

        @Override
        public void release(Claimed claim) {
            RedisJobQueue.Taken taken = claims.remove(key(claim));
            if (taken != null) {
                await(queue.release(taken));
            }
        }

        @Override
        public void close() {
            vertx.cancelTimer(heartbeat);
            try {
                await(send(Request.cmd(Command.ZREM).arg(keys.jobMembers(job)).arg(member)));
            } catch (DeletionJobStoreException unavailable) {
                // The membership lapses by itself within a lease.
            } finally {
                queue.close();
            }
        }

        private static String key(Claimed claim) {
            return claim.position() + "#" + claim.fence();
        }

        @Override
        public String toString() {
            return queue.toString();
        }
    }
}
