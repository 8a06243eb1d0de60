package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.DeletionJobId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A job's id as an operator types it ({@code jobs resume 7}) and as the stores write it. */
class DeletionJobIdTest {

    @Test
    void anIdIsAPositiveNumberPrintedAsIs() {
        assertThat(DeletionJobId.of(7)).hasToString("7");
        assertThat(DeletionJobId.of(Long.MAX_VALUE)).hasToString(Long.toString(Long.MAX_VALUE));
        assertThat(DeletionJobId.of(1).value()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void zeroAndNegativeIdsAreRefused(long value) {
        assertThatThrownBy(() -> DeletionJobId.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job id must be positive, was " + value);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1", "7", "007", "123456789012345678"})
    void decimalDigitsAreRead(String text) {
        assertThat(DeletionJobId.parse(text)).isEqualTo(DeletionJobId.of(Long.parseLong(text)));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " 7", "7 ", "+7", "-7", "7a", "0x7", "٧", "1234567890123456789", "1e3", "\u001b[2J"})
    void anythingButUpToEighteenDecimalDigitsIsRefusedQuotingTheInput(String text) {
        assertThatThrownBy(() -> DeletionJobId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job id must be a positive decimal number, was '" + text + "'");
    }

    @Test
    void zeroTypedIsRefusedAsNotPositiveAndNullAsMissing() {
        assertThatThrownBy(() -> DeletionJobId.parse("0")).hasMessage("job id must be positive, was 0");
        assertThatThrownBy(() -> DeletionJobId.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job id must be a positive decimal number, was 'null'");
    }

    @Test
    void idsSortByTheirNumber() {
        List<DeletionJobId> sorted =
                Stream.of(10L, 9L, 100L, 1L).map(DeletionJobId::of).sorted().toList();

        assertThat(sorted).extracting(DeletionJobId::value).containsExactly(1L, 9L, 10L, 100L);
        assertThat(DeletionJobId.of(2).compareTo(DeletionJobId.of(2))).isZero();
    }
}
