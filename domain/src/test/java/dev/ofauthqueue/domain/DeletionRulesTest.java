package dev.ofauthqueue.domain;

import static dev.ofauthqueue.domain.TestMessages.NOW;
import static dev.ofauthqueue.domain.TestMessages.aScheduledMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionRule;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.ScheduledMassMessage;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeletionRulesTest {

    private static final DeletionPolicy STANDARD = DeletionPolicy.standard();

    /** null reason = allowed. */
    static Stream<Arguments> standardPolicyTable() {
        return Stream.of(
                Arguments.of("an hour ahead", aScheduledMessage().sendAt(NOW.plusSeconds(3600)), null),
                Arguments.of("exactly at the 60s margin", aScheduledMessage().sendAt(NOW.plusSeconds(60)), null),
                Arguments.of(
                        "one second outside the margin", aScheduledMessage().sendAt(NOW.plusSeconds(61)), null),
                Arguments.of(
                        "one second inside the margin",
                        aScheduledMessage().sendAt(NOW.plusSeconds(59)),
                        RefusalReason.TOO_CLOSE_TO_SEND_TIME),
                Arguments.of(
                        "one nanosecond inside the margin",
                        aScheduledMessage().sendAt(NOW.plusSeconds(60).minusNanos(1)),
                        RefusalReason.TOO_CLOSE_TO_SEND_TIME),
                Arguments.of(
                        "one second ahead",
                        aScheduledMessage().sendAt(NOW.plusSeconds(1)),
                        RefusalReason.TOO_CLOSE_TO_SEND_TIME),
                Arguments.of("no send time", aScheduledMessage().sendAt(null), RefusalReason.TOO_CLOSE_TO_SEND_TIME),
                Arguments.of("send time is now", aScheduledMessage().sendAt(NOW), RefusalReason.SENDING),
                Arguments.of(
                        "send time passed, nothing sent",
                        aScheduledMessage().sendAt(NOW.minusSeconds(1)),
                        RefusalReason.SENDING),
                Arguments.of("sent count 0, ahead", aScheduledMessage().sentCount(0), null),
                Arguments.of("sent count 1", aScheduledMessage().sentCount(1), RefusalReason.ALREADY_SENT),
                Arguments.of(
                        "sent count 1, time passed",
                        aScheduledMessage().sentCount(1).sendAt(NOW.minusSeconds(60)),
                        RefusalReason.ALREADY_SENT),
                Arguments.of("canceled", aScheduledMessage().canceled(true), RefusalReason.ALREADY_DELETED),
                Arguments.of(
                        "canceled and sent together",
                        aScheduledMessage().canceled(true).sentCount(5),
                        RefusalReason.ALREADY_DELETED),
                Arguments.of(
                        "canceled inside the margin",
                        aScheduledMessage().canceled(true).sendAt(NOW.plusSeconds(5)),
                        RefusalReason.ALREADY_DELETED),
                Arguments.of(
                        "failed, time passed", aScheduledMessage().failed(true).sendAt(NOW.minusSeconds(30)), null),
                Arguments.of(
                        "failed inside the margin",
                        aScheduledMessage().failed(true).sendAt(NOW.plusSeconds(5)),
                        null),
                Arguments.of(
                        "failed without send time",
                        aScheduledMessage().failed(true).sendAt(null),
                        null));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("standardPolicyTable")
    void standardPolicyDecides(String situation, ScheduledMassMessage.Builder message, RefusalReason expected) {
        DeletionDecision decision = STANDARD.evaluate(message.build(), NOW);

        if (expected == null) {
            assertThat(decision).isInstanceOf(DeletionDecision.Allowed.class);
            assertThat(decision.isAllowed()).isTrue();
        } else {
            assertThat(decision).isInstanceOfSatisfying(DeletionDecision.Refused.class, r -> {
                assertThat(r.reason()).isEqualTo(expected);
                assertThat(r.detail()).contains("message 1");
            });
            assertThat(decision.isAllowed()).isFalse();
        }
    }

    static Stream<Arguments> marginTable() {
        return Stream.of(
                Arguments.of(0L, 0L, RefusalReason.SENDING),
                Arguments.of(0L, 1L, null),
                Arguments.of(300L, 299L, RefusalReason.TOO_CLOSE_TO_SEND_TIME),
                Arguments.of(300L, 300L, null),
                Arguments.of(300L, 301L, null));
    }

    @ParameterizedTest(name = "margin {0}s, send in {1}s -> {2}")
    @MethodSource("marginTable")
    void safetyMarginIsConfigurable(long marginSeconds, long aheadSeconds, RefusalReason expected) {
        DeletionPolicy policy = DeletionPolicy.standard(Duration.ofSeconds(marginSeconds));

        DeletionDecision decision = policy.evaluate(
                aScheduledMessage().sendAt(NOW.plusSeconds(aheadSeconds)).build(), NOW);

        if (expected == null) {
            assertThat(decision.isAllowed()).isTrue();
        } else {
            assertThat(decision)
                    .isInstanceOfSatisfying(
                            DeletionDecision.Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(expected));
        }
    }

    @Test
    void safetyMarginMustNotBeNegative() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DeletionRules.safetyMargin(Duration.ofSeconds(-1)))
                .withMessageContaining("safety margin");
        assertThatNullPointerException().isThrownBy(() -> DeletionRules.safetyMargin(null));
    }

    @Test
    void eachRefusalNamesItsRule() {
        assertThat(refusal(
                                DeletionRules.notAlreadyDeleted(),
                                aScheduledMessage().canceled(true))
                        .rule())
                .isEqualTo("not-already-deleted");
        assertThat(refusal(DeletionRules.notSent(), aScheduledMessage().sentCount(1))
                        .rule())
                .isEqualTo("not-sent");
        assertThat(refusal(DeletionRules.notSending(), aScheduledMessage().sendAt(NOW))
                        .rule())
                .isEqualTo("not-sending");
        assertThat(refusal(
                                DeletionRules.safetyMargin(Duration.ofSeconds(60)),
                                aScheduledMessage().sendAt(NOW.plusSeconds(1)))
                        .rule())
                .isEqualTo("safety-margin");
        assertThat(DeletionRules.safetyMargin(Duration.ZERO).name()).isEqualTo("safety-margin");
        assertThat(DeletionRules.notSent().name())
                .isEqualTo("not-sent")
                .isEqualTo(DeletionRules.notSent().toString());
    }

    @Test
    void refusalsExplainTheFacts() {
        assertThat(refusal(DeletionRules.notSent(), aScheduledMessage().sentCount(12))
                        .detail())
                .contains("12 fans");
        assertThat(refusal(
                                DeletionRules.safetyMargin(Duration.ofSeconds(60)),
                                aScheduledMessage().sendAt(NOW.plusSeconds(42)))
                        .detail())
                .contains("42s")
                .contains("60s");
        assertThat(refusal(
                                DeletionRules.safetyMargin(Duration.ofSeconds(60)),
                                aScheduledMessage().sendAt(null))
                        .detail())
                .contains("no send time");
    }

    @Test
    void eachStateRuleOnlyRefusesItsOwnState() {
        ScheduledMassMessage scheduled = aScheduledMessage().build();

        assertThat(DeletionRules.notAlreadyDeleted().evaluate(scheduled, NOW).isAllowed())
                .isTrue();
        assertThat(DeletionRules.notSent().evaluate(scheduled, NOW).isAllowed()).isTrue();
        assertThat(DeletionRules.notSending().evaluate(scheduled, NOW).isAllowed())
                .isTrue();
        assertThat(DeletionRules.notSending()
                        .evaluate(aScheduledMessage().sentCount(1).build(), NOW)
                        .isAllowed())
                .isTrue();
        assertThat(DeletionRules.notSent()
                        .evaluate(aScheduledMessage().sendAt(NOW).build(), NOW)
                        .isAllowed())
                .isTrue();
    }

    @Test
    void safetyMarginLeavesOtherStatesToOtherRules() {
        DeletionRule margin = DeletionRules.safetyMargin(Duration.ofSeconds(60));

        assertThat(margin.evaluate(aScheduledMessage().sendAt(NOW).build(), NOW).isAllowed())
                .isTrue();
        assertThat(margin.evaluate(
                                aScheduledMessage()
                                        .sendAt(NOW.plusSeconds(1))
                                        .canceled(true)
                                        .build(),
                                NOW)
                        .isAllowed())
                .isTrue();
        assertThat(margin.evaluate(
                                aScheduledMessage()
                                        .sendAt(NOW.plusSeconds(1))
                                        .sentCount(1)
                                        .build(),
                                NOW)
                        .isAllowed())
                .isTrue();
    }

    @Test
    void userRulesProtectWhatTheyName() {
        DeletionPolicy policy = DeletionPolicy.standard().and(DeletionRules.neverDeletePaid());

        DeletionDecision paid =
                policy.evaluate(aScheduledMessage().price("5.00").build(), NOW);
        DeletionDecision free =
                policy.evaluate(aScheduledMessage().price("0.00").build(), NOW);

        assertThat(paid).isInstanceOfSatisfying(DeletionDecision.Refused.class, r -> {
            assertThat(r.reason()).isEqualTo(RefusalReason.PROTECTED);
            assertThat(r.rule()).isEqualTo("never-delete-paid");
            assertThat(r.detail()).contains("never-delete-paid");
        });
        assertThat(free.isAllowed()).isTrue();
    }

    @ParameterizedTest(name = "purchased {0} -> protected {1}")
    @MethodSource("purchases")
    void neverDeleteWithPurchasesLooksAtThePurchaseCount(long purchased, boolean protectedExpected) {
        DeletionDecision decision = DeletionRules.neverDeleteWithPurchases()
                .evaluate(aScheduledMessage().purchasedCount(purchased).build(), NOW);

        assertThat(decision.isAllowed()).isNotEqualTo(protectedExpected);
    }

    static Stream<Arguments> purchases() {
        return Stream.of(Arguments.of(0L, false), Arguments.of(1L, true), Arguments.of(40L, true));
    }

    @Test
    void userRulesNeedANameAndAPredicate() {
        assertThatIllegalArgumentException().isThrownBy(() -> DeletionRule.protecting(" ", m -> true));
        assertThatNullPointerException().isThrownBy(() -> DeletionRule.protecting(null, m -> true));
        assertThatNullPointerException().isThrownBy(() -> DeletionRule.protecting("x", null));
        assertThat(DeletionRule.protecting("vip", m -> true)).hasToString("vip");
    }

    private static DeletionDecision.Refused refusal(DeletionRule rule, ScheduledMassMessage.Builder message) {
        DeletionDecision decision = rule.evaluate(message.build(), NOW);
        assertThat(decision).isInstanceOf(DeletionDecision.Refused.class);
        return (DeletionDecision.Refused) decision;
    }
}
