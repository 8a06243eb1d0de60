package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.adapter.vertx.ApiKey;
import dev.ofauthqueue.domain.ArchiveQuery;
import dev.ofauthqueue.domain.ArchivedDeletion;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionJobId;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.JobItemState;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.Selection;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemLine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
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
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Deletion jobs kept in Redis, so that several processes of one API key drain a job together: any of them starts it,
 * the others join it with {@code resumeDeletionJob(id)}, and each takes items from the job's {@linkplain #line line}
 * (Redis Streams, one per connection, one consumer group) only while it holds a token for the item's connection. A
 * process that dies leaves its items held; after the {@linkplain Settings#lease() lease} a live one takes them over and
 * settles them by reading each message first. Outcomes are written by one script that records an outcome only where
 * no final one exists, with the archive entry of a deletion in the same step. A job's status and archive are readable
 * from every process.
 *
 * <p>Connection ids are kept sealed (AES-256-GCM under a key derived from the API key); Redis keys name a connection
 * by an HMAC of its id; the API key itself is never stored. Redis must keep what it is given: a Redis whose {@code
 * maxmemory-policy} is not {@code noeviction} is refused when the store opens. When Redis does not answer, every
 * method fails with {@link DeletionJobStoreException.Kind#UNAVAILABLE}, naming Redis by its URL without a password.
 *
 * <p>Joining a job puts its failed items back in line once (unconfirmed ones to be settled by reading first), as
 * resuming does. Each item is handed out with its snapshot as stored now, so a plan one process refreshed by listing
 * serves the others.
 */
public final class RedisDeletionJobStore implements DeletionJobStore {

    /**
     * How the store uses Redis.
     *
     * @param callTimeout   how long one round trip may take
     * @param lease         how long a process may hold an item without renewing before another takes it over;
     *     renewed every third of it while the process lives
     * @param maxDeliveries how many times an item may be handed out before it is set aside as failed
     */
    public record Settings(Duration callTimeout, Duration lease, int maxDeliveries) {

        /**
         * Two seconds per round trip (a cold JVM's first connection and script loads can take one), a lease of a
         * minute, five deliveries.
         */
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(2), Duration.ofMinutes(1), 5);

        /**
         * Checks the settings.
         *
         * @param callTimeout   how long one round trip may take
         * @param lease         how long an item may be held without renewal
         * @param maxDeliveries how many times an item may be handed out
         * @throws IllegalArgumentException when a duration is shorter than a millisecond (the lease than 3 ms) or
         *     {@code maxDeliveries} is not positive
         */
        public Settings {
            queueSettings(callTimeout, lease, maxDeliveries);
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

    private final RedisUrl url;
    private final ApiKey apiKey;
    private final Settings settings;
    private final Vertx vertx;
    private final Redis redis;
    private final RedisKeys keys;
    private final JobJson json;
    private final RedisOutcomes outcomes;
    /** The items this process's lines hold, by job and position: their entries leave the line with the outcome. */
    private final ConcurrentMap<DeletionJobId, ConcurrentMap<Integer, RedisOutcomes.Held>> holding =
            new ConcurrentHashMap<>();
    /** Each job's positions by connection and message, read once: a plan never gains or loses an item. */
    private final ConcurrentMap<DeletionJobId, Map<String, Integer>> positions = new ConcurrentHashMap<>();

    private RedisDeletionJobStore(RedisUrl url, ApiKey apiKey, Settings settings) {
        this.url = url;
        this.apiKey = apiKey;
        this.settings = settings;
        this.vertx = Vertx.vertx();
        this.redis = Redis.createClient(
                vertx,
                url.clientOptions(settings.callTimeout()).setMaxPoolSize(4).setMaxPoolWaiting(1024));
        this.keys = new RedisKeys(apiKey);
        this.json = new JobJson(new ConnectionIdCipher(keys));
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
     *     answer, {@link DeletionJobStoreException.Kind#MISCONFIGURED} when it may evict keys
     */
    public static RedisDeletionJobStore open(RedisUrl url, ApiKey apiKey, Settings settings) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(settings, "settings");
        RedisDeletionJobStore store = new RedisDeletionJobStore(url, apiKey, settings);
        try {
            store.await(RedisJobQueue.requireNoEviction(
                    store.send(Request.cmd(Command.INFO).arg("memory")), url));
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
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
    public void recordIntent(DeletionJobId job, ConnectionId connection, MassMessageId id, Instant at) {
        await(send(Request.cmd(Command.HSET)
                .arg(keys.jobIntents(job))
                .arg(position(job, connection, id))
                .arg(at.toString())));
    }

    @Override
    public void releaseIntent(DeletionJobId job, ConnectionId connection, MassMessageId id) {
        await(send(Request.cmd(Command.HDEL).arg(keys.jobIntents(job)).arg(position(job, connection, id))));
    }

    @Override
    public boolean recordOutcome(DeletionJobId job, ConnectionId connection, MassMessageId id, Outcome outcome) {
        int position = position(job, connection, id);
        // When a line of this process holds the item, it leaves the line in the same step as its outcome is written;
        // taken from the map, so that giving the item back then costs no second round trip.
        Optional<RedisOutcomes.Held> held =
                Optional.ofNullable(holding.get(job)).map(h -> h.remove(position));
        return await(outcomes.record(
                job,
                position,
                JobJson.outcome(outcome),
                outcome.state().isFinal(),
                outcome.archived().map(a -> json.archived(a, position)),
                outcome.at(),
                held));
    }

    @Override
    public void replaceSnapshot(DeletionJobId job, PlannedItem item) {
        int position = position(job, item.connection(), item.id());
        await(send(
                Request.cmd(Command.HSET).arg(keys.jobPlan(job)).arg(position).arg(json.item(job, position, item))));
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
    public Optional<DeletionJobState> state(DeletionJobId job) {
        Response state = await(send(Request.cmd(Command.HGET).arg(keys.job(job)).arg("state")));
        return Optional.ofNullable(state).map(r -> DeletionJobState.valueOf(r.toString()));
    }

    @Override
    public void setState(DeletionJobId job, DeletionJobState state) {
        await(send(Request.cmd(Command.HSET).arg(keys.job(job)).arg("state").arg(state.name())));
    }

    /**
     * Counts this process among those running the job, for as long as the returned membership is open; it does not
     * exclude others: on Redis, several processes run one job together.
     */
    @Override
    public JobLock lock(DeletionJobId job) {
        if (state(job).isEmpty()) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.NO_SUCH_JOB, "no job " + job + " in " + location(), null);
        }
        String member = UUID.randomUUID().toString();
        Runnable renew = () -> send(Request.cmd(Command.ZADD)
                        .arg(keys.jobMembers(job))
                        .arg(System.currentTimeMillis() + settings.lease().toMillis())
                        .arg(member))
                .onFailure(ignored -> {
                    // Renewed again shortly; a membership that lapses only makes the job look interrupted meanwhile.
                });
        renew.run();
        long timer = vertx.setPeriodic(Math.max(1, settings.lease().toMillis() / 3), t -> renew.run());
        return () -> {
            vertx.cancelTimer(timer);
            send(Request.cmd(Command.ZREM).arg(keys.jobMembers(job)).arg(member));
        };
    }

    @Override
    public boolean isLocked(DeletionJobId job) {
        Response live = await(send(Request.cmd(Command.ZCOUNT)
                .arg(keys.jobMembers(job))
                .arg(System.currentTimeMillis())
                .arg("+inf")));
        return live.toLong() > 0;
    }

    /**
     * Joins the line of {@code job}'s items as a new consumer of this process, first putting back in line, once, the
     * items whose last outcome a later run retries (failed; unconfirmed ones to be settled by reading first).
     */
    @Override
    public Optional<JobItemLine> line(DeletionJobId job) {
        requeueRetriable(job);
        RedisJobQueue queue = await(RedisJobQueue.open(vertx, url, apiKey, job, settings.forQueue()));
        return Optional.of(new Line(job, queue));
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

    private int position(DeletionJobId job, ConnectionId connection, MassMessageId id) {
        Map<String, Integer> known = positions.computeIfAbsent(job, j -> {
            Map<String, Integer> map = new HashMap<>();
            hash(keys.jobPlan(j)).forEach((key, value) -> {
                int position = Integer.parseInt(key);
                PlannedItem item = json.item(j, position, value);
                map.put(item.connection().value() + "/" + item.id().value(), position);
            });
            return map;
        });
        Integer position = known.get(connection.value() + "/" + id.value());
        if (position == null) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.NO_SUCH_JOB,
                    "job " + job + " in " + location() + " has no item for message " + id + " of that connection",
                    null);
        }
        return position;
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
        try {
            return call.toCompletionStage()
                    .toCompletableFuture()
                    .get(settings.callTimeout().toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof DeletionJobStoreException known) {
                throw known;
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

    /** One process's place in a job's line: the queue's consumer, blocking, with dead letters recorded as failures. */
    private final class Line implements JobItemLine {
        private final DeletionJobId job;
        private final RedisJobQueue queue;
        private final Map<String, RedisJobQueue.Taken> taken = new ConcurrentHashMap<>();

        Line(DeletionJobId job, RedisJobQueue queue) {
            this.job = job;
            this.queue = queue;
        }

        @Override
        public Next take(ConnectionId connection) {
            while (true) {
                RedisJobQueue.Next next = await(queue.take(connection));
                if (next instanceof RedisJobQueue.Nothing nothing) {
                    return new Nothing(nothing.held() == 0, nothing.retryIn());
                }
                if (next instanceof RedisJobQueue.DeadLettered dead) {
                    await(outcomes.record(
                            job,
                            dead.position(),
                            JobJson.outcome(new Outcome(
                                    JobItemState.FAILED,
                                    Optional.empty(),
                                    Optional.empty(),
                                    "handed out " + dead.deliveries() + " times without an outcome (each process that"
                                            + " took it stopped); set aside in the job's dead-letter stream",
                                    Instant.now(),
                                    Optional.empty())),
                            false,
                            Optional.empty(),
                            Instant.now(),
                            Optional.empty()));
                    continue;
                }
                RedisJobQueue.Taken item = ((RedisJobQueue.Item) next).taken();
                taken.put(item.entry(), item);
                holding.computeIfAbsent(job, j -> new ConcurrentHashMap<>())
                        .put(
                                item.position(),
                                new RedisOutcomes.Held(keys.jobItems(job, connection), queue.consumer(), item.entry()));
                Response stored = await(
                        send(Request.cmd(Command.HGET).arg(keys.jobPlan(job)).arg(item.position())));
                if (stored == null) {
                    throw new DeletionJobStoreException(
                            DeletionJobStoreException.Kind.IO,
                            "job " + job + " in " + location() + " has no item " + item.position()
                                    + " in its plan, yet its line handed it out",
                            null);
                }
                return new Take(
                        item.position(),
                        item.reclaimed(),
                        item.entry(),
                        json.item(job, item.position(), stored.toString()));
            }
        }

        @Override
        public void done(ConnectionId connection, Take take) {
            RedisJobQueue.Taken item = taken.remove(take.ticket());
            if (item == null) {
                return;
            }
            Map<Integer, RedisOutcomes.Held> held = holding.get(job);
            if (held == null || held.remove(item.position()) == null) {
                queue.forget(item); // its outcome's script took it out of the line already
            } else {
                await(queue.acknowledge(item)); // given back without an outcome written here
            }
        }

        @Override
        public void close() {
            queue.close();
        }
    }
}
