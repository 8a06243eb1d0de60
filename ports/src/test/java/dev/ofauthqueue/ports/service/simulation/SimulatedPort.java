package dev.ofauthqueue.ports.service.simulation;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.RateBudget;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import dev.ofauthqueue.ports.out.SendPermit;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One process's way to OFAuth, behaving as the Vert.x adapter does where it matters to a job: a token of the budget
 * per attempt (the first DELETE attempt prepaid by the caller), a timeout per attempt (the permit's limit for a
 * DELETE), retries of timeouts and 503s, a 429 on a DELETE returned to the caller at once, a 404 on a retry read as
 * possibly deleted by the earlier attempt. Answers are lost at random; every DELETE that leaves is shown to the {@link
 * History} first, which checks it against the rules of sending.
 */
final class SimulatedPort implements ScheduledQueuePort {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    static final int MAX_ATTEMPTS = 3;

    private final SimulatedProcess process;
    private final Simulation sim;
    private final SimulatedOfAuth ofauth;
    private final RateBudget budget;
    private final History history;
    private final Faults faults;

    SimulatedPort(
            SimulatedProcess process,
            Simulation sim,
            SimulatedOfAuth ofauth,
            RateBudget budget,
            History history,
            Faults faults) {
        this.process = process;
        this.sim = sim;
        this.ofauth = ofauth;
        this.budget = budget;
        this.history = history;
        this.faults = faults;
    }

    @Override
    public RateBudget rateBudget() {
        return budget;
    }

