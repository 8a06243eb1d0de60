package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageDraft;
import java.util.Objects;

/**
 * A mass message to create.
 *
 * @param connection whose queue
 * @param draft      what to send, and when
 */
public record ScheduleMassMessageCommand(ConnectionId connection, MassMessageDraft draft) {
    /**
     * Checks that both parts are given.
     *
     * @param connection whose queue
     * @param draft      what to send, and when
     */
    public ScheduleMassMessageCommand {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(draft, "draft");
    }
}
