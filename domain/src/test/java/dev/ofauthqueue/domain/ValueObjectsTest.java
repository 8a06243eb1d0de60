package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectsTest {

    @Test
    void massMessageIdMustBePositive() {
        assertThat(MassMessageId.of(1).value()).isEqualTo(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MassMessageId.of(0))
                .withMessageContaining("was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MassMessageId.of(-3))
                .withMessageContaining("was -3");
    }

    @Test
    void massMessageIdParsesDecimalTextOnly() {
        assertThat(MassMessageId.parse("9223372036854775807").value()).isEqualTo(Long.MAX_VALUE);
        assertThat(MassMessageId.parse("42")).isEqualTo(MassMessageId.of(42)).hasToString("42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "+1", "1.5", "abc", "12a", "9223372036854775808", "99999999999999999999"})
    void massMessageIdRejectsWhatIsNotAPositiveLong(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MassMessageId.parse(text))
                .withMessageContaining("massMessageId");
    }

    @Test
    void massMessageIdRejectsNullText() {
        assertThatIllegalArgumentException().isThrownBy(() -> MassMessageId.parse(null));
    }

    @Test
    void massMessageIdsOrderByValue() {
        assertThat(MassMessageId.of(2)).isGreaterThan(MassMessageId.of(1));
    }

    @Test
    void connectionIdNeverPrintsItsValue() {
        ConnectionId id = ConnectionId.of("conn_secret123");

        assertThat(id.value()).isEqualTo("conn_secret123");
        assertThat(id.toString()).doesNotContain("secret123");
        assertThat(String.valueOf(List.of(id))).doesNotContain("secret123");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "\"\"               | is empty",
                "\"   \"            | is blank (3 whitespace characters)",
                "\" conn_secret9\"  | starts with a space",
                "\"conn_secret9 \"  | ends with a space",
                "\"conn_secret9\t\" | ends with a tab",
                "conn_secret9\u00a0 | ends with a whitespace character (U+00A0)",
                "conn               | must start with 'conn_'",
                "Conn_secret9       | must start with 'conn_' in lower case",
                "connXsecret9       | must start with 'conn_'",
                "conn_              | has nothing after 'conn_'",
                "conn_sec ret9      | has a space at position 9;",
                "conn_sec/ret9      | has '/' at position 9;",
                "conn_s\u00e9cret9  | has a non-ASCII character (U+00E9) at position 7;",
                "conn_sec\u200bret9 | has a non-ASCII character (U+200B) at position 9;",
                "conn_sec\u0007ret9 | has a control character (U+0007) at position 9;",
            })
    void aMalformedConnectionIdSaysWhatIsWrongAndWhereWithoutEchoingIt(String bad, String problem) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConnectionId.of(bad))
                .withMessageStartingWith("connectionId " + problem)
                .withMessageNotContaining("ret9");
        assertThat(ConnectionId.problemWith(bad))
                .hasValueSatisfying(p -> assertThat(p).startsWith(problem));
    }

    @Test
    void connectionIdRejectsNullAndOverlongValues() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConnectionId.of(null))
                .withMessage("connectionId is missing (null)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ConnectionId.of("conn_" + "a".repeat(121)))
                .withMessage("connectionId is too long: 126 characters, at most 125 allowed");
        assertThat(ConnectionId.of("conn_" + "a".repeat(120)).value()).hasSize(125);
        assertThat(ConnectionId.problemWith("conn_Ab-9_")).isEmpty();
    }

    @Test
    void moneyReadsOfAuthPriceStrings() {
        assertThat(Money.parse("5.00")).isEqualTo(Money.of("5")).hasToString("5.00");
        assertThat(Money.parse(" 12.5 ").amount()).isEqualByComparingTo("12.50");
        assertThat(Money.parse(null)).isEqualTo(Money.FREE);
        assertThat(Money.parse("  ")).isEqualTo(Money.FREE);
        assertThat(Money.parse("0.00").isFree()).isTrue();
        assertThat(Money.parse("0.01").isFree()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1.00", "abc", "1.234", "5,00"})
    void moneyRejectsNegativeMalformedOrSubCentPrices(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.parse(text));
    }

    @Test
    void moneyRejectsNull() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Money(null));
    }

    @Test
    void moneyOrdersByAmount() {
        assertThat(Money.of("5.00")).isGreaterThan(Money.of("4.99"));
        assertThat(new Money(new BigDecimal("3")).compareTo(Money.of("3.00"))).isZero();
    }

    @Test
    void mediaTypesUseOfAuthKeys() {
        assertThat(MediaType.PHOTO.apiName()).isEqualTo("photo");
        assertThat(MediaType.fromApiName("gif")).contains(MediaType.GIF);
        assertThat(MediaType.fromApiName("Gif")).isEmpty();
        assertThat(MediaType.fromApiName("sticker")).isEmpty();
    }

    @Test
    void mediaSummaryCountsPerTypeAndDropsZeroes() {
        MediaSummary media =
                new MediaSummary(Map.of(MediaType.PHOTO, 2, MediaType.VIDEO, 0), 2, List.of(7L, 8L), List.of(7L));

        assertThat(media.count(MediaType.PHOTO)).isEqualTo(2);
        assertThat(media.has(MediaType.PHOTO)).isTrue();
        assertThat(media.has(MediaType.VIDEO)).isFalse();
        assertThat(media.countsByType()).containsOnlyKeys(MediaType.PHOTO);
        assertThat(media.isEmpty()).isFalse();
        assertThat(MediaSummary.NONE.isEmpty()).isTrue();
    }

    @Test
    void mediaSummaryRejectsNegativeCounts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MediaSummary(Map.of(MediaType.GIF, -1), 0, List.of(), List.of()))
                .withMessageContaining("gif");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MediaSummary(Map.of(), -1, List.of(), List.of()))
                .withMessageContaining("mediaCount");
    }

    @Test
    void mediaSummaryIsEmptyOnlyWithoutAnyMedia() {
        assertThat(new MediaSummary(Map.of(), 1, List.of(), List.of()).isEmpty())
                .isFalse();
        assertThat(new MediaSummary(Map.of(MediaType.AUDIO, 1), 0, List.of(), List.of()).isEmpty())
                .isFalse();
        assertThat(new MediaSummary(Map.of(), 0, List.of(3L), List.of()).isEmpty())
                .isFalse();
    }

    @Test
    void senderNameIsExplicitlyOptional() {
        assertThat(new Sender(5, Optional.empty()).name()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> new Sender(5, null));
    }
}
