package dev.ofauthqueue.domain;

import static dev.ofauthqueue.domain.TestMessages.CONNECTION;
import static dev.ofauthqueue.domain.TestMessages.NOW;
import static dev.ofauthqueue.domain.TestMessages.aScheduledMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ScheduledQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduledQueueTest {

    private final ScheduledMassMessage late = aScheduledMessage(1)
            .sendAt(NOW.plusSeconds(7200))
            .text("Late Night Sale")
            .price("9.99")
            .build();
    private final ScheduledMassMessage soon =
            aScheduledMessage(2).sendAt(NOW.plusSeconds(120)).text("soon").build();
    private final ScheduledMassMessage sent =
            aScheduledMessage(3).sendAt(NOW.minusSeconds(600)).sentCount(40).build();
    private final ScheduledMassMessage undated =
            aScheduledMessage(4).sendAt(null).build();
    private final ScheduledMassMessage sameTimeAsSoon = aScheduledMessage(0 + 5)
            .sendAt(NOW.plusSeconds(120))
            .media(new MediaSummary(Map.of(MediaType.VIDEO, 1), 1, List.of(11L), List.of()))
            .build();

    private final ScheduledQueue queue =
            ScheduledQueue.of(CONNECTION, List.of(undated, late, sameTimeAsSoon, sent, soon));

    @Test
    void ordersBySendTimeThenIdWithUndatedLast() {
        assertThat(queue.messages()).containsExactly(sent, soon, sameTimeAsSoon, late, undated);
        assertThat(queue.size()).isEqualTo(5);
        assertThat(queue.isEmpty()).isFalse();
        assertThat(queue.connection()).isEqualTo(CONNECTION);
    }

    @Test
    void findsById() {
        assertThat(queue.find(MassMessageId.of(2))).contains(soon);
        assertThat(queue.find(MassMessageId.of(99))).isEmpty();
    }

    @Test
    void upcomingHoldsOnlyScheduledMessages() {
        assertThat(queue.upcoming(NOW)).containsExactly(soon, sameTimeAsSoon, late, undated);
    }

    @Test
    void dueWithinIncludesTheWindowEnd() {
        assertThat(queue.dueWithin(NOW, Duration.ofSeconds(120))).containsExactly(soon, sameTimeAsSoon);
        assertThat(queue.dueWithin(NOW, Duration.ofSeconds(119))).isEmpty();
        assertThat(queue.dueWithin(NOW, Duration.ofDays(1))).containsExactly(soon, sameTimeAsSoon, late);
        assertThatIllegalArgumentException().isThrownBy(() -> queue.dueWithin(NOW, Duration.ofSeconds(-1)));
    }

    @Test
    void selectsWithComposedSelectors() {
        assertThat(queue.select(MessageSelector.textContains("night sale"), NOW))
                .containsExactly(late);
        assertThat(queue.select(MessageSelector.paid(), NOW)).containsExactly(late);
        assertThat(queue.select(MessageSelector.free().and(MessageSelector.hasMedia(MediaType.VIDEO)), NOW))
                .containsExactly(sameTimeAsSoon);
        assertThat(queue.select(MessageSelector.inState(MessageState.SENT).or(MessageSelector.paid()), NOW))
                .containsExactly(sent, late);
        assertThat(queue.select(MessageSelector.paid().negate(), NOW))
                .containsExactly(sent, soon, sameTimeAsSoon, undated);
        assertThat(queue.select(MessageSelector.all(), NOW)).isEqualTo(queue.messages());
        assertThat(queue.select(MessageSelector.ids(Set.of(MassMessageId.of(4), MassMessageId.of(1))), NOW))
                .containsExactly(late, undated);
    }

    @Test
    void selectsBySendTimeRangeFromInclusiveUntilExclusive() {
        MessageSelector range = MessageSelector.sendTimeBetween(NOW.plusSeconds(120), NOW.plusSeconds(7200));

        assertThat(queue.select(range, NOW)).containsExactly(soon, sameTimeAsSoon);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageSelector.sendTimeBetween(NOW, NOW.minusSeconds(1)));
        assertThat(queue.select(MessageSelector.sendTimeBetween(NOW, NOW), NOW)).isEmpty();
    }

    @Test
    void selectsByPriceRangeBothEndsIncluded() {
        assertThat(queue.select(MessageSelector.priceBetween(Money.of("9.99"), Money.of("9.99")), NOW))
                .containsExactly(late);
        assertThat(queue.select(MessageSelector.priceBetween(Money.of("0.01"), Money.of("9.98")), NOW))
                .isEmpty();
        assertThat(queue.select(MessageSelector.priceBetween(Money.FREE, Money.FREE), NOW))
                .hasSize(4);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageSelector.priceBetween(Money.of("2"), Money.of("1")));
    }

    @Test
    void refusesDuplicateIds() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ScheduledQueue.of(CONNECTION, List.of(soon, soon)))
                .withMessageContaining("2");
    }

    @Test
    void withoutRemovesOneMessage() {
        ScheduledQueue smaller = queue.without(MassMessageId.of(2));

        assertThat(smaller.find(MassMessageId.of(2))).isEmpty();
        assertThat(smaller.size()).isEqualTo(4);
        assertThat(queue.size()).isEqualTo(5);
        assertThat(queue.without(MassMessageId.of(99))).isEqualTo(queue);
    }

    @Test
    void isAValue() {
        ScheduledQueue same = ScheduledQueue.of(CONNECTION, List.of(soon, late, undated, sent, sameTimeAsSoon));

        assertThat(same).isEqualTo(queue).hasSameHashCodeAs(queue);
        assertThat(ScheduledQueue.empty(CONNECTION)).isNotEqualTo(queue);
        assertThat(ScheduledQueue.empty(CONNECTION).isEmpty()).isTrue();
        assertThat(ScheduledQueue.empty(ConnectionId.of("conn_other"))).isNotEqualTo(ScheduledQueue.empty(CONNECTION));
        assertThat(queue).hasToString("ScheduledQueue[conn_****, 5 messages]");
    }

    @Test
    void rejectsNulls() {
        assertThatNullPointerException().isThrownBy(() -> ScheduledQueue.of(null, List.of()));
        assertThatNullPointerException().isThrownBy(() -> queue.find(null));
        assertThatNullPointerException().isThrownBy(() -> queue.select(null, NOW));
        assertThatNullPointerException().isThrownBy(() -> queue.select(MessageSelector.all(), null));
        assertThatNullPointerException().isThrownBy(() -> MessageSelector.all().and(null));
        assertThatNullPointerException().isThrownBy(() -> MessageSelector.all().or(null));
    }
}
