package dev.ofauthqueue.fake.internal.journal;

import dev.ofauthqueue.fake.Journal;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/** The journal's entries as the admin API writes them, and back (for the admin client). */
public final class JournalJson {

    private JournalJson() {}

    /** One entry as JSON. */
    public static JsonObject toJson(Journal.Entry e) {
        JsonObject j = new JsonObject()
                .put("sequence", e.sequence())
                .put("at", e.at().toString())
                .put("method", e.method())
                .put("path", e.path())
                .put("apiKeySent", e.apiKeySent())
                .put("status", e.status())
                .put("unmatched", e.unmatched());
        e.query().ifPresent(q -> j.put("query", q));
        e.connection().ifPresent(c -> j.put("connection", c));
        e.requestId().ifPresent(r -> j.put("requestId", r));
        e.fault().ifPresent(f -> j.put("fault", f).put("faultAnswered", e.faultAnswered()));
        return j;
    }

    /** One entry read back from {@link #toJson(Journal.Entry)}. */
    public static Journal.Entry fromJson(JsonObject j) {
        return new Journal.Entry(
                j.getLong("sequence"),
                Instant.parse(j.getString("at")),
                j.getString("method"),
                j.getString("path"),
                Optional.ofNullable(j.getString("query")),
                Optional.ofNullable(j.getString("connection")),
                j.getBoolean("apiKeySent", false),
                j.getInteger("status", 0),
                Optional.ofNullable(j.getString("requestId")),
                Optional.ofNullable(j.getString("fault")),
                j.getBoolean("faultAnswered", false),
                j.getBoolean("unmatched", false));
    }
}
