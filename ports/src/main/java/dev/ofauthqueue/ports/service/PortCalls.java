package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** How the services call a port: never a thrown exception, never a null stage; and listing a whole queue. */
final class PortCalls {

    /**
     * A queue longer than this many pages is treated as an API that never ends its paging (10,000 messages at 20 a
     * page): listing fails instead of looping forever.
     */
    static final int MAX_PAGES = 500;

    private PortCalls() {}

    /** A whole queue as listed: the messages in the order first seen, and each one's JSON as received, if any. */
    record Listing(Map<MassMessageId, ScheduledMassMessage> messages, Map<MassMessageId, String> raw) {
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

    /** Reads every page of a connection's scheduled queue. */
    static CompletionStage<Listing> list(ScheduledQueuePort port, ConnectionId connection, int pageSize) {
        // Offset paging can show an item twice when the queue shifts between pages: the later copy wins.
        Map<MassMessageId, ScheduledMassMessage> seen = new LinkedHashMap<>();
        Map<MassMessageId, String> raw = new LinkedHashMap<>();
        return pagesFrom(port, connection, pageSize, 0, 0, seen, raw).thenApply(done -> new Listing(seen, raw));
    }

    private static CompletionStage<Void> pagesFrom(
            ScheduledQueuePort port,
            ConnectionId connection,
            int pageSize,
            int offset,
            int pagesRead,
            Map<MassMessageId, ScheduledMassMessage> seen,
            Map<MassMessageId, String> raw) {
        if (pagesRead >= MAX_PAGES) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("the scheduled queue did not end after " + MAX_PAGES + " pages"));
        }
        return call(() -> port.fetchScheduledPage(connection, offset, pageSize)).thenCompose(page -> {
            page.items().forEach(m -> {
                seen.put(m.id(), m);
                page.rawItem(m.id()).ifPresentOrElse(json -> raw.put(m.id(), json), () -> raw.remove(m.id()));
            });
            if (!page.hasMore()) {
                return CompletableFuture.completedFuture(null);
            }
            if (page.items().isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "the API answered an empty page with hasMore=true at offset " + offset));
            }
            return pagesFrom(port, connection, pageSize, offset + page.items().size(), pagesRead + 1, seen, raw);
        });
    }
}
