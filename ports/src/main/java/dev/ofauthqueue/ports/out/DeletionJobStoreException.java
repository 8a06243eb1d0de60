package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.DeletionJobId;
import org.jspecify.annotations.Nullable;

/**
 * A deletion-job store that cannot be used, or a job that cannot be run there: the message names the store's
 * location and says what is wrong and what to do. Raised before any request is sent, except {@link Kind#UNAVAILABLE}
 * and {@link Kind#JOB_LOST}, which may also end a job that is running.
 */
public final class DeletionJobStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    public enum Kind {
        /** The location's directory does not exist. */
        MISSING_DIRECTORY,
        /** The location cannot be written (a read-only file, directory or filesystem). */
        READ_ONLY,
        /** The disk is full. */
        DISK_FULL,
        /** The file is not a database this store can read (another file, or a damaged one). */
        NOT_A_DATABASE,
        /** The store's native library cannot be loaded (for example a temporary directory mounted noexec). */
        NATIVE_LIBRARY,
        /** The file was written by a newer version of this library, with a schema this one does not know. */
        NEWER_SCHEMA,
        /** Another process (or this one) is running the job. */
        LOCKED,
        /** The store has no such job. */
        NO_SUCH_JOB,
        /** The job was created with other settings than the ones it is being resumed with. */
        SETTINGS_MISMATCH,
        /** The store's server does not answer (Redis is away): nothing was changed, try again when it is back. */
        UNAVAILABLE,
        /** The store's server is set up in a way that could lose jobs (Redis evicting keys under memory pressure). */
        MISCONFIGURED,
        /**
         * The job vanished from the store while it ran (a flushed Redis, or one restarted without its data): DELETEs
         * already sent may have deleted messages no record shows.
         */
        JOB_LOST,
        /**
         * A job's stored plan does not match the seals the engine wrote with it: the store was changed outside
         * ofauth-queue (or the job was planned under another API key). The whole job is refused before any request.
         */
        TAMPERED,
        /** Any other input or output failure. */
        IO
    }

    /** What is wrong. */
    private final Kind kind;

    /**
     * A store failure.
     *
     * @param kind    what is wrong
     * @param message the location, the problem and what to do
     * @param cause   the underlying failure, if any
     */
    public DeletionJobStoreException(Kind kind, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /**
     * The failure of a job whose state vanished from its store while it ran: one wording, wherever it is found.
     *
     * @param job      the job
     * @param location where the store keeps it, for people
     * @return a {@link Kind#JOB_LOST} failure
     */
    public static DeletionJobStoreException jobLost(DeletionJobId job, String location) {
        return new DeletionJobStoreException(
                Kind.JOB_LOST,
                "job " + job + " vanished from " + location + " while it ran (flushed, or restarted without its"
                        + " data): DELETEs already sent for it may have deleted messages that no record shows; compare"
                        + " the queue with the plan",
                null);
    }

    /**
     * What is wrong.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }
}
