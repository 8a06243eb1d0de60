package dev.ofauthqueue.domain;

import static dev.ofauthqueue.domain.TestMessages.NOW;
import static dev.ofauthqueue.domain.TestMessages.aScheduledMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionRule;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.ScheduledMassMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeletionPolicyTest {

    @Test
    void theFirstRefusalInRuleOrderWins() {
        DeletionPolicy policy = DeletionPolicy.of(
                DeletionRule.protecting("first", m -> true), DeletionRule.protecting("second", m -> true));

        DeletionDecision decision = policy.evaluate(aScheduledMessage().build(), NOW);

        assertThat(decision)
                .isInstanceOfSatisfying(
                        DeletionDecision.Refused.class,
                        r -> assertThat(r.rule()).isEqualTo("first"));
    }

    @Test
    void laterRulesAreNotConsultedAfterARefusal() {
        List<String> consulted = new ArrayList<>();
        DeletionRule recording = new DeletionRule() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public DeletionDecision evaluate(ScheduledMassMessage message, Instant now) {
                consulted.add(name());
                return DeletionDecision.allowed();
            }
        };

        DeletionPolicy.standard()
                .and(recording)
                .evaluate(aScheduledMessage().canceled(true).build(), NOW);
        DeletionPolicy.standard().and(recording).evaluate(aScheduledMessage().build(), NOW);

        assertThat(consulted).containsExactly("recording");
    }

    @Test
    void anEmptyPolicyAllowsEverything() {
        assertThat(DeletionPolicy.of()
                        .evaluate(aScheduledMessage().sentCount(3).build(), NOW)
                        .isAllowed())
                .isTrue();
    }

    @Test
    void standardPolicyListsItsRules() {
        assertThat(DeletionPolicy.standard().rules())
                .extracting(DeletionRule::name)
                .containsExactly("not-already-deleted", "not-sent", "not-sending", "safety-margin");
        assertThat(DeletionPolicy.standard().and(DeletionRules.neverDeletePaid()))
                .hasToString(
                        "DeletionPolicy[not-already-deleted, not-sent, not-sending, safety-margin, never-delete-paid]");
    }

    @Test
    void addingARuleLeavesTheOriginalPolicyAsItWas() {
        DeletionPolicy standard = DeletionPolicy.standard();

        DeletionPolicy stricter = standard.and(DeletionRules.neverDeletePaid());

        assertThat(standard.rules()).hasSize(4);
        assertThat(stricter.rules()).hasSize(5);
    }

    @Test
    void evaluationNeedsAMessageAndAnInstant() {
        assertThatNullPointerException()
                .isThrownBy(() -> DeletionPolicy.standard().evaluate(null, NOW));
        assertThatNullPointerException()
                .isThrownBy(() ->
                        DeletionPolicy.standard().evaluate(aScheduledMessage().build(), null));
        assertThatNullPointerException()
                .isThrownBy(() -> DeletionPolicy.standard().and(null));
    }

    @Test
    void refusedDecisionsNeedTheirParts() {
        assertThatNullPointerException().isThrownBy(() -> DeletionDecision.refused(null, "r", "d"));
        assertThatNullPointerException().isThrownBy(() -> DeletionDecision.refused(RefusalReason.PROTECTED, null, "d"));
        assertThatNullPointerException().isThrownBy(() -> DeletionDecision.refused(RefusalReason.PROTECTED, "r", null));
        assertThat(DeletionDecision.allowed()).isSameAs(DeletionDecision.allowed());
    }
}
