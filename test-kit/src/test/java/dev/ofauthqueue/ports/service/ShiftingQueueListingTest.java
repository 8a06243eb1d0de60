package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Listing a queue that another process changes between pages (deleting messages anywhere, scheduling new ones),
 * against the in-memory port, which pages by offset as OFAuth does. Each case is drawn from its own seed, shown in the
 * test's name, so a failing case replays by running that seed again.
 */
class ShiftingQueueListingTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId CONN = ConnectionId.of("conn_shifting");

    static LongStream seeds() {
        return LongStream.range(0, 300).map(i -> 0x5EED_0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyMessagePresentThroughoutTheListingIsListedAndNothingElse(long seed) {
        Random random = new Random(seed);
        MutableClock clock = new MutableClock(NOW);
        InMemoryScheduledQueuePort memory = new InMemoryScheduledQueuePort(clock);
        int size = random.nextInt(120);
        List<Long> ids = new ArrayList<>();
        for (long id = 1; id <= size; id++) {
            memory.put(CONN, message(id, 3600 + random.nextInt(100_000)));
            ids.add(id);
        }
        Set<Long> initial = new HashSet<>(ids);
        Set<Long> deleted = new HashSet<>();
        Set<Long> scheduled = new HashSet<>();
        int pageSize = 2 + random.nextInt(19);
        long[] nextId = {size + 1L};

        DelegatingPort busy = new DelegatingPort(memory) {
            @Override
            public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId connection, int offset, int limit) {
                // Another process, between two pages: a few deletions anywhere, now and then a new message.
                int deletions = random.nextInt(4);
                for (int i = 0; i < deletions && !ids.isEmpty(); i++) {
                    long victim = ids.remove(random.nextInt(ids.size()));
                    target.deleteScheduledMassMessage(connection, MassMessageId.of(victim));
                    deleted.add(victim);
                }
                if (random.nextInt(4) == 0) {
                    long id = nextId[0]++;
                    target.put(connection, message(id, 3600 + random.nextInt(100_000)));
                    ids.add(id);
                    scheduled.add(id);
                }
                return super.fetchScheduledPage(connection, offset, limit);
            }
        };

        CompletableFuture<GuardedPortCalls.Listing> walk =
                GuardedPortCalls.list(busy, CONN, pageSize).toCompletableFuture();
        assertThat(walk).as("a listing of an in-memory queue completes at once").isDone();
        GuardedPortCalls.Listing listing = walk.join();

        Set<Long> listed = new HashSet<>();
        listing.messages().keySet().forEach(id -> listed.add(id.value()));
        Set<Long> presentThroughout = new HashSet<>(initial);
        presentThroughout.removeAll(deleted);
        assertThat(listed)
                .as("size %d, page size %d, %d deleted meanwhile", size, pageSize, deleted.size())
                .containsAll(presentThroughout);
        Set<Long> everPresent = new HashSet<>(initial);
        everPresent.addAll(scheduled);
        assertThat(everPresent).containsAll(listed);
    }

    static ScheduledMassMessage message(long id, long secondsAhead) {
        return ScheduledMassMessage.builder(id)
                .text("message " + id)
                .sendAt(NOW.plusSeconds(secondsAhead))
                .build();
    }
}
