package dev.ofauthqueue.acceptance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Writes recording sets for scenarios the bundled demo set is too small for. */
public final class TestRecordings {

    public static final String KEY = "acceptance-key";
    public static final Instant RECORDED_AT = Instant.parse("2026-11-01T12:00:00Z");

    private TestRecordings() {}

    /** Each connection (all writable) holds messages 1..count, free, sent from one hour ahead, a minute apart. */
    public static Path write(Path dir, int count, List<String> connections) {
        try {
            Files.createDirectories(dir.resolve("queues"));
            StringBuilder conns = new StringBuilder();
            for (String c : connections) {
                String items = IntStream.rangeClosed(1, count)
                        .mapToObj(i -> "{\"id\":" + i + ",\"text\":\"Bulk message " + i
                                + "\",\"date\":\"" + RECORDED_AT.plusSeconds(3600 + 60L * i)
                                + "\",\"price\":\"0.00\",\"isFree\":true,"
                                + "\"sentCount\":0,\"isCanceled\":false,\"hasError\":false,\"mediaCount\":0,\"media\":[],\"previews\":[],"
                                + "\"fromUser\":{\"id\":1,\"name\":\"Test Creator\"}}")
                        .collect(Collectors.joining(",\n"));
                Files.writeString(dir.resolve("queues/" + c + ".json"), "{\"items\":[\n" + items + "\n]}\n");
                if (conns.length() > 0) {
                    conns.append(',');
                }
                conns.append("{\"id\":\"")
                        .append(c)
                        .append("\",\"permissions\":[\"messages:read\",\"messages:write\"],")
                        .append("\"session\":\"active\",\"queue\":\"queues/")
                        .append(c)
                        .append(".json\",\"audienceSize\":500}");
            }
            String keyConns = connections.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
            Files.writeString(
                    dir.resolve("manifest.json"),
                    "{\"format\":1,\"recordedAt\":\"" + RECORDED_AT + "\","
                            + "\"apiKeys\":[{\"key\":\"" + KEY + "\",\"connections\":[" + keyConns + "]}],"
                            + "\"connections\":[" + conns + "]}\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
