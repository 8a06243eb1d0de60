package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded strings of any characters, with the ones terminals act on made likely. */
class TerminalTextTest {

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    static String anyText(Random random) {
        StringBuilder b = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            b.append(
                    switch (random.nextInt(4)) {
                        case 0 -> (char) random.nextInt(0x20);
                        case 1 -> (char) (0x7F + random.nextInt(0x21));
                        case 2 -> "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\t".charAt(random.nextInt(10));
                        default -> (char) (0x20 + random.nextInt(0x3000));
                    });
        }
        return b.toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aLineHasNothingATerminalActsOnAndNoLineBreak(long seed) {
        String line = TerminalText.line(anyText(new Random(seed)));

        assertThat(line).doesNotContainPattern(HostileUpstreamTest.ACTED_ON).doesNotContain("\n");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void textWithNothingToEscapeIsLeftAsItIs(long seed) {
        String text = HostileUpstreamTest.ACTED_ON
                .matcher(anyText(new Random(seed)))
                .replaceAll("")
                .replace("\n", "");

        assertThat(TerminalText.line(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void thePrintableWriterKeepsLineBreaksAndEscapesTheRest(long seed) throws IOException {
        String text = anyText(new Random(seed));
        StringWriter sink = new StringWriter();
        try (Writer out = TerminalText.printable(sink)) {
            out.write(text);
            out.write(System.lineSeparator());
        }

        assertThat(sink.toString())
                .doesNotContainPattern(HostileUpstreamTest.ACTED_ON)
                .endsWith(System.lineSeparator());
        assertThat(sink.toString().lines())
                .hasSize(1 + (int) text.chars().filter(c -> c == '\n').count());
    }
}
