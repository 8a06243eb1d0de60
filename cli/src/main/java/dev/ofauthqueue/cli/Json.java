package dev.ofauthqueue.cli;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One JSON object per line, keys in the order given, in printable ASCII: every control character, DEL and every
 * character beyond ASCII is a {@code \\uXXXX} escape, so a line keeps the exact text and no byte of it moves a
 * terminal.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactoryBuilder()
                    .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .characterEscapes(new AsciiOnly())
                    .build())
            .build();

    private Json() {}

    static Map<String, Object> line(String type) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        return line;
    }

    static String write(Map<String, Object> line) {
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON line could not be written", e);
        }
    }

    /** JSON's own escapes, and DEL escaped too (characters beyond ASCII are escaped by ESCAPE_NON_ASCII). */
    private static final class AsciiOnly extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        AsciiOnly() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public @Nullable SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
