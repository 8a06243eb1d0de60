package dev.ofauthqueue.cli;

import dev.ofauthqueue.adapter.redis.RedisUrl;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --redis}: the Redis that shares the rate budget (and, for commands with a job store, keeps the jobs). */
final class RedisOption {

    @Option(
            names = "--redis",
            paramLabel = "URL",
            description = "Share each connection's rate budget, and keep deletion jobs, with every process of this API"
                    + " key on the Redis at URL (default: $OFAUTH_REDIS_URL; none: this process alone, jobs in"
                    + " --job-dir). Not with --job-dir.")
    String redis;

    /** {@code --redis} or {@code OFAUTH_REDIS_URL}, checked; a password typed on the command line is warned about. */
    Optional<RedisUrl> redisUrl(Terminal t) {
        String value = redis != null ? redis : t.env().get("OFAUTH_REDIS_URL");
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            // As '--redis "$UNSET"' gives: never taken to mean "this process alone", outside the shared budget.
            throw new UsageError(
                    redis != null
                            ? "--redis is empty: leave it out to keep jobs in --job-dir, or give the URL"
                            : "OFAUTH_REDIS_URL is set but empty: unset it to keep jobs in --job-dir, or give the URL");
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
}
