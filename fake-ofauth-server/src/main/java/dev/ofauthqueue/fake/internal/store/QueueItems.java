package dev.ofauthqueue.fake.internal.store;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How the fake reads and writes queue items (kept as the JSON OFAuth sends). The state rules are the ones
 * API-NOTES.md records as ours: CANCELED, FAILED, SENT, SENDING, SCHEDULED, checked in that order.
 */
public final class QueueItems {

    /** How long a message stays SENDING after its send time before it counts as SENT. */
    static final Duration SENDING_TIME = Duration.ofSeconds(60);
    /** How long after sending the generic DELETE route may still unsend a message. */
    static final Duration UNSEND_WINDOW = Duration.ofHours(1);

    /** Where an item stands at an instant. */
    public enum State {
        SCHEDULED,
        SENDING,
        SENT,
        CANCELED,
        FAILED
    }

    private static final DateTimeFormatter OFAUTH_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private QueueItems() {}

    /** OFAuth's dates: ISO-8601 with an offset ({@code +00:00}) or {@code Z}, optionally with fractions. */
    public static Instant parseDate(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static String formatDate(Instant instant) {
        return OFAUTH_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    public static Instant sendTime(JsonObject item) {
        return item.getValue("date") instanceof String s ? parseDate(s) : null;
    }

    public static State stateAt(JsonObject item, Instant now) {
        return stateAt(item, sendTime(item), now);
    }

    /** As {@link #stateAt(JsonObject, Instant)}, with the item's send time already read ({@code null}: none). */
    public static State stateAt(JsonObject item, Instant date, Instant now) {
        if (Boolean.TRUE.equals(item.getValue("isCanceled"))) {
            return State.CANCELED;
        }
        if (Boolean.TRUE.equals(item.getValue("hasError"))) {
            return State.FAILED;
        }
        if (item.getValue("sentCount") instanceof Number n && n.longValue() > 0) {
            return State.SENT;
        }
        if (date == null || now.isBefore(date)) {
            return State.SCHEDULED;
        }
        return now.isBefore(date.plus(SENDING_TIME)) ? State.SENDING : State.SENT;
    }

    /**
     * The item as OFAuth would answer it at {@code now}: a message whose send time has passed shows what sending
     * did (sent count, unsend window).
     */
    static JsonObject render(JsonObject stored, Instant now, long audienceSize) {
        JsonObject item = stored.copy();
        State state = stateAt(stored, now);
        boolean sentByClock =
                state == State.SENT && !(stored.getValue("sentCount") instanceof Number n && n.longValue() > 0);
        if (sentByClock) {
            Instant sentAt = sendTime(stored).plus(SENDING_TIME);
            long unsendLeft = Math.max(
                    0, Duration.between(now, sentAt.plus(UNSEND_WINDOW)).toSeconds());
            item.put("sentCount", audienceSize)
                    .put("canUnsend", unsendLeft > 0)
                    .put("unsendSeconds", unsendLeft)
                    .put("canUnsendQueue", false)
                    .put("unsendSecondsQueue", 0)
                    .put("cancelSeconds", 0)
                    .put("isNew", false);
        } else if (state == State.SENDING) {
            item.put("canUnsendQueue", false).put("unsendSecondsQueue", 0).put("cancelSeconds", 0);
        }
        return item;
    }

    /** Whether the generic DELETE may still unsend this SENT item. */
    static boolean canUnsend(JsonObject stored, Instant now, long audienceSize) {
        JsonObject rendered = render(stored, now, audienceSize);
        return Boolean.TRUE.equals(rendered.getValue("canUnsend"));
    }

    /** The item as the DELETE answer shows it: canceled, no longer unsendable. */
    static JsonObject canceled(JsonObject rendered, Instant now) {
        return rendered.copy()
                .put("isCanceled", true)
                .put("canUnsend", false)
                .put("unsendSeconds", 0)
                .put("canUnsendQueue", false)
                .put("unsendSecondsQueue", 0)
                .put("changedAt", formatDate(now));
    }

    /** Moves an item's own dates by {@code shift} (used when the clock starts elsewhere than the recording). */
    static JsonObject shifted(JsonObject item, Duration shift) {
        if (shift.isZero()) {
            return item.copy();
        }
        JsonObject copy = item.copy();
        for (String field : new String[] {"date", "createdAt", "changedAt"}) {
            if (copy.getValue(field) instanceof String s && parseDate(s) != null) {
                copy.put(field, formatDate(parseDate(s).plus(shift)));
            }
        }
        return copy;
    }
}
