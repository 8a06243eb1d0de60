package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.adapter.vertx.ServerAddress;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Redis is: {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS. The password is
 * part of the URL but never of {@link #toString()}, of an exception's message or of a log line: those show
 * {@code ****} in its place.
 */
public final class RedisUrl {

    private final String value;
    private final String host;
    private final int port;
    private final Optional<String> password;

    private RedisUrl(String value, String host, int port, Optional<String> password) {
        this.value = value;
        this.host = host;
        this.port = port;
        this.password = password;
    }

    /**
     * Reads a Redis URL.
     *
     * @param value for example {@code redis://127.0.0.1:6379} or {@code redis://:s3cret@redis.internal:6379/2}
     * @return the URL
     * @throws IllegalArgumentException saying what is wrong, without echoing a password
     */
    public static RedisUrl parse(String value) {
        Objects.requireNonNull(value, "redis URL");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the Redis URL is empty; write for example redis://127.0.0.1:6379");
        }
        if (!trimmed.equals(value)) {
            throw new IllegalArgumentException("the Redis URL starts or ends with whitespace");
        }
        if (!value.contains("://")) {
            throw new IllegalArgumentException("the Redis URL has no scheme: write redis://" + masked(value));
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "the Redis URL is not a URL (" + e.getReason() + "); write for example redis://127.0.0.1:6379");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "the Redis URL must start with redis:// or rediss://, was " + uri.getScheme() + "://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the Redis URL has no host: " + masked(value));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the Redis URL must not have a query or fragment: " + masked(value));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.isEmpty() && !path.equals("/") && !path.matches("/\\d{1,2}")) {
            throw new IllegalArgumentException(
                    "the Redis URL's path must be a database number such as /0, was " + path);
        }
        ServerAddress.problem(uri).ifPresent(problem -> {
            throw new IllegalArgumentException("the Redis URL's " + problem + ": " + masked(value));
        });
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        Optional<String> password = Optional.ofNullable(uri.getRawUserInfo())
                .map(info -> info.contains(":") ? info.substring(info.indexOf(':') + 1) : info)
                .filter(p -> !p.isEmpty());
        return new RedisUrl(value, uri.getHost(), port, password);
    }

    /**
     * The host.
     *
     * @return the host name or address
     */
    public String host() {
        return host;
    }

    /**
     * The port (6379 when the URL names none).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /** The whole URL, password included, for the Redis client only. */
    String connectionString() {
        return value;
    }

    /**
     * What every Redis client of this module starts from: this URL, a connect timeout of {@code timeout}, and RESP2
     * (scripts' and streams' replies are read as RESP2 arrays).
     */
    RedisOptions clientOptions(Duration timeout) {
        return new RedisOptions()
                .setConnectionString(value)
                .setNetClientOptions(
                        new NetClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())))
                .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    }

    /**
     * Removes this URL's password from a text that might quote it (an error from a library, say).
     *
     * @param text any text
     * @return the text with every occurrence of the password replaced by {@code ****}
     */
    String scrub(String text) {
        return password.map(p -> text.replace(p, "****")).orElse(text);
    }

    /**
     * What went wrong, for a log line or an error: the root cause's type and message, without this URL's password.
     *
     * @param failure any failure
     * @return {@code Type: message}, scrubbed
     */
    String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return scrub(root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message));
    }

    /** The URL with its password shown as {@code ****}. */
    @Override
    public String toString() {
        return masked(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisUrl other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@code scheme://user:****@host…}: whatever sits between the scheme and the last {@code @} is masked after its colon. */
    private static String masked(String url) {
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (start < 0 || at < start) {
            return url;
        }
        String info = url.substring(start + 3, at);
        String user = info.contains(":") ? info.substring(0, info.indexOf(':')) : "";
        return url.substring(0, start + 3) + user + ":****" + url.substring(at);
    }
}
