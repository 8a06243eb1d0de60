package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.adapter.vertx.MessageJson;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.sealing.ConnectionIdCipher;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * How the Redis job store writes a job's records as JSON: a plan's snapshot with every field the domain models (and
 * OFAuth's own JSON for it when there is one), outcomes and archive entries. Connection ids are sealed by the {@link
 * dev.ofauthqueue.ports.sealing.ConnectionIdCipher} for the place they are kept, never written in the clear.
 */
final class JobJson {

    private final ConnectionIdCipher cipher;

    JobJson(ConnectionIdCipher cipher) {
        this.cipher = cipher;
    }

    /** Where item {@code position} of {@code job} keeps its connection id: bound into the sealed value. */
    static String itemPlace(DeletionJobId job, int position) {
        return "job " + job.value() + " item " + position;
    }

    String item(DeletionJobId job, int position, PlannedItem item) {
        return new JsonObject()
                .put("connection", cipher.seal(item.connection(), itemPlace(job, position)))
                .put("snapshotAt", item.snapshotAt().toString())
                .put("snapshotJson", item.snapshotJson().orElse(null))
                .put("snapshot", MessageJson.write(item.snapshot()))
                .put("seal", item.seal().orElse(null))
                .encode();
    }

    PlannedItem item(DeletionJobId job, int position, String json) {
        JsonObject o = new JsonObject(json);
        ConnectionId connection = open(o.getString("connection"), itemPlace(job, position));
        return new PlannedItem(
                connection,
                MessageJson.read(o.getJsonObject("snapshot")),
                Optional.ofNullable(o.getString("snapshotJson")),
                Instant.parse(o.getString("snapshotAt")),
                Optional.ofNullable(o.getString("seal")));
    }

    /** A stopped connection's id, sealed for the job's list of stopped connections. */
    String sealStopped(DeletionJobId job, ConnectionId connection) {
        return cipher.seal(connection, "job " + job.value() + " stopped connection");
    }

    ConnectionId openStopped(DeletionJobId job, String sealed) {
        return open(sealed, "job " + job.value() + " stopped connection");
    }

    static String outcome(Outcome outcome) {
        return new JsonObject()
                .put("state", outcome.state().name())
                .put("reason", outcome.reason().map(Enum::name).orElse(null))
                .put("rule", outcome.rule().orElse(null))
                .put("detail", outcome.detail())
                .put("at", outcome.at().toString())
                .encode();
    }

    /** An outcome as written, with the archive entry kept beside it for a deletion. */
    static Outcome outcome(String json, Optional<ArchivedDeletion> archived) {
        JsonObject o = new JsonObject(json);
        return new Outcome(
                JobItemState.valueOf(o.getString("state")),
                Optional.ofNullable(o.getString("reason")).map(RefusalReason::valueOf),
                Optional.ofNullable(o.getString("rule")),
                o.getString("detail"),
                Instant.parse(o.getString("at")),
                archived);
    }

    String archived(ArchivedDeletion a, int position) {
        return new JsonObject()
                .put("job", a.job().value())
                .put("connection", cipher.seal(a.connection(), "archive of " + itemPlace(a.job(), position)))
                .put("id", a.id().value())
                .put("deletedAt", a.deletedAt().toString())
                .put("source", a.source().name())
                .put("queue", a.queueJson())
                .encode();
    }

    ArchivedDeletion archived(String json, int position) {
        JsonObject o = new JsonObject(json);
        DeletionJobId job = DeletionJobId.of(o.getLong("job"));
        return new ArchivedDeletion(
                job,
                open(o.getString("connection"), "archive of " + itemPlace(job, position)),
                MassMessageId.of(o.getLong("id")),
                Instant.parse(o.getString("deletedAt")),
                ArchivedDeletion.Source.valueOf(o.getString("source")),
                o.getString("queue"));
    }

    /** A connection id sealed for {@code where}; one that does not open is the store's IO failure, naming the place. */
    private ConnectionId open(String sealed, String where) {
        return cipher.open(sealed, where)
                .orElseThrow(() -> new DeletionJobStoreException(
                        DeletionJobStoreException.Kind.IO,
                        "the connection id kept for " + where + " does not open with this API key: it was written"
                                + " under another API key, or altered",
                        null));
    }
}
