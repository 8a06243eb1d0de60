package dev.ofauthqueue.fake.internal.store;

import dev.ofauthqueue.fake.internal.recording.Recordings;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One connection of the fake: what it may do, and what its queue holds. Its contents change only through
 * {@link FakeStore}, under the store's lock; outside the store it is a handle (who is calling, with which rights).
 */
public final class ConnectionQueue {

    private final Recordings.Connection connection;
    private final Duration shift;
    /** The queue, made from the recording on first use: a start makes none, and only the connections used pay. */
    private Map<Long, JsonObject> items;

    final Map<Long, JsonObject> deleted = new LinkedHashMap<>();
    TokenBucket bucket;

    /**
     * A connection whose queue is its recording's items with every date moved by {@code shift} (from the recording's
     * instant to the fake's start).
     */
    ConnectionQueue(Recordings.Connection connection, Duration shift) {
        this.connection = connection;
        this.shift = shift;
    }

    /**
     * The queue by id, in the recording's order, then created ones; made on the first call (under the store's lock).
     */
    Map<Long, JsonObject> items() {
        if (items == null) {
            Map<Long, JsonObject> made = new LinkedHashMap<>();
            for (JsonObject item : connection.items()) {
                made.put(item.getLong("id"), QueueItems.shifted(item, shift));
            }
            items = made;
        }
        return items;
    }

    /** The connection id. */
    public String id() {
        return connection.id();
    }

    /** Whether its queue was made yet (a start makes none). */
    boolean made() {
        return items != null;
    }

    /** Whether the connection holds {@code permission} ({@code messages:read}, {@code messages:write}). */
    public boolean permits(String permission) {
        return connection.permissions().contains(permission);
    }

    /** The permissions it holds. */
    public Set<String> permissions() {
        return connection.permissions();
    }

    /** Whether the creator's session behind it expired. */
    public boolean expired() {
        return connection.expired();
    }

    /** How many fans a sent message reaches. */
    public long audienceSize() {
        return connection.audienceSize();
    }

    boolean visible(long id) {
        JsonObject item = items().get(id);
        return item != null && !Boolean.TRUE.equals(item.getValue("isCanceled"));
    }
}
