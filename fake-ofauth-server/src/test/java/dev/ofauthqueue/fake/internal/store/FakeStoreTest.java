package dev.ofauthqueue.fake.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.internal.recording.Recordings;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store's start: no work that grows with the recordings until a connection is used. */
class FakeStoreTest {

    private static final Recordings BUNDLED = Recordings.bundled();
    private static final Instant START = BUNDLED.recordedAt().plus(Duration.ofDays(1));

    @Test
    void aLoadMakesNoQueueAndTheFirstUseMakesOnlyThatConnectionsQueue() {
        FakeStore store = new FakeStore(BUNDLED, new FakeClock(START), START, Optional.empty());
        ConnectionQueue demo = store.connection("demo-api-key", "conn_demo").orElseThrow();
        ConnectionQueue readonly =
                store.connection("demo-api-key", "conn_readonly").orElseThrow();
        assertThat(demo.made()).as("looked up, not used").isFalse();

        store.stateOf(demo, firstRecordedId("conn_demo"));

        assertThat(demo.made()).isTrue();
        assertThat(readonly.made()).isFalse();
    }

    @Test
    void aQueueMadeLateStillHasItsDatesMovedToTheLoadsStartNotToTheFirstUse() {
        FakeClock clock = new FakeClock(START);
        FakeStore store = new FakeStore(BUNDLED, clock, START, Optional.empty());
        JsonObject recorded = BUNDLED.connections().get("conn_demo").items().get(0);
        clock.advance(Duration.ofDays(5));

        ConnectionQueue demo = store.connection("demo-api-key", "conn_demo").orElseThrow();
        JsonObject made = demo.items().get(recorded.getLong("id"));

        assertThat(QueueItems.parseDate(made.getString("date")))
                .isEqualTo(QueueItems.parseDate(recorded.getString("date")).plus(Duration.ofDays(1)));
    }

    @Test
    void aResetMakesTheQueuesAgainFromTheRecordings() {
        FakeStore store = new FakeStore(BUNDLED, new FakeClock(START), START, Optional.empty());
        long id = firstRecordedId("conn_demo");
        ConnectionQueue before = store.connection("demo-api-key", "conn_demo").orElseThrow();
        assertThat(store.delete(before, id, false).result()).isEqualTo(DeleteResult.Deletion.DELETED);
        assertThat(store.stateOf(before, id)).isEmpty();

        store.reset(recordings -> START);

        ConnectionQueue after = store.connection("demo-api-key", "conn_demo").orElseThrow();
        assertThat(after.made()).isFalse();
        assertThat(store.stateOf(after, id)).isPresent();
    }

    private static long firstRecordedId(String connection) {
        return BUNDLED.connections().get(connection).items().get(0).getLong("id");
    }
}
