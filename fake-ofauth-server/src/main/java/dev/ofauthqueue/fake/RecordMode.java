package dev.ofauthqueue.fake;

import java.net.URI;
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
     * @throws IllegalArgumentException when {@code from} is not an http(s) URL with a host
     */
    public RecordMode {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        maskFields = Set.copyOf(maskFields);
        if (!("http".equals(from.getScheme()) || "https".equals(from.getScheme())) || from.getHost() == null) {
            throw new IllegalArgumentException("--record-from must be an http(s) URL, was " + from);
        }
    }
}
