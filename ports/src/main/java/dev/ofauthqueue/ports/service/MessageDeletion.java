package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionOutcome.Failed.Step;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Deleting one message, the one way single deletes, plan executions and deletion jobs all do it: read it when the
 * caller must (or to settle a DELETE that may have gone out) → the policy at now → the caller's last word before
 * sending (a job commits its intent there) → the DELETE → what the answer means, decided here once → a DELETE that
 * may have gone out without an answer settled by reading the message again.
 *
 * <p>The stage never fails: technical failures are {@link DeletionOutcome.Failed} (naming the step) or, where the
 * DELETE may have gone out, {@link DeletionOutcome.Unconfirmed}.
 */
final class MessageDeletion {

    /** The rule named in a refusal by OFAuth itself. */
    static final String OFAUTH_RULE = "ofauth";

    private final ScheduledQueuePort port;
    private final DeletionPolicy policy;
    private final Clock clock;

    MessageDeletion(ScheduledQueuePort port, DeletionPolicy policy, Clock clock) {
        this.port = port;
        this.policy = policy;
        this.clock = clock;
    }

    DeletionPolicy policy() {
        return policy;
    }

    /** Where the step starts. */
    sealed interface Start permits Read, Settle, Decide {}

    /** Read the message first; absent means it is already gone. */
    record Read() implements Start {}

    /**
     * A DELETE of it may have gone out already: read it; absent or canceled means that DELETE deleted it.
     *
     * @param known the message as last known, kept for the archive when the read finds it gone
     */
    record Settle(ScheduledMassMessage known) implements Start {}

    /**
     * Decide on this snapshot without reading.
     *
     * @param snapshot the message as planned (or refreshed)
     */
    record Decide(ScheduledMassMessage snapshot) implements Start {}

    /** What a caller does around the DELETE. */
    interface Sending {
        /**
         * The caller's last word before the DELETE, on the executor the step continues on: a job commits its intent.
         *
         * @param decidedOn the message as the policy allowed it
         * @return {@link JobItemQueue.Intent#RECORDED} to send; anything else sends nothing
         */
        JobItemQueue.Intent admit(ScheduledMassMessage decidedOn);

        /**
         * Sends the DELETE.
         *
         * @return the port's answer
         */
        CompletionStage<DeleteRequestOutcome> send();

        /**
         * Whether a read that settles an unanswered DELETE may still go (a job: while it holds the item).
         *
         * @return {@code true} to read
         */
        boolean mayRead();
    }

    /** What the step came to. */
    sealed interface Result permits Done, NotSent {}

    /**
     * An outcome.
     *
     * @param outcome     what became of the message
     * @param answer      OFAuth's {@code queue} object as received, when it confirmed the deletion
     * @param afterDelete whether it comes from this step's own DELETE (its answer, or a read that settled it), not
     *     from a read or the policy before any DELETE was sent
     */
    record Done(DeletionOutcome outcome, Optional<String> answer, boolean afterDelete) implements Result {}

    /**
     * Nothing was sent: the caller's last word was no, or its permit withheld the only attempt.
     *
     * @param why what the caller said
     */
    record NotSent(JobItemQueue.Intent why) implements Result {}

    /**
     * Runs the step for one message.
     *
     * @param connection whose message
     * @param id         which message
     * @param start      where to start
     * @param sending    what the caller does around the DELETE
     * @param on         where to continue after each port call (a job's scheduler; anything for a single delete)
     * @return what it came to; never failed
     */
    CompletionStage<Result> run(ConnectionId connection, MassMessageId id, Start start, Sending sending, Executor on) {
        return new Call(connection, id, sending, on).from(start);
    }

    /** A refusal as an outcome: already deleted is success (deleting is idempotent), anything else is refused. */
    static DeletionOutcome outcomeOf(MassMessageId id, DeletionDecision.Refused refused) {
        return refused.reason() == RefusalReason.ALREADY_DELETED
                ? new DeletionOutcome.AlreadyGone(id)
                : new DeletionOutcome.Refused(id, refused);
    }

    /** One run of the step. */
    private final class Call {
        private final ConnectionId connection;
        private final MassMessageId id;
        private final Sending sending;
        private final Executor on;

        Call(ConnectionId connection, MassMessageId id, Sending sending, Executor on) {
            this.connection = connection;
            this.id = id;
            this.sending = sending;
            this.on = on;
        }

        /** A DELETE of this message may have gone out before this step: its absence is then that DELETE's doing. */
        private boolean earlierMayHaveGoneOut;
        /** This step sent its DELETE: what comes after is about it. */
        private boolean sent;

        private CompletionStage<Result> done(DeletionOutcome outcome, Optional<String> answer) {
            return CompletableFuture.completedFuture(new Done(outcome, answer, sent));
        }

        CompletionStage<Result> from(Start start) {
            earlierMayHaveGoneOut = start instanceof Settle;
            if (start instanceof Decide decide) {
                return decide(decide.snapshot());
            }
            Optional<ScheduledMassMessage> known =
                    start instanceof Settle settle ? Optional.of(settle.known()) : Optional.empty();
            return read().thenCompose(read -> {
                if (read.failure().isPresent()) {
                    Throwable failure = read.failure().get();
                    // Settling: the earlier DELETE may have gone out, and nobody knows yet.
                    return done(
                            known.isPresent()
                                    ? new DeletionOutcome.Unconfirmed(id, failure)
                                    : new DeletionOutcome.Failed(id, Step.READING_BEFORE_DELETE, failure),
                            Optional.empty());
                }
                Optional<ScheduledMassMessage> current = read.message();
                if (known.isPresent() && isGone(current)) {
                    return deletedByAnEarlierRequest(current.orElse(known.get()));
                }
                if (current.isEmpty()) {
                    return done(new DeletionOutcome.AlreadyGone(id), Optional.empty());
                }
                return decide(current.get());
            });
        }

