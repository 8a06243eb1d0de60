package dev.ofauthqueue.cli;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisRateBudget;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.adapter.sqlite.SqliteDeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a command's option groups add up to: the client, the library and the job store they describe. Each command
 * declares only the groups it uses (so its help lists only options that do something there); a group it lacks counts
 * as given no flag, and a command without {@link StoreOptions} opens no job store.
 */
final class CommonOptions {

    private final KeyOption key;
    private final TargetOptions target;
    private final RedisOption redis;
    private final @Nullable StoreOptions store;
    final boolean json;

    private CommonOptions(
            KeyOption key,
            @Nullable TargetOptions target,
            @Nullable RedisOption redis,
            @Nullable StoreOptions store,
            OutputOptions output) {
        this.key = key;
        this.target = target == null ? new TargetOptions() : target;
        this.redis = redis == null ? new RedisOption() : redis;
        this.store = store;
        this.json = output.json;
    }

    /** A command that reads OFAuth and keeps no job: {@code list}, {@code plan}. */
    static CommonOptions forQueue(QueueOptions q) {
        return new CommonOptions(q.key, q.target, q.redis, null, q.output);
    }

    /** A command that runs a new job: {@code delete}. */
    static CommonOptions forJob(QueueOptions q, StoreOptions store) {
        return new CommonOptions(q.key, q.target, q.redis, store, q.output);
    }

    /** A command about a job kept already, which knows its own target: {@code jobs ...}. */
    static CommonOptions forStoredJob(StoredJobOptions j) {
        return new CommonOptions(j.key, null, j.redis, j.store, j.output);
    }

    /** The connections named, or {@code OFAUTH_CONNECTION_ID}; at least one. */
    List<ConnectionId> connections(Terminal t) {
        return target.connections(t);
    }

    /** Whether {@code --connection} was given. */
    boolean namedConnections() {
        return !target.connections.isEmpty();
    }

    ApiKey apiKey(Terminal t) {
        return key.apiKey(t);
    }

    OfAuthClientOptions clientOptions(Terminal t, Optional<String> storedBaseUrl, Optional<String> storedRateLimit) {
        OfAuthClientOptions.Builder b = OfAuthClientOptions.builder(apiKey(t));
        if (target.baseUrl != null && target.baseUrl.isBlank()) {
            // As '--base-url "$UNSET"' gives: never taken to mean OFAuth's production address.
            throw new UsageError("--base-url is empty: leave it out for " + OfAuthClientOptions.DEFAULT_BASE_URL
                    + ", or give the URL");
        }
        String base = target.baseUrl != null
                ? target.baseUrl
                : storedBaseUrl.or(() -> OfAuthClientOptions.baseUrlIn(t.env())).orElse(null);
        if (base != null) {
            try {
                b.baseUrl(base.strip());
            } catch (IllegalArgumentException e) {
                throw new UsageError((target.baseUrl != null ? "--base-url: " : "") + e.getMessage());
            }
        }
        String limit = target.rateLimit != null ? target.rateLimit : storedRateLimit.orElse(null);
        if (limit != null) {
            Optional<ClientRateLimit> parsed = TargetOptions.parseRateLimit(limit);
            if (parsed.isPresent()) {
                b.rateLimit(parsed.get());
            } else {
                b.rateLimitOff();
            }
        }
        redis.redisUrl(t).ifPresent(url -> b.rateBudget(RedisRateBudget.factory(url)));
        return b.deadline(Duration.ofMinutes(2)).build();
    }

