package dev.ofauthqueue.fake;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Everything the fake remembers: each connection's queue, what was deleted, and the rate-limit buckets. One lock
 * guards it all, which keeps every request exact under concurrency (of 100 concurrent DELETEs of one message,
 * exactly one succeeds).
 */
final class FakeState {

    /** What a connection may do and what it holds. */
    static final class Queue {
        final Recordings.Connection connection;
        final Map<Long, JsonObject> items = new LinkedHashMap<>();
        final Map<Long, JsonObject> deleted = new LinkedHashMap<>();
        TokenBucket bucket;

        Queue(Recordings.Connection connection) {
            this.connection = connection;
        }

        boolean visible(long id) {
            JsonObject item = items.get(id);
            return item != null && !Boolean.TRUE.equals(item.getValue("isCanceled"));
        }
    }

    enum Deletion {
        DELETED,
        NOT_FOUND,
        TOO_LATE
    }

    record DeleteResult(Deletion result, JsonObject item, QueueItems.State state) {}

    private final FakeClock clock;
    private final RateLimit rateLimit;
    private Recordings recordings;
    private Instant startInstant;
    private Map<String, Queue> queues;
    private long nextId;
    private volatile long generation;
    /**
     * Encoded answers of stored items whose rendering does not depend on the clock (keyed by identity: an update
     * stores a new object, so a stale entry is never found again).
     */
    private final IdentityHashMap<JsonObject, Buffer> encoded = new IdentityHashMap<>();
    /** Parsed send times of stored items (parsing a date on every request and every comparison was the hot spot). */
    private final IdentityHashMap<JsonObject, Optional<Instant>> sendTimes = new IdentityHashMap<>();

    FakeState(Recordings recordings, FakeClock clock, Instant startInstant, RateLimit rateLimit) {
        this.clock = clock;
        this.rateLimit = rateLimit;
        load(recordings, startInstant);
    }

    /** Replaces everything with {@code recordings} as they are at {@code start}, and sets the clock there. */
    synchronized void load(Recordings recordings, Instant start) {
        this.recordings = recordings;
        this.startInstant = start;
        Duration shift = Duration.between(recordings.recordedAt, start);
        Map<String, Queue> fresh = new HashMap<>();
        long maxId = 0;
        for (Recordings.Connection c : recordings.connections.values()) {
            Queue q = new Queue(c);
            for (JsonObject item : c.items()) {
                long id = item.getLong("id");
                q.items.put(id, QueueItems.shifted(item, shift));
                maxId = Math.max(maxId, id);
            }
            fresh.put(c.id(), q);
        }
        this.queues = fresh;
        this.encoded.clear();
        this.sendTimes.clear();
        this.nextId = maxId + 1;
        this.generation++;
        clock.set(start);
    }

    /** Changes each time the state is (re)loaded or reset: work begun before must not touch the new state. */
    long generation() {
        return generation;
    }

    /** Back to the recordings and the start instant. */
    synchronized void reset() {
        load(recordings, startInstant);
    }

    synchronized boolean knowsApiKey(String apiKey) {
        return apiKey != null && recordings.connectionsByApiKey.containsKey(apiKey);
    }

    /** The connection, when {@code apiKey} may use it. */
    synchronized Optional<Queue> connection(String apiKey, String connectionId) {
        Set<String> allowed = recordings.connectionsByApiKey.get(apiKey);
        if (allowed == null || connectionId == null || !allowed.contains(connectionId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(queues.get(connectionId));
    }

    synchronized Optional<Queue> queue(String connectionId) {
        return Optional.ofNullable(queues.get(connectionId));
    }

    /** Takes a token from the connection's bucket, or passes everything when rate limiting is off. */
    synchronized Optional<TokenBucket.Verdict> takeToken(Queue q) {
        if (rateLimit == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (q.bucket == null) {
            q.bucket = new TokenBucket(rateLimit, now);
        }
        return Optional.of(q.bucket.take(now));
    }

    /** Items of the list for {@code type} (null = all visible), in send order, rendered at now. */
    synchronized List<JsonObject> list(Queue q, String type) {
        Instant now = clock.instant();
        return visibleInSendOrder(q, type, now).stream()
                .map(item -> QueueItems.render(item, now, q.connection.audienceSize()))
                .toList();
    }

    /**
     * One page of the list for {@code type} as OFAuth's JSON, {@code {"hasMore": …, "list": […]}}, built from cached
     * encodings where the clock does not change an item.
     */
    synchronized Buffer listPage(Queue q, String type, int offset, int limit) {
        Instant now = clock.instant();
        List<JsonObject> all = visibleInSendOrder(q, type, now);
        int from = Math.min(offset, all.size());
        int to = Math.min(from + limit, all.size());
        Buffer out = Buffer.buffer(256 + (to - from) * 8192)
                .appendString("{\"hasMore\":" + (to < all.size()) + ",\"list\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.appendByte((byte) ',');
            }
            out.appendBuffer(encode(q, all.get(i), now));
        }
        return out.appendString("]}");
    }

    private List<JsonObject> visibleInSendOrder(Queue q, String type, Instant now) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject item : q.items.values()) {
            QueueItems.State state = stateAt(item, now);
            if (state != QueueItems.State.CANCELED && matches(type, state)) {
                out.add(item);
            }
        }
        out.sort(Comparator.comparing((JsonObject i) -> sendTime(i).orElse(Instant.MAX))
                .thenComparing(i -> i.getLong("id")));
        return out;
    }

