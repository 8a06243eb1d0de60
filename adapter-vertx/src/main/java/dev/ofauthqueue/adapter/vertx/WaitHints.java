package dev.ofauthqueue.adapter.vertx;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How long the server asks us to wait, read from its headers: a pure function of the header values and now. */
final class WaitHints {

    private WaitHints() {}

    /**
     * {@code Retry-After} (seconds, or an HTTP date), else, on a 429, {@code X-RateLimit-Reset} (epoch seconds when the
     * bucket is full again). Unreadable values are no hint; a time already past is a wait of zero.
     */
    static Optional<Duration> read(
            int status, @Nullable String retryAfter, @Nullable String rateLimitReset, Instant now) {
        if (retryAfter != null) {
            Optional<Duration> hint = retryAfter(retryAfter.trim(), now);
            if (hint.isPresent()) {
                return hint;
            }
        }
        if (rateLimitReset != null && status == 429) {
            try {
                return Optional.of(until(Instant.ofEpochSecond(Long.parseLong(rateLimitReset.trim())), now));
            } catch (NumberFormatException | DateTimeException unreadable) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Duration> retryAfter(String value, Instant now) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                return Optional.of(until(
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant(),
                        now));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration until(Instant at, Instant now) {
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    }
}
