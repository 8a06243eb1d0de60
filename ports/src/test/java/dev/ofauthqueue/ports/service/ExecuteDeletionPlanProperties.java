package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.domain.ConnectionId;
import dev.ofauthqueue.domain.DeletionPlan;
import dev.ofauthqueue.domain.DeletionPolicy;
import dev.ofauthqueue.domain.DeletionRules;
import dev.ofauthqueue.domain.MassMessageId;
import dev.ofauthqueue.domain.MessageSelector;
import dev.ofauthqueue.domain.ScheduledMassMessage;
import dev.ofauthqueue.domain.ScheduledQueue;
import dev.ofauthqueue.ports.in.DeletionOutcome;
import dev.ofauthqueue.ports.in.DeletionReport;
import dev.ofauthqueue.ports.in.ExecuteDeletionPlanCommand;
import dev.ofauthqueue.ports.testing.InMemoryScheduledQueuePort;
import dev.ofauthqueue.ports.testing.MutableClock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ExecuteDeletionPlanProperties {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId CONN = ConnectionId.of("conn_prop");

    @Property(tries = 200)
    void executingAPlanDeletesExactlyTheAllowedMessagesAndReportsEachOnce(
            @ForAll("queues") List<ScheduledMassMessage> messages, @ForAll @IntRange(min = 1, max = 8) int concurrency) {
        MutableClock clock = new MutableClock(NOW);
        InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(clock).put(CONN, messages);
        DeletionPolicy policy = DeletionPolicy.standard().and(DeletionRules.neverDeletePaid());
        ScheduledQueueService service = ScheduledQueueService.builder(port).clock(clock).policy(policy)
                .concurrency(concurrency).build();
        DeletionPlan plan = DeletionPlan.of(ScheduledQueue.of(CONN, messages), MessageSelector.all(), policy, NOW);

        DeletionReport report = ScheduledQueueServiceTest.await(
                service.executeDeletionPlan(new ExecuteDeletionPlanCommand(plan)));

        Set<MassMessageId> allowed = plan.toDelete().stream().map(ScheduledMassMessage::id).collect(Collectors.toSet());
        assertThat(report.outcomes()).extracting(DeletionOutcome::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(messages.stream().map(ScheduledMassMessage::id).toList());
        assertThat(port.deleteRequests()).containsExactlyInAnyOrderElementsOf(allowed);
        assertThat(report.ofKind(DeletionOutcome.Kind.DELETED)).extracting(DeletionOutcome::id)
                .containsExactlyInAnyOrderElementsOf(allowed);
        assertThat(port.queue(CONN).messages()).noneMatch(m -> allowed.contains(m.id()));
        assertThat(port.queue(CONN).size()).isEqualTo(messages.size() - allowed.size()
                - (int) messages.stream().filter(ScheduledMassMessage::canceled).count());
    }

    @Provide
    Arbitrary<List<ScheduledMassMessage>> queues() {
        Arbitrary<ScheduledMassMessage> message = Combinators.combine(
                        Arbitraries.longs().between(1, 500),
                        Arbitraries.longs().between(-600, 7200),
                        Arbitraries.of(0L, 0L, 0L, 9L),
                        Arbitraries.of(false, false, false, true),
                        Arbitraries.of(false, false, false, true),
                        Arbitraries.of("0.00", "0.00", "7.50"))
                .as((id, ahead, sent, canceled, failed, price) -> ScheduledMassMessage.builder(id)
                        .sendAt(NOW.plusSeconds(ahead)).sentCount(sent).canceled(canceled).failed(failed)
                        .price(price).build());
        return message.list().ofMaxSize(40).map(list -> {
            Set<MassMessageId> seen = new HashSet<>();
            return list.stream().filter(m -> seen.add(m.id())).toList();
        });
    }
}
