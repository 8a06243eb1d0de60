package dev.ofauthqueue.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Writes large recording sets for the load tests: minimal queue items, free, scheduled days ahead. */
public final class Recordings {

    static final String KEY = "bench-key";
    static final Instant RECORDED_AT = Instant.parse("2026-11-01T12:00:00Z");

    private Recordings() {}

    /** {@code java -cp benchmarks.jar dev.ofauthqueue.benchmarks.Recordings DIR COUNT}: conn_bulk with COUNT items. */
    public static void main(String[] args) throws IOException {
        writeBulk(Path.of(args[0]), Integer.parseInt(args[1]));
    }

    static void writeBulk(Path dir, int count) throws IOException {
        writeBulk(dir, Map.of("conn_bulk", count));
    }

    /** One connection per entry, each holding messages 1..count. */
    static void writeBulk(Path dir, Map<String, Integer> counts) throws IOException {
        Files.createDirectories(dir.resolve("queues"));
        StringJoiner connections = new StringJoiner(",");
        StringJoiner keyConnections = new StringJoiner(",");
        for (Map.Entry<String, Integer> e : new TreeMap<>(counts).entrySet()) {
            String c = e.getKey();
            int count = e.getValue();
            try (Writer out = Files.newBufferedWriter(dir.resolve("queues/" + c + ".json"), StandardCharsets.UTF_8)) {
                out.write("{\"items\":[\n");
                for (int i = 1; i <= count; i++) {
                    out.write("{\"id\":" + i + ",\"text\":\"Bulk " + i + "\",\"date\":\""
                            + RECORDED_AT.plusSeconds(86_400 + i)
                            + "\",\"price\":\"0.00\",\"sentCount\":0,\"isCanceled\":false,\"hasError\":false}");
                    out.write(i < count ? ",\n" : "\n");
                }
                out.write("]}\n");
            }
            connections.add("{\"id\":\"" + c + "\",\"permissions\":[\"messages:read\",\"messages:write\"],"
                    + "\"session\":\"active\",\"queue\":\"queues/" + c + ".json\",\"audienceSize\":100}");
            keyConnections.add("\"" + c + "\"");
        }
        Files.writeString(
                dir.resolve("manifest.json"),
                "{\"format\":1,\"recordedAt\":\"" + RECORDED_AT + "\","
                        + "\"apiKeys\":[{\"key\":\"" + KEY + "\",\"connections\":[" + keyConnections + "]}],"
                        + "\"connections\":[" + connections + "]}\n");
    }
}
