package dev.ofauthqueue.fake.internal.recording;

import dev.ofauthqueue.fake.FakeServerOptions;
import dev.ofauthqueue.fake.InvalidRecordingsException;
import dev.ofauthqueue.fake.internal.store.QueueItems;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recording set: the manifest (API keys, connections, permissions, session states), checked when the set is loaded,
 * and each connection's queue items exactly as OFAuth returns them. A set whose queue files hold at most {@value
 * #CHECKED_AT_START} bytes in all has every queue read and checked when it loads too; a larger one has each queue read
 * and checked on its connection's first use, so that nothing on the start path grows with the recordings' size. The
 * on-disk format is described in docs/fake-server.md ("Recordings format").
 */
public final class Recordings {

    static final String BUNDLED = "recordings/";
    /**
     * Queue files of at most this many bytes in all are read and checked when the set loads (a broken one is refused
     * at once); beyond it, each on its connection's first use.
     */
    public static final long CHECKED_AT_START = 1 << 20;

    static final Set<String> PERMISSIONS = Set.of("messages:read", "messages:write");
    /** OFAuth's key prefixes: live, sandbox and test keys. */
    static final Pattern REAL_KEY = Pattern.compile("sk_(live|sandbox|test)_[A-Za-z0-9]{4,}");

    /** Whether a value is shaped like a real OFAuth key (live, sandbox or test). */
    public static boolean looksLikeARealKey(String key) {
        return REAL_KEY.matcher(key).find();
    }

    /**
     * One connection of the set.
     *
     * @param id           its connection id
     * @param permissions  {@code messages:read}, {@code messages:write}
     * @param expired      whether its session expired
     * @param audienceSize how many fans a sent message reaches
     * @param queue        its queue file
     */
    public record Connection(String id, Set<String> permissions, boolean expired, long audienceSize, QueueFile queue) {
        /**
         * Its queue items, as OFAuth's JSON, read and checked on the first call.
         *
         * @throws InvalidRecordingsException naming the file and the fault, on every call, when the file is broken
         */
        public List<JsonObject> items() {
            return queue.items();
        }
    }

    /** One connection's queue file: read and checked once, on first use; a broken one fails every use alike. */
    public static final class QueueFile {
        private final Reader reader;
        private final String name;
        private List<JsonObject> items;
        private String broken;

        QueueFile(Reader reader, String name) {
            this.reader = reader;
            this.name = name;
        }

        synchronized List<JsonObject> items() {
            if (broken != null) {
                throw new InvalidRecordingsException(broken);
            }
            if (items == null) {
                try {
                    items = readQueue(reader, name);
                } catch (InvalidRecordingsException e) {
                    broken = e.getMessage();
                    throw e;
                } catch (UncheckedIOException e) {
                    broken = "cannot read " + name + ": " + e.getCause().getMessage();
                    throw new InvalidRecordingsException(broken);
                }
            }
            return items;
        }

        /** Whether it was read yet. */
        public synchronized boolean read() {
            return items != null || broken != null;
        }
    }

    private final Instant recordedAt;
    private final Map<String, Set<String>> connectionsByApiKey;
    private final Map<String, Connection> connections;

    private Recordings(
            Instant recordedAt, Map<String, Set<String>> connectionsByApiKey, Map<String, Connection> connections) {
        this.recordedAt = recordedAt;
        this.connectionsByApiKey = connectionsByApiKey;
        this.connections = connections;
    }

    /** The set bundled in the jar. */
    /** The set the options name: their directory, or the bundled set. */
    public static Recordings of(FakeServerOptions options) {
        return options.recordings().map(Recordings::fromDirectory).orElseGet(Recordings::bundled);
    }

    /** When the set was recorded: its dates are relative to this instant. */
    public Instant recordedAt() {
        return recordedAt;
    }

    /** Which connections each API key may use. */
    public Map<String, Set<String>> connectionsByApiKey() {
        return connectionsByApiKey;
    }

    /** The connections, by id, in the manifest's order. */
    public Map<String, Connection> connections() {
        return connections;
    }

