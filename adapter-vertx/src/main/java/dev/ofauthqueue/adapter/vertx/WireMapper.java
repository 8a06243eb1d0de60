package dev.ofauthqueue.adapter.vertx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MassMessageReceipt;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.domain.Sender;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.QueuePage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** JSON ↔ domain. Every decoding problem becomes {@link OfAuthException.Decoding}, never a raw Jackson exception. */
final class WireMapper {

    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final DateTimeFormatter OFAUTH_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private WireMapper() {}

    static <T> T read(String body, Class<T> type, int status, @Nullable String requestId) {
        if (body == null || body.isBlank()) {
            throw new OfAuthException.Decoding("empty answer where JSON was expected", status, requestId, null);
        }
        T value;
        try {
            value = JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new OfAuthException.Decoding(
                    "answer is not the expected JSON (" + type.getSimpleName() + "): " + e.getOriginalMessage(),
                    status,
                    requestId,
                    null);
        }
        if (value == null) {
            throw new OfAuthException.Decoding("answer is JSON null", status, requestId, null);
        }
        return value;
    }

    static JsonNode tree(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static QueuePage page(String body, int status, @Nullable String requestId) {
        WireTypes.Page page = read(body, WireTypes.Page.class, status, requestId);
        if (page.list() == null) {
            throw new OfAuthException.Decoding("list page has no \"list\"", status, requestId, null);
        }
        List<ScheduledMassMessage> items = new ArrayList<>();
        for (WireTypes.QueueItem item : page.list()) {
            items.add(message(item, status, requestId));
        }
        // Each item's JSON as received, for deletion jobs to archive; positions match when the list is all objects.
        List<String> raw = RawJson.elements(body, "list");
        Map<MassMessageId, String> rawItems = new LinkedHashMap<>();
        if (raw.size() == items.size()) {
            for (int i = 0; i < items.size(); i++) {
                if (!raw.get(i).isEmpty()) {
                    rawItems.put(items.get(i).id(), raw.get(i));
                }
            }
        }
        return new QueuePage(items, Boolean.TRUE.equals(page.hasMore()), rawItems);
    }

    /** One queue item, as {@code GET /v2/access/mass-messages/{id}} answers it. */
    static ScheduledMassMessage message(String body, int status, @Nullable String requestId) {
        return message(read(body, WireTypes.QueueItem.class, status, requestId), status, requestId);
    }

    /**
     * The {@code queue} of a DELETE's {@code {"success": true, "queue": {...}}}, with that object's text as received.
     */
    static DeleteRequestOutcome.Deleted deleted(String body, int status, @Nullable String requestId) {
        WireTypes.DeleteAnswer answer = read(body, WireTypes.DeleteAnswer.class, status, requestId);
        WireTypes.QueueItem queue = answer.queue();
        if (!Boolean.TRUE.equals(answer.success()) || queue == null) {
            throw new OfAuthException.Decoding("DELETE answered without success and queue", status, requestId, null);
        }
        return new DeleteRequestOutcome.Deleted(message(queue, status, requestId), RawJson.member(body, "queue"));
    }

    static ScheduledMassMessage message(WireTypes.QueueItem item, int status, @Nullable String requestId) {
        if (item == null) {
            throw new OfAuthException.Decoding("queue item is null", status, requestId, null);
        }
        if (item.id() == null || item.id() <= 0) {
            throw new OfAuthException.Decoding(
                    "queue item has no positive id (was " + item.id() + ")", status, requestId, null);
        }
        try {
            return ScheduledMassMessage.builder(item.id())
                    .queueId(item.queueId())
                    .text(item.text())
                    .textCropped(item.textCropped())
                    .sendAt(instant(item.date()).orElse(null))
                    .createdAt(instant(item.createdAt()).orElse(null))
                    .changedAt(instant(item.changedAt()).orElse(null))
                    .price(Money.parse(item.price()))
                    .free(
                            item.isFree() != null
                                    ? item.isFree()
                                    : Money.parse(item.price()).isFree())
                    .lockedText(Boolean.TRUE.equals(item.lockedText()))
                    .tip(Boolean.TRUE.equals(item.isTip()))
                    .media(media(item))
                    .sentCount(orZero(item.sentCount()))
                    .viewedCount(orZero(item.viewedCount()))
                    .purchasedCount(orZero(item.purchasedCount()))
                    .canUnsend(Boolean.TRUE.equals(item.canUnsend()))
                    .unsendSeconds(orZero(item.unsendSeconds()))
                    .cancelSeconds(orZero(item.cancelSeconds()))
                    .canceled(Boolean.TRUE.equals(item.isCanceled()))
                    .failed(Boolean.TRUE.equals(item.hasError()))
                    .sender(
                            item.fromUser() == null || item.fromUser().id() == null
                                    ? null
                                    : new Sender(
                                            item.fromUser().id(),
                                            Optional.ofNullable(item.fromUser().name())))
                    .replyTo(
                            item.replyToMessage() == null
                                            || item.replyToMessage().id() == null
                                            || item.replyToMessage().id() <= 0
                                    ? null
                                    : MassMessageId.of(item.replyToMessage().id()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new OfAuthException.Decoding(
                    "queue item " + item.id() + " is not valid: " + e.getMessage(), status, requestId, e);
        }
    }

    private static MediaSummary media(WireTypes.QueueItem item) {
        Map<MediaType, Integer> counts = new EnumMap<>(MediaType.class);
        if (item.mediaTypes() != null) {
            item.mediaTypes()
                    .forEach((name, count) ->
                            MediaType.fromApiName(name).ifPresent(type -> counts.put(type, count == null ? 0 : count)));
        } else if (item.media() != null) {
            // mediaTypes is null on some answers [peer]; count the media items' own types instead.
            item.media().stream()
                    .filter(Objects::nonNull)
                    .map(WireTypes.Media::type)
                    .filter(Objects::nonNull)
                    .forEach(t -> MediaType.fromApiName(t).ifPresent(type -> counts.merge(type, 1, Integer::sum)));
        }
        List<Long> ids = item.media() == null
                ? List.of()
                : item.media().stream()
                        .filter(Objects::nonNull)
                        .map(WireTypes.Media::id)
                        .filter(Objects::nonNull)
                        .toList();
        List<Long> previews = item.previews() == null
                ? List.of()
                : item.previews().stream().filter(Objects::nonNull).toList();
        int count = item.mediaCount() != null ? item.mediaCount() : ids.size();
        return new MediaSummary(counts, count, ids, previews);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /** OFAuth dates: offset ({@code +00:00}), {@code Z}, fractions; a date without offset is read as UTC. */
    static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(text.trim()).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException ignored) {
                // Unreadable: treated as unknown. The deletion rules refuse messages whose send time is unknown.
                return Optional.empty();
            }
        }
    }

    static MassMessageReceipt job(String body, int status, @Nullable String requestId) {
        WireTypes.Job job = read(body, WireTypes.Job.class, status, requestId);
        if (job.id() == null || job.id() <= 0) {
            throw new OfAuthException.Decoding(
                    "job has no positive id (was " + job.id() + ")", status, requestId, null);
        }
        return new MassMessageReceipt(
                MassMessageId.of(job.id()),
                instant(job.date()),
                Boolean.TRUE.equals(job.isCanceled()),
                Boolean.TRUE.equals(job.hasError()));
    }

    static String writeBody(MassMessageDraft draft) {
        WireTypes.WriteBody body = new WireTypes.WriteBody(
                draft.text(),
                draft.price().amount(),
                draft.lockedText(),
                draft.sendAt()
                        .map(t -> OFAUTH_DATE.format(t.atOffset(ZoneOffset.UTC)))
                        .orElse(null),
                draft.mediaIds(),
                idsOrNames(draft.audience().lists()),
                idsOrNames(draft.audience().users()));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a draft", e);
        }
    }

    /** OFAuth takes a list or user as an id (a number) or a name (a string); none named: the field is left out. */
    private static @Nullable List<Object> idsOrNames(List<String> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (String e : entries) {
            out.add(e.matches("[1-9][0-9]{0,17}") ? (Object) Long.valueOf(e) : e);
        }
        return out;
    }
}
