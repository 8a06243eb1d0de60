package dev.ofauthqueue.ports.in;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import java.util.Objects;

/**
 * New content for a scheduled message.
 *
 * @param connection whose queue
 * @param id         which message
 * @param draft      its new content and send time
 */
public record RescheduleMassMessageCommand(ConnectionId connection, MassMessageId id, MassMessageDraft draft) {
    /**
     * Checks that every part is given.
     *
     * @param connection whose queue
     * @param id         which message
     * @param draft      its new content and send time
     */
    public RescheduleMassMessageCommand {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(draft, "draft");
    }
}