    /** The set bundled in the jar: small, so every queue is read and checked as it loads. */
    public static Recordings bundled() {
        return load(new Reader() {
            @Override
            public String read(String name) {
                try (InputStream in = Recordings.class.getClassLoader().getResourceAsStream(BUNDLED + name)) {
                    if (in == null) {
                        throw new InvalidRecordingsException("bundled recordings lack " + name);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public long size(String name) {
                if (Recordings.class.getClassLoader().getResource(BUNDLED + name) == null) {
                    throw new InvalidRecordingsException("bundled recordings lack " + name);
                }
                return 0;
            }
        });
    }

    /**
     * A set in a directory holding {@code manifest.json}. Every queue file must exist inside it; their contents are
     * read as it loads, or on first use when they are larger than {@link #CHECKED_AT_START} in all.
     */
    public static Recordings fromDirectory(Path dir) {
        return load(new Reader() {
            @Override
            public String read(String name) {
                Path file = inside(name);
                try {
                    return Files.readString(file, StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    throw new InvalidRecordingsException("no file " + file);
                } catch (IOException e) {
                    throw new InvalidRecordingsException("cannot read " + file + ": " + e.getMessage());
                }
            }

            @Override
            public long size(String name) {
                Path file = inside(name);
                if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                    throw new InvalidRecordingsException("no file " + file);
                }
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new InvalidRecordingsException("cannot read " + file + ": " + e.getMessage());
                }
            }

            private Path inside(String name) {
                Path file = dir.resolve(name).normalize();
                if (!file.startsWith(dir.normalize())) {
                    throw new InvalidRecordingsException("queue file " + name + " lies outside " + dir);
                }
                return file;
            }
        });
    }

    /** Where a set's files come from. */
    interface Reader {
        /** The whole file. */
        String read(String name);

        /** Its size in bytes, checking that it exists (0 when unknown). */
        long size(String name);
    }

    /**
     * Reads and checks every queue not read yet: what a set larger than {@link #CHECKED_AT_START} leaves for first use.
     *
     * @throws InvalidRecordingsException naming the first broken file and its fault
     */
    public void readAll() {
        connections.values().forEach(Connection::items);
    }

    static Recordings load(Reader reader) {
        JsonObject manifest = parse(reader.read("manifest.json"), "manifest.json");
        if (manifest.getValue("format") == null || !Integer.valueOf(1).equals(manifest.getValue("format"))) {
            throw new InvalidRecordingsException("manifest.json: format must be 1, was " + manifest.getValue("format"));
        }
        Instant recordedAt = instant(manifest, "recordedAt", "manifest.json");

        Map<String, Connection> connections = new LinkedHashMap<>();
        long queueBytes = 0;
        for (Object o : array(manifest, "connections", "manifest.json")) {
            JsonObject c = object(o, "manifest.json connections[]");
            String id = text(c, "id", "manifest.json connection");
            if (!id.matches("conn_[A-Za-z0-9_-]{1,120}")) {
                throw new InvalidRecordingsException("manifest.json: connection id must look like conn_..., was " + id);
            }
            Set<String> permissions = new HashSet<>();
            for (Object p : array(c, "permissions", "connection " + id)) {
                if (!PERMISSIONS.contains(p)) {
                    throw new InvalidRecordingsException(
                            "connection " + id + ": unknown permission " + p + " (known: " + PERMISSIONS + ")");
                }
                permissions.add((String) p);
            }
            String session = text(c, "session", "connection " + id);
            if (!session.equals("active") && !session.equals("expired")) {
                throw new InvalidRecordingsException(
                        "connection " + id + ": session must be active or expired, was " + session);
            }
            long audience = c.getValue("audienceSize") instanceof Number n ? n.longValue() : 100;
            String queueFile = text(c, "queue", "connection " + id);
            queueBytes += reader.size(queueFile);
            if (connections.put(
                            id,
                            new Connection(
                                    id,
                                    Set.copyOf(permissions),
                                    session.equals("expired"),
                                    audience,
                                    new QueueFile(reader, queueFile)))
                    != null) {
                throw new InvalidRecordingsException("manifest.json: connection " + id + " appears twice");
            }
        }

        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        for (Object o : array(manifest, "apiKeys", "manifest.json")) {
            JsonObject k = object(o, "manifest.json apiKeys[]");
            String key = text(k, "key", "manifest.json apiKeys[]");
            Set<String> conns = new HashSet<>();
            for (Object c : array(k, "connections", "api key")) {
                if (!connections.containsKey(c)) {
                    throw new InvalidRecordingsException(
                            "manifest.json: an api key names connection " + c + ", which the manifest does not define");
                }
                conns.add((String) c);
            }
            if (looksLikeARealKey(key)) {
                throw new InvalidRecordingsException(
                        "manifest.json: API key '" + key.substring(0, Math.min(8, key.length()))
                                + "…' looks like a real OFAuth key; recordings must hold pseudonyms (record mode writes them)");
            }
            byKey.put(key, Set.copyOf(conns));
        }
        Recordings set = new Recordings(recordedAt, byKey, connections);
        if (queueBytes <= CHECKED_AT_START) {
            set.readAll();
        }
        return set;
    }

    /** One queue file, read and checked: its items in order, each id once, no value shaped like a real key. */
    private static List<JsonObject> readQueue(Reader reader, String queueFile) {
        String queueText = reader.read(queueFile);
        Matcher secret = REAL_KEY.matcher(queueText);
        if (secret.find()) {
            throw new InvalidRecordingsException(queueFile + " contains a value that looks like a real OFAuth key ('"
                    + secret.group().substring(0, 8) + "…'); mask it before serving these recordings");
        }
        JsonObject queue = parse(queueText, queueFile);
        List<JsonObject> items = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        for (Object i : array(queue, "items", queueFile)) {
            JsonObject item = object(i, queueFile + " items[]");
            validateItem(item, queueFile);
            if (!ids.add(item.getLong("id"))) {
                throw new InvalidRecordingsException(queueFile + ": item " + item.getLong("id") + " appears twice");
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    private static void validateItem(JsonObject item, String file) {
        Object id = item.getValue("id");
        if (!(id instanceof Number n) || n.longValue() <= 0) {
            throw new InvalidRecordingsException(file + ": every item needs a positive integer id, found " + id);
        }
        Object date = item.getValue("date");
        if (date != null) {
            if (!(date instanceof String s) || QueueItems.parseDate(s) == null) {
                throw new InvalidRecordingsException(file + ": item " + id + " has an unreadable date " + date);
            }
        }
        for (String flag : List.of("isCanceled", "hasError")) {
            Object v = item.getValue(flag);
            if (v != null && !(v instanceof Boolean)) {
                throw new InvalidRecordingsException(file + ": item " + id + " field " + flag + " must be a boolean");
            }
        }
        Object sent = item.getValue("sentCount");
        if (sent != null && !(sent instanceof Number)) {
            throw new InvalidRecordingsException(file + ": item " + id + " field sentCount must be a number");
        }
    }

    private static JsonObject parse(String json, String name) {
        try {
            return new JsonObject(json);
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidRecordingsException(name + " is not a JSON object: " + e.getMessage());
        }
    }

    private static JsonArray array(JsonObject o, String field, String where) {
        Object v = o.getValue(field);
        if (!(v instanceof JsonArray a)) {
            throw new InvalidRecordingsException(where + ": " + field + " must be an array");
        }
        return a;
    }

    private static JsonObject object(Object v, String where) {
        if (!(v instanceof JsonObject o)) {
            throw new InvalidRecordingsException(where + " must be an object");
        }
        return o;
    }

    private static String text(JsonObject o, String field, String where) {
        Object v = o.getValue(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new InvalidRecordingsException(where + ": " + field + " must be a non-empty string");
        }
        return s;
    }

    private static Instant instant(JsonObject o, String field, String where) {
        String s = text(o, field, where);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordingsException(where + ": " + field + " must be an ISO instant, was " + s);
        }
    }
}