    Path jobStore(Terminal t) {
        StoreOptions s = store();
        Path dir = s.jobDir != null
                ? s.jobDir
                : Path.of(t.env().getOrDefault("HOME", System.getProperty("user.home")), ".ofauth-queue");
        if (Files.notExists(dir)) {
            if (s.jobDir != null && (dir.getParent() == null || !Files.isDirectory(dir.getParent()))) {
                throw new UsageError("--job-dir: " + dir + " does not exist, nor does its parent; create it first");
            }
            try {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (IOException | UnsupportedOperationException e) {
                throw new UsageError("--job-dir: " + dir + " cannot be created: " + e.getMessage());
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageError("--job-dir: " + dir + " is not a directory");
        }
        return dir.resolve("jobs.db");
    }

    /**
     * The library: the client with the terminal's clock, and the job store when the command keeps jobs (opened on
     * first use of {@code jobs()}).
     */
    OfAuthQueue open(
            Terminal t,
            DeletionPolicy policy,
            Duration maxPlanAge,
            Optional<String> storedBaseUrl,
            Optional<String> storedRateLimit) {
        OfAuthQueue.Builder b = OfAuthQueue.builder(clientOptions(t, storedBaseUrl, storedRateLimit))
                .listener(attempt -> {
                    t.sent().set(true);
                    t.figures().add(attempt);
                })
                .clock(t.clock())
                .policy(policy)
                .maxPlanAge(maxPlanAge);
        if (store != null) {
            Optional<RedisUrl> redisUrl = jobsOnRedis(t);
            if (redisUrl.isPresent()) {
                ApiKey apiKey = apiKey(t);
                RedisDeletionJobStore.Settings settings = redisSettings();
                b.jobStoreOpenedBy(() -> RedisDeletionJobStore.open(redisUrl.get(), apiKey, settings));
            } else {
                refuseRedisOnlyFlags();
                b.jobStore(jobStore(t));
            }
        }
        return b.build();
    }

    /** Where deletion jobs are kept: on Redis with {@code --redis} (or its variable), else the SQLite file. */
    DeletionJobStore openJobStore(Terminal t) {
        Optional<RedisUrl> redisUrl = jobsOnRedis(t);
        if (redisUrl.isPresent()) {
            return RedisDeletionJobStore.open(redisUrl.get(), apiKey(t), redisSettings());
        }
        refuseRedisOnlyFlags();
        return SqliteDeletionJobStore.open(jobStore(t));
    }

    private StoreOptions store() {
        if (store == null) {
            throw new IllegalStateException("this command keeps no job store");
        }
        return store;
    }

    private void refuseRedisOnlyFlags() {
        StoreOptions s = store();
        if (s.lease != null || s.redisConnectTimeout != null || s.allowVolatileRedis) {
            throw new UsageError(
                    "--lease, --redis-connect-timeout and --allow-volatile-redis apply to jobs kept on Redis (--redis)");
        }
    }

    /** The Redis job store's settings from {@code --lease}, {@code --redis-connect-timeout}, {@code --allow-volatile-redis}. */
    private RedisDeletionJobStore.Settings redisSettings() {
        StoreOptions s = store();
        RedisDeletionJobStore.Settings settings = RedisDeletionJobStore.Settings.DEFAULT;
        try {
            if (s.lease != null) {
                settings = settings.withLease(s.lease);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError("--lease: " + e.getMessage());
        }
        try {
            if (s.redisConnectTimeout != null) {
                settings = settings.withConnectTimeout(s.redisConnectTimeout);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError("--redis-connect-timeout: " + e.getMessage());
        }
        return s.allowVolatileRedis ? settings.allowingVolatileRedis() : settings;
    }

    /** Where jobs are kept, for people: {@code Redis at redis://…} or the SQLite file. */
    String jobStoreLocation(Terminal t) {
        return jobsOnRedis(t)
                .map(u -> "Redis at " + u)
                .orElseGet(() -> jobStore(t).toString());
    }

    /** The Redis that keeps jobs, if any; naming both it and {@code --job-dir} is a usage error. */
    private Optional<RedisUrl> jobsOnRedis(Terminal t) {
        Optional<RedisUrl> url = redis.redisUrl(t);
        if (url.isPresent() && store().jobDir != null) {
            throw new UsageError((redis.redis != null ? "--redis" : "OFAUTH_REDIS_URL")
                    + " keeps deletion jobs on Redis, and --job-dir names a local store: give one or the other");
        }
        return url;
    }
}
