package dev.ofauthqueue.adapter.vertx;

import org.jspecify.annotations.Nullable;

/**
 * The names a server chooses (its error {@code type}, its request id) reduced to what exceptions, logs, metrics and
 * traces can carry safely: at most a fixed length, only {@code A-Z a-z 0-9 _ . : -}, anything else replaced by
 * {@code _}. A hostile or broken server cannot put a control character, markup or an endless string into them.
 */
final class ServerTokens {

    /** The longest error type kept; OFAuth's are short upper-case words such as {@code RATE_LIMIT_EXCEEDED}. */
    static final int MAX_TYPE = 64;

    /** The longest request id kept; OFAuth's are {@code req_} and a few dozen characters. */
    static final int MAX_REQUEST_ID = 128;

    private ServerTokens() {}

    /** {@code raw} as a token of at most {@code max} characters, or null when it is absent or blank. */
    static @Nullable String token(@Nullable String raw, int max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        int length = Math.min(raw.length(), max);
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            token.append(allowed(c) ? c : '_');
        }
        return token.toString();
    }

    private static boolean allowed(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '.'
                || c == ':'
                || c == '-';
    }
}