        private CompletionStage<Result> decide(ScheduledMassMessage snapshot) {
            if (policy.evaluate(snapshot, clock.instant()) instanceof DeletionDecision.Refused refused) {
                return done(outcomeOf(id, refused), Optional.empty());
            }
            JobItemQueue.Intent admitted = sending.admit(snapshot);
            if (admitted != JobItemQueue.Intent.RECORDED) {
                return CompletableFuture.completedFuture(new NotSent(admitted));
            }
            sent = true;
            return GuardedPortCalls.call(sending::send)
                    .handleAsync(
                            (answer, failure) -> failure != null
                                    ? done(
                                            new DeletionOutcome.Failed(
                                                    id, Step.DELETING, GuardedPortCalls.unwrap(failure)),
                                            Optional.empty())
                                    : fold(snapshot, answer),
                            on)
                    .thenCompose(s -> s);
        }

        /** What OFAuth's answer to the DELETE means: decided here, for every path. */
        private CompletionStage<Result> fold(ScheduledMassMessage decidedOn, DeleteRequestOutcome answer) {
            return answer.match(new DeleteRequestOutcome.Cases<CompletionStage<Result>>() {
                @Override
                public CompletionStage<Result> deleted(DeleteRequestOutcome.Deleted d) {
                    return done(new DeletionOutcome.Deleted(id, d.message()), d.rawQueue());
                }

                @Override
                public CompletionStage<Result> notFound(DeleteRequestOutcome.NotFound n) {
                    return earlierMayHaveGoneOut
                            ? deletedByAnEarlierRequest(decidedOn)
                            : done(new DeletionOutcome.AlreadyGone(id), Optional.empty());
                }

                @Override
                public CompletionStage<Result> notFoundOnRetry(DeleteRequestOutcome.NotFoundOnRetry n) {
                    // An earlier attempt of this very request may have deleted it: this request deleted it.
                    return deletedByAnEarlierRequest(decidedOn);
                }

                @Override
                public CompletionStage<Result> refusedByOfAuth(DeleteRequestOutcome.RefusedByOfAuth r) {
                    return done(
                            new DeletionOutcome.Refused(
                                    id,
                                    DeletionDecision.refused(
                                            RefusalReason.REFUSED_BY_OFAUTH,
                                            OFAUTH_RULE,
                                            "OFAuth refused: " + r.detail())),
                            Optional.empty());
                }

                @Override
                public CompletionStage<Result> unconfirmed(DeleteRequestOutcome.Unconfirmed u) {
                    return confirm(decidedOn, u.cause());
                }

                @Override
                public CompletionStage<Result> withheld(DeleteRequestOutcome.Withheld w) {
                    if (!w.earlierAttemptMayHaveBeenCarriedOut()) {
                        return CompletableFuture.completedFuture(new NotSent(JobItemQueue.Intent.NOT_HELD));
                    }
                    return done(
                            new DeletionOutcome.Unconfirmed(
                                    id,
                                    new IllegalStateException("a retry of the DELETE was withheld: this process no"
                                            + " longer holds the item")),
                            Optional.empty());
                }
            });
        }

        /** A DELETE went unanswered: read the message to learn whether it took effect, if the caller still may. */
        private CompletionStage<Result> confirm(ScheduledMassMessage decidedOn, Throwable cause) {
            if (!sending.mayRead()) {
                return done(new DeletionOutcome.Unconfirmed(id, cause), Optional.empty());
            }
            return read().thenCompose(read -> {
                if (read.failure().isPresent()) {
                    cause.addSuppressed(read.failure().get());
                    return done(new DeletionOutcome.Unconfirmed(id, cause), Optional.empty());
                }
                if (isGone(read.message())) {
                    return deletedByAnEarlierRequest(read.message().orElse(decidedOn));
                }
                // Still there: the DELETE has not taken effect yet, and may still (a slow request, a proxy's queue).
                return done(new DeletionOutcome.Unconfirmed(id, cause), Optional.empty());
            });
        }

        /** The message is gone after a DELETE that may have gone out: that DELETE deleted it. */
        private CompletionStage<Result> deletedByAnEarlierRequest(ScheduledMassMessage lastKnown) {
            return done(
                    new DeletionOutcome.Deleted(
                            id, lastKnown.toBuilder().canceled(true).build()),
                    Optional.empty());
        }

        /** One read: the message, absent, or the failure in its place; continued on {@link #on}. */
        private CompletionStage<ReadResult> read() {
            return GuardedPortCalls.call(() -> port.fetchMassMessage(connection, id))
                    .handleAsync(
                            (message, failure) -> failure != null
                                    ? new ReadResult(Optional.empty(), Optional.of(GuardedPortCalls.unwrap(failure)))
                                    : new ReadResult(message, Optional.empty()),
                            on);
        }
    }

    private record ReadResult(Optional<ScheduledMassMessage> message, Optional<Throwable> failure) {}

    private static boolean isGone(Optional<ScheduledMassMessage> read) {
        return read.isEmpty() || read.get().canceled();
    }
}
