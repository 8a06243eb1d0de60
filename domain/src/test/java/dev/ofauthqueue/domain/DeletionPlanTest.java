package dev.ofauthqueue.domain;

import static dev.ofauthqueue.domain.TestMessages.CONNECTION;
import static dev.ofauthqueue.domain.TestMessages.NOW;
import static dev.ofauthqueue.domain.TestMessages.aScheduledMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class DeletionPlanTest {

    private final ScheduledMassMessage deletable =
            aScheduledMessage(1).sendAt(NOW.plusSeconds(3600)).build();
    private final ScheduledMassMessage paid =
            aScheduledMessage(2).sendAt(NOW.plusSeconds(3600)).price("5.00").build();
    private final ScheduledMassMessage sent =
            aScheduledMessage(3).sendAt(NOW.minusSeconds(60)).sentCount(8).build();
    private final ScheduledMassMessage tooClose =
            aScheduledMessage(4).sendAt(NOW.plusSeconds(30)).build();
    private final ScheduledQueue queue = ScheduledQueue.of(CONNECTION, List.of(deletable, paid, sent, tooClose));

    @Test
    void splitsSelectedMessagesIntoDeletableAndRefusedWithReasons() {
        DeletionPlan plan = DeletionPlan.of(
                queue, MessageSelector.all(), DeletionPolicy.standard().and(DeletionRules.neverDeletePaid()), NOW);

        assertThat(plan.toDelete()).containsExactly(deletable);
        assertThat(plan.refused())
                .extracting(r -> r.message().id().value(), r -> r.decision().reason())
                .containsExactly(
                        Tuple.tuple(3L, RefusalReason.ALREADY_SENT),
                        Tuple.tuple(4L, RefusalReason.TOO_CLOSE_TO_SEND_TIME),
                        Tuple.tuple(2L, RefusalReason.PROTECTED));
        assertThat(plan.size()).isEqualTo(4);
        assertThat(plan.connection()).isEqualTo(CONNECTION);
        assertThat(plan.plannedAt()).isEqualTo(NOW);
    }

    @Test
    void onlySelectedMessagesArePlanned() {
        DeletionPlan plan = DeletionPlan.of(queue, MessageSelector.paid(), DeletionPolicy.standard(), NOW);

        assertThat(plan.toDelete()).containsExactly(paid);
        assertThat(plan.refused()).isEmpty();
    }

    @Test
    void describesTheDryRunLineByLine() {
        DeletionPlan plan = DeletionPlan.of(queue, MessageSelector.all(), DeletionPolicy.standard(), NOW);

        String text = plan.describe();

        assertThat(text.lines()).hasSize(5);
        assertThat(text).startsWith("Deletion plan at " + NOW + ": 2 to delete, 2 refused");
        assertThat(text).contains("DELETE 1 at " + NOW.plusSeconds(3600) + " price 0.00");
        assertThat(text).contains("DELETE 2").contains("price 5.00");
        assertThat(text).contains("KEEP   3 ALREADY_SENT (not-sent)");
        assertThat(text).contains("KEEP   4 TOO_CLOSE_TO_SEND_TIME (safety-margin)");
    }

    @Test
    void describesAnUndatedMessageWithAQuestionMark() {
        ScheduledQueue undated = ScheduledQueue.of(
                CONNECTION, List.of(aScheduledMessage(9).sendAt(null).build()));

        DeletionPlan plan = DeletionPlan.of(undated, MessageSelector.all(), DeletionPolicy.of(), NOW);

        assertThat(plan.describe()).contains("DELETE 9 at ? price 0.00");
    }
}
