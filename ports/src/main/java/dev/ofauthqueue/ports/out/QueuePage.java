package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a connection's scheduled queue as OFAuth answers it ({@code {"hasMore", "list"}}).
 *
 * @param items    the page's messages, in the order received
 * @param hasMore  whether another page follows at {@code offset + items.size()}
 * @param rawItems each item's JSON object as received, by id, for deletion jobs to archive; empty when the port has no
 *     wire form (an in-memory port)
 */
public record QueuePage(List<ScheduledMassMessage> items, boolean hasMore, Map<MassMessageId, String> rawItems) {
    /**
     * Copies the items.
     *
     * @param items    the page's messages, in the order received
     * @param hasMore  whether another page follows at {@code offset + items.size()}
     * @param rawItems each item's JSON object as received, by id, for deletion jobs to archive; empty when the port has
     *     no wire form (an in-memory port)
     * @throws NullPointerException when a list, a map or an item is {@code null}
     */
    public QueuePage {
        items = List.copyOf(items);
        rawItems = Map.copyOf(rawItems);
    }

    /**
     * A page without the items' wire form.
     *
     * @param items   the page's messages, in the order received
     * @param hasMore whether another page follows
     */
    public QueuePage(List<ScheduledMassMessage> items, boolean hasMore) {
        this(items, hasMore, Map.of());
    }

    /**
     * The JSON object of the item {@code id} as received.
     *
     * @param id an item of this page
     * @return its JSON text, or empty when the port has no wire form
     */
    public Optional<String> rawItem(MassMessageId id) {
        return Optional.ofNullable(rawItems.get(id));
    }
}
