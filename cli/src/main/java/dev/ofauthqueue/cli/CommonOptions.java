package dev.ofauthqueue.cli;

import dev.ofauthqueue.adapter.redis.RedisDeletionJobStore;
import dev.ofauthqueue.adapter.redis.RedisRateBudget;
import dev.ofauthqueue.adapter.redis.RedisUrl;
import dev.ofauthqueue.adapter.sqlite.SqliteDeletionJobStore;
import dev.ofauthqueue.adapter.vertx.ApiKey;
import dev.ofauthqueue.adapter.vertx.ClientRateLimit;
import dev.ofauthqueue.adapter.vertx.OfAuthClientOptions;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionPolicy;
import dev.ofauthqueue.library.OfAuthQueue;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that talks to OFAuth takes. */
final class CommonOptions {

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "Where OFAuth is (default: $OFAUTH_BASE_URL, else https://api.ofauth.com).")
    String baseUrl;

    @Option(
            names = "--api-key",
            paramLabel = "KEY",
            description = "The API key. Prefer $OFAUTH_API_KEY: a key typed here lands in your shell history.")
    String apiKey;

    @Option(
            names = "--connection",
            paramLabel = "ID",
            description = "A connection (conn_...) to act for; repeat it for several (default: $OFAUTH_CONNECTION_ID).")
    List<String> connections = new ArrayList<>();

    @Option(
            names = "--rate-limit",
            paramLabel = "PER_MINUTE:BURST",
            description = "The client's budget per connection, or 'off' (default: 60:90, OFAuth's).")
    String rateLimit;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "DELETEs in flight at once across connections (default: max(4, 2 x connections)).")
    Integer concurrency;

    @Option(
            names = "--job-dir",
            paramLabel = "DIR",
            description = "Where deletion jobs are kept (default: ~/.ofauth-queue; the file jobs.db in it).")
    Path jobDir;

    @Option(
            names = "--redis",
            paramLabel = "URL",
            description = "Share each connection's rate budget, and keep deletion jobs, with every process of this API"
                    + " key on the Redis at URL (default: $OFAUTH_REDIS_URL; none: this process alone, jobs in"
                    + " --job-dir). Not with --job-dir.")
    String redis;

    @Option(
            names = "--redis-connect-timeout",
            paramLabel = "DURATION",
            converter = Durations.class,
            description = "How long to wait for the first connection to the Redis of --redis before failing with exit"
                    + " 4 (default: 10s; a cold start may take seconds).")
    Duration redisConnectTimeout;

    @Option(
            names = "--lease",
            paramLabel = "DURATION",
            converter = Durations.class,
            description = "With --redis: how long an item of a job stays this process's without renewal; a process"
                    + " that stops for longer loses it to the others and sends nothing more for it (default: 60s,"
                    + " at least 1s).")
    Duration lease;

    @Option(
            names = "--allow-volatile-redis",
            description = "Keep jobs on a Redis that does not write them to disk (appendonly no): a restart of it"
                    + " forgets what was deleted. Refused without this flag.")
    boolean allowVolatileRedis;

    @Option(names = "--json", description = "Standard output carries only JSON lines, each with a \"type\".")
    boolean json;

    @Option(names = "--debug", description = "Show stack traces and the client's request log.")
    boolean debug;

    /** The connections named, or {@code OFAUTH_CONNECTION_ID}; at least one. */
    List<ConnectionId> connections(Terminal t) {
        List<String> raw = new ArrayList<>(connections);
        if (raw.isEmpty()) {
            String fromEnv = t.env().get("OFAUTH_CONNECTION_ID");
            if (fromEnv == null || fromEnv.isBlank()) {
                throw new UsageError("no connection: pass --connection conn_... or set OFAUTH_CONNECTION_ID");
            }
            raw.add(fromEnv.strip());
        }
        List<ConnectionId> out = new ArrayList<>();
        for (String c : raw) {
            Optional<String> problem = ConnectionId.problemWith(c);
            if (problem.isPresent()) {
                throw new UsageError("--connection: the connection id " + problem.get());
            }
            ConnectionId id = ConnectionId.of(c);
            if (out.contains(id)) {
                throw new UsageError("--connection: the same connection is named twice");
            }
            out.add(id);
        }
        return out;
    }

    OfAuthClientOptions clientOptions(Terminal t, Optional<String> storedBaseUrl, Optional<String> storedRateLimit) {
        OfAuthClientOptions.Builder b = OfAuthClientOptions.builder(apiKey(t));
        String base = baseUrl != null ? baseUrl : storedBaseUrl.orElse(t.env().get("OFAUTH_BASE_URL"));
        if (base != null && !base.isBlank()) {
            try {
                b.baseUrl(base.strip());
            } catch (IllegalArgumentException e) {
                throw new UsageError((baseUrl != null ? "--base-url: " : "") + e.getMessage());
            }
        }
        String limit = rateLimit != null ? rateLimit : storedRateLimit.orElse(null);
        if (limit != null) {
            Optional<ClientRateLimit> parsed = parseRateLimit(limit);
            if (parsed.isPresent()) {
                b.rateLimit(parsed.get());
            } else {
                b.rateLimitOff();
            }
        }
        redisUrl(t).ifPresent(url -> b.rateBudget(RedisRateBudget.factory(url)));
        return b.deadline(Duration.ofMinutes(2)).build();
    }

    /** {@code --api-key} (warned about) or {@code OFAUTH_API_KEY}, checked. */
    ApiKey apiKey(Terminal t) {
        String key = apiKey;
        if (key != null) {
            t.err()
                    .println(
                            "ofauth-queue: warning: --api-key puts the key in your shell history; prefer OFAUTH_API_KEY");
        } else {
            key = t.env().get("OFAUTH_API_KEY");
        }
        if (key == null || key.isBlank()) {
            throw new UsageError("no API key: set OFAUTH_API_KEY (for the fake: export OFAUTH_API_KEY=demo-api-key)");
        }
        try {
            return new ApiKey(key.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** {@code --redis} or {@code OFAUTH_REDIS_URL}, checked; a password typed on the command line is warned about. */
    Optional<RedisUrl> redisUrl(Terminal t) {
        String value = redis != null ? redis : t.env().get("OFAUTH_REDIS_URL");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        RedisUrl url;
        try {
            url = RedisUrl.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageError((redis != null ? "--redis: " : "OFAUTH_REDIS_URL: ") + e.getMessage());
        }
        if (redis != null && url.toString().contains(":****@")) {
            t.err()
                    .println("ofauth-queue: warning: --redis puts the Redis password in your shell history; prefer"
                            + " OFAUTH_REDIS_URL");
        }
        return Optional.of(url);
    }

    /** {@code PER_MINUTE:BURST} or {@code off}; also reads a job's written form {@code 60/min burst 90}. */
    static Optional<ClientRateLimit> parseRateLimit(String text) {
        String t = text.strip();
        if (t.equals("off") || t.equals("unlimited")) {
            return Optional.empty();
        }
        String[] parts = t.contains("/min burst ") ? t.split("/min burst ", -1) : t.split(":", -1);
        try {
            if (parts.length == 2) {
                return Optional.of(new ClientRateLimit(wholeNumber(parts[0]), wholeNumber(parts[1])));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError("--rate-limit: " + e.getMessage() + "; write PER_MINUTE:BURST such as 60:90, or off");
        }
        throw new UsageError("--rate-limit: '" + text + "' is not PER_MINUTE:BURST (such as 60:90) or off");
    }

    /** {@code text} as an int, or an IllegalArgumentException in our words (never "For input string"). */
    static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a whole number", e);
        }
    }

    Path jobStore(Terminal t) {
        Path dir = jobDir != null
                ? jobDir
                : Path.of(t.env().getOrDefault("HOME", System.getProperty("user.home")), ".ofauth-queue");
        if (Files.notExists(dir)) {
            if (jobDir != null && (dir.getParent() == null || !Files.isDirectory(dir.getParent()))) {
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

    OfAuthQueue open(
            Terminal t,
            DeletionPolicy policy,
            Duration maxPlanAge,
            Optional<String> storedBaseUrl,
            Optional<String> storedRateLimit) {
        OfAuthQueue.Builder b = OfAuthQueue.builder(clientOptions(t, storedBaseUrl, storedRateLimit))
                .listener(attempt -> t.sent().set(true))
                .clock(t.clock())
                .policy(policy)
                .maxPlanAge(maxPlanAge);
        Optional<RedisUrl> redisUrl = jobsOnRedis(t);
        if (redisUrl.isPresent()) {
            ApiKey key = apiKey(t);
            RedisDeletionJobStore.Settings settings = redisSettings();
            b.jobStoreOpenedBy(() -> RedisDeletionJobStore.open(redisUrl.get(), key, settings));
        } else {
            refuseRedisOnlyFlags();
            b.jobStore(jobStore(t));
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

    private void refuseRedisOnlyFlags() {
        if (lease != null || redisConnectTimeout != null || allowVolatileRedis) {
            throw new UsageError(
                    "--lease, --redis-connect-timeout and --allow-volatile-redis apply to jobs kept on Redis (--redis)");
        }
    }

    /** The Redis job store's settings from {@code --lease}, {@code --redis-connect-timeout}, {@code --allow-volatile-redis}. */
    private RedisDeletionJobStore.Settings redisSettings() {
        RedisDeletionJobStore.Settings settings = RedisDeletionJobStore.Settings.DEFAULT;
        try {
            if (lease != null) {
                settings = settings.withLease(lease);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError("--lease: " + e.getMessage());
        }
        try {
            if (redisConnectTimeout != null) {
                settings = settings.withConnectTimeout(redisConnectTimeout);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError("--redis-connect-timeout: " + e.getMessage());
        }
        return allowVolatileRedis ? settings.allowingVolatileRedis() : settings;
    }

    /** Where jobs are kept, for people: {@code Redis at redis://…} or the SQLite file. */
    String jobStoreLocation(Terminal t) {
        return jobsOnRedis(t)
                .map(u -> "Redis at " + u)
                .orElseGet(() -> jobStore(t).toString());
    }

    /** The Redis that keeps jobs, if any; naming both it and {@code --job-dir} is a usage error. */
    private Optional<RedisUrl> jobsOnRedis(Terminal t) {
        Optional<RedisUrl> url = redisUrl(t);
        if (url.isPresent() && jobDir != null) {
            throw new UsageError((redis != null ? "--redis" : "OFAUTH_REDIS_URL")
                    + " keeps deletion jobs on Redis, and --job-dir names a local store: give one or the other");
        }
        return url;
    }

    /** The job's concurrency bound, checked. */
    Optional<Integer> jobConcurrency() {
        if (concurrency != null && (concurrency < 1 || concurrency > 256)) {
            throw new UsageError("--concurrency must be 1 to 256, was " + concurrency);
        }
        return Optional.ofNullable(concurrency);
    }
}
