package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.domain.Sender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A scheduled mass message as a JSON object in our own field names, with every field the domain models: how plans kept
 * outside the process hold the snapshot each decision is made on (the Redis job store, plan files). It reads back
 * exactly what it writes; OFAuth's wire form is {@link VertxOfAuthClient}'s business, not this.
 */
public final class MessageJson {

    private MessageJson() {}

    /**
     * {@code m} as a JSON object.
     *
     * @param m the message
     * @return a new object, fields in a fixed order
     */
    public static JsonObject write(ScheduledMassMessage m) {
        JsonObject counts = new JsonObject();
        m.media().countsByType().forEach((type, n) -> counts.put(type.apiName(), n));
        return new JsonObject()
                .put("id", m.id().value())
                .put("queueId", m.queueId().orElse(null))
                .put("text", m.text())
                .put("textCropped", m.textCropped())
                .put("sendAt", m.sendAt().map(Instant::toString).orElse(null))
                .put("createdAt", m.createdAt().map(Instant::toString).orElse(null))
                .put("changedAt", m.changedAt().map(Instant::toString).orElse(null))
                .put("price", m.price().toString())
                .put("free", m.free())
                .put("lockedText", m.lockedText())
                .put("tip", m.tip())
                .put("mediaCounts", counts)
                .put("mediaCount", m.media().mediaCount())
                .put("mediaIds", new JsonArray(new ArrayList<>(m.media().mediaIds())))
                .put("previewIds", new JsonArray(new ArrayList<>(m.media().previewIds())))
                .put("sentCount", m.sentCount())
                .put("viewedCount", m.viewedCount())
                .put("purchasedCount", m.purchasedCount())
                .put("canUnsend", m.canUnsend())
                .put("unsendSeconds", m.unsendSeconds())
                .put("cancelSeconds", m.cancelSeconds())
                .put("canceled", m.canceled())
                .put("failed", m.failed())
                .put("senderId", m.sender().map(Sender::id).orElse(null))
                .put("senderName", m.sender().flatMap(Sender::name).orElse(null))
                .put("replyTo", m.replyTo().map(MassMessageId::value).orElse(null));
    }

    /**
     * The message {@link #write} wrote.
     *
     * @param s the object
     * @return the message
     * @throws IllegalArgumentException when a field is missing, of the wrong type or out of range
     */
    public static ScheduledMassMessage read(JsonObject s) {
        try {
            ScheduledMassMessage.Builder b = ScheduledMassMessage.builder(MassMessageId.of(required(s.getLong("id"))));
            b.queueId(s.getLong("queueId"));
            b.text(s.getString("text"));
            b.textCropped(s.getString("textCropped"));
            b.sendAt(instant(s.getString("sendAt")));
            b.createdAt(instant(s.getString("createdAt")));
            b.changedAt(instant(s.getString("changedAt")));
            b.price(Money.parse(required(s.getString("price"))));
            b.free(required(s.getBoolean("free")));
            b.lockedText(required(s.getBoolean("lockedText")));
            b.tip(required(s.getBoolean("tip")));
            Map<MediaType, Integer> counts = new EnumMap<>(MediaType.class);
            required(s.getJsonObject("mediaCounts"))
                    .forEach(e -> MediaType.fromApiName(e.getKey())
                            .ifPresent(t -> counts.put(t, ((Number) e.getValue()).intValue())));
            b.media(new MediaSummary(
                    counts,
                    required(s.getInteger("mediaCount")),
                    longs(required(s.getJsonArray("mediaIds"))),
                    longs(required(s.getJsonArray("previewIds")))));
            b.sentCount(required(s.getLong("sentCount")));
            b.viewedCount(required(s.getLong("viewedCount")));
            b.purchasedCount(required(s.getLong("purchasedCount")));
            b.canUnsend(required(s.getBoolean("canUnsend")));
            b.unsendSeconds(required(s.getLong("unsendSeconds")));
            b.cancelSeconds(required(s.getLong("cancelSeconds")));
            b.canceled(required(s.getBoolean("canceled")));
            b.failed(required(s.getBoolean("failed")));
            Long senderId = s.getLong("senderId");
            b.sender(senderId == null ? null : new Sender(senderId, Optional.ofNullable(s.getString("senderName"))));
            Long replyTo = s.getLong("replyTo");
            b.replyTo(replyTo == null ? null : MassMessageId.of(replyTo));
            return b.build();
        } catch (ClassCastException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a message snapshot: " + e.getMessage(), e);
        }
    }

    private static <T> T required(@Nullable T value) {
        if (value == null) {
            throw new IllegalArgumentException("not a message snapshot: a field is missing");
        }
        return value;
    }

    private static @Nullable Instant instant(@Nullable String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static List<Long> longs(JsonArray values) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(required(values.getLong(i)));
        }
        return out;
    }
}
