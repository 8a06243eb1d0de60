package dev.ofauthqueue.fake.internal.store;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.InvalidRecordingsException;
import dev.ofauthqueue.fake.QueueSnapshot;
import dev.ofauthqueue.fake.RateLimit;
import dev.ofauthqueue.fake.internal.recording.Recordings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Everything the fake remembers: each connection's queue as OFAuth's JSON, what was deleted, created messages and the
 * rate-limit buckets. One lock guards it all, which keeps every request exact under concurrency (of 100 concurrent
 * DELETEs of one message, exactly one succeeds).
 */
public final class FakeStore {

    private final FakeClock clock;
    private final Optional<RateLimit> rateLimit;
    private final EncodedItems cache = new EncodedItems();
    private Recordings recordings;
    private Map<String, ConnectionQueue> queues = Map.of();
    /** The id the next created message gets; 0 until the first creation finds the highest recorded id. */
    private long nextId;

    private volatile long generation;

    /**
     * A store holding {@code recordings} as they are at {@code start}; the clock is set there.
     *
     * @param recordings what to serve
     * @param clock      decides states and refills buckets
     * @param start      where the clock starts; recorded dates move with it
     * @param rateLimit  each connection's bucket, or empty for none
     */
    public FakeStore(Recordings recordings, FakeClock clock, Instant start, Optional<RateLimit> rateLimit) {
        this.clock = clock;
        this.rateLimit = rateLimit;
        this.recordings = recordings;
        load(recordings, start);
    }

    /** Replaces everything with {@code fresh} as it is at {@code start}, and sets the clock there. */
    public synchronized void load(Recordings fresh, Instant start) {
        this.recordings = fresh;
        Duration shift = Duration.between(fresh.recordedAt(), start);
        Map<String, ConnectionQueue> loaded = new HashMap<>();
        for (Recordings.Connection c : fresh.connections().values()) {
            loaded.put(c.id(), new ConnectionQueue(c, shift));
        }
        this.queues = loaded;
        this.cache.clear();
        this.nextId = 0;
        this.generation++;
        clock.set(start);
    }

    /**
     * Back to the recordings, as loaded at {@code startOf}'s instant for them: a fake that follows the machine's clock
     * starts again from the machine's now, one on a fixed start from that start.
     */
    public synchronized void reset(Function<Recordings, Instant> startOf) {
        load(recordings, startOf.apply(recordings));
    }

    /** Changes each time the state is (re)loaded or reset: work begun before must not touch the new state. */
    public long generation() {
        return generation;
    }

    /** The connection ids the recordings define. */
    public synchronized Set<String> connectionIds() {
        return Set.copyOf(queues.keySet());
    }

    /** Whether the recordings define this API key. */
    public synchronized boolean knowsApiKey(String apiKey) {
        return recordings.connectionsByApiKey().containsKey(apiKey);
    }

    /** The connection, when {@code apiKey} may use it. */
    public synchronized Optional<ConnectionQueue> connection(String apiKey, String connectionId) {
        Set<String> allowed = recordings.connectionsByApiKey().get(apiKey);
        if (allowed == null || connectionId == null || !allowed.contains(connectionId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(queues.get(connectionId));
    }

    /** Takes a token from the connection's bucket; empty when rate limiting is off. */
    public synchronized Optional<RateVerdict> takeToken(ConnectionQueue q) {
        if (rateLimit.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (q.bucket == null) {
            q.bucket = new TokenBucket(rateLimit.get(), now);
        }
        return Optional.of(q.bucket.take(now));
    }

    /**
     * One page of the list for {@code type} as OFAuth's JSON, {@code {"hasMore": …, "list": […]}}, built from cached
     * encodings where the clock does not change an item.
     *
     * @param type {@code scheduled}, {@code sent}, {@code unsent}, or null for every item not deleted
     */
    public synchronized Buffer listPage(ConnectionQueue q, String type, int offset, int limit) {
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
            out.appendBuffer(cache.encode(all.get(i), now, q.audienceSize()));
        }
        return out.appendString("]}");
    }

    private List<JsonObject> visibleInSendOrder(ConnectionQueue q, String type, Instant now) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject item : q.items().values()) {
            QueueItems.State state = cache.stateAt(item, now);
            if (state != QueueItems.State.CANCELED && listed(type, state)) {
                out.add(item);
            }
        }
        out.sort(Comparator.comparing((JsonObject i) -> cache.sendTime(i).orElse(Instant.MAX))
                .thenComparing(i -> i.getLong("id")));
        return out;
    }

