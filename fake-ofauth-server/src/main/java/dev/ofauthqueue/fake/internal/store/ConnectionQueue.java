package dev.ofauthqueue.fake.internal.store;

import dev.ofauthqueue.fake.internal.recording.Recordings;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One connection of the fake: what it may do, and what its queue holds. Its contents change only through
 * {@link FakeStore}, under the store's lock; outside the store it is a handle (who is calling, with which rights).
 */
public final class ConnectionQueue {

    private final Recordings.Connection connection;
    final Map<Long, JsonObject> items = new LinkedHashMap<>();
    final Map<Long, JsonObject> deleted = new LinkedHashMap<>();
    TokenBucket bucket;

    ConnectionQueue(Recordings.Connection connection) {
        this.connection = connection;
    }

    /** The connection id. */
    public String id() {
        return connection.id();
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
        JsonObject item = items.get(id);
        return item != null && !Boolean.TRUE.equals(item.getValue("isCanceled"));
    }
}
