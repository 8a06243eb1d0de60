package dev.ofauthqueue.library;

import org.jspecify.annotations.Nullable;

/** A plan file that cannot be written, or read back as the plan it was: refused before any request. */
public final class PlanFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Kind {
        /** It is not a plan file (not JSON, another document, a missing or malformed field), or is too large. */
        NOT_A_PLAN,
        /** It was written by a newer version of this library, in a format this one does not know. */
        NEWER_VERSION,
        /** It was made with another API key: its seal and connections do not open with this one. */
        OTHER_API_KEY,
        /** It was changed after it was written: its digest does not match its content. */
        EDITED,
        /** It was made for another OFAuth (base URL) or delete route than this client's. */
        OTHER_TARGET,
        /** It cannot be read or written (missing, a directory, no permission, disk full). */
        IO
    }

    /** What is wrong. */
    private final Kind kind;

    PlanFileException(Kind kind, String message, @Nullable Throwable cause) {
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
