package dev.ofauthqueue.fake;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Record mode: the fake proxies every {@code /v2/access} request to {@code from} and writes what it saw into
 * {@code to} in the recordings format, with API keys and connection ids replaced by stable pseudonyms and the
 * {@code maskFields} JSON fields masked.
 *
 * @param from       the real OFAuth (or any) base URL
 * @param to         the recordings directory to write (created if missing)
 * @param maskFields JSON field names whose values are replaced by {@code "***"} wherever they appear
 */
public record RecordMode(URI from, Path to, Set<String> maskFields) {
    /**
     * Checks the source URL and copies the field names.
     *
     * @param from       the real OFAuth (or any) base URL
     * @param to         the recordings directory to write (created if missing)
     * @param maskFields JSON field names whose values are replaced by {@code "***"} wherever they appear
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when {@code from} is not an http(s) URL with a host, or carries a user, a query
     *     or a fragment (each request's path and query are appended to it; a password would show in errors), or
     *     when {@code to} exists and is not a directory (every recording would be lost)
     */
    public RecordMode {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        maskFields = Set.copyOf(maskFields);
        if (!("http".equals(from.getScheme()) || "https".equals(from.getScheme())) || from.getHost() == null) {
            throw new IllegalArgumentException("--record-from must be an http(s) URL, was " + from);
        }
        if (from.getRawUserInfo() != null || from.getRawQuery() != null || from.getRawFragment() != null) {
            throw new IllegalArgumentException("--record-from takes a base URL without a user, query or fragment, such"
                    + " as https://api.ofauth.com");
        }
        if (Files.exists(to) && !Files.isDirectory(to)) {
            throw new IllegalArgumentException("--record-to " + to + " is not a directory");
        }
    }
}
