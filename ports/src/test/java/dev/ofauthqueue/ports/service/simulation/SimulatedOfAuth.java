package dev.ofauthqueue.ports.service.simulation;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * OFAuth as the simulation sees it: each connection's scheduled queue, its token bucket (a 429 with {@code
 * Retry-After} when empty), storms of 429s, messages that reach their send time while a job runs (then a DELETE is
 * refused with a 400), and messages deleted by someone else meanwhile. It answers what it receives at the instant it
 * arrives, and keeps a journal of every request.
 */
final class SimulatedOfAuth {

    /** A request as it arrived. */
    record Arrival(
            long at,
            String process,
            String method,
            ConnectionId connection,
            @Nullable MassMessageId id,
            int status) {}

    /** What OFAuth answered. */
    record Answer(int status, Optional<ScheduledMassMessage> message, Optional<Duration> retryAfter) {}

    /** A page OFAuth answered (its items when the status is 200). */
    record Page(Answer answer, List<ScheduledMassMessage> items, boolean hasMore) {}

    private static final class Bucket {
        double tokens;
        long at;
    }

    private final Simulation sim;
    private final double refillPerSecond;
    private final int burst;
    private final Map<ConnectionId, Map<MassMessageId, ScheduledMassMessage>> queues = new LinkedHashMap<>();
    private final Map<ConnectionId, Bucket> buckets = new LinkedHashMap<>();
    private final List<long[]> storms = new ArrayList<>();
    final List<Arrival> journal = new ArrayList<>();

    @Nullable
    History trace;
    /** Messages a job's DELETE deleted (a 2xx was made, whether or not its answer arrived). */
    final List<String> deletedByJob = new ArrayList<>();

    SimulatedOfAuth(Simulation sim, double refillPerSecond, int burst) {
        this.sim = sim;
        this.refillPerSecond = refillPerSecond;
        this.burst = burst;
    }

    void put(ConnectionId connection, ScheduledMassMessage message) {
        queues.computeIfAbsent(connection, c -> new LinkedHashMap<>()).put(message.id(), message);
    }

    /** Every request from {@code at} for {@code length} is answered 429 with the rest of the storm to wait. */
    void storm(long at, Duration length) {
        storms.add(new long[] {at, at + length.toNanos()});
    }

    /** Someone else deletes the message (the creator, another tool). */
    void deleteElsewhere(ConnectionId connection, MassMessageId id) {
        ScheduledMassMessage m = queues.getOrDefault(connection, Map.of()).get(id);
        if (m != null && !m.canceled()) {
            put(connection, m.toBuilder().canceled(true).build());
        }
    }

    /** The message as OFAuth holds it now, for the invariants; empty for an unknown one. */
    Optional<ScheduledMassMessage> truth(ConnectionId connection, MassMessageId id) {
        return Optional.ofNullable(queues.getOrDefault(connection, Map.of()).get(id));
    }

    Instant now() {
        return sim.instant();
    }

    /** A page of the scheduled queue: what is neither deleted nor past its send time, in order. */
    Page page(String process, ConnectionId connection, int offset, int limit) {
        Optional<Answer> limited = limited(process, "GET page", connection, null);
        if (limited.isPresent()) {
            return new Page(limited.get(), List.of(), false);
        }
        List<ScheduledMassMessage> scheduled = queues.getOrDefault(connection, Map.of()).values().stream()
                .filter(m ->
                        !m.canceled() && m.sendAt().map(t -> t.isAfter(now())).orElse(false))
                .toList();
        int from = Math.min(offset, scheduled.size());
        int to = Math.min(scheduled.size(), from + limit);
        record(process, "GET page", connection, null, 200);
        return new Page(
                new Answer(200, Optional.empty(), Optional.empty()),
                List.copyOf(scheduled.subList(from, to)),
                to < scheduled.size());
    }

    Answer read(String process, ConnectionId connection, MassMessageId id) {
        Optional<Answer> limited = limited(process, "GET", connection, id);
        if (limited.isPresent()) {
            return limited.get();
        }
        ScheduledMassMessage m = queues.getOrDefault(connection, Map.of()).get(id);
        int status = m == null || m.canceled() ? 404 : 200;
        record(process, "GET", connection, id, status);
        return new Answer(status, status == 200 ? Optional.of(m) : Optional.empty(), Optional.empty());
    }

    /** {@code DELETE /mass-messages/scheduled/{id}}: a scheduled message is deleted; one past its send time refused. */
    Answer delete(String process, ConnectionId connection, MassMessageId id) {
        Optional<Answer> limited = limited(process, "DELETE", connection, id);
        if (limited.isPresent()) {
            return limited.get();
        }
        ScheduledMassMessage m = queues.getOrDefault(connection, Map.of()).get(id);
        if (m == null || m.canceled()) {
            record(process, "DELETE", connection, id, 404);
            return new Answer(404, Optional.empty(), Optional.empty());
        }
        if (m.sendAt().map(t -> !t.isAfter(now())).orElse(true)) {
            record(process, "DELETE", connection, id, 400);
            return new Answer(400, Optional.empty(), Optional.empty());
        }
        ScheduledMassMessage deleted = m.toBuilder().canceled(true).build();
        put(connection, deleted);
        deletedByJob.add(connection.value() + "/" + id.value());
        record(process, "DELETE", connection, id, 200);
        return new Answer(200, Optional.of(deleted), Optional.empty());
    }

    private Optional<Answer> limited(
            String process, String method, ConnectionId connection, @Nullable MassMessageId id) {
        long now = sim.now();
        for (long[] storm : storms) {
            if (now >= storm[0] && now < storm[1]) {
                record(process, method, connection, id, 429);
                return Optional.of(new Answer(429, Optional.empty(), Optional.of(Duration.ofNanos(storm[1] - now))));
            }
        }
        Bucket b = buckets.computeIfAbsent(connection, c -> {
            Bucket fresh = new Bucket();
            fresh.tokens = burst;
            fresh.at = now;
            return fresh;
        });
        b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * refillPerSecond);
        b.at = now;
        if (b.tokens < 1) {
            record(process, method, connection, id, 429);
            long wait = (long) Math.ceil((1 - b.tokens) / refillPerSecond * 1e9);
            return Optional.of(new Answer(429, Optional.empty(), Optional.of(Duration.ofNanos(wait))));
        }
        b.tokens -= 1;
        return Optional.empty();
    }

    private void record(
            String process, String method, ConnectionId connection, @Nullable MassMessageId id, int status) {
        journal.add(new Arrival(sim.now(), process, method, connection, id, status));
        if (trace != null) {
            trace.note("OFAuth " + method + " " + connection.value() + "/" + (id == null ? "" : id.value()) + " from "
                    + process + " -> " + status);
        }
    }
}
