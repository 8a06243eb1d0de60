package dev.ofauthqueue.fake;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

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
     * What a masked field's name may be. OFAuth's names are camelCase; a name outside this (a comma, a space, a
     * control character, nothing at all) is an operator's slip that would silently mask nothing.
     */
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_.$-]{1,128}");

    /**
     * Checks the source URL and copies the field names.
     *
     * @param from       the real OFAuth (or any) base URL
     * @param to         the recordings directory to write (created if missing)
     * @param maskFields JSON field names whose values are replaced by {@code "***"} wherever they appear
     * @throws NullPointerException when a component is {@code null}
     * @throws IllegalArgumentException when {@code from} is not an http(s) URL with a host, or carries a user, a query
     *     or a fragment (each request's path and query are appended to it; a password would show in errors), or a
     *     port out of 1 to 65535; when {@code to} exists and is not a directory (every recording would be lost); or
     *     when a field name is not 1 to 128 letters, digits, {@code _}, {@code -}, {@code .} or {@code $}
     *     ({@code "name,text"} would mask neither field)
     */
    public RecordMode {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        maskFields = Set.copyOf(maskFields);
        for (String field : maskFields) {
            if (!FIELD_NAME.matcher(field).matches()) {
                throw new IllegalArgumentException("--mask-field takes one JSON field name of 1 to 128 letters, digits,"
                        + " _ - . or $, such as text: repeat --mask-field for each field to mask");
            }
        }
        if (!("http".equals(from.getScheme()) || "https".equals(from.getScheme())) || from.getHost() == null) {
            throw new IllegalArgumentException("--record-from must be an http(s) URL, was " + from);
        }
        if (from.getPort() == 0 || from.getPort() > 65_535) {
            throw new IllegalArgumentException("--record-from's port must be from 1 to 65535, was " + from.getPort());
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
