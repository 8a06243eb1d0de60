package dev.ofauthqueue.cli;

import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.MessageState;
import dev.ofauthqueue.domain.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/** Which messages: each flag narrows, several combine with AND. */
final class SelectionOptions {

    @Option(names = "--ids", paramLabel = "ID,ID", description = "Only these message ids.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--text-contains", paramLabel = "TEXT", description = "The text contains this, ignoring case.")
    String textContains;

    @Option(
            names = "--send-between",
            paramLabel = "FROM..TO",
            description =
                    "Sent from FROM up to TO: dates (local zone, TO included) or instants, e.g. 2026-12-01..2026-12-07.")
    String sendBetween;

    @Option(names = "--paid", description = "Only messages with a price.")
    boolean paid;

    @Option(names = "--free", description = "Only free messages.")
    boolean free;

    @Option(names = "--price-between", paramLabel = "A..B", description = "Priced from A to B, both included.")
    String priceBetween;

    @Option(names = "--has-media", paramLabel = "TYPE", description = "Carries photo, video, gif or audio.")
    String hasMedia;

    @Option(
            names = "--state",
            paramLabel = "STATE,STATE",
            description = "In one of these states: scheduled, sending, sent, canceled, failed.")
    List<String> states = new ArrayList<>();

    @Option(names = "--all", description = "Every message (delete requires a selection flag or this).")
    boolean all;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "The local zone for dates given and shown (default: this machine's).")
    ZoneId zone = ZoneId.systemDefault();

    boolean anyFlag() {
        return all
                || !ids.isEmpty()
                || textContains != null
                || sendBetween != null
                || paid
                || free
                || priceBetween != null
                || hasMedia != null
                || !states.isEmpty();
    }

    /** The ids of an {@code --ids} flag, as typed, each checked; a bad one is a usage error naming the flag. */
    static List<MassMessageId> ids(List<String> values) {
        List<MassMessageId> parsed = new ArrayList<>();
        for (String id : CommaList.items("--ids", values)) {
            try {
                parsed.add(MassMessageId.parse(id.strip()));
            } catch (IllegalArgumentException e) {
                throw new UsageError("--ids: " + e.getMessage());
            }
        }
        return parsed;
    }

    Selection selection() {
        Selection s = Selection.all();
        if (!ids.isEmpty()) {
            s = s.onlyIds(ids(ids));
        }
        if (textContains != null) {
            if (textContains.isEmpty()) {
                throw new UsageError("--text-contains: the text to look for is empty");
            }
            s = s.textContaining(textContains);
        }
        if (sendBetween != null) {
            Ranges.Span<Instant> span = Ranges.instants(sendBetween, zone);
            s = s.sentBetween(span.from(), span.to());
        }
        if (paid && free) {
            throw new UsageError("--paid and --free exclude each other: pass one");
        }
        if (paid || free) {
            s = s.paid(paid);
        }
        if (priceBetween != null) {
            Ranges.Span<Money> span = Ranges.prices(priceBetween);
            s = s.pricedBetween(span.from(), span.to());
        }
        if (hasMedia != null) {
            MediaType type = MediaType.fromApiName(hasMedia.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(
                            () -> new UsageError("--has-media: '" + hasMedia + "' is not photo, video, gif or audio"));
            s = s.withMedia(type);
        }
        if (!states.isEmpty()) {
            Set<MessageState> set = EnumSet.noneOf(MessageState.class);
            for (String state : CommaList.items("--state", states)) {
                try {
                    set.add(MessageState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new UsageError(
                            "--state: '" + state + "' is not scheduled, sending, sent, canceled or failed");
                }
            }
            s = s.inStates(set);
        }
        return s;
    }
}
