package dev.ofauthqueue.fake.internal.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A queue item for a mass message created through the fake, with every key OFAuth's queue object has. */
final class BlankQueueItem {

    private BlankQueueItem() {}

    static JsonObject at(Instant now) {
        String created = QueueItems.formatDate(now);
        return new JsonObject()
                .put("id", 0)
                .put("text", "")
                .put("fromUser", new JsonObject().put("id", 187654321).put("name", "Luna Vega"))
                .put("media", new JsonArray())
                .put("previews", new JsonArray())
                .put("isMediaReady", true)
                .put("mediaCount", 0)
                .put("lockedText", false)
                .put("responseType", "message")
                .putNull("giphyId")
                .put("isFree", true)
                .put("isTip", false)
                .put("isReportedByMe", false)
                .put("isCouplePeopleMedia", false)
                .put("queueId", 0)
                .put("isMarkdownDisabled", false)
                .putNull("releaseForms")
                .put("isFromQueue", true)
                .put("canUnsendQueue", true)
                .put("unsendSecondsQueue", 86400)
                .put("isOpened", false)
                .put("isNew", true)
                .put("createdAt", created)
                .put("changedAt", created)
                .put("cancelSeconds", 3600)
                .put("isLiked", false)
                .put("canPurchase", false)
                .put("canPurchaseReason", "free")
                .put("canReport", true)
                .put("canBePinned", false)
                .put("isPinned", false)
                .putNull("replyToMessage")
                .put("date", created)
                .put("textCropped", "")
                .put("sentCount", 0)
                .put("viewedCount", 0)
                .put("canUnsend", false)
                .put("unsendSeconds", 0)
                .put("isCanceled", false)
                .put(
                        "mediaTypes",
                        new JsonObject()
                                .put("video", 0)
                                .put("photo", 0)
                                .put("gif", 0)
                                .put("audio", 0))
                .put("hasError", false)
                .put("price", "0.00")
                .put("purchasedCount", 0)
                .put("canSendMessageToBuyers", false);
    }
}
