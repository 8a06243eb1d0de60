package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of a plan over random queues. Each case is drawn from its own seed, shown in the test's name, so a
 * failing case replays by running that seed again.
 */
class DeletionPlanPropertiesTest {

    static final Instant NOW = TestMessages.NOW;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aPlanNeverHoldsAMessageThePolicyRefuses(long seed) {
        Random random = new Random(seed);
        List<ScheduledMassMessage> messages = queue(random);
        Duration margin = Duration.ofSeconds(random.nextInt(601));
        DeletionPolicy policy = DeletionPolicy.standard(margin).and(DeletionRules.neverDeleteWithPurchases());
        ScheduledQueue queue = ScheduledQueue.of(TestMessages.CONNECTION, messages);

        DeletionPlan plan = DeletionPlan.of(queue, MessageSelector.all(), policy, NOW);

        assertThat(plan.toDelete())
                .allSatisfy(m -> assertThat(policy.evaluate(m, NOW).isAllowed()).isTrue());
        assertThat(plan.refused())
                .allSatisfy(r -> assertThat(policy.evaluate(r.message(), NOW)).isEqualTo(r.decision()));
        assertThat(plan.toDelete())
                .allSatisfy(m -> assertThat(m.stateAt(NOW)).isIn(MessageState.SCHEDULED, MessageState.FAILED));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySelectedMessageIsPlannedExactlyOnce(long seed) {
        ScheduledQueue queue = ScheduledQueue.of(TestMessages.CONNECTION, queue(new Random(seed)));
        MessageSelector selector = MessageSelector.free();

        DeletionPlan plan = DeletionPlan.of(queue, selector, DeletionPolicy.standard(), NOW);

        List<MassMessageId> planned = new ArrayList<>();
        plan.toDelete().forEach(m -> planned.add(m.id()));
        plan.refused().forEach(r -> planned.add(r.message().id()));
        assertThat(planned)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(queue.select(selector, NOW).stream()
                        .map(ScheduledMassMessage::id)
                        .toList());
    }

    /** Up to 30 messages with unique ids, in every state, sent up to 15 minutes either side of now. */
    static List<ScheduledMassMessage> queue(Random random) {
        int size = random.nextInt(31);
        Set<MassMessageId> seen = new HashSet<>();
        List<ScheduledMassMessage> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ScheduledMassMessage m = message(random);
            if (seen.add(m.id())) {
                out.add(m);
            }
        }
        return out;
    }

    static ScheduledMassMessage message(Random random) {
        long offset = random.nextInt(1801) - 900L;
        return ScheduledMassMessage.builder(1 + random.nextInt(1000))
                .sendAt(offset == 0 ? null : NOW.plusSeconds(offset))
                .sentCount(pick(random, 0L, 0L, 0L, 1L, 250L))
                .canceled(random.nextInt(4) == 0)
                .failed(random.nextInt(4) == 0)
                .price(pick(random, "0.00", "0.00", "3.00", "25.50"))
                .purchasedCount(pick(random, 0L, 0L, 2L))
                .build();
    }

    @SafeVarargs
    static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
