package dev.ofauthqueue.examples;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ports.in.MessageRef;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import dev.ofauthqueue.testkit.StageWaiter;
import dev.ofauthqueue.testkit.TestMessages;
import java.time.Duration;
import java.time.Instant;

/** README's test-kit example: the use cases over OFAuth in memory, no HTTP, no Vert.x. */
public final class TestKitExample {

    private TestKitExample() {}

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        // tag::readme[]
        ConnectionId creator = ConnectionId.of("conn_test");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T12:00:00Z"));
        InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(clock)
                .put(
                        creator,
                        TestMessages.aScheduledMessage(5001, clock.instant().plusSeconds(3600))
                                .build());
        ScheduledQueueService queue =
                ScheduledQueueService.builder(port).clock(clock).build();
        MessageRef message = new MessageRef(creator, MassMessageId.of(5001));

        clock.advance(Duration.ofMinutes(59).plusSeconds(30)); // 30 s before its send time
        DeletionOutcome tooLate = StageWaiter.await(queue.deleteScheduledMassMessage(message));
        clock.set(Instant.parse("2026-11-01T12:00:00Z"));
        DeletionOutcome inTime = StageWaiter.await(queue.deleteScheduledMassMessage(message));

        System.out.println(tooLate.kind() + ", then " + inTime.kind() + "; requests: " + port.deleteRequests());
        // end::readme[]
    }
}
