package dev.ofauthqueue.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

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
        Files.createDirectories(dir.resolve("queues"));
        try (Writer out = Files.newBufferedWriter(dir.resolve("queues/conn_bulk.json"), StandardCharsets.UTF_8)) {
            out.write("{\"items\":[\n");
            for (int i = 1; i <= count; i++) {
                out.write("{\"id\":" + i + ",\"text\":\"Bulk " + i + "\",\"date\":\""
                        + RECORDED_AT.plusSeconds(86_400 + i)
                        + "\",\"price\":\"0.00\",\"sentCount\":0,\"isCanceled\":false,\"hasError\":false}");
                out.write(i < count ? ",\n" : "\n");
            }
            out.write("]}\n");
        }
        Files.writeString(
                dir.resolve("manifest.json"),
                "{\"format\":1,\"recordedAt\":\"" + RECORDED_AT + "\","
                        + "\"apiKeys\":[{\"key\":\"" + KEY + "\",\"connections\":[\"conn_bulk\"]}],"
                        + "\"connections\":[{\"id\":\"conn_bulk\",\"permissions\":[\"messages:read\",\"messages:write\"],"
                        + "\"session\":\"active\",\"queue\":\"queues/conn_bulk.json\",\"audienceSize\":100}]}\n");
    }
}
