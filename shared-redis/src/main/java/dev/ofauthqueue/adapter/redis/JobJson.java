package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.domain.ArchivedDeletion;
import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionJobId;
import dev.ofauthqueue.domain.JobItemState;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import dev.ofauthqueue.domain.Sender;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the Redis job store writes a job's records as JSON: a plan's snapshot with every field the domain models (and
 * OFAuth's own JSON for it when there is one), outcomes and archive entries. Connection ids are sealed by the {@link
 * ConnectionIdCipher} for the place they are kept, never written in the clear.
 */
final class JobJson {

    private final ConnectionIdCipher cipher;

    JobJson(ConnectionIdCipher cipher) {
        this.cipher = cipher;
    }

    /** Where item {@code position} of {@code job} keeps its connection id: bound into the sealed value. */
    static String itemPlace(DeletionJobId job, int position) {
        return "job " + job.value() + " item " + position;
    }

    String item(DeletionJobId job, int position, PlannedItem item) {
        ScheduledMassMessage m = item.snapshot();
        JsonObject counts = new JsonObject();
        m.media().countsByType().forEach((type, n) -> counts.put(type.apiName(), n));
        JsonObject snapshot = new JsonObject()
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
        return new JsonObject()
                .put("connection", cipher.seal(item.connection(), itemPlace(job, position)))
                .put("snapshotAt", item.snapshotAt().toString())
                .put("snapshotJson", item.snapshotJson().orElse(null))
                .put("snapshot", snapshot)
                .put("seal", item.seal().orElse(null))
                .encode();
    }

    PlannedItem item(DeletionJobId job, int position, String json) {
        JsonObject o = new JsonObject(json);
        JsonObject s = o.getJsonObject("snapshot");
        ScheduledMassMessage.Builder b = ScheduledMassMessage.builder(MassMessageId.of(s.getLong("id")));
        b.queueId(s.getLong("queueId"));
        b.text(s.getString("text"));
        b.textCropped(s.getString("textCropped"));
        b.sendAt(instant(s.getString("sendAt")));
        b.createdAt(instant(s.getString("createdAt")));
        b.changedAt(instant(s.getString("changedAt")));
        b.price(Money.parse(s.getString("price")));
        b.free(s.getBoolean("free"));
        b.lockedText(s.getBoolean("lockedText"));
        b.tip(s.getBoolean("tip"));
        Map<MediaType, Integer> counts = new EnumMap<>(MediaType.class);
        s.getJsonObject("mediaCounts")
                .forEach(e -> MediaType.fromApiName(e.getKey())
                        .ifPresent(t -> counts.put(t, ((Number) e.getValue()).intValue())));
        b.media(new MediaSummary(
                counts,
                s.getInteger("mediaCount"),
                longs(s.getJsonArray("mediaIds")),
                longs(s.getJsonArray("previewIds"))));
        b.sentCount(s.getLong("sentCount"));
        b.viewedCount(s.getLong("viewedCount"));
        b.purchasedCount(s.getLong("purchasedCount"));
        b.canUnsend(s.getBoolean("canUnsend"));
        b.unsendSeconds(s.getLong("unsendSeconds"));
        b.cancelSeconds(s.getLong("cancelSeconds"));
        b.canceled(s.getBoolean("canceled"));
        b.failed(s.getBoolean("failed"));
        Long senderId = s.getLong("senderId");
        b.sender(senderId == null ? null : new Sender(senderId, Optional.ofNullable(s.getString("senderName"))));
        Long replyTo = s.getLong("replyTo");
        b.replyTo(replyTo == null ? null : MassMessageId.of(replyTo));
        ConnectionId connection = cipher.open(o.getString("connection"), itemPlace(job, position));
        return new PlannedItem(
                connection,
                b.build(),
                Optional.ofNullable(o.getString("snapshotJson")),
                Instant.parse(o.getString("snapshotAt")),
                Optional.ofNullable(o.getString("seal")));
    }

    /** A stopped connection's id, sealed for the job's list of stopped connections. */
    String sealStopped(DeletionJobId job, ConnectionId connection) {
        return cipher.seal(connection, "job " + job.value() + " stopped connection");
    }

    ConnectionId openStopped(DeletionJobId job, String sealed) {
        return cipher.open(sealed, "job " + job.value() + " stopped connection");
    }

    static String outcome(Outcome outcome) {
        return new JsonObject()
                .put("state", outcome.state().name())
                .put("reason", outcome.reason().map(Enum::name).orElse(null))
                .put("rule", outcome.rule().orElse(null))
                .put("detail", outcome.detail())
                .put("at", outcome.at().toString())
                .encode();
    }

    /** An outcome as written, with the archive entry kept beside it for a deletion. */
    static Outcome outcome(String json, Optional<ArchivedDeletion> archived) {
        JsonObject o = new JsonObject(json);
        return new Outcome(
                JobItemState.valueOf(o.getString("state")),
                Optional.ofNullable(o.getString("reason")).map(RefusalReason::valueOf),
                Optional.ofNullable(o.getString("rule")),
                o.getString("detail"),
                Instant.parse(o.getString("at")),
                archived);
    }

    String archived(ArchivedDeletion a, int position) {
        return new JsonObject()
                .put("job", a.job().value())
                .put("connection", cipher.seal(a.connection(), "archive of " + itemPlace(a.job(), position)))
                .put("id", a.id().value())
                .put("deletedAt", a.deletedAt().toString())
                .put("source", a.source().name())
                .put("queue", a.queueJson())
                .encode();
    }

    ArchivedDeletion archived(String json, int position) {
        JsonObject o = new JsonObject(json);
        DeletionJobId job = DeletionJobId.of(o.getLong("job"));
        return new ArchivedDeletion(
                job,
                cipher.open(o.getString("connection"), "archive of " + itemPlace(job, position)),
                MassMessageId.of(o.getLong("id")),
                Instant.parse(o.getString("deletedAt")),
                ArchivedDeletion.Source.valueOf(o.getString("source")),
                o.getString("queue"));
    }

    private static @Nullable Instant instant(@Nullable String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static List<Long> longs(JsonArray values) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(values.getLong(i));
        }
        return out;
    }
}
