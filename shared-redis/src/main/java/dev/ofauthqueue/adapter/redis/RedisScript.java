package dev.ofauthqueue.adapter.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A Lua script run by {@code EVALSHA}. When Redis answers {@code NOSCRIPT} (it restarted, or someone ran
 * {@code SCRIPT FLUSH}) the script is loaded and run once more; any other failure is handed back as it is, never
 * retried: the script may have run, so only the caller can tell what a second run would mean.
 */
final class RedisScript {

    private final String name;
    private final String text;
    private final String sha1;

    RedisScript(String name, String text) {
        this.name = name;
        this.text = text;
        this.sha1 = sha1(text);
    }

    /**
     * Whether a failed call was answered by Redis with an error ({@code ERR}, {@code WRONGTYPE}, …), rather than lost
     * on the way: the client reports a broken connection as an error reply too ({@code CONNECTION_CLOSED}), and that
     * one means Redis is away, not that it refused.
     */
    static boolean answeredWithAnError(Throwable failure) {
        return failure instanceof Response
                && !String.valueOf(failure.getMessage()).startsWith("CONNECTION_CLOSED");
    }

    /**
     * Whether Redis answered that a job's stream or its consumer group does not exist: the job's state vanished
     * (flushed, or a restart without its data), as a job that still runs never removes its own streams.
     */
    static boolean answeredThatTheLineVanished(Throwable failure) {
        return answeredWithAnError(failure)
                && String.valueOf(failure.getMessage()).startsWith("NOGROUP");
    }

    /** The script in this package's resource {@code name.lua}. */
    static RedisScript fromResource(String name) {
        try (InputStream in = RedisScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException(name + ".lua is missing from the shared-redis jar");
            }
            return new RedisScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the script over {@code keys} with {@code args}.
     *
     * @param timeout how long each round trip may take; past it the call fails, its outcome unknown
     */
    Future<Response> run(Redis redis, Duration timeout, List<String> keys, List<Object> args) {
        return run(redis::send, timeout, keys, args);
    }

    /**
     * Runs the script through {@code send} (a pooled client's or one connection's) over {@code keys} with {@code args}.
     *
     * @param timeout how long each round trip may take; past it the call fails, its outcome unknown
     */
    Future<Response> run(
            Function<Request, Future<Response>> send, Duration timeout, List<String> keys, List<Object> args) {
        return evalsha(send, timeout, keys, args).recover(failure -> {
            if (failure instanceof Response
                    && String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")) {
                return send.apply(Request.cmd(Command.SCRIPT).arg("LOAD").arg(text))
                        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .compose(loaded -> evalsha(send, timeout, keys, args));
            }
            return Future.failedFuture(failure);
        });
    }

    private Future<Response> evalsha(
            Function<Request, Future<Response>> send, Duration timeout, List<String> keys, List<Object> args) {
        Request request = Request.cmd(Command.EVALSHA).arg(sha1).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(a -> request.arg(a.toString()));
        return send.apply(request).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return name + "@" + sha1.substring(0, 8);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
