package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The services' builders take every value in their documented ranges and name the range for any other. */
class ServiceBuildersTest {

    final InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(new MutableClock(Instant.EPOCH));

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 19, 20})
    void aPageSizeFromOneToTwentyIsTaken(int size) {
        assertThat(ScheduledQueueService.builder(port, port).pageSize(size)).isNotNull();
        assertThat(DeletionJobService.builder(port, new InMemoryDeletionJobStore())
                        .pageSize(size))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 21, Integer.MAX_VALUE})
    void anyOtherPageSizeIsRefusedWithTheRange(int size) {
        assertThatThrownBy(() -> ScheduledQueueService.builder(port, port).pageSize(size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pageSize must be 1 to 20, was " + size);
        assertThatThrownBy(() -> DeletionJobService.builder(port, new InMemoryDeletionJobStore())
                        .pageSize(size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pageSize must be 1 to 20, was " + size);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 63, 64})
    void aPlansConcurrencyFromOneToSixtyFourIsTaken(int concurrency) {
        assertThat(ScheduledQueueService.builder(port, port).concurrency(concurrency))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, 0, 65, Integer.MAX_VALUE})
    void anyOtherConcurrencyIsRefusedWithTheRange(int concurrency) {
        assertThatThrownBy(() -> ScheduledQueueService.builder(port, port).concurrency(concurrency))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrency must be 1 to 64, was " + concurrency);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOPPED", "DRAINED", "AWAITING_TOKEN"})
    void aLateCallbackNeverBringsBackALaneThatMovedOn(String now) {
        ConnectionLane lane = new ConnectionLane(ConnectionId.of("conn_a"));
        lane.state = ConnectionLane.State.valueOf(now);

        assertThat(lane.leave(ConnectionLane.State.WAITING)).isFalse();
        assertThat(lane.state).isEqualTo(ConnectionLane.State.valueOf(now));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WAITING", "AWAITING_TOKEN", "AWAITING_SLOT", "AWAITING_OWN_ITEMS"})
    void aLaneStillInTheWaitThatEndsIsReadyAgain(String waiting) {
        ConnectionLane lane = new ConnectionLane(ConnectionId.of("conn_a"));
        lane.state = ConnectionLane.State.valueOf(waiting);

        assertThat(lane.leave(ConnectionLane.State.valueOf(waiting))).isTrue();
        assertThat(lane.state).isEqualTo(ConnectionLane.State.READY);
    }
}