    private static boolean listed(String type, QueueItems.State state) {
        if (type == null) {
            return true;
        }
        return switch (type) {
            case "scheduled" -> state != QueueItems.State.SENT;
            case "unsent" -> state == QueueItems.State.SCHEDULED || state == QueueItems.State.SENDING;
            case "sent" -> state == QueueItems.State.SENT;
            default -> throw new IllegalArgumentException("unknown list type " + type);
        };
    }

    /** One visible item as OFAuth's JSON, or empty. */
    public synchronized Optional<Buffer> getEncoded(ConnectionQueue q, long id) {
        if (!q.visible(id)) {
            return Optional.empty();
        }
        return Optional.of(cache.encode(q.items().get(id), clock.instant(), q.audienceSize()));
    }

    /**
     * Deletes {@code id}. SCHEDULED and FAILED items are deleted; with {@code unsendSent}, so is a SENT item inside
     * its unsend window (the generic route); SENDING and other SENT items are TOO_LATE.
     */
    public synchronized DeleteResult delete(ConnectionQueue q, long id, boolean unsendSent) {
        if (!q.visible(id)) {
            return new DeleteResult(DeleteResult.Deletion.NOT_FOUND, null, null);
        }
        Instant now = clock.instant();
        JsonObject stored = q.items().get(id);
        QueueItems.State state = cache.stateAt(stored, now);
        boolean allowed = state == QueueItems.State.SCHEDULED
                || state == QueueItems.State.FAILED
                || (unsendSent
                        && state == QueueItems.State.SENT
                        && QueueItems.canUnsend(stored, now, q.audienceSize()));
        if (!allowed) {
            return new DeleteResult(DeleteResult.Deletion.TOO_LATE, null, state);
        }
        JsonObject answer = QueueItems.canceled(QueueItems.render(stored, now, q.audienceSize()), now);
        cache.forget(q.items().remove(id));
        q.deleted.put(id, answer);
        return new DeleteResult(DeleteResult.Deletion.DELETED, answer, state);
    }

    /**
     * Adds a created mass message with every key OFAuth's queue object has, {@code fill} setting what the request
     * gave.
     *
     * @return the new item's id
     */
    public synchronized long create(ConnectionQueue q, UnaryOperator<JsonObject> fill) {
        Instant now = clock.instant();
        if (nextId == 0) {
            // Created ids follow every recorded one, as OFAuth's ids grow: the first creation reads every queue. A
            // broken queue is never served, so its ids cannot collide: it does not stop creations elsewhere.
            long maxId = 0;
            for (Recordings.Connection c : recordings.connections().values()) {
                List<JsonObject> recorded;
                try {
                    recorded = c.items();
                } catch (InvalidRecordingsException broken) {
                    continue;
                }
                for (JsonObject item : recorded) {
                    maxId = Math.max(maxId, item.getLong("id"));
                }
            }
            nextId = maxId + 1;
        }
        long id = nextId++;
        JsonObject item = fill.apply(BlankQueueItem.at(now)).put("id", id).put("queueId", 880000 + id);
        q.items().put(id, item);
        return id;
    }

    /** The state of a visible item, or empty. */
    public synchronized Optional<QueueItems.State> stateOf(ConnectionQueue q, long id) {
        if (!q.visible(id)) {
            return Optional.empty();
        }
        return Optional.of(cache.stateAt(q.items().get(id), clock.instant()));
    }

    /** Applies {@code change} to a copy of a visible item and stores it; empty when it is not there. */
    public synchronized Optional<JsonObject> update(ConnectionQueue q, long id, UnaryOperator<JsonObject> change) {
        if (!q.visible(id)) {
            return Optional.empty();
        }
        JsonObject updated = change.apply(q.items().get(id).copy());
        cache.forget(q.items().put(id, updated));
        return Optional.of(updated);
    }

    /** The admin view of a connection's queue: every item with its state at now, deleted ones included. */
    public synchronized Optional<QueueSnapshot> snapshot(String connectionId) {
        ConnectionQueue q = queues.get(connectionId);
        if (q == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<QueueSnapshot.Item> items = new ArrayList<>();
        for (JsonObject stored : visibleInSendOrder(q, null, now)) {
            items.add(new QueueSnapshot.Item(
                    stored.getLong("id"),
                    cache.stateAt(stored, now).name(),
                    QueueItems.render(stored, now, q.audienceSize()).encode()));
        }
        for (JsonObject stored : q.items().values()) {
            if (cache.stateAt(stored, now) == QueueItems.State.CANCELED) {
                items.add(new QueueSnapshot.Item(stored.getLong("id"), "CANCELED", stored.encode()));
            }
        }
        q.deleted.forEach((id, item) -> items.add(new QueueSnapshot.Item(id, "DELETED", item.encode())));
        return Optional.of(new QueueSnapshot(connectionId, now, items));
    }
}
