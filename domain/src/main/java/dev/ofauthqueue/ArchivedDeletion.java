package dev.ofauthqueue;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.NullMarked;

/**
 * What a deletion job deleted, kept so that a mistaken deletion can be audited and re-created by hand: the whole
 * {@code queue} object as OFAuth answered the DELETE (every field, not only those this library models), or, when
 * that answer was lost, the job's last snapshot of the message.
 *
 * <pre>{@code
 * for (ArchivedDeletion deleted : ofauth.jobs().archive(ArchiveQuery.everything().job(id))) {
 *     System.out.println(deleted.id() + " deleted at " + deleted.deletedAt() + ": " + deleted.toJsonLine());
 * }
 * }</pre>
 *
 * @param job        the job that deleted it
 * @param connection whose message it was
 * @param id         the message
 * @param deletedAt  when the deletion was recorded (the job's clock)
 * @param source     where {@code queueJson} comes from
 * @param queueJson  the queue object, JSON text as received
 */
@NullMarked
public record ArchivedDeletion(
        DeletionJobId job,
        ConnectionId connection,
        MassMessageId id,
        Instant deletedAt,
        Source source,
        String queueJson) {

    /** Where the archived queue object comes from. */
    public enum Source {
        /** OFAuth's answer to the DELETE that deleted it. */
        ANSWER,
        /**
         * The job's snapshot from its last listing: the DELETE's answer was lost (a retry found the message gone, or a
         * restart found it gone after the request went out).
         */
        SNAPSHOT
    }

    /**
     * Checks that no component is {@code null} and that {@code queueJson} is a JSON object.
     *
     * @param job        the job that deleted it
     * @param connection whose message it was
     * @param id         the message
     * @param deletedAt  when the deletion was recorded (the job's clock)
     * @param source     where {@code queueJson} comes from
     * @param queueJson  the queue object, JSON text as received
     * @throws IllegalArgumentException when {@code queueJson} does not look like a JSON object
     */
    public ArchivedDeletion {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deletedAt, "deletedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(queueJson, "queueJson");
        String trimmed = queueJson.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            throw new IllegalArgumentException("queueJson must be a JSON object");
        }
    }

    /**
     * One line of the archive's export: {@code {"job":7,"connection":"conn_…","id":5001,"deletedAt":"…",
     * "source":"ANSWER","queue":{…}}}. It names the connection in clear, since re-creating a message needs it: keep
     * exports where you keep the job store.
     *
     * @return one JSON object on one line
     */
    public String toJsonLine() {
        return "{\"job\":" + job.value() + ",\"connection\":\"" + connection.value() + "\",\"id\":" + id.value()
                + ",\"deletedAt\":\"" + deletedAt + "\",\"source\":\"" + source + "\",\"queue\":"
                + queueJson.strip().replace("\r", "").replace("\n", "") + "}";
    }

    /** Masks the connection, as every {@code toString} of this library does. */
    @Override
    public String toString() {
        return "ArchivedDeletion[job=" + job + ", connection=" + connection + ", id=" + id + ", deletedAt=" + deletedAt
                + ", source=" + source + "]";
    }
}
