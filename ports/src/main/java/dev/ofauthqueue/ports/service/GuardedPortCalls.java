package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** How the services call a port: never a thrown exception, never a null stage; and listing a whole queue. */
final class GuardedPortCalls {

    /**
     * A queue longer than this many pages is treated as an API that never ends its paging (10,000 messages at 19 new
     * ones a page, with room for the steps back a shifting queue costs): listing fails instead of looping forever.
     */
    static final int MAX_PAGES = 1_000;

    /**
     * How far the walk may move forward over pages that each come again exactly, before the listing is stopped: two
     * default pages' worth (19 new positions each). An honest queue repeats a page only while as many messages are
     * deleted or scheduled ahead of the walk as it moves forward (38 in a row here, where OFAuth allows 60 requests a
     * minute); an upstream answering one page for every offset would otherwise run to {@link #MAX_PAGES}.
     */
    static final int MAX_REPEATED_POSITIONS = 38;

    private GuardedPortCalls() {}

    /**
     * A whole queue as listed: the messages in the order first seen, each one's JSON as received (if any), and how many
     * pages the listing read.
     */
    record Listing(Map<MassMessageId, ScheduledMassMessage> messages, Map<MassMessageId, String> raw, int pages) {
        Listing {
            messages = Collections.unmodifiableMap(new LinkedHashMap<>(messages));
            raw = Map.copyOf(raw);
        }

        Optional<String> rawOf(MassMessageId id) {
            return Optional.ofNullable(raw.get(id));
        }
    }

    /** Calls the port, turning a thrown exception into a failed stage so that no caller sees it thrown. */
    static <T> CompletionStage<T> call(Supplier<? extends CompletionStage<T>> portCall) {
        try {
            CompletionStage<T> stage = portCall.get();
            return stage != null
                    ? stage
                    : CompletableFuture.failedFuture(new IllegalStateException("the port answered null"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Reads every page of a connection's scheduled queue, so that no message present all along is missed even when
     * another process deletes or schedules messages meanwhile.
     *
     * <p>OFAuth pages by offset: a deletion before the next page's offset shifts every later message one place to the
     * left, and a plain walk would skip one message per deletion. So each page after the first starts on the last
     * message of the one before (one message of overlap). A page that does not start on a message already confirmed
     * (see {@code Walk.confirmed}), or comes back empty, means the queue shifted left: the walk steps back a page less
     * one and reads again from there.
     * Messages seen twice are kept once, the later copy winning. Pages of one message cannot overlap, and so cannot
     * tell a shift.
     */
    static CompletionStage<Listing> list(ScheduledQueuePort port, ConnectionId connection, int pageSize) {
        return new Walk(port, connection, pageSize).start();
    }

    /** One listing: reads page after page, in a loop while the port answers at once, so no stack grows with pages. */
    private static final class Walk {
        private final ScheduledQueuePort port;
        private final ConnectionId connection;
        private final int pageSize;
        private final Map<MassMessageId, ScheduledMassMessage> seen = new LinkedHashMap<>();
        private final Map<MassMessageId, String> raw = new LinkedHashMap<>();
        /**
         * Messages of pages that started on a confirmed message (or at offset 0): every message ordered before one of
         * them has been seen. Only these may anchor the next page; a page read after a shift may not.
         */
        private final Set<MassMessageId> confirmed = new HashSet<>();

        private final CompletableFuture<Listing> result = new CompletableFuture<>();
        private int offset;
        private int pagesRead;
        /** The ids of the last page that moved the walk forward; how many pages since repeated them, and how far. */
        private List<MassMessageId> lastForwardPage = List.of();

        private int repeats;
        private int repeatedPositions;
        /** Whether the page at {@link #offset} must start on a message already seen (it overlaps the one before). */
        private boolean overlapping;

        Walk(ScheduledQueuePort port, ConnectionId connection, int pageSize) {
            this.port = port;
            this.connection = connection;
            this.pageSize = pageSize;
        }

        CompletionStage<Listing> start() {
            readFrom();
            return result;
        }

        private void readFrom() {
            while (!result.isDone()) {
                if (pagesRead >= MAX_PAGES) {
                    result.completeExceptionally(
                            new IllegalStateException("the scheduled queue did not end after " + MAX_PAGES + " pages"));
                    return;
                }
                pagesRead++;
                CompletableFuture<QueuePage> page = call(() -> port.fetchScheduledPage(connection, offset, pageSize))
                        .toCompletableFuture();
                if (!page.isDone()) {
                    CompletableFuture<Void> unused = page.handle((answer, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(unwrap(failure));
                        } else if (read(answer)) {
                            readFrom();
                        }
                        return null;
                    });
                    return;
                }
                if (page.isCompletedExceptionally()) {
                    result.completeExceptionally(
                            unwrap(page.handle((answer, failure) -> failure).join()));
                    return;
                }
                if (!read(page.join())) {
                    return;
                }
            }
        }

        /** Takes one page in; whether another must be read. */
        private boolean read(QueuePage page) {
            List<ScheduledMassMessage> items = page.items();
            boolean shiftedLeft = overlapping
                    && (items.isEmpty() || !confirmed.contains(items.get(0).id()));
            items.forEach(m -> {
                seen.put(m.id(), m);
                page.rawItem(m.id()).ifPresentOrElse(json -> raw.put(m.id(), json), () -> raw.remove(m.id()));
            });
            if (shiftedLeft) {
                // Stepping back reads pages already read: they are not an upstream repeating itself.
                lastForwardPage = List.of();
                repeats = 0;
                repeatedPositions = 0;
                offset = Math.max(0, offset - Math.max(1, pageSize - 1));
                overlapping = offset > 0;
                return true;
            }
            // Every message before this page's first was seen: so is every message before each of this page's.
            items.forEach(m -> confirmed.add(m.id()));
            List<MassMessageId> ids =
                    items.stream().map(ScheduledMassMessage::id).toList();
            boolean repeated = page.hasMore() && !ids.isEmpty() && ids.equals(lastForwardPage);
            repeats = repeated ? repeats + 1 : 0;
            repeatedPositions = repeated ? repeatedPositions + Math.max(1, ids.size() - 1) : 0;
            lastForwardPage = ids;
            if (repeats >= 2 && repeatedPositions >= MAX_REPEATED_POSITIONS) {
                result.completeExceptionally(new IllegalStateException("the API answered the same page of "
                        + ids.size() + " messages " + (repeats + 1) + " times in a row with hasMore=true, up to offset "
                        + offset + ": the listing was stopped, as it would never end"));
                return false;
            }
            if (!page.hasMore()) {
                result.complete(new Listing(seen, raw, pagesRead));
                return false;
            }
            if (items.isEmpty()) {
                result.completeExceptionally(new IllegalStateException(
                        "the API answered an empty page with hasMore=true at offset " + offset));
                return false;
            }
            overlapping = items.size() > 1;
            offset += overlapping ? items.size() - 1 : 1;
            return true;
        }
    }
}
