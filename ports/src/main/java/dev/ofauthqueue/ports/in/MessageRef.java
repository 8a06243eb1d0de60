package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import java.util.Objects;

/**
 * Names one mass message of one connection.
 *
 * @param connection whose queue
 * @param id         which message
 */
public record MessageRef(ConnectionId connection, MassMessageId id) {
    /**
     * Checks that no component is {@code null}.
     *
     * @param connection whose queue
     * @param id         which message
     * @throws NullPointerException when one is
     */
    public MessageRef {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
    }
}
