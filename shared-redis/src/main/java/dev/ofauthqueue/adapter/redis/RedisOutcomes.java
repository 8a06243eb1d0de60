package dev.ofauthqueue.adapter.redis;

import dev.ofauthqueue.domain.DeletionJobId;
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
     */
    record Held(String stream, String consumer, String entry) {}

    /**
     * Records an item's outcome unless it has a final one; when {@code held} names the entry by which the recording
     * consumer holds the item, the item leaves the line in the same step.
     *
     * @param outcome  the outcome, as the store writes it
     * @param isFinal  whether it is final (deleted, already gone, refused) or retried by a later run (failed)
     * @param archived for a deletion, what to keep of the deleted message
     * @param at       when, for the archive's index
     * @param held     the recording consumer's entry for the item, if it holds it
     * @return {@code false} when the item already had a final outcome and nothing was written
     */
    Future<Boolean> record(
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
                                held.map(Held::entry).orElse("")))
                .map(reply -> reply.toInteger() == 1);
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
