package dev.ofauthqueue.fake.internal.store;

import io.vertx.core.json.JsonObject;

/**
 * What a DELETE did.
 *
 * @param result what happened
 * @param item   the canceled item, for {@link Deletion#DELETED}
 * @param state  the item's state when it was {@link Deletion#TOO_LATE}
 */
public record DeleteResult(Deletion result, JsonObject item, QueueItems.State state) {

    /** What happened. */
    public enum Deletion {
        /** The item was deleted. */
        DELETED,
        /** Unknown, deleted before, or another connection's. */
        NOT_FOUND,
        /** Sending or sent (and not unsendable on this route). */
        TOO_LATE
    }
}
