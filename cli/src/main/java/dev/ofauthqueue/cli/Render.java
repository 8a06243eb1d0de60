package dev.ofauthqueue.cli;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.JobItemState;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import dev.ofauthqueue.ports.in.DeletionJobStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How messages and connections are shown: tables for people, fields for JSON lines. */
final class Render {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Render() {}

    /**
     * A job's state as output shows it: a job that ended with items FAILED or UNCONFIRMED is {@code PARTIAL}, never
     * a plain {@code COMPLETED}; every other state as stored.
     */
    static String state(DeletionJobStatus s) {
        boolean failures = s.count(JobItemState.FAILED) + s.count(JobItemState.UNCONFIRMED) > 0;
        return s.state() == DeletionJobState.COMPLETED && failures
                ? "PARTIAL"
                : s.state().name();
    }

    /** A connection as output shows it: masked, with its place on the command line. */
    static String connection(ConnectionId c, int index) {
        return c + " #" + (index + 1);
    }

    static String local(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    static String utc(Instant at) {
        return WHEN.format(at.atOffset(ZoneOffset.UTC));
    }

    static String media(ScheduledMassMessage m) {
        List<String> parts = new ArrayList<>();
        for (MediaType type : MediaType.values()) {
            if (m.media().has(type)) {
                parts.add(m.media().count(type) + " " + type.apiName());
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** The message's text for a table: one line, at most {@code max} characters, nothing a terminal acts on. */
    static String text(ScheduledMassMessage m, int max) {
        String text = TerminalText.line((m.textCropped().isEmpty() ? m.text() : m.textCropped())
                .replaceAll("\\s+", " ")
                .strip());
        return cut(text, max);
    }

    /** {@code text} in at most {@code max} characters: when longer, its start and an ellipsis. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static Map<String, Object> messageFields(ScheduledMassMessage m, Instant now) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", m.id().value());
        f.put("state", m.stateAt(now).name());
        f.put("sendAt", m.sendAt().map(Instant::toString).orElse(null));
        f.put("price", m.price().toString());
        Map<String, Integer> media = new LinkedHashMap<>();
        m.media().countsByType().forEach((type, n) -> media.put(type.apiName(), n));
        f.put("media", media);
        f.put("text", m.text());
        return f;
    }

    /** One table row: id, state, local and UTC send time, price, media, cropped text. */
    static String row(ScheduledMassMessage m, Instant now, ZoneId zone) {
        String local = m.sendAt().map(at -> local(at, zone)).orElse("-");
        String utc = m.sendAt().map(Render::utc).orElse("-");
        return String.format(
                Locale.ROOT,
                "%-10s %-9s %-16s %-16s %7s %-16s %s",
                m.id(),
                m.stateAt(now),
                local,
                utc,
                m.price(),
                media(m),
                text(m, 40));
    }

    static String header(ZoneId zone) {
        return String.format(
                Locale.ROOT,
                "%-10s %-9s %-16s %-16s %7s %-16s %s",
                "ID",
                "STATE",
                "SEND (" + shortZone(zone) + ")",
                "SEND (UTC)",
                "PRICE",
                "MEDIA",
                "TEXT");
    }

    private static String shortZone(ZoneId zone) {
        String id = zone.getId();
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
