package dev.ofauthqueue.fake.internal.journal;

import dev.ofauthqueue.fake.Journal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The fake's {@link Journal}: a bounded ring written by {@link RequestLog}. Thread-safe. */
public final class RequestJournal implements Journal {

    /** An entry while its request is in flight: the status, fault and request id arrive later. */
    static final class Pending {
        private final long sequence;
        private final Instant at;
        private final String method;
        private final String path;
        private final Optional<String> query;
        private final Optional<String> connection;
        private final boolean apiKeySent;
        private volatile int status;
        private volatile String requestId;
        private volatile String fault;
        private volatile boolean faultAnswered;
        private volatile boolean unmatched;

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
            this.query = Optional.ofNullable(query);
            this.connection = connection;
            this.apiKeySent = apiKeySent;
        }

        void answered(int value, String id) {
            this.status = value;
            this.requestId = id;
        }

        void faulted(String faultId, boolean answeredByTheFault) {
            this.fault = faultId;
            this.faultAnswered = answeredByTheFault;
        }

        void unmatched() {
            this.unmatched = true;
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
    private long dropped;
    private volatile Set<String> knownConnections;

    /**
     * An empty journal.
     *
     * @param capacity         how many entries it keeps, 1 or more
     * @param knownConnections connection ids shown in clear (the recordings' own); others are masked
     */
    public RequestJournal(int capacity, Set<String> knownConnections) {
        if (capacity < 1) {
            throw new IllegalArgumentException("journal capacity must be 1 or more, was " + capacity);
        }
        this.capacity = capacity;
        this.knownConnections = Set.copyOf(knownConnections);
    }

    /** The connection ids shown in clear from now on (after the recordings were reloaded). */
    public void knownConnections(Set<String> connections) {
        this.knownConnections = Set.copyOf(connections);
    }

    synchronized Pending record(
            Instant at, String method, String path, String query, String connection, boolean apiKeySent) {
        Optional<String> shown = Optional.ofNullable(connection).map(c -> knownConnections.contains(c) ? c : mask(c));
        Pending p = new Pending(++sequence, at, method, path, redactApiKey(query), shown, apiKeySent);
        if (ring.size() == capacity) {
            ring.removeFirst();
            dropped++;
        }
        ring.addLast(p);
        return p;
    }

    /**
     * The query with the value of every {@code apiKey} parameter (any case, percent-encoded or not) replaced by
     * {@code ****}: a key sent in the query string is kept no more than one sent in a header.
     */
    static String redactApiKey(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder kept = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (kept.length() > 0) {
                kept.append('&');
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            kept.append(decodedName(name).equalsIgnoreCase("apikey") ? name + "=****" : pair);
        }
        return kept.toString();
    }

    private static String decodedName(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8).trim();
        } catch (IllegalArgumentException malformed) {
            return name.trim();
        }
    }

    private static String mask(String value) {
        return value.startsWith("conn_") ? "conn_****" : "****";
    }

    @Override
    public synchronized List<Entry> entries() {
        return ring.stream().map(Pending::snapshot).toList();
    }

    @Override
    public synchronized void clear() {
        ring.clear();
        sequence = 0;
        dropped = 0;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized long dropped() {
        return dropped;
    }
}
