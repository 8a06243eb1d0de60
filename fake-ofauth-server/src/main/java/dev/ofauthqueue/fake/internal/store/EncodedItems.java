package dev.ofauthqueue.fake.internal.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Optional;

/**
 * Caches for speed, keyed by the stored item's identity (a change stores a new object, so a stale entry is never found
 * again): each item's encoded answer where the clock does not shape it, and each item's parsed send time (parsing a
 * date on every request and every comparison was the hot spot). Not thread-safe: the store locks.
 */
final class EncodedItems {

    private final IdentityHashMap<JsonObject, Buffer> encoded = new IdentityHashMap<>();
    private final IdentityHashMap<JsonObject, Optional<Instant>> sendTimes = new IdentityHashMap<>();

    Optional<Instant> sendTime(JsonObject item) {
        return sendTimes.computeIfAbsent(item, i -> Optional.ofNullable(QueueItems.sendTime(i)));
    }

    QueueItems.State stateAt(JsonObject item, Instant now) {
        return QueueItems.stateAt(item, sendTime(item).orElse(null), now);
    }

    /** The item as answered at {@code now}; cached unless the clock shapes it (sending or sent by the clock). */
    Buffer encode(JsonObject stored, Instant now, long audienceSize) {
        QueueItems.State state = stateAt(stored, now);
        if (state == QueueItems.State.SENDING || state == QueueItems.State.SENT) {
            return QueueItems.render(stored, now, audienceSize).toBuffer();
        }
        return encoded.computeIfAbsent(stored, JsonObject::toBuffer);
    }

    /** Forgets an item that was replaced or removed. */
    void forget(JsonObject item) {
        encoded.remove(item);
        sendTimes.remove(item);
    }

    void clear() {
        encoded.clear();
        sendTimes.clear();
    }
}