    @Override
    public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId connection, int offset, int limit) {
        return get(
                connection,
                1,
                () -> ofauth.page(process.name, connection, offset, limit),
                page -> page.answer(),
                page -> new QueuePage(page.items(), page.hasMore()));
    }

    @Override
    public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(ConnectionId connection, MassMessageId id) {
        return get(
                connection,
                1,
                () -> ofauth.read(process.name, connection, id),
                a -> a,
                SimulatedOfAuth.Answer::message);
    }

    @Override
    public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(ConnectionId connection, MassMessageId id) {
        return deleteIfStillScheduled(connection, id, SendPermit.ALWAYS);
    }

    @Override
    public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
            ConnectionId connection, MassMessageId id, SendPermit permit) {
        CompletableFuture<DeleteRequestOutcome> result = new CompletableFuture<>();
        delete(connection, id, permit, 1, false, result);
        return result;
    }

    private void delete(
            ConnectionId connection,
            MassMessageId id,
            SendPermit permit,
            int attempt,
            boolean earlier,
            CompletableFuture<DeleteRequestOutcome> result) {
        CompletionStage<Void> token =
                attempt == 1 ? CompletableFuture.completedFuture(null) : budget.take(connection, Duration.ofMinutes(1));
        token.thenCompose(ok -> permit.attemptLimit(REQUEST_TIMEOUT)).whenComplete((limit, failed) -> {
            if (failed != null) {
                result.completeExceptionally(failed);
                return;
            }
            if (limit.isZero()) {
                history.note(process.name + " DELETE " + id.value() + " attempt " + attempt + " withheld");
                result.complete(new DeleteRequestOutcome.Withheld(earlier));
                return;
            }
            if (!process.alive()) {
                return; // died before it could send
            }
            history.deleteLeaves(process, connection, id);
            CompletionStage<Optional<SimulatedOfAuth.Answer>> sent =
                    send(limit, () -> ofauth.delete(process.name, connection, id));
            if (faults.crashHere()) {
                process.kill(); // dies between its DELETE and the answer
            }
            sent.thenAccept(answer -> {
                history.note(process.name + " DELETE " + id.value() + " attempt " + attempt + " answered "
                        + answer.map(a -> String.valueOf(a.status())).orElse("nothing"));
                if (answer.isEmpty() || answer.get().status() == 503) {
                    retryOr(
                            attempt,
                            () -> delete(connection, id, permit, attempt + 1, true, result),
                            () -> result.complete(new DeleteRequestOutcome.Unconfirmed(timeout("DELETE"))));
                    return;
                }
                SimulatedOfAuth.Answer a = answer.get();
                switch (a.status()) {
                    case 200 -> {
                        history.deletedAnswerArrived(connection, id);
                        result.complete(
                                new DeleteRequestOutcome.Deleted(a.message().orElseThrow()));
                    }
                    case 404 ->
                        result.complete(
                                earlier
                                        ? new DeleteRequestOutcome.NotFoundOnRetry()
                                        : new DeleteRequestOutcome.NotFound());
                    case 400 ->
                        result.complete(new DeleteRequestOutcome.RefusedByOfAuth(
                                400, "it is being sent", Optional.of("BAD_REQUEST"), Optional.empty()));
                    case 429 -> {
                        budget.backOff(connection, a.retryAfter().orElse(Duration.ofSeconds(1)));
                        if (earlier) {
                            result.complete(new DeleteRequestOutcome.Unconfirmed(rateLimited(a)));
                        } else {
                            result.completeExceptionally(rateLimited(a));
                        }
                    }
                    default -> result.completeExceptionally(new IllegalStateException("status " + a.status()));
                }
            });
        });
    }

    private <A, T> CompletionStage<T> get(
            ConnectionId connection,
            int attempt,
            Supplier<A> atOfAuth,
            Function<A, SimulatedOfAuth.Answer> answerOf,
            Function<A, T> read) {
        return budget.take(connection, Duration.ofMinutes(1))
                .thenCompose(ok -> send(REQUEST_TIMEOUT, atOfAuth))
                .thenCompose(answer -> {
                    Optional<SimulatedOfAuth.Answer> a = answer.map(answerOf);
                    if (a.isEmpty() || a.get().status() == 503 || a.get().status() == 429) {
                        a.filter(x -> x.status() == 429)
                                .ifPresent(x -> budget.backOff(
                                        connection, x.retryAfter().orElse(Duration.ofSeconds(1))));
                        if (attempt < MAX_ATTEMPTS) {
                            CompletableFuture<Void> pause = new CompletableFuture<>();
                            process.schedule(backoff(attempt), () -> pause.complete(null));
                            return pause.thenCompose(x -> get(connection, attempt + 1, atOfAuth, answerOf, read));
                        }
                        return CompletableFuture.<T>failedFuture(
                                a.isPresent() && a.get().status() == 429 ? rateLimited(a.get()) : timeout("GET"));
                    }
                    return CompletableFuture.completedFuture(read.apply(answer.get()));
                });
    }

    /**
     * One attempt: it reaches OFAuth after a latency whatever becomes of its sender, and its answer comes back on the
     * process after another, unless lost; completes empty when no answer came within {@code timeout}. A dead process
     * sends nothing.
     */
    private <A> CompletionStage<Optional<A>> send(Duration timeout, Supplier<A> atOfAuth) {
        CompletableFuture<Optional<A>> answer = new CompletableFuture<>();
        if (!process.alive()) {
            return answer;
        }
        boolean lost = faults.loseAnswer();
        sim.after(faults.latency(), () -> {
            A a = atOfAuth.get();
            if (!lost) {
                sim.after(faults.latency(), () -> process.execute(() -> answer.complete(Optional.of(a))));
            }
        });
        process.schedule(timeout, () -> answer.complete(Optional.empty()));
        return answer;
    }

    private void retryOr(int attempt, Runnable retry, Runnable giveUp) {
        if (attempt < MAX_ATTEMPTS) {
            process.schedule(backoff(attempt), retry);
        } else {
            giveUp.run();
        }
    }

    private Duration backoff(int attempt) {
        return sim.between(Duration.ZERO, Duration.ofMillis(200L << attempt));
    }

    private static OfAuthException.RateLimited rateLimited(SimulatedOfAuth.Answer a) {
        return new OfAuthException.RateLimited(
                "429", 429, "RATE_LIMIT_EXCEEDED", null, a.retryAfter().orElse(null));
    }

    private static OfAuthException.Transport timeout(String what) {
        return new OfAuthException.Transport(
                what + ": no answer within " + REQUEST_TIMEOUT, OfAuthException.Transport.Kind.TIMEOUT, null);
    }
}
