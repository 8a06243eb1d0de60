package dev.ofauthqueue.adapter.vertx;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * OFAuth's JSON as the client reads it. Every field is optional and boxed: OFAuth may leave any of them out or send
 * null, and unknown fields are ignored. Only fields the domain uses are declared.
 */
final class WireTypes {

    private WireTypes() {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record QueueItem(
            Long id,
            String text,
            FromUser fromUser,
            List<Media> media,
            List<Long> previews,
            Integer mediaCount,
            Boolean lockedText,
            @JsonProperty("isFree") Boolean isFree,
            @JsonProperty("isTip") Boolean isTip,
            Long queueId,
            String createdAt,
            String changedAt,
            Long cancelSeconds,
            Reference replyToMessage,
            String date,
            String textCropped,
            Long sentCount,
            Long viewedCount,
            Boolean canUnsend,
            Long unsendSeconds,
            @JsonProperty("isCanceled") Boolean isCanceled,
            Map<String, Integer> mediaTypes,
            Boolean hasError,
            String price,
            Long purchasedCount) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FromUser(Long id, String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Media(Long id, String type) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Reference(Long id) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(Boolean hasMore, List<QueueItem> list) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeleteAnswer(Boolean success, QueueItem queue) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Job(
            Long id,
            String date,
            @JsonProperty("isCanceled") Boolean isCanceled,
            Boolean hasError) {}

    /** Body of create and update; an absent scheduledDate means "send now". */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WriteBody(
            String text,
            BigDecimal price,
            Boolean isLockedText,
            String scheduledDate,
            List<Long> mediaItems,
            List<Object> userLists,
            List<Object> userIds) {}
}
