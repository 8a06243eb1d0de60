package dev.ofauthqueue.adapter.vertx;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts JSON values out of an answer exactly as received, byte for byte, for deletion jobs to archive: a re-encoded
 * tree could change a number's or a string's spelling, and the archive must keep OFAuth's answer.
 */
final class RawJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RawJson() {}

    /** The text of the top-level object's member {@code name}, when it is an object. */
    static Optional<String> member(String body, String name) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(field) && value == JsonToken.START_OBJECT) {
                    return Optional.of(span(body, p));
                }
                p.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The texts of the objects in the top-level object's array member {@code name}, in order. */
    static List<String> elements(String body, String name) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(field) && value == JsonToken.START_ARRAY) {
                    JsonToken t;
                    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                        if (t == JsonToken.START_OBJECT) {
                            out.add(span(body, p));
                        } else {
                            p.skipChildren();
                            out.add("");
                        }
                    }
                    return out;
                }
                p.skipChildren();
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** With the parser on a START_OBJECT: the object's text, leaving the parser on its END_OBJECT. */
    private static String span(String body, JsonParser p) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        p.skipChildren();
        int end = (int) p.currentTokenLocation().getCharOffset() + 1;
        return body.substring(start, end);
    }
}
