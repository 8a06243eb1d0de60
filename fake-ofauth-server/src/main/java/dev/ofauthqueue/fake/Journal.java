package dev.ofauthqueue.fake;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The last requests the fake received (a bounded ring, oldest dropped first), for checking what a client sent.
 * API keys are never kept; connection ids the recordings do not define are masked. Thread-safe.
 *
 * <pre>{@code
 * fake.journal().verify(Journal.query().method("DELETE").path("/v2/access/mass-messages/scheduled/42"), 1);
 * }</pre>
 */
public final class Journal {

    /** The default number of requests kept. */
    public static final int DEFAULT_CAPACITY = 1000;

    /**
     * One request.
     *
     * @param sequence   1 for the first request since the fake started or the journal was cleared
     * @param at         the fake clock's instant when it arrived
     * @param connection the {@code x-connection-id}, masked unless the recordings define it
     * @param apiKeySent whether an {@code apiKey} header was present (its value is never kept)
     * @param status     the answer's status; 0 when none was sent (a reset or a fault that never answers)
     * @param fault      the id of the fault that fired on it
     * @param faultAnswered true when the fault answered (or left it unanswered) instead of the fake's routes; false
     *                   for latency and wrong-content-type faults, which let the fake answer
     * @param unmatched  true when no route knew the path or method (404 ROUTE_NOT_FOUND or 405)
     */
    public record Entry(
            long sequence,
            Instant at,
            String method,
            String path,
            String query,
            Optional<String> connection,
            boolean apiKeySent,
            int status,
            Optional<String> requestId,
            Optional<String> fault,
            boolean faultAnswered,
            boolean unmatched) {

        JsonObject toJson() {
            JsonObject j = new JsonObject()
                    .put("sequence", sequence)
                    .put("at", at.toString())
                    .put("method", method)
                    .put("path", path)
                    .put("apiKeySent", apiKeySent)
                    .put("status", status)
                    .put("unmatched", unmatched);
            if (query != null) {
                j.put("query", query);
            }
            connection.ifPresent(c -> j.put("connection", c));
            requestId.ifPresent(r -> j.put("requestId", r));
            fault.ifPresent(f -> j.put("fault", f).put("faultAnswered", faultAnswered));
            return j;
        }
    }

    /** Selects entries; every criterion left out matches everything. */
    public static final class Query {
        private String method;
        private Pattern path;
        private String connection;
        private Integer status;
        private Boolean faulted;

        public Query method(String value) {
            this.method = value;
            return this;
        }

        /** A regular expression the whole path must match (a plain path matches itself). */
        public Query path(String regex) {
            this.path = Pattern.compile(regex);
            return this;
        }

        public Query connection(String value) {
            this.connection = value;
            return this;
        }

        public Query status(int value) {
            this.status = value;
            return this;
        }

        /**
         * Only requests a fault answered instead of the fake ({@code true}), or only those the fake's own routes
         * answered ({@code false}; latency and wrong-content-type faults let the fake answer).
         */
        public Query faulted(boolean value) {
            this.faulted = value;
            return this;
        }

        Predicate<Entry> predicate() {
            return e -> (faulted == null || faulted == e.faultAnswered())
                    && (method == null || method.equalsIgnoreCase(e.method()))
                    && (path == null || path.matcher(e.path()).matches())
                    && (connection == null
                            || e.connection().map(connection::equals).orElse(false))
                    && (status == null || status == e.status());
        }

        @Override
        public String toString() {
            return "[method=" + Objects.toString(method, "any") + ", path=" + (path == null ? "any" : path.pattern())
                    + ", connection=" + Objects.toString(connection, "any") + ", status="
                    + Objects.toString(status, "any")
                    + (faulted == null ? "" : ", faulted=" + faulted) + "]";
        }
    }

    /** Mutable while the request is in flight: the status arrives later. */
    static final class Pending {
        final long sequence;
        final Instant at;
        final String method;
        final String path;
        final String query;
        final Optional<String> connection;
        final boolean apiKeySent;
        volatile int status;
        volatile String requestId;
        volatile String fault;
        volatile boolean faultAnswered;
        volatile boolean unmatched;

        Pending(
                long sequence,
                Instant at,
                String method,
                String path,
                String query,
                Optional<String> connection,
                boolean apiKeySent) {
            this.sequence = sequence;
            this.at = at;
            this.method = method;
            this.path = path;
            this.query = query;
            this.connection = connection;
            this.apiKeySent = apiKeySent;
        }

        Entry snapshot() {
            return new Entry(
                    sequence,
                    at,
                    method,
                    path,
                    query,
                    connection,
                    apiKeySent,
                    status,
                    Optional.ofNullable(requestId),
                    Optional.ofNullable(fault),
                    faultAnswered,
                    unmatched);
        }
    }

    private final int capacity;
    private final Deque<Pending> ring = new ArrayDeque<>();
    private long sequence;
    private volatile Set<String> knownConnections = Set.of();

    public Journal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("journal capacity must be 1 or more, was " + capacity);
        }
        this.capacity = capacity;
    }

    public static Query query() {
        return new Query();
    }

    void knownConnections(Set<String> connections) {
        this.knownConnections = Set.copyOf(connections);
    }

    synchronized Pending record(
            Instant at, String method, String path, String query, String connection, boolean apiKeySent) {
        Optional<String> shown = Optional.ofNullable(connection).map(c -> knownConnections.contains(c) ? c : mask(c));
        Pending p = new Pending(++sequence, at, method, path, query, shown, apiKeySent);
        if (ring.size() == capacity) {
            ring.removeFirst();
        }
        ring.addLast(p);
        return p;
    }

    private static String mask(String value) {
        return value.startsWith("conn_") ? "conn_****" : "****";
    }

    public synchronized List<Entry> entries() {
        return ring.stream().map(Pending::snapshot).toList();
    }

    public List<Entry> find(Query query) {
        return entries().stream().filter(query.predicate()).toList();
    }

    public int count(Query query) {
        return find(query).size();
    }

    /** Requests no route knew (wrong path or method). */
    public List<Entry> unmatched() {
        return entries().stream().filter(Entry::unmatched).toList();
    }

    /**
     * Checks that exactly {@code times} requests match {@code query}.
     *
     * @throws AssertionError listing the journal when the number of matching requests is not {@code times}
     */
    public void verify(Query query, int times) {
        List<Entry> found = find(query);
        if (found.size() != times) {
            StringBuilder msg = new StringBuilder("expected " + times + " request(s) matching " + query
                    + " but the fake saw " + found.size() + "; journal:");
            entries()
                    .forEach(e -> msg.append("\n  #")
                            .append(e.sequence())
                            .append(' ')
                            .append(e.method())
                            .append(' ')
                            .append(e.path())
                            .append(" -> ")
                            .append(e.status()));
            throw new AssertionError(msg.toString());
        }
    }

    public synchronized void clear() {
        ring.clear();
        sequence = 0;
    }

    public int capacity() {
        return capacity;
    }

    JsonArray toJson(Query query) {
        JsonArray out = new JsonArray();
        find(query).forEach(e -> out.add(e.toJson()));
        return out;
    }
}
