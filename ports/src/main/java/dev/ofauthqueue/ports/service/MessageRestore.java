package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.RestoreDeletedCommand;
import dev.ofauthqueue.RestoreOutcome;
import dev.ofauthqueue.RestoreOutcome.Kind;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.RestoreLog;
import dev.ofauthqueue.ports.out.ScheduleMassMessagePort;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Re-creates a job's deleted messages one after another, each at most once. Store calls run on {@code store} (the
 * service's own thread); requests go through the ports, and so through their rate budget.
 */
final class MessageRestore {

    /** How far ahead a send date must be to be kept: one that close could pass before OFAuth has the message. */
    static final Duration LEAD = Duration.ofMinutes(1);

    /** How much earlier than our intent OFAuth's clock may date what the POST created. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** One message to restore: where it was, and the snapshot the job decided on. */
    record Deleted(ConnectionId connection, ScheduledMassMessage snapshot) {}

    private final ScheduledQueuePort lister;
    private final ScheduleMassMessagePort creator;
    private final RestoreLog log;
    private final Clock clock;
    private final int pageSize;
    private final Executor store;
    private final RestoreDeletedCommand command;
    private final Map<ConnectionId, CompletionStage<GuardedPortCalls.Listing>> listings = new HashMap<>();
    /** Messages this run found standing in for another: never claimed twice. */
    private final Set<MassMessageId> claimed = new HashSet<>();

    MessageRestore(
            ScheduledQueuePort lister,
            ScheduleMassMessagePort creator,
            RestoreLog log,
            Clock clock,
            int pageSize,
            Executor store,
            RestoreDeletedCommand command) {
        this.lister = lister;
        this.creator = creator;
        this.log = log;
        this.clock = clock;
        this.pageSize = pageSize;
        this.store = store;
        this.command = command;
    }

    /** Restores {@code messages} one after another, in order, then answers every outcome. */
    CompletionStage<List<RestoreOutcome>> run(List<Deleted> messages) {
        List<RestoreOutcome> outcomes = new ArrayList<>();
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (Deleted d : messages) {
            chain = chain.thenComposeAsync(v -> one(d), store).thenAccept(o -> tell(outcomes, o));
        }
        return chain.thenApply(v -> List.copyOf(outcomes));
    }

    private void tell(List<RestoreOutcome> outcomes, RestoreOutcome o) {
        outcomes.add(o);
        command.listener().accept(o);
    }

    /** On the store's thread. */
    private CompletionStage<RestoreOutcome> one(Deleted d) {
        ConnectionId c = d.connection();
        MassMessageId id = d.snapshot().id();
        Optional<RestoreLog.Restore> recorded = log.get(c, id);
        if (recorded.isPresent() && recorded.get().created().isPresent()) {
            claimed.add(recorded.get().created().get());
            return done(c, id, Kind.ALREADY_RESTORED, recorded.get().created(), "restored before: nothing sent");
        }
        if (recorded.isPresent()) {
            return settle(d, recorded.get().intentAt());
        }
        Instant now = clock.instant();
        Optional<Instant> sendAt =
                d.snapshot().sendAt().filter(at -> at.isAfter(now.plus(LEAD))).or(() -> command.whenDatePassed());
        if (sendAt.isEmpty()) {
            return done(
                    c,
                    id,
                    Kind.REFUSED,
                    Optional.empty(),
                    "its send date "
                            + d.snapshot().sendAt().map(Instant::toString).orElse("(none)")
                            + " has passed: give the time to send it at instead");
        }
        if (!sendAt.get().isAfter(now.plus(LEAD))) {
            return done(c, id, Kind.REFUSED, Optional.empty(), "the send time " + sendAt.get() + " is not ahead");
        }
        ScheduledMassMessage m = d.snapshot();
        MassMessageDraft draft;
        try {
            draft = new MassMessageDraft(
                            m.text(),
                            m.price(),
                            m.lockedText(),
                            sendAt,
                            m.media().mediaIds())
                    .to(command.audience());
        } catch (IllegalArgumentException beyondOfAuthsLimits) {
            // Decided before the intent: nothing is sent, and a rerun refuses it again.
            return done(
                    c,
                    id,
                    Kind.REFUSED,
                    Optional.empty(),
                    "it cannot be created again: " + beyondOfAuthsLimits.getMessage());
        }
        if (!log.recordIntent(c, id, now)) {
            return done(c, id, Kind.UNCONFIRMED, Optional.empty(), "another process is restoring it");
        }
        return creator.scheduleMassMessage(c, draft)
                .handleAsync(
                        (job, failure) -> {
                            if (failure == null) {
                                log.recordCreated(c, id, job.id(), clock.instant());
                                claimed.add(job.id());
                                return outcome(
                                        c, id, Kind.CREATED, Optional.of(job.id()), "created for " + sendAt.get());
                            }
                            Throwable cause = unwrap(failure);
                            String why = String.valueOf(cause.getMessage());
                            if (neverCreated(cause)) {
                                log.withdrawIntent(c, id);
                                return outcome(c, id, Kind.FAILED, Optional.empty(), why + "; nothing was created");
                            }
                            return outcome(
                                    c,
                                    id,
                                    Kind.UNCONFIRMED,
                                    Optional.empty(),
                                    why + "; it may have been created: running restore again looks for it in the"
                                            + " queue and never sends it again");
                        },
                        store);
    }

