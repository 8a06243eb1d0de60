package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MessageSelector;
import java.util.Objects;

/**
 * Which messages of which connection to plan deleting.
 *
 * @param connection whose queue
 * @param selector   which messages; {@link MessageSelector#all()} for the whole queue
 */
public record PlanDeletionCommand(ConnectionId connection, MessageSelector selector) {
    /**
     * Checks that no component is {@code null}.
     *
     * @param connection whose queue
     * @param selector   which messages; {@link MessageSelector#all()} for the whole queue
     * @throws NullPointerException when one is
     */
    public PlanDeletionCommand {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(selector, "selector");
    }
}
