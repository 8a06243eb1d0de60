package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executing random plans against the in-memory port. Each case is drawn from its own seed, shown in the test's
 * name, so a failing case replays by running that seed again.
 */
class ExecuteDeletionPlanPropertiesTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId CONN = ConnectionId.of("conn_prop");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void executingAPlanDeletesExactlyTheAllowedMessagesAndReportsEachOnce(long seed) {
        Random random = new Random(seed);
        List<ScheduledMassMessage> messages = queue(random);
        int concurrency = 1 + random.nextInt(8);
        MutableClock clock = new MutableClock(NOW);
        VirtualScheduler time = new VirtualScheduler(clock);
        InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(clock).put(CONN, messages);
        DeletionPolicy policy = DeletionPolicy.standard().and(DeletionRules.neverDeletePaid());
        ScheduledQueueService service = ScheduledQueueService.builder(port)
                .clock(clock)
                .policy(policy)
                .concurrency(concurrency)
                .scheduler(time)
                .build();
        DeletionPlan plan = DeletionPlan.of(ScheduledQueue.of(CONN, messages), MessageSelector.all(), policy, NOW);

        DeletionReport report = time.valueAfter(
                Duration.ofMinutes(1), service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

        Set<MassMessageId> allowed =
                plan.toDelete().stream().map(ScheduledMassMessage::id).collect(Collectors.toSet());
        assertThat(report.outcomes())
                .extracting(DeletionOutcome::id)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        messages.stream().map(ScheduledMassMessage::id).toList());
        assertThat(port.deleteRequests()).containsExactlyInAnyOrderElementsOf(allowed);
        assertThat(report.ofKind(DeletionOutcome.Kind.DELETED))
                .extracting(DeletionOutcome::id)
                .containsExactlyInAnyOrderElementsOf(allowed);
        assertThat(port.queue(CONN).messages()).noneMatch(m -> allowed.contains(m.id()));
        assertThat(port.queue(CONN).size())
                .isEqualTo(messages.size()
                        - allowed.size()
                        - (int) messages.stream()
                                .filter(ScheduledMassMessage::canceled)
                                .count());
    }

    /**
     * Up to 40 messages with unique ids (a drawn id seen before is skipped), sent from 10 minutes ago to 2 hours ahead,
     * some sent, canceled or failed.
     */
    static List<ScheduledMassMessage> queue(Random random) {
        Map<Long, ScheduledMassMessage> byId = new LinkedHashMap<>();
        for (int drawn = random.nextInt(41); drawn > 0; drawn--) {
            long id = 1L + random.nextInt(500);
            byId.putIfAbsent(
                    id,
                    ScheduledMassMessage.builder(id)
                            .sendAt(NOW.plusSeconds(random.nextInt(7801) - 600L))
                            .sentCount(random.nextInt(4) == 0 ? 9 : 0)
                            .canceled(random.nextInt(4) == 0)
                            .failed(random.nextInt(4) == 0)
                            .price(random.nextInt(3) == 0 ? "7.50" : "0.00")
                            .build());
        }
        return List.copyOf(byId.values());
    }
}
