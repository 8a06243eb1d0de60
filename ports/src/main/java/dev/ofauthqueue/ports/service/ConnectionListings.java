package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The one staleness rule of a deletion job, per item: an item is decided on the newest snapshot this process knows of
 * it, its claim's or this process's latest listing of its connection, and when neither is younger than the maximum
 * plan age the connection is listed again first. A listing only removes: a message it does not list is gone, one it
 * lists changed so that the selection no longer matches is refused, and nothing is ever added to a plan.
 */
final class ConnectionListings {

    /** What to decide an item on. */
    sealed interface Judgement permits Use, Gone, Deselected, ListFirst {}

    /**
     * A fresh enough snapshot.
     *
     * @param item the item with it
     */
    record Use(PlannedItem item) implements Judgement {}

    /** A fresh listing does not list the message. */
    record Gone() implements Judgement {}

    /** A fresh listing lists the message changed so that the selection no longer matches. */
    record Deselected() implements Judgement {}

    /** Nothing fresh enough is known: list the connection first. */
    record ListFirst() implements Judgement {}

    private record Listed(Instant at, GuardedPortCalls.Listing listing) {}

    private final ScheduledQueuePort port;
    private final int pageSize;
    private final Clock clock;
    private final Duration maxPlanAge;
    private final Selection selection;
    private final Map<ConnectionId, Listed> latest = new HashMap<>();
    private final Map<ConnectionId, CompletableFuture<Listed>> listing = new HashMap<>();
    private final BiConsumer<ConnectionId, Integer> onListed;

    /**
     * @param onListed told of each listing made (once however many items asked for it), with the pages it read
     */
    ConnectionListings(
            ScheduledQueuePort port,
            int pageSize,
            Clock clock,
            Duration maxPlanAge,
            Selection selection,
            BiConsumer<ConnectionId, Integer> onListed) {
        this.port = port;
        this.pageSize = pageSize;
        this.clock = clock;
        this.maxPlanAge = maxPlanAge;
        this.selection = selection;
        this.onListed = onListed;
    }

    /** What to decide {@code item} on, now. */
    Judgement judge(PlannedItem item) {
        Instant now = clock.instant();
        if (fresh(item.snapshotAt(), now)) {
            return new Use(item);
        }
        Listed listed = latest.get(item.connection());
        if (listed == null || !fresh(listed.at(), now) || listed.at().isBefore(item.snapshotAt())) {
            return new ListFirst();
        }
        return inListing(item, listed);
    }

    /**
     * What to decide {@code item} on after the listing just made for it: that listing, however long it took (a listing
     * of many pages may outlast a short maximum plan age; asking again would list forever).
     */
    Judgement judgeOnLatest(PlannedItem item) {
        Listed listed = latest.get(item.connection());
        return listed == null ? new ListFirst() : inListing(item, listed);
    }

    private Judgement inListing(PlannedItem item, Listed listed) {
        ScheduledMassMessage current = listed.listing().messages().get(item.id());
        if (current == null) {
            return new Gone();
        }
        if (!selection.matches(current, clock.instant())) {
            return new Deselected();
        }
        return new Use(
                new PlannedItem(item.connection(), current, listed.listing().rawOf(item.id()), listed.at()));
    }

    /**
     * Lists {@code connection} again, once however many items ask at the same time; continues on {@code on}.
     *
     * @return completes when the listing is known (or failed)
     */
    CompletionStage<GuardedPortCalls.Listing> refresh(ConnectionId connection, Executor on) {
        CompletableFuture<Listed> running = listing.get(connection);
        if (running == null) {
            Instant at = clock.instant();
            running = GuardedPortCalls.list(port, connection, pageSize)
                    .handleAsync(
                            (l, failure) -> {
                                listing.remove(connection);
                                if (failure != null) {
                                    throw new CompletionException(GuardedPortCalls.unwrap(failure));
                                }
                                Listed listed = new Listed(at, l);
                                latest.put(connection, listed);
                                onListed.accept(connection, l.pages());
                                return listed;
                            },
                            on)
                    .toCompletableFuture();
            listing.put(connection, running);
        }
        return running.thenApply(Listed::listing);
    }

    private boolean fresh(Instant snapshotAt, Instant now) {
        return Duration.between(snapshotAt, now).compareTo(maxPlanAge) <= 0;
    }
}
