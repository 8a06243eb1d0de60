package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.DeletionJobId;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The outcomes of a deletion job's items on Redis, written by one script that records an outcome only where no final
 * one exists, with the archive entry of a deletion in the same step: whichever of several workers settles an item
 * first, the item keeps that one final outcome, and an archived deletion is never lost to a later answer.
 */
final class RedisOutcomes {

    private static final RedisScript OUTCOME = RedisScript.fromResource("job-outcome");

    private final RedisKeys keys;
    private final Function<Request, Future<Response>> send;
    private final Duration timeout;

    RedisOutcomes(RedisKeys keys, Function<Request, Future<Response>> send, Duration timeout) {
        this.keys = keys;
        this.send = send;
        this.timeout = timeout;
    }

    /**
     * The stream entry by which a consumer holds an item.
     *
     * @param stream   the stream of the item's connection
     * @param consumer the consumer holding it
     * @param entry    its entry
     * @param fence    the delivery count it claimed the item with
     * @param answer   whether this is the answer to the consumer's own DELETE, recorded (if final and the first final)
     *                 even after the consumer lost the item; otherwise only its holder may write
     */
    record Held(String stream, String consumer, String entry, long fence, boolean answer) {}

    /**
     * Records an item's outcome unless it has a final one. With {@code held}, the recording consumer's claim: while it
     * still holds the item, the intent ends and the item leaves the line in the same step; once it does not, only a
     * final outcome of an answer is written, and the item leaves the line. Without it, the store itself records (a dead letter).
     *
     * @param outcome  the outcome, as the store writes it
     * @param isFinal  whether it is final (deleted, already gone, refused) or retried by a later run (failed)
     * @param archived for a deletion, what to keep of the deleted message
     * @param at       when, for the archive's index
     * @param held     the recording consumer's claim of the item; empty for the store itself
     * @return 1 when written, 0 when the item already had a final outcome, -1 when the consumer no longer holds the
     *     item and may not write this outcome
     */
    Future<Integer> record(
            DeletionJobId job,
            int position,
            String outcome,
            boolean isFinal,
            Optional<String> archived,
            Instant at,
            Optional<Held> held) {
        return OUTCOME.run(
                        send,
                        timeout,
                        List.of(
                                keys.jobOutcomes(job),
                                keys.jobArchive(job),
                                keys.archiveIndex(),
                                keys.jobIntents(job),
                                held.map(Held::stream).orElse(keys.jobOutcomes(job))),
                        List.of(
                                position,
                                outcome,
                                isFinal ? "F" : "R",
                                job.value(),
                                archived.orElse(""),
                                at.toEpochMilli(),
                                RedisJobQueue.GROUP,
                                held.map(Held::consumer).orElse(""),
                                held.map(Held::entry).orElse(""),
                                held.map(Held::fence).orElse(0L),
                                held.map(h -> h.answer() ? "A" : "H").orElse("H")))
                .map(Response::toInteger);
    }

    /**
     * An item's outcome as recorded, without its flag.
     *
     * @return the outcome, or empty when none was recorded
     */
    Future<Optional<String>> outcome(DeletionJobId job, int position) {
        return send.apply(Request.cmd(Command.HGET).arg(keys.jobOutcomes(job)).arg(position))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .map(reply -> Optional.ofNullable(reply).map(r -> r.toString().substring(1)));
    }

    /**
     * What the job kept of the message at {@code position}, if it deleted it.
     *
     * @return the archive entry, or empty
     */
    Future<Optional<String>> archived(DeletionJobId job, int position) {
        return send.apply(Request.cmd(Command.HGET).arg(keys.jobArchive(job)).arg(position))
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .map(reply -> Optional.ofNullable(reply).map(Response::toString));
    }
}