    /** An intent without a result: looks in the queue for what its POST created; never sends it again. */
    private CompletionStage<RestoreOutcome> settle(Deleted d, Instant intentAt) {
        ConnectionId c = d.connection();
        MassMessageId id = d.snapshot().id();
        return listings.computeIfAbsent(c, k -> GuardedPortCalls.list(lister, k, pageSize))
                .thenApplyAsync(
                        listing -> {
                            Optional<ScheduledMassMessage> found = listing.messages().values().stream()
                                    .filter(m -> !claimed.contains(m.id()))
                                    .filter(m -> m.text().equals(d.snapshot().text()))
                                    .filter(m -> m.price().equals(d.snapshot().price()))
                                    .filter(m -> m.createdAt()
                                            .filter(at -> !at.isBefore(intentAt.minus(CLOCK_SKEW)))
                                            .isPresent())
                                    .findFirst();
                            if (found.isPresent()) {
                                log.recordCreated(c, id, found.get().id(), clock.instant());
                                claimed.add(found.get().id());
                                return outcome(
                                        c,
                                        id,
                                        Kind.FOUND,
                                        Optional.of(found.get().id()),
                                        "an earlier run created it without hearing back: found in the queue, nothing"
                                                + " sent");
                            }
                            return outcome(
                                    c,
                                    id,
                                    Kind.UNCONFIRMED,
                                    Optional.empty(),
                                    "an earlier run sent it at " + intentAt + " without hearing back, and the queue"
                                            + " shows no message with its text and price created since: look at the"
                                            + " queue; it is never sent again automatically");
                        },
                        store)
                .exceptionally(failure -> outcome(
                        c,
                        id,
                        Kind.UNCONFIRMED,
                        Optional.empty(),
                        "an earlier run sent it without hearing back, and listing the queue to settle it failed ("
                                + unwrap(failure).getMessage() + "): run restore again"));
    }

    /** Whether a failed POST provably created nothing: it never left, or OFAuth answered with a refusal. */
    private static boolean neverCreated(Throwable cause) {
        if (cause instanceof OfAuthException.Transport t) {
            return !t.mayHaveReachedServer();
        }
        return cause instanceof OfAuthException e && e.status() >= 400 && e.status() < 500;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static CompletionStage<RestoreOutcome> done(
            ConnectionId c, MassMessageId id, Kind kind, Optional<MassMessageId> created, String detail) {
        return CompletableFuture.completedFuture(outcome(c, id, kind, created, detail));
    }

    private static RestoreOutcome outcome(
            ConnectionId c, MassMessageId id, Kind kind, Optional<MassMessageId> created, String detail) {
        return new RestoreOutcome(c, id, kind, created, detail);
    }
}
