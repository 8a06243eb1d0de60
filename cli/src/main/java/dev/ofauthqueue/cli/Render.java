package dev.ofauthqueue.cli;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.Money;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** How messages and connections are shown: tables for people, fields for JSON lines. */
final class Render {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

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

    /** A run's end as output shows it: as a job's, {@code PARTIAL} when it completed with items failed. */
    static String state(DeletionJobRun run) {
        return run.state() == DeletionJobState.COMPLETED && run.failed() > 0
                ? "PARTIAL"
                : run.state().name();
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
                cut(media(m), 16),
                text(m, 40));
    }

    static String header(ZoneId zone) {
        return String.format(
                Locale.ROOT,
                "%-10s %-9s %-16s %-16s %7s %-16s %s",
                "ID",
                "STATE",
                cut("SEND (" + shortZone(zone) + ")", 16),
                "SEND (UTC)",
                "PRICE",
                "MEDIA",
                "TEXT");
    }

    /**
     * A selection as the flags that make it, for a table: {@code --ids 300 ids}, {@code --free}, {@code --all}. The
     * whole written form is in {@code jobs show} and the JSON lines.
     */
    static String selection(Selection s) {
        List<String> flags = new ArrayList<>();
        if (!s.ids().isEmpty()) {
            flags.add("--ids "
                    + (s.ids().size() <= 3
                            ? String.join(
                                    ",",
                                    new TreeSet<>(s.ids())
                                            .stream()
                                                    .map(MassMessageId::toString)
                                                    .toList())
                            : s.ids().size() + " ids"));
        }
        s.textContains().ifPresent(text -> flags.add("--text-contains '" + cut(TerminalText.line(text), 20) + "'"));
        if (s.sendFrom().isPresent() || s.sendUntil().isPresent()) {
            flags.add("--send-between " + s.sendFrom().map(Render::utc).orElse("") + ".."
                    + s.sendUntil().map(Render::utc).orElse(""));
        }
        if (s.minPrice().isPresent() || s.maxPrice().isPresent()) {
            flags.add("--price-between " + s.minPrice().map(Money::toString).orElse("") + ".."
                    + s.maxPrice().map(Money::toString).orElse(""));
        }
        s.media().ifPresent(type -> flags.add("--has-media " + type.apiName()));
        s.paid().ifPresent(paid -> flags.add(paid ? "--paid" : "--free"));
        if (!s.states().isEmpty()) {
            flags.add("--state "
                    + String.join(
                            ",",
                            s.states().stream()
                                    .map(state -> state.name().toLowerCase(Locale.ROOT))
                                    .toList()));
        }
        return flags.isEmpty() ? "--all" : String.join(" ", flags);
    }

    /** An instant to the second in {@code zone}, for tables of jobs. */
    static String seconds(Instant at, ZoneId zone) {
        return SECONDS.format(at.atZone(zone));
    }

    /** A duration to the second, as people read it: {@code 45 s}, {@code 2 min 5 s}, {@code 3 h 0 min}. */
    static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /** The operator's zone: {@code TZ} when it names one, else the machine's. */
    static ZoneId zone(Terminal t) {
        String tz = t.env().get("TZ");
        if (tz != null && !tz.isBlank()) {
            try {
                return ZoneId.of(tz.strip().startsWith(":") ? tz.strip().substring(1) : tz.strip());
            } catch (DateTimeException notAZone) {
                // fall back to the machine's zone
            }
        }
        return ZoneId.systemDefault();
    }

    static String shortZone(ZoneId zone) {
        String id = zone.getId();
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
