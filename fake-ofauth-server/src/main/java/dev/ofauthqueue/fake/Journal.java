package dev.ofauthqueue.fake;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The last requests the fake received on OFAuth's routes (a bounded ring, oldest dropped first), for checking what a
 * client sent. API keys are never kept; connection ids the recordings do not define are masked. Thread-safe.
 *
 * <pre>{@code
 * fake.journal().verify(Journal.query().method("DELETE").path("/v2/access/mass-messages/scheduled/42"), 1);
 * }</pre>
 */
public interface Journal {

    /** The default number of requests kept. */
    int DEFAULT_CAPACITY = 1000;

    /**
     * Starts a query that matches every entry.
     *
     * @return a query to narrow
     */
    static Query query() {
        return new Query();
    }

    /**
     * Every entry kept.
     *
     * @return oldest first
     */
    List<Entry> entries();

    /** Empties the journal and starts counting from 1 again. */
    void clear();

    /**
     * How many entries the journal keeps.
     *
     * @return the capacity
     */
    int capacity();

    /**
     * How many entries were dropped to make room since the journal was last cleared: zero means the journal holds
     * every request of the run.
     *
     * @return the count
     */
    long dropped();

    /**
     * The entries that match.
     *
     * @param query which
     * @return oldest first
     */
    default List<Entry> find(Query query) {
        return entries().stream().filter(query.predicate()).toList();
    }

    /**
     * How many entries match.
     *
     * @param query which
     * @return the count
     */
    default int count(Query query) {
        return find(query).size();
    }

    /**
     * Requests no route knew (wrong path or method).
     *
     * @return oldest first
     */
    default List<Entry> unmatched() {
        return entries().stream().filter(Entry::unmatched).toList();
    }

    /**
     * Checks that exactly {@code times} requests match {@code query}.
     *
     * @param query which
     * @param times how many there must be
     * @throws AssertionError listing the journal when the number differs
     */
    default void verify(Query query, int times) {
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

    /**
     * One request.
     *
     * @param sequence      1 for the first request since the fake started or the journal was cleared
     * @param at            the fake clock's instant when it arrived
     * @param method        its method
     * @param path          its path
     * @param query         its query string, if any
     * @param connection    the {@code x-connection-id}, masked unless the recordings define it
     * @param apiKeySent    whether an {@code apiKey} header was present (its value is never kept)
     * @param status        the answer's status; 0 when none was sent (a reset or a fault that never answers)
     * @param requestId     the answer's request id, if any
     * @param fault         the id of the fault that fired on it
     * @param faultAnswered true when the fault answered (or left it unanswered) instead of the fake's routes; false for
     *                      latency and wrong-content-type faults, which let the fake answer
     * @param unmatched     true when no route knew the path or method (404 ROUTE_NOT_FOUND or 405)
     */
    record Entry(
            long sequence,
            Instant at,
            String method,
            String path,
            Optional<String> query,
            Optional<String> connection,
            boolean apiKeySent,
            int status,
            Optional<String> requestId,
            Optional<String> fault,
            boolean faultAnswered,
            boolean unmatched) {

        /**
         * Checks the parts.
         *
         * @param sequence      1 for the first request since the fake started or the journal was cleared
         * @param at            the fake clock's instant when it arrived
         * @param method        its method
         * @param path          its path
         * @param query         its query string, if any
         * @param connection    the {@code x-connection-id}, masked unless the recordings define it
         * @param apiKeySent    whether an {@code apiKey} header was present (its value is never kept)
         * @param status        the answer's status; 0 when none was sent (a reset or a fault that never answers)
         * @param requestId     the answer's request id, if any
         * @param fault         the id of the fault that fired on it
         * @param faultAnswered true when the fault answered (or left it unanswered) instead of the fake's routes; false for latency and wrong-content-type faults, which let the fake answer
         * @param unmatched     true when no route knew the path or method (404 ROUTE_NOT_FOUND or 405)
         */
        public Entry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(fault, "fault");
        }

        /**
         * One line for people: {@code #3 DELETE /v2/access/mass-messages/scheduled/5001 -> 200 (fault-1)}.
         *
         * @return the line
         */
        public String describe() {
            return "#" + sequence + " " + method + " " + path + " -> " + status
                    + fault.map(f -> " (" + f + ")").orElse("");
        }
    }

    /** Selects entries; every criterion left out matches everything. */
    final class Query {
        private String method;
        private Pattern path;
        private String connection;
        private Integer status;
        private Boolean faulted;

        Query() {}

        /**
         * Only requests with this method.
         *
         * @param value for example {@code DELETE} (any case)
         * @return this query
         */
        public Query method(String value) {
            this.method = value;
            return this;
        }

        /**
         * Only requests whose whole path matches.
         *
         * @param regex a regular expression (a plain path matches itself)
         * @return this query
         * @throws IllegalArgumentException when it is not a regular expression
         */
        public Query path(String regex) {
            try {
                this.path = Pattern.compile(regex);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("path must be a regular expression: " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Only requests for this connection.
         *
         * @param value an {@code x-connection-id} as the journal shows it
         * @return this query
         */
        public Query connection(String value) {
            this.connection = value;
            return this;
        }

        /**
         * Only requests answered with this status.
         *
         * @param value the status; 0 for requests left unanswered
         * @return this query
         */
        public Query status(int value) {
            this.status = value;
            return this;
        }

        /**
         * Only requests a fault answered instead of the fake ({@code true}), or only those the fake's own routes
         * answered ({@code false}; latency and wrong-content-type faults let the fake answer).
         *
         * @param value which
         * @return this query
         */
        public Query faulted(boolean value) {
            this.faulted = value;
            return this;
        }

        /**
         * The method asked for.
         *
         * @return the method, or empty for any
         */
        public Optional<String> method() {
            return Optional.ofNullable(method);
        }

        /**
         * The path pattern asked for.
         *
         * @return the regular expression, or empty for any
         */
        public Optional<String> path() {
            return Optional.ofNullable(path).map(Pattern::pattern);
        }

        /**
         * The connection asked for.
         *
         * @return the connection, or empty for any
         */
        public Optional<String> connection() {
            return Optional.ofNullable(connection);
        }

        /**
         * The status asked for.
         *
         * @return the status, or empty for any
         */
        public Optional<Integer> status() {
            return Optional.ofNullable(status);
        }

        /**
         * Whether faulted requests are asked for.
         *
         * @return true, false, or empty for both
         */
        public Optional<Boolean> faulted() {
            return Optional.ofNullable(faulted);
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
                    + Objects.toString(status, "any") + (faulted == null ? "" : ", faulted=" + faulted) + "]";
        }
    }
}
