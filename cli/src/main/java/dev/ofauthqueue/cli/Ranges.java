package dev.ofauthqueue.cli;

import dev.ofauthqueue.domain.Money;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** {@code FROM..TO} ranges of instants and prices. */
final class Ranges {

    private Ranges() {}

    record Span<T>(T from, T to) {}

    static Span<Instant> instants(String text, ZoneId zone) {
        String[] parts =
                split(text, "--send-between", "2026-12-01..2026-12-08 or 2026-12-01T09:00Z..2026-12-01T18:00Z");
        Instant from = instant(parts[0], zone, false);
        Instant to = instant(parts[1], zone, true);
        if (to.isBefore(from)) {
            throw new UsageError("--send-between: " + parts[1] + " is before " + parts[0]);
        }
        return new Span<>(from, to);
    }

    static Span<Money> prices(String text) {
        String[] parts = split(text, "--price-between", "1..9.99");
        try {
            Money from = Money.parse(parts[0]);
            Money to = Money.parse(parts[1]);
            if (to.compareTo(from) < 0) {
                throw new UsageError("--price-between: " + parts[1] + " is below " + parts[0]);
            }
            return new Span<>(from, to);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--price-between: " + e.getMessage());
        }
    }

    private static String[] split(String text, String flag, String example) {
        String[] parts = text.split("\\.\\.", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new UsageError(flag + " takes FROM..TO, for example " + example + "; was '" + text + "'");
        }
        return new String[] {parts[0].strip(), parts[1].strip()};
    }

    /** An instant, or a date (its start, or for the end of a range the start of the next day) in {@code zone}. */
    static Instant instant(String text, ZoneId zone, boolean endOfRange) {
        return instant(text, zone, endOfRange, "--send-between");
    }

    /** As {@link #instant(String, ZoneId, boolean)}, refusing bad text in the words of {@code flag}. */
    static Instant instant(String text, ZoneId zone, boolean endOfRange, String flag) {
        try {
            return parsed(text, zone, endOfRange, flag);
        } catch (DateTimeException e) {
            // parsed() words every text it cannot read; what is left is a date Java can read but not carry into an
            // instant: the day after the last, a time before the first.
            throw new UsageError(flag + ": '" + text + "' is out of range; write a date such as 2026-12-01");
        }
    }

    private static Instant parsed(String text, ZoneId zone, boolean endOfRange, String flag) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(text).atZone(zone).toInstant();
                } catch (DateTimeParseException notLocal) {
                    try {
                        LocalDate day = LocalDate.parse(text);
                        return (endOfRange ? day.plusDays(1) : day)
                                .atStartOfDay(zone)
                                .toInstant();
                    } catch (DateTimeParseException notDate) {
                        throw new UsageError(flag + ": '" + text + "' is not a date or time; write"
                                + " 2026-12-01, 2026-12-01T09:00 (local), or 2026-12-01T09:00Z");
                    }
                }
            }
        }
    }
}
