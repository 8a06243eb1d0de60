package dev.ofauthqueue.domain;

import static dev.ofauthqueue.domain.TestMessages.NOW;
import static dev.ofauthqueue.domain.TestMessages.aScheduledMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduledMassMessageTest {

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of(
                        "future, nothing sent", aScheduledMessage().sendAt(NOW.plusSeconds(1)), MessageState.SCHEDULED),
                Arguments.of("no send time", aScheduledMessage().sendAt(null), MessageState.SCHEDULED),
                Arguments.of("send time is now", aScheduledMessage().sendAt(NOW), MessageState.SENDING),
                Arguments.of("send time passed", aScheduledMessage().sendAt(NOW.minusSeconds(1)), MessageState.SENDING),
                Arguments.of("sent count 1", aScheduledMessage().sentCount(1), MessageState.SENT),
                Arguments.of(
                        "sent count 1, date passed",
                        aScheduledMessage().sendAt(NOW.minusSeconds(9)).sentCount(1),
                        MessageState.SENT),
                Arguments.of("canceled", aScheduledMessage().canceled(true), MessageState.CANCELED),
                Arguments.of(
                        "canceled and sent", aScheduledMessage().canceled(true).sentCount(10), MessageState.CANCELED),
                Arguments.of(
                        "canceled and failed",
                        aScheduledMessage().canceled(true).failed(true),
                        MessageState.CANCELED),
                Arguments.of("failed", aScheduledMessage().failed(true), MessageState.FAILED),
                Arguments.of("failed and sent", aScheduledMessage().failed(true).sentCount(3), MessageState.FAILED),
                Arguments.of(
                        "failed, date passed",
                        aScheduledMessage().failed(true).sendAt(NOW.minusSeconds(5)),
                        MessageState.FAILED));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("states")
    void derivesItsStateAtAnInstant(String situation, ScheduledMassMessage.Builder message, MessageState expected) {
        assertThat(message.build().stateAt(NOW)).isEqualTo(expected);
    }

    @Test
    void stateNeedsAnInstant() {
        assertThatNullPointerException()
                .isThrownBy(() -> aScheduledMessage().build().stateAt(null));
    }

    @Test
    void builderDefaultsAreNeutral() {
        ScheduledMassMessage m = ScheduledMassMessage.builder(7).build();

        assertThat(m.id()).isEqualTo(MassMessageId.of(7));
        assertThat(m.text()).isEmpty();
        assertThat(m.textCropped()).isEmpty();
        assertThat(m.sendAt()).isEmpty();
        assertThat(m.price()).isEqualTo(Money.FREE);
        assertThat(m.free()).isTrue();
        assertThat(m.isPaid()).isFalse();
        assertThat(m.media()).isEqualTo(MediaSummary.NONE);
        assertThat(m.sender()).isEmpty();
        assertThat(m.replyTo()).isEmpty();
        assertThat(m.queueId()).isEmpty();
    }

    @Test
    void pricingAMessageMakesItPaidAndNotFree() {
        ScheduledMassMessage paid = aScheduledMessage().price("5.00").build();
        ScheduledMassMessage free = aScheduledMessage().price("0.00").build();

        assertThat(paid.isPaid()).isTrue();
        assertThat(paid.free()).isFalse();
        assertThat(free.isPaid()).isFalse();
        assertThat(free.free()).isTrue();
        assertThat(aScheduledMessage().price((Money) null).build().price()).isEqualTo(Money.FREE);
    }

    @Test
    void toBuilderCopiesEveryField() {
        ScheduledMassMessage original = aScheduledMessage(9)
                .queueId(99L)
                .text("t")
                .textCropped("c")
                .createdAt(NOW.minusSeconds(60))
                .changedAt(NOW)
                .price("3.50")
                .lockedText(true)
                .tip(true)
                .sentCount(0)
                .viewedCount(4)
                .purchasedCount(2)
                .canUnsend(true)
                .unsendSeconds(30)
                .cancelSeconds(45)
                .failed(true)
                .sender(new Sender(1, Optional.of("Ana")))
                .replyTo(MassMessageId.of(3))
                .build();

        assertThat(original.toBuilder().build()).isEqualTo(original);
        assertThat(original.toBuilder().canceled(true).build().canceled()).isTrue();
        assertThat(original.toBuilder().id(MassMessageId.of(10)).build().id()).isEqualTo(MassMessageId.of(10));
    }

    @Test
    void nullTextBecomesEmpty() {
        ScheduledMassMessage m =
                aScheduledMessage().text(null).textCropped(null).build();

        assertThat(m.text()).isEmpty();
        assertThat(m.textCropped()).isEmpty();
    }

    @Test
    void countsMustNotBeNegative() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> aScheduledMessage().sentCount(-1).build())
                .withMessageContaining("sentCount");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> aScheduledMessage().viewedCount(-1).build())
                .withMessageContaining("viewedCount");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> aScheduledMessage().purchasedCount(-1).build())
                .withMessageContaining("purchasedCount");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> aScheduledMessage().unsendSeconds(-1).build())
                .withMessageContaining("unsendSeconds");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> aScheduledMessage().cancelSeconds(-1).build())
                .withMessageContaining("cancelSeconds");
    }

    @Test
    void absentValuesAreNeverNull() {
        assertThatNullPointerException()
                .isThrownBy(() -> new ScheduledMassMessage(
                        MassMessageId.of(1),
                        null,
                        "",
                        "",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Money.FREE,
                        true,
                        false,
                        false,
                        MediaSummary.NONE,
                        0,
                        0,
                        0,
                        false,
                        0,
                        0,
                        false,
                        false,
                        Optional.empty(),
                        Optional.empty()));
        assertThatNullPointerException().isThrownBy(() -> ScheduledMassMessage.builder((MassMessageId) null));
    }

    @Test
    void exactlyAtSendTimeIsNoLongerScheduled() {
        Instant at = NOW.plusSeconds(10);
        ScheduledMassMessage m = aScheduledMessage().sendAt(at).build();

        assertThat(m.stateAt(at.minusNanos(1))).isEqualTo(MessageState.SCHEDULED);
        assertThat(m.stateAt(at)).isEqualTo(MessageState.SENDING);
    }
}