    private Optional<Instant> sendTime(JsonObject item) {
        return sendTimes.computeIfAbsent(item, i -> Optional.ofNullable(QueueItems.sendTime(i)));
    }

    private QueueItems.State stateAt(JsonObject item, Instant now) {
        return QueueItems.stateAt(item, sendTime(item).orElse(null), now);
    }

    /** The item as answered at {@code now}; cached unless the clock shapes it (sending or sent by the clock). */
    private Buffer encode(Queue q, JsonObject stored, Instant now) {
        QueueItems.State state = stateAt(stored, now);
        if (state == QueueItems.State.SENDING || state == QueueItems.State.SENT) {
            return QueueItems.render(stored, now, q.connection.audienceSize()).toBuffer();
        }
        return encoded.computeIfAbsent(stored, JsonObject::toBuffer);
    }

    /** One visible item as OFAuth's JSON. */
    synchronized Optional<Buffer> getEncoded(Queue q, long id) {
        if (!q.visible(id)) {
            return Optional.empty();
        }
        return Optional.of(encode(q, q.items.get(id), clock.instant()));
    }

    private static boolean matches(String type, QueueItems.State state) {
        if (type == null) {
            return true;
        }
        return switch (type) {
            case "scheduled" -> state != QueueItems.State.SENT;
            case "unsent" -> state == QueueItems.State.SCHEDULED || state == QueueItems.State.SENDING;
            case "sent" -> state == QueueItems.State.SENT;
            default -> false;
        };
    }

    /**
     * Deletes {@code id}. SCHEDULED and FAILED items are deleted; with {@code unsendSent}, so is a SENT item inside
     * its unsend window (the generic route); SENDING and other SENT items are TOO_LATE.
     */
    synchronized DeleteResult delete(Queue q, long id, boolean unsendSent) {
        if (!q.visible(id)) {
            return new DeleteResult(Deletion.NOT_FOUND, null, null);
        }
        Instant now = clock.instant();
        JsonObject stored = q.items.get(id);
        QueueItems.State state = stateAt(stored, now);
        boolean allowed = state == QueueItems.State.SCHEDULED
                || state == QueueItems.State.FAILED
                || (unsendSent
                        && state == QueueItems.State.SENT
                        && QueueItems.canUnsend(stored, now, q.connection.audienceSize()));
        if (!allowed) {
            return new DeleteResult(Deletion.TOO_LATE, null, state);
        }
        JsonObject answer = QueueItems.canceled(QueueItems.render(stored, now, q.connection.audienceSize()), now);
        JsonObject removed = q.items.remove(id);
        encoded.remove(removed);
        sendTimes.remove(removed);
        q.deleted.put(id, answer);
        return new DeleteResult(Deletion.DELETED, answer, state);
    }

    /** Adds a new item (a created mass message) and returns its id. */
    synchronized long create(Queue q, JsonObject item) {
        long id = nextId++;
        item.put("id", id).put("queueId", 880000 + id);
        q.items.put(id, item);
        return id;
    }

    synchronized Optional<QueueItems.State> stateOf(Queue q, long id) {
        if (!q.visible(id)) {
            return Optional.empty();
        }
        return Optional.of(stateAt(q.items.get(id), clock.instant()));
    }

    /** Applies {@code change} to a SCHEDULED item; empty when it is not there. */
    synchronized Optional<JsonObject> update(Queue q, long id, UnaryOperator<JsonObject> change) {
        if (!q.visible(id)) {
            return Optional.empty();
        }
        JsonObject updated = change.apply(q.items.get(id).copy());
        JsonObject replaced = q.items.put(id, updated);
        encoded.remove(replaced);
        sendTimes.remove(replaced);
        return Optional.of(updated);
    }

    /** The admin view of a queue: every item with its state at now, deleted ones included. */
    synchronized JsonObject snapshot(Queue q) {
        Instant now = clock.instant();
        JsonArray items = new JsonArray();
        for (JsonObject item : list(q, null)) {
            items.add(new JsonObject()
                    .put(
                            "state",
                            QueueItems.stateAt(q.items.get(item.getLong("id")), now)
                                    .name())
                    .put("item", item));
        }
        for (Map.Entry<Long, JsonObject> e : q.items.entrySet()) {
            if (QueueItems.stateAt(e.getValue(), now) == QueueItems.State.CANCELED) {
                items.add(new JsonObject().put("state", "CANCELED").put("item", e.getValue()));
            }
        }
        for (JsonObject item : q.deleted.values()) {
            items.add(new JsonObject().put("state", "DELETED").put("item", item));
        }
        return new JsonObject()
                .put("connectionId", q.connection.id())
                .put("now", now.toString())
                .put("items", items);
    }
}
