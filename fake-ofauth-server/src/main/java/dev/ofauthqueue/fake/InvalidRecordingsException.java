package dev.ofauthqueue.fake;

/** A recording set that cannot be served: the message says which file and what is wrong. */
public final class InvalidRecordingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A recording set that cannot be served.
     *
     * @param message which file and what is wrong
     */
    public InvalidRecordingsException(String message) {
        super(message);
    }
}
