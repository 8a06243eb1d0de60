package dev.ofauthqueue.fake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One connection's queue as the fake holds it at an instant: every item with its state, deleted ones included.
 *
 * @param connectionId whose queue
 * @param now          when the snapshot was taken (the fake's clock)
 * @param items        scheduled, sending and sent items in send order, then canceled and deleted ones
 */
public record QueueSnapshot(String connectionId, Instant now, List<Item> items) {

    /**
     * Checks the parts and copies the list.
     *
     * @param connectionId whose queue
     * @param now          when the snapshot was taken (the fake's clock)
     * @param items        scheduled, sending and sent items in send order, then canceled and deleted ones
     */
    public QueueSnapshot {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(now, "now");
        items = List.copyOf(items);
    }

    /**
     * One item.
     *
     * @param id    its id
     * @param state {@code SCHEDULED}, {@code SENDING}, {@code SENT}, {@code FAILED}, {@code CANCELED} or
     *              {@code DELETED}
     * @param json  the item exactly as OFAuth's JSON would show it now
     */
    public record Item(long id, String state, String json) {
        /**
         * Checks the parts.
         *
         * @param id    its id
         * @param state {@code SCHEDULED}, {@code SENDING}, {@code SENT}, {@code FAILED}, {@code CANCELED} or {@code DELETED}
         * @param json  the item exactly as OFAuth's JSON would show it now
         */
        public Item {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(json, "json");
        }
    }

    /**
     * The item with this id.
     *
     * @param id an item id
     * @return the item, or empty when the queue never held it
     */
    public Optional<Item> item(long id) {
        return items.stream().filter(i -> i.id() == id).findFirst();
    }

    /**
     * The state of one item.
     *
     * @param id an item id
     * @return its state, or empty when the queue never held it
     */
    public Optional<String> stateOf(long id) {
        return item(id).map(Item::state);
    }
}
