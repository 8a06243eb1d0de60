package dev.ofauthqueue.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;

/** The response example of the spec page (test resource spec/delete-scheduled-mass-message.txt) and its key paths. */
final class SpecExample {

    private SpecExample() {}

    static JsonObject deleteResponse() {
        String page;
        try (InputStream in = SpecExample.class.getResourceAsStream("/spec/delete-scheduled-mass-message.txt")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = page.indexOf("\n{\n");
        int end = page.indexOf("\n}\n", start);
        return new JsonObject(page.substring(start + 1, end + 2));
    }

    /** Every key path: {@code queue.media[].files.full.sources[].url}. */
    static Set<String> keyPaths(Object json) {
        Set<String> paths = new TreeSet<>();
        collect("", json, paths);
        return paths;
    }

    private static void collect(String prefix, Object node, Set<String> out) {
        if (node instanceof JsonObject o) {
            for (String key : o.fieldNames()) {
                String path = prefix.isEmpty() ? key : prefix + "." + key;
                out.add(path);
                collect(path, o.getValue(key), out);
            }
        } else if (node instanceof JsonArray a) {
            for (Object item : a) {
                collect(prefix + "[]", item, out);
            }
        }
    }

    /** Every string value anywhere in {@code json}. */
    static Set<String> strings(Object json) {
        Set<String> out = new TreeSet<>();
        strings(json, out);
        return out;
    }

    private static void strings(Object node, Set<String> out) {
        if (node instanceof JsonObject o) {
            o.forEach(e -> strings(e.getValue(), out));
        } else if (node instanceof JsonArray a) {
            a.forEach(v -> strings(v, out));
        } else if (node instanceof String s) {
            out.add(s);
        }
    }

    /** An OFAuth date ({@code 2026-11-01T14:00:00+00:00}) as an instant. */
    static Instant instant(String date) {
        return OffsetDateTime.parse(date).toInstant();
    }
}
