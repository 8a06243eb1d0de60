package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.MassMessageReceipt;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.QueuePage;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one call expects of OFAuth's answer: how to read a success, and which other endings are answers rather than
 * failures. A read accepts absence (404 {@code RESOURCE_NOT_FOUND}); a delete accepts absence and an unconfirmed
 * ending; a page and a job accept neither. {@link WireResultInterpreter} applies it.
 *
 * @param <T> what the call answers
 */
final class AnswerExpectation<T> {

    /** Reads a 2xx answer; throws {@link OfAuthException.Decoding} when it is not the JSON expected. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(WireResult.Answered answer);
    }

    /** The answer when OFAuth does not know the message; told whether an earlier attempt may have deleted it. */
    @FunctionalInterface
    interface Absence<T> {
        T absent(boolean earlierAttemptMayHaveBeenCarriedOut);
    }

    /** The answer when OFAuth refuses with a 400 what the call asks, where the call takes that as its answer. */
    @FunctionalInterface
    interface Refusal<T> {
        T refused(int status, ErrorEnvelope envelope);
    }

    private final Decoder<T> decoder;
    private final @Nullable Absence<T> absence;
    private final @Nullable Function<OfAuthException, T> unconfirmed;
    private final @Nullable Refusal<T> refusal;
    private final @Nullable Absence<T> withheld;

    private AnswerExpectation(
            Decoder<T> decoder,
            @Nullable Absence<T> absence,
            @Nullable Function<OfAuthException, T> unconfirmed,
            @Nullable Refusal<T> refusal,
            @Nullable Absence<T> withheld) {
        this.decoder = decoder;
        this.absence = absence;
        this.unconfirmed = unconfirmed;
        this.refusal = refusal;
        this.withheld = withheld;
    }

    /** A success read by {@code decoder}, and nothing else: any 404, refusal or unanswered ending is a failure. */
    static <T> AnswerExpectation<T> successOnly(Decoder<T> decoder) {
        return new AnswerExpectation<>(decoder, null, null, null, null);
    }

    /** A page of the scheduled list; any 404 is an error (a wrong base URL answers every path with one). */
    static AnswerExpectation<QueuePage> page() {
        return successOnly(a -> WireMapper.page(a.body(), a.status(), a.requestId()));
    }

    /** One message, or empty when OFAuth does not know it. */
    static AnswerExpectation<Optional<ScheduledMassMessage>> messageOrAbsent() {
        return new AnswerExpectation<>(
                a -> Optional.of(WireMapper.message(a.body(), a.status(), a.requestId())),
                earlier -> Optional.empty(),
                null,
                null,
                null);
    }

    /**
     * What a delete achieved: deleted, not found (or not found on a retry after an attempt that may have deleted
     * it), refused by OFAuth with a 400, or unconfirmed when it may have been carried out without a readable answer.
     */
    static AnswerExpectation<DeleteRequestOutcome> deletion() {
        return new AnswerExpectation<>(
                a -> WireMapper.deleted(a.body(), a.status(), a.requestId()),
                earlier -> earlier ? new DeleteRequestOutcome.NotFoundOnRetry() : new DeleteRequestOutcome.NotFound(),
                DeleteRequestOutcome.Unconfirmed::new,
                (status, e) -> new DeleteRequestOutcome.RefusedByOfAuth(
                        status, e.message(), Optional.ofNullable(e.type()), Optional.ofNullable(e.requestId())),
                DeleteRequestOutcome.Withheld::new);
    }

    /** The job summary that creating or changing a message answers; any 404 is an error. */
    static AnswerExpectation<MassMessageReceipt> job() {
        return successOnly(a -> WireMapper.job(a.body(), a.status(), a.requestId()));
    }

    T decode(WireResult.Answered answer) {
        return decoder.decode(answer);
    }

    @Nullable
    Absence<T> absence() {
        return absence;
    }

    @Nullable
    Function<OfAuthException, T> unconfirmed() {
        return unconfirmed;
    }

    @Nullable
    Refusal<T> refusal() {
        return refusal;
    }

    /** What a withheld attempt means, given whether an earlier one may have been carried out; only with a permit. */
    @Nullable
    Absence<T> withheld() {
        return withheld;
    }
}
