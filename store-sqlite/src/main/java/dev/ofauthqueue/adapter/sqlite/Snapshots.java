package dev.ofauthqueue.adapter.sqlite;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.domain.Sender;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A plan's snapshot of one message as columns: one per field the domain models, plus OFAuth's JSON and the engine's
 * seal over the item (kept as given; the engine checks it).
 */
final class Snapshots {

    static final List<String> NAMES = List.of(
            "snapshot_at",
            "snapshot_json",
            "queue_id",
            "text",
            "text_cropped",
            "send_at",
            "created_at",
            "changed_at",
            "price",
            "is_free",
            "locked_text",
            "is_tip",
            "media_counts",
            "media_count",
            "media_ids",
            "preview_ids",
            "sent_count",
            "viewed_count",
            "purchased_count",
            "can_unsend",
            "unsend_seconds",
            "cancel_seconds",
            "is_canceled",
            "has_error",
            "sender_id",
            "sender_name",
            "reply_to",
            "seal");

    static final String COLUMNS = String.join(", ", NAMES);
    static final String PLACEHOLDERS =
            String.join(",", NAMES.stream().map(n -> "?").toList());

    private Snapshots() {}

    /** Binds the snapshot from parameter {@code first} on; answers the next free parameter index. */
    static int bind(PreparedStatement s, int first, PlannedItem item) throws SQLException {
        ScheduledMassMessage m = item.snapshot();
        int i = first;
        s.setString(i++, item.snapshotAt().toString());
        s.setString(i++, item.snapshotJson().orElse(null));
        setLong(s, i++, m.queueId().orElse(null));
        s.setString(i++, m.text());
        s.setString(i++, m.textCropped());
        s.setString(i++, m.sendAt().map(Instant::toString).orElse(null));
        s.setString(i++, m.createdAt().map(Instant::toString).orElse(null));
        s.setString(i++, m.changedAt().map(Instant::toString).orElse(null));
        s.setString(i++, m.price().toString());
        s.setInt(i++, m.free() ? 1 : 0);
        s.setInt(i++, m.lockedText() ? 1 : 0);
        s.setInt(i++, m.tip() ? 1 : 0);
        StringJoiner counts = new StringJoiner(",");
        m.media().countsByType().forEach((type, n) -> counts.add(type.apiName() + "=" + n));
        s.setString(i++, counts.toString());
        s.setInt(i++, m.media().mediaCount());
        s.setString(i++, longs(m.media().mediaIds()));
        s.setString(i++, longs(m.media().previewIds()));
        s.setLong(i++, m.sentCount());
        s.setLong(i++, m.viewedCount());
        s.setLong(i++, m.purchasedCount());
        s.setInt(i++, m.canUnsend() ? 1 : 0);
        s.setLong(i++, m.unsendSeconds());
        s.setLong(i++, m.cancelSeconds());
        s.setInt(i++, m.canceled() ? 1 : 0);
        s.setInt(i++, m.failed() ? 1 : 0);
        setLong(s, i++, m.sender().map(Sender::id).orElse(null));
        s.setString(i++, m.sender().flatMap(Sender::name).orElse(null));
        setLong(s, i++, m.replyTo().map(MassMessageId::value).orElse(null));
        s.setString(i++, item.seal().orElse(null));
        return i;
    }

    /** Reads the snapshot whose first column is {@code first}. */
    static PlannedItem read(ResultSet r, int first, ConnectionId connection, MassMessageId id) throws SQLException {
        int i = first;
        Instant snapshotAt = Instant.parse(r.getString(i++));
        Optional<String> json = Optional.ofNullable(r.getString(i++));
        ScheduledMassMessage.Builder b = ScheduledMassMessage.builder(id);
        b.queueId(getLong(r, i++));
        b.text(r.getString(i++));
        b.textCropped(r.getString(i++));
        b.sendAt(SqliteDeletionJobStore.instant(r.getString(i++)).orElse(null));
        b.createdAt(SqliteDeletionJobStore.instant(r.getString(i++)).orElse(null));
        b.changedAt(SqliteDeletionJobStore.instant(r.getString(i++)).orElse(null));
        b.price(Money.parse(r.getString(i++)));
        b.free(r.getInt(i++) == 1);
        b.lockedText(r.getInt(i++) == 1);
        b.tip(r.getInt(i++) == 1);
        Map<MediaType, Integer> counts = new EnumMap<>(MediaType.class);
        String countsText = r.getString(i++);
        if (!countsText.isEmpty()) {
            for (String pair : countsText.split(",", -1)) {
                String[] kv = pair.split("=", 2);
                MediaType.fromApiName(kv[0]).ifPresent(t -> counts.put(t, Integer.parseInt(kv[1])));
            }
        }
        int mediaCount = r.getInt(i++);
        List<Long> mediaIds = longs(r.getString(i++));
        List<Long> previewIds = longs(r.getString(i++));
        b.media(new MediaSummary(counts, mediaCount, mediaIds, previewIds));
        b.sentCount(r.getLong(i++));
        b.viewedCount(r.getLong(i++));
        b.purchasedCount(r.getLong(i++));
        b.canUnsend(r.getInt(i++) == 1);
        b.unsendSeconds(r.getLong(i++));
        b.cancelSeconds(r.getLong(i++));
        b.canceled(r.getInt(i++) == 1);
        b.failed(r.getInt(i++) == 1);
        Long senderId = getLong(r, i++);
        String senderName = r.getString(i++);
        b.sender(senderId == null ? null : new Sender(senderId, Optional.ofNullable(senderName)));
        Long replyTo = getLong(r, i++);
        b.replyTo(replyTo == null ? null : MassMessageId.of(replyTo));
        Optional<String> seal = Optional.ofNullable(r.getString(i));
        // free is set after price on purpose: OFAuth may send both, and the snapshot keeps what it said.
        return new PlannedItem(connection, b.build(), json, snapshotAt, seal);
    }

    private static void setLong(PreparedStatement s, int i, @Nullable Long value) throws SQLException {
        if (value == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setLong(i, value);
        }
    }

    private static @Nullable Long getLong(ResultSet r, int i) throws SQLException {
        long v = r.getLong(i);
        return r.wasNull() ? null : v;
    }

    private static String longs(List<Long> values) {
        StringJoiner out = new StringJoiner(",");
        values.forEach(v -> out.add(Long.toString(v)));
        return out.toString();
    }

    private static List<Long> longs(String text) {
        List<Long> out = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String v : text.split(",", -1)) {
                out.add(Long.parseLong(v));
            }
        }
        return out;
    }
}
