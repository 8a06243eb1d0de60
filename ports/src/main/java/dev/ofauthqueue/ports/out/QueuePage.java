package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.domain.ScheduledMassMessage;
import java.util.List;

/**
 * One page of a connection's scheduled queue as OFAuth answers it ({@code {"hasMore", "list"}}).
 *
 * @param items   the page's messages, in the order received
 * @param hasMore whether another page follows at {@code offset + items.size()}
 */
public record QueuePage(List<ScheduledMassMessage> items, boolean hasMore) {
    /**
     * Copies the items.
     *
     * @param items   the page's messages, in the order received
     * @param hasMore whether another page follows at {@code offset + items.size()}
     * @throws NullPointerException when the list or an item is {@code null}
     */
    public QueuePage {
        items = List.copyOf(items);
    }
}
