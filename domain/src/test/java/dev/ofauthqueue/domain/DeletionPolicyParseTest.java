package dev.ofauthqueue.domain;

import static dev.ofauthqueue.domain.TestMessages.NOW;
import static dev.ofauthqueue.domain.TestMessages.aScheduledMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionRule;
import dev.ofauthqueue.ScheduledMassMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A policy's written form is what a job stores and a plan file carries: it must read back to rules that decide
 * exactly as the ones written, and anything else must be refused naming the rule.
 */
class DeletionPolicyParseTest {

    @Test
    void theStandardPolicyIsWrittenAsItsRulesAndReadsBackTheSame() {
        DeletionPolicy standard = DeletionPolicy.standard(Duration.ofMinutes(2));

        assertThat(standard.describe()).isEqualTo("not-already-deleted, not-sent, not-sending, safety-margin=PT2M");
        assertThat(DeletionPolicy.parse(standard.describe()).describe()).isEqualTo(standard.describe());
        assertThat(DeletionPolicy.standard().describe()).endsWith("safety-margin=PT1M");
        assertThat(standard.rules())
                .map(Object::toString)
                .containsExactly(standard.describe().split(", "));
    }

    @Test
    void everyBuiltInRuleIsReadByItsNameAndDecidesAsItself() {
        DeletionPolicy all = DeletionPolicy.parse(
                " not-already-deleted,not-sent , not-sending,never-delete-paid,never-delete-with-purchases,"
                        + "safety-margin=PT30S ");

        assertThat(all.rules())
                .extracting(DeletionRule::name)
                .containsExactly(
                        "not-already-deleted",
                        "not-sent",
                        "not-sending",
                        "never-delete-paid",
                        "never-delete-with-purchases",
                        "safety-margin");
        assertThat(reason(all, aScheduledMessage().canceled(true).build())).isEqualTo(RefusalReason.ALREADY_DELETED);
        assertThat(reason(all, aScheduledMessage().sentCount(3).build())).isEqualTo(RefusalReason.ALREADY_SENT);
        assertThat(reason(all, aScheduledMessage().sendAt(NOW).build())).isEqualTo(RefusalReason.SENDING);
        assertThat(reason(all, aScheduledMessage().price("1").build())).isEqualTo(RefusalReason.PROTECTED);
        assertThat(reason(all, aScheduledMessage().purchasedCount(1).build())).isEqualTo(RefusalReason.PROTECTED);
        assertThat(reason(all, aScheduledMessage().sendAt(NOW.plusSeconds(29)).build()))
                .isEqualTo(RefusalReason.TOO_CLOSE_TO_SEND_TIME);
        assertThat(all.evaluate(aScheduledMessage().sendAt(NOW.plusSeconds(30)).build(), NOW))
                .isEqualTo(DeletionDecision.allowed());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankPolicyHasNoRulesAndAllowsEverything(String text) {
        DeletionPolicy none = DeletionPolicy.parse(text);

        assertThat(none.rules()).isEmpty();
        assertThat(none.describe()).isEmpty();
        assertThat(none.evaluate(aScheduledMessage().sentCount(5).build(), NOW)).isEqualTo(DeletionDecision.allowed());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"not-sent,", ",not-sent", "not-sent,,not-sending", "NOT-SENT", "not_sent", "delete-all"})
    void anUnknownOrEmptyRuleIsRefusedListingTheBuiltInOnes(String text) {
        assertThatThrownBy(() -> DeletionPolicy.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not built in (built in: not-already-deleted, not-sent, not-sending,"
                        + " safety-margin=<ISO-8601 duration>, never-delete-paid, never-delete-with-purchases)");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"safety-margin=", "safety-margin=60s", "safety-margin=1 minute", "safety-margin=PT"})
    void aMarginThatIsNotAnIsoDurationIsRefusedNamingTheRule(String text) {
        assertThatThrownBy(() -> DeletionPolicy.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule '" + text + "': the margin must be an ISO-8601 duration such as PT1M");
    }

    @Test
    void aNegativeMarginIsRefusedAndAZeroMarginAllowsUpToTheSendTime() {
        assertThatThrownBy(() -> DeletionPolicy.parse("safety-margin=-PT1S"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("safety margin must be zero or more, was PT-1S");
        DeletionPolicy zero = DeletionPolicy.parse("safety-margin=PT0S");

        assertThat(zero.evaluate(aScheduledMessage().sendAt(NOW.plusNanos(1)).build(), NOW))
                .isEqualTo(DeletionDecision.allowed());
    }

    static RefusalReason reason(DeletionPolicy policy, ScheduledMassMessage message) {
        DeletionDecision decision = policy.evaluate(message, NOW);
        assertThat(decision).isInstanceOf(DeletionDecision.Refused.class);
        return ((DeletionDecision.Refused) decision).reason();
    }
}
