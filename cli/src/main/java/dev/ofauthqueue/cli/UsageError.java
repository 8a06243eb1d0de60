package dev.ofauthqueue.cli;

/** A mistake in what the user typed or set: one line naming the fix, exit 2, nothing sent to OFAuth. */
final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message);
    }
}
