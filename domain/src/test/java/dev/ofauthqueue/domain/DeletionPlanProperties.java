package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DeletionPlanProperties {

    static final Instant NOW = TestMessages.NOW;

    @Property
    void aPlanNeverHoldsAMessageThePolicyRefuses(@ForAll("queues") List<ScheduledMassMessage> messages,
                                                 @ForAll("margins") Duration margin) {
        DeletionPolicy policy = DeletionPolicy.standard(margin).and(DeletionRules.neverDeleteWithPurchases());
        ScheduledQueue queue = ScheduledQueue.of(TestMessages.CONNECTION, messages);

        DeletionPlan plan = DeletionPlan.of(queue, MessageSelector.all(), policy, NOW);

        assertThat(plan.toDelete()).allSatisfy(m -> assertThat(policy.evaluate(m, NOW).isAllowed()).isTrue());
        assertThat(plan.refused()).allSatisfy(r -> assertThat(policy.evaluate(r.message(), NOW)).isEqualTo(r.decision()));
        assertThat(plan.toDelete()).allSatisfy(m -> assertThat(m.stateAt(NOW)).isIn(MessageState.SCHEDULED, MessageState.FAILED));
    }

    @Property
    void everySelectedMessageIsPlannedExactlyOnce(@ForAll("queues") List<ScheduledMassMessage> messages) {
        ScheduledQueue queue = ScheduledQueue.of(TestMessages.CONNECTION, messages);
        MessageSelector selector = MessageSelector.free();

        DeletionPlan plan = DeletionPlan.of(queue, selector, DeletionPolicy.standard(), NOW);

        List<MassMessageId> planned = new ArrayList<>();
        plan.toDelete().forEach(m -> planned.add(m.id()));
        plan.refused().forEach(r -> planned.add(r.message().id()));
        assertThat(planned).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(queue.select(selector, NOW).stream().map(ScheduledMassMessage::id).toList());
    }

    @Provide
    Arbitrary<Duration> margins() {
        return Arbitraries.longs().between(0, 600).map(Duration::ofSeconds);
    }

    @Provide
    Arbitrary<List<ScheduledMassMessage>> queues() {
        return message().list().ofMaxSize(30).map(DeletionPlanProperties::uniqueIds);
    }

    static Arbitrary<ScheduledMassMessage> message() {
        Arbitrary<Long> ids = Arbitraries.longs().between(1, 1_000);
        Arbitrary<Long> offsets = Arbitraries.longs().between(-900, 900);
        Arbitrary<Long> sent = Arbitraries.of(0L, 0L, 0L, 1L, 250L);
        Arbitrary<Boolean> canceled = Arbitraries.of(false, false, false, true);
        Arbitrary<Boolean> failed = Arbitraries.of(false, false, false, true);
        Arbitrary<String> price = Arbitraries.of("0.00", "0.00", "3.00", "25.50");
        Arbitrary<Long> purchased = Arbitraries.of(0L, 0L, 2L);
        return Combinators.combine(ids, offsets, sent, canceled, failed, price, purchased)
                .as((id, offset, sentCount, isCanceled, isFailed, p, bought) -> ScheduledMassMessage.builder(id)
                        .sendAt(offset == 0 ? null : NOW.plusSeconds(offset))
                        .sentCount(sentCount).canceled(isCanceled).failed(isFailed).price(p).purchasedCount(bought)
                        .build());
    }

    private static List<ScheduledMassMessage> uniqueIds(List<ScheduledMassMessage> messages) {
        Set<MassMessageId> seen = new HashSet<>();
        return messages.stream().filter(m -> seen.add(m.id())).toList();
    }
}
