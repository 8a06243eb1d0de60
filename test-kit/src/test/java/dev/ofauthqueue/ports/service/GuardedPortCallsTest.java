package dev.ofauthqueue.ports.service;

import static dev.ofauthqueue.testkit.StageWaiter.await;
import static dev.ofauthqueue.testkit.StageWaiter.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** How the services call a port, and how a whole queue is listed page by page. */
class GuardedPortCallsTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId CONN = ConnectionId.of("conn_pages");

    static ScheduledMassMessage message(long id) {
        return ScheduledMassMessage.builder(id)
                .text("m" + id)
                .sendAt(NOW.plusSeconds(3600))
                .build();
    }

    /** A port whose pages the test writes; offsets asked for are recorded. */
    static final class PagedPort extends DelegatingPort {
        final List<Integer> offsets = new ArrayList<>();
        final BiFunction<Integer, Integer, CompletionStage<QueuePage>> pages;

        PagedPort(BiFunction<Integer, Integer, CompletionStage<QueuePage>> pages) {
            super(new InMemoryScheduledQueuePort(new MutableClock(NOW)));
            this.pages = pages;
        }

        @Override
        public synchronized CompletionStage<QueuePage> fetchScheduledPage(
                ConnectionId connection, int offset, int limit) {
            offsets.add(offset);
            return pages.apply(offset, limit);
        }
    }

    /** Pages of {@code limit} over messages 1..n by offset, with each message's JSON as received. */
    static CompletionStage<QueuePage> slice(int n, int offset, int limit) {
        List<ScheduledMassMessage> items = new ArrayList<>();
        for (int i = offset; i < Math.min(n, offset + limit); i++) {
            items.add(message(i + 1));
        }
        Map<MassMessageId, String> raw = new HashMap<>();
        items.forEach(m -> raw.put(m.id(), "{\"id\":" + m.id().value() + "}"));
        return CompletableFuture.completedFuture(new QueuePage(items, offset + limit < n, raw));
    }

    @Test
    void aCallThatThrowsOrAnswersNullBecomesAFailedStage() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad");

        assertThat(failureOf(GuardedPortCalls.<String>call(() -> {
                    throw thrown;
                })))
                .isSameAs(thrown);
        assertThat(failureOf(GuardedPortCalls.<String>call(() -> null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the port answered null");
        assertThat(await(GuardedPortCalls.call(() -> CompletableFuture.completedFuture("ok"))))
                .isEqualTo("ok");
    }

    @Test
    void unwrapTakesOffEveryCompletionLayerAndNothingElse() {
        IllegalStateException root = new IllegalStateException("root");

        assertThat(GuardedPortCalls.unwrap(new CompletionException(new CompletionException(root))))
                .isSameAs(root);
        assertThat(GuardedPortCalls.unwrap(root)).isSameAs(root);
        CompletionException bare = new CompletionException("no cause", null);
        assertThat(GuardedPortCalls.unwrap(bare)).isSameAs(bare);
    }

    /** Pages over messages 1..n whose message 2 is deleted elsewhere once the page at {@code offset} was answered. */
    static PagedPort losingMessage2(int n, int offset) {
        List<ScheduledMassMessage> queue = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            queue.add(message(i));
        }
        return new PagedPort((at, limit) -> {
            List<ScheduledMassMessage> page =
                    queue.subList(Math.min(at, queue.size()), Math.min(queue.size(), at + limit));
            QueuePage answer = new QueuePage(List.copyOf(page), at + limit < queue.size());
            if (at == offset && queue.size() == n) {
                queue.remove(1);
            }
            return CompletableFuture.completedFuture(answer);
        });
    }

    @Test
    void pagesOverlapByOneMessageAndEveryMessageIsListedOnceInOrderWithItsJson() {
        PagedPort port = new PagedPort((offset, limit) -> slice(10, offset, limit));

        GuardedPortCalls.Listing listing = await(GuardedPortCalls.list(port, CONN, 4));

        assertThat(listing.messages().keySet())
                .extracting(MassMessageId::value)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(port.offsets)
                .as("each page starts on the last of the one before")
                .containsExactly(0, 3, 6);
        assertThat(listing.rawOf(MassMessageId.of(7))).contains("{\"id\":7}");
        assertThat(listing.rawOf(MassMessageId.of(11))).isEmpty();
    }

    @Test
    void pagesOfOneMessageCannotOverlapAndStepByOne() {
        PagedPort port = new PagedPort((offset, limit) -> slice(3, offset, limit));

        GuardedPortCalls.Listing listing = await(GuardedPortCalls.list(port, CONN, 1));

        assertThat(listing.messages()).hasSize(3);
        assertThat(port.offsets).containsExactly(0, 1, 2);
    }

    @Test
    void aPortAnsweringLaterIsListedTheSame() {
        PagedPort port = new PagedPort((offset, limit) -> slice(7, offset, limit)
                .thenApplyAsync(page -> page, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS)));

        GuardedPortCalls.Listing listing = await(GuardedPortCalls.list(port, CONN, 3));

        assertThat(listing.messages()).hasSize(7);
        assertThat(port.offsets).containsExactly(0, 2, 4);
    }

    @Test
    void aPageThatFailsFailsTheListingWithItsOwnFailureAnsweredAtOnceOrLater() {
        OfAuthException.Server down = new OfAuthException.Server("GET failed: down", 503, "DOWN", "req_1");
        PagedPort atOnce = new PagedPort(
                (offset, limit) -> offset == 0 ? slice(10, offset, limit) : CompletableFuture.failedFuture(down));
        PagedPort later = new PagedPort((offset, limit) -> offset == 0
                ? slice(10, offset, limit)
                : CompletableFuture.<QueuePage>failedFuture(down)
                        .thenApplyAsync(p -> p, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS)));

        assertThat(failureOf(GuardedPortCalls.list(atOnce, CONN, 4))).isSameAs(down);
        assertThat(failureOf(GuardedPortCalls.list(later, CONN, 4))).isSameAs(down);
        assertThat(atOnce.offsets).containsExactly(0, 3);
    }

    @Test
    void anEmptyPageThatSaysThereIsMoreIsAnErrorNotALoop() {
        PagedPort port =
                new PagedPort((offset, limit) -> CompletableFuture.completedFuture(new QueuePage(List.of(), true)));

        assertThat(failureOf(GuardedPortCalls.list(port, CONN, 4)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the API answered an empty page with hasMore=true at offset 0");
        assertThat(port.offsets).containsExactly(0);
    }

    @Test
    void aQueueThatNeverEndsIsGivenUpAfterTheMaximumNumberOfPages() {
        PagedPort endless = new PagedPort((offset, limit) -> CompletableFuture.completedFuture(
                new QueuePage(List.of(message(offset + 1L), message(offset + 2L)), true)));

        assertThat(failureOf(GuardedPortCalls.list(endless, CONN, 2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the scheduled queue did not end after " + GuardedPortCalls.MAX_PAGES + " pages");
        assertThat(endless.offsets).hasSize(GuardedPortCalls.MAX_PAGES);
    }

    @Test
    void anUpstreamAnsweringOnePageForEveryOffsetIsStoppedOnceItRepeatedForTwoPagesWorth() {
        List<ScheduledMassMessage> page = new ArrayList<>();
        for (long id = 1; id <= 20; id++) {
            page.add(message(id));
        }
        PagedPort repeating =
                new PagedPort((offset, limit) -> CompletableFuture.completedFuture(new QueuePage(page, true)));

        assertThat(failureOf(GuardedPortCalls.list(repeating, CONN, 20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the API answered the same page of 20 messages 3 times in a row with hasMore=true, up to"
                        + " offset 38: the listing was stopped, as it would never end");
        assertThat(repeating.offsets).containsExactly(0, 19, 38);
    }

    @Test
    void smallRepeatingPagesAreStoppedOnceTheyCoveredAsManyPositions() {
        PagedPort repeating = new PagedPort((offset, limit) ->
                CompletableFuture.completedFuture(new QueuePage(List.of(message(1), message(2), message(3)), true)));

        assertThat(failureOf(GuardedPortCalls.list(repeating, CONN, 3))).hasMessageContaining("20 times in a row");
        assertThat(repeating.offsets).hasSize(20);
    }

    @Test
    void aPageThatComesAgainOnceAsMessagesAreScheduledBeforeItIsNotAnError() {
        // Messages 1..4, pages of 2; between the first two pages a message is scheduled before 1, so the page at
        // offset 1 is again [1, 2]. The walk goes on and ends.
        List<ScheduledMassMessage> queue = new ArrayList<>(List.of(message(1), message(2), message(3), message(4)));
        PagedPort port = new PagedPort((offset, limit) -> {
            if (offset == 1 && queue.size() == 4) {
                queue.add(0, message(11));
            }
            List<ScheduledMassMessage> page =
                    queue.subList(Math.min(offset, queue.size()), Math.min(queue.size(), offset + limit));
            return CompletableFuture.completedFuture(new QueuePage(List.copyOf(page), offset + limit < queue.size()));
        });

        GuardedPortCalls.Listing listing = await(GuardedPortCalls.list(port, CONN, 2));

        assertThat(listing.messages().keySet()).extracting(MassMessageId::value).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aPageThatDoesNotStartOnAKnownMessageStepsBackAndReadsAgain() {
        // Messages 1..6, pages of 3. After the first page, message 2 is deleted elsewhere: the page at offset 2 now
        // starts on 4, not on 3 as the overlap expects, so the walk steps back to offset 0 and reads again.
        PagedPort port = losingMessage2(6, 0);

        GuardedPortCalls.Listing listing = await(GuardedPortCalls.list(port, CONN, 3));

        assertThat(listing.messages().keySet())
                .extracting(MassMessageId::value)
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(port.offsets).containsExactly(0, 2, 0, 2);
    }

    @Test
    void aWalkStepsBackOnePageLessItsOverlapNotToTheStart() {
        // Messages 1..10, pages of 3 (offsets 0, 2, 4). After the page at offset 4, message 2 is deleted elsewhere: the
        // page at 6 starts on 8, not on 7, so the walk steps back by 2 to offset 4 (not to 0: what was read before
        // stays read) and goes on from there.
        PagedPort port = losingMessage2(10, 4);

        GuardedPortCalls.Listing listing = await(GuardedPortCalls.list(port, CONN, 3));

        assertThat(listing.messages().keySet())
                .extracting(MassMessageId::value)
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(port.offsets).containsExactly(0, 2, 4, 6, 4, 6);
    }
}
