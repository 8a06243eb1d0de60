package dev.ofauthqueue.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StageWaiterTest {

    @Test
    void waitsThirtySecondsUnlessThePropertySaysOtherwise() {
        assertThat(StageWaiter.waitFrom(null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(StageWaiter.waitFrom("PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(StageWaiter.waitFrom("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "2s", "PT0S", "-PT1S", "PT-5S", "P\u001b[2J", "PT99999999999999999999S"})
    void aWaitThatIsNotAPositiveDurationIsRefusedNamingTheProperty(String property) {
        assertThatThrownBy(() -> StageWaiter.waitFrom(property))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ofauth.testkit.wait must be a positive ISO-8601 duration such as PT30S");
    }

    @Test
    void aStageThatDoesNotFinishWithinTheWaitFailsTheTestInsteadOfHangingIt() {
        CompletableFuture<String> never = new CompletableFuture<>();

        assertThatThrownBy(() -> StageWaiter.await(never, Duration.ofMillis(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("the stage did not finish within PT0.001S");
    }

    @Test
    void aFailedStageFailsTheTestWithItsCause() {
        IllegalStateException cause = new IllegalStateException("boom");

        assertThatThrownBy(() -> StageWaiter.await(CompletableFuture.failedFuture(cause)))
                .isInstanceOf(AssertionError.class)
                .hasCause(cause);
        assertThat(StageWaiter.failureOf(CompletableFuture.failedFuture(cause))).isSameAs(cause);
    }
}
