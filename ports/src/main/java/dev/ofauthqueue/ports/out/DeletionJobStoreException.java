package dev.ofauthqueue.ports.out;

import org.jspecify.annotations.Nullable;

/**
 * A deletion-job store that cannot be used, or a job that cannot be run there: the message names the store's
 * location and says what is wrong and what to do. Raised before any request is sent.
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
     * What is wrong.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }
}
