package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ConnectionId;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of a connection id's alphabet and of the words that describe a bad character: an id one character off
 * must be named precisely (an operator fixes a typo from the message alone, since the value is never shown).
 */
class ConnectionIdTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {"conn_a", "conn_z", "conn_A", "conn_Z", "conn_0", "conn_9", "conn__", "conn_-", "conn_aZ09_-"})
    void everyLetterDigitUnderscoreAndHyphenUpToTheEdgesOfTheirRangesIsAllowed(String id) {
        assertThat(ConnectionId.problemWith(id)).isEmpty();
        assertThat(ConnectionId.of(id).value()).isEqualTo(id);
    }

    static Stream<Arguments> outsideTheAlphabet() {
        return Stream.of(
                // the characters just outside each allowed range
                Arguments.of("conn_x`", "has '`' at position 7;"),
                Arguments.of("conn_x{", "has '{' at position 7;"),
                Arguments.of("conn_x@", "has '@' at position 7;"),
                Arguments.of("conn_x[", "has '[' at position 7;"),
                Arguments.of("conn_x/", "has '/' at position 7;"),
                Arguments.of("conn_x:", "has ':' at position 7;"),
                Arguments.of("conn_x.", "has '.' at position 7;"),
                Arguments.of("conn_x,", "has ',' at position 7;"),
                // the last printable ASCII character is shown; the first after it is a control character
                Arguments.of("conn_x~y", "has '~' at position 7;"),
                Arguments.of("conn_x\u007fy", "has a control character (U+007F) at position 7;"),
                Arguments.of("conn_x\u0085y", "has a control character (U+0085) at position 7;"),
                Arguments.of("conn_x\u00ffy", "has a non-ASCII character (U+00FF) at position 7;"),
                Arguments.of("conn_x\ny", "has a line break at position 7;"),
                Arguments.of("conn_x\ry", "has a line break at position 7;"),
                Arguments.of("conn_x\u2007y", "has a whitespace character (U+2007) at position 7;"),
                Arguments.of("conn_x\u2028y", "has a whitespace character (U+2028) at position 7;"),
                // space characters that are not Java whitespace are still caught at either end
                Arguments.of("\u00a0conn_x", "starts with a whitespace character (U+00A0)"),
                Arguments.of("\u2007conn_x", "starts with a whitespace character (U+2007)"),
                Arguments.of("\tconn_x", "starts with a tab"),
                Arguments.of("\nconn_x", "starts with a line break"),
                Arguments.of("conn_x\r", "ends with a line break"),
                Arguments.of("conn_x\u2007", "ends with a whitespace character (U+2007)"),
                Arguments.of("CONN_x", "must start with 'conn_' in lower case"),
                Arguments.of("cOnN_x", "must start with 'conn_' in lower case"),
                Arguments.of("con_x", "must start with 'conn_'"));
    }

    @ParameterizedTest(name = "[{0}]")
    @MethodSource("outsideTheAlphabet")
    void aCharacterOneStepOutsideTheAlphabetIsNamedWithItsPosition(String id, String problem) {
        assertThat(ConnectionId.problemWith(id))
                .hasValueSatisfying(p -> assertThat(p).startsWith(problem));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"con_x", "conn-x", "xconn_x"})
    void theLowerCaseHintIsGivenOnlyWhenThePrefixDiffersByCase(String id) {
        assertThat(ConnectionId.problemWith(id)).hasValue("must start with 'conn_'");
    }
}
