package dev.ofauthqueue.fake.internal.admin;

import dev.ofauthqueue.fake.QueueSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A queue snapshot as the admin API writes it ({@code {"connectionId", "now", "items": [{"state", "item"}]}}), and back. */
public final class QueueSnapshotJson {

    private QueueSnapshotJson() {}

    /** The snapshot as JSON. */
    public static JsonObject toJson(QueueSnapshot snapshot) {
        JsonArray items = new JsonArray();
        snapshot.items()
                .forEach(
                        i -> items.add(new JsonObject().put("state", i.state()).put("item", new JsonObject(i.json()))));
        return new JsonObject()
                .put("connectionId", snapshot.connectionId())
                .put("now", snapshot.now().toString())
                .put("items", items);
    }

    /** The snapshot read back from {@link #toJson(QueueSnapshot)}. */
    public static QueueSnapshot fromJson(JsonObject json) {
        List<QueueSnapshot.Item> items = new ArrayList<>();
        for (Object o : json.getJsonArray("items")) {
            JsonObject entry = (JsonObject) o;
            JsonObject item = entry.getJsonObject("item");
            items.add(new QueueSnapshot.Item(item.getLong("id"), entry.getString("state"), item.encode()));
        }
        return new QueueSnapshot(json.getString("connectionId"), Instant.parse(json.getString("now")), items);
    }
}
