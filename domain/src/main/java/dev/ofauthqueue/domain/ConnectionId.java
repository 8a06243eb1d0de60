package dev.ofauthqueue.domain;

import java.util.regex.Pattern;

/**
 * An OFAuth connection id ({@code conn_…}): which creator account a call acts for.
 *
 * <p>OFAuth asks integrators to treat connection ids like credentials, so {@link #toString()} never shows the
 * value; only {@link #value()} does, for the one place that must send it (the {@code x-connection-id} header).
 *
 * @param value the raw id, {@code conn_} followed by 1 to 120 letters, digits, {@code _} or {@code -}
 */
public record ConnectionId(String value) {

    private static final Pattern SHAPE = Pattern.compile("conn_[A-Za-z0-9_-]{1,120}");

    public ConnectionId {
        if (value == null) {
            throw new IllegalArgumentException("connectionId must not be null");
        }
        if (!SHAPE.matcher(value).matches()) {
            // The value itself is not echoed: it may be a real credential with a typo.
            throw new IllegalArgumentException(
                    "connectionId must be 'conn_' followed by letters, digits, '_' or '-' (length " + value.length()
                            + ")");
        }
    }

    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    /** Masked: a connection id is a credential. */
    @Override
    public String toString() {
        return "conn_****";
    }
}
