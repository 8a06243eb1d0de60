package dev.ofauthqueue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * Which archived deletions to list or export: every criterion present must match.
 *
 * <pre>{@code
 * List<ArchivedDeletion> deleted = ofauth.jobs()
 *         .archive(ArchiveQuery.everything().job(id).connection(ConnectionId.of("conn_demo")));
 * }</pre>
 *
 * @param job        only this job's
 * @param connection only this connection's
 * @param from       deleted at or after this instant
 * @param until      deleted before this instant
 */
@NullMarked
public record ArchiveQuery(
        Optional<DeletionJobId> job,
        Optional<ConnectionId> connection,
        Optional<Instant> from,
        Optional<Instant> until) {

    /**
     * Checks that no component is {@code null} and the range is not reversed.
     *
     * @param job        only this job's
     * @param connection only this connection's
     * @param from       deleted at or after this instant
     * @param until      deleted before this instant
     * @throws IllegalArgumentException when {@code until} is before {@code from}
     */
    public ArchiveQuery {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (from.isPresent() && until.isPresent() && until.get().isBefore(from.get())) {
            throw new IllegalArgumentException(
                    "until must not be before from, was " + from.get() + " .. " + until.get());
        }
    }

    /**
     * Every archived deletion.
     *
     * @return a query without criteria
     */
    public static ArchiveQuery everything() {
        return new ArchiveQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * This query kept to one job.
     *
     * @param value the job
     * @return the narrower query
     */
    public ArchiveQuery job(DeletionJobId value) {
        return new ArchiveQuery(Optional.of(value), connection, from, until);
    }

    /**
     * This query kept to one connection.
     *
     * @param value the connection
     * @return the narrower query
     */
    public ArchiveQuery connection(ConnectionId value) {
        return new ArchiveQuery(job, Optional.of(value), from, until);
    }

    /**
     * This query kept to a time range.
     *
     * @param fromInclusive   the first instant included
     * @param untilExclusive  the first instant excluded
     * @return the narrower query
     */
    public ArchiveQuery between(Instant fromInclusive, Instant untilExclusive) {
        return new ArchiveQuery(job, connection, Optional.of(fromInclusive), Optional.of(untilExclusive));
    }

    /**
     * Whether {@code deletion} matches.
     *
     * @param deletion an archived deletion
     * @return {@code true} when every criterion matches
     */
    public boolean matches(ArchivedDeletion deletion) {
        return job.map(j -> j.equals(deletion.job())).orElse(true)
                && connection.map(c -> c.equals(deletion.connection())).orElse(true)
                && from.map(f -> !deletion.deletedAt().isBefore(f)).orElse(true)
                && until.map(u -> deletion.deletedAt().isBefore(u)).orElse(true);
    }
}
