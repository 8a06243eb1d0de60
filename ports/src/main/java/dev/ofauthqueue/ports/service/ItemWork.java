package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredItem;
import dev.ofauthqueue.ports.out.DeletionJobStore.StoredJob;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.JobItemQueue.Intent;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.SendPermit;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One claimed item of a running job, from its claim to its outcome: settle it first when its DELETE may have gone out,
 * list its connection first when nothing fresh enough is known of it ({@link ConnectionListings}), then the one
 * "delete one message" step ({@link MessageDeletion}) with the job's intent as its last word before the DELETE and the
 * item's lease bounding every attempt; what a failure means for the item comes from {@link JobOutcomes}. Writes go
 * through the {@link JobRun}, which owns the queue's bookkeeping. Runs on the job's scheduler.
 */
final class ItemWork {

    private final JobRun run;
    private final JobRun.Context cx;
    private final DeletionJobId id;
    private final JobSettings settings;
    private final JobItemQueue queue;
    private final ConnectionListings listings;
    private final HeldLeases leases;
    private final JobProgress progress;
    private final StoredJob job;

    ItemWork(
            JobRun run,
            JobRun.Context cx,
            JobSettings settings,
            JobItemQueue queue,
            ConnectionListings listings,
            HeldLeases leases,
            JobProgress progress,
            StoredJob job) {
        this.run = run;
        this.cx = cx;
        this.id = job.id();
        this.settings = settings;
        this.queue = queue;
        this.listings = listings;
        this.leases = leases;
        this.progress = progress;
        this.job = job;
    }

    /**
     * Settles an item whose outcome needs no request: refused by the policy on a fresh snapshot, or found gone or
     * deselected by a fresh listing. {@code false} when it needs a request (a read, a listing or its DELETE).
     */
    boolean settledWithoutRequest(ConnectionLane lane, HeldItem item) {
        if (item.settle || settings.readBeforeDelete()) {
            return false;
        }
        ConnectionListings.Judgement judgement = listings.judge(item.item);
        if (judgement instanceof ConnectionListings.Use use) {
            item.item = use.item();
            if (cx.deletion().policy().evaluate(item.item.snapshot(), cx.clock().instant())
                    instanceof DeletionDecision.Refused refused) {
                run.record(lane, item, MessageDeletion.outcomeOf(item.item.id(), refused), Optional.empty(), false);
                return true;
            }
            return false;
        }
        return settledByListing(lane, item, judgement);
    }

    private boolean settledByListing(ConnectionLane lane, HeldItem item, ConnectionListings.Judgement judgement) {
        if (judgement instanceof ConnectionListings.Gone) {
            run.record(lane, item, JobOutcomes.goneAtRefresh(item.item), Optional.empty(), false);
            return true;
        }
        if (judgement instanceof ConnectionListings.Deselected) {
            run.record(
                    lane, item, JobOutcomes.noLongerSelected(item.item, settings.selection()), Optional.empty(), false);
            return true;
        }
        return false;
    }

    /** An item that needs requests: settle it, list first, read it, or decide and delete. */
    CompletionStage<Void> work(ConnectionLane lane, HeldItem item) {
        if (item.settle) {
            return step(lane, item, new MessageDeletion.Settle(item.item.snapshot()));
        }
        ConnectionListings.Judgement judgement = listings.judge(item.item);
        if (judgement instanceof ConnectionListings.ListFirst) {
            return listings.refresh(lane.connection, cx.scheduler())
                    .handle((listing, failed) -> {
                        if (run.ended()) {
                            return CompletableFuture.<Void>completedFuture(null);
                        }
                        if (failed != null) {
                            afterOutcome(
                                    lane,
                                    item,
                                    new MessageDeletion.Done(
                                            new DeletionOutcome.Failed(
                                                    item.item.id(),
                                                    DeletionOutcome.Failed.Step.READING_BEFORE_DELETE,
                                                    GuardedPortCalls.unwrap(failed)),
                                            Optional.empty(),
                                            false));
                            return CompletableFuture.<Void>completedFuture(null);
                        }
                        storeFreshSnapshots(lane.connection, listing);
                        ConnectionListings.Judgement fresh = listings.judgeOnLatest(item.item);
                        if (settledByListing(lane, item, fresh)) {
                            return CompletableFuture.<Void>completedFuture(null);
                        }
                        item.item = ((ConnectionListings.Use) fresh).item();
                        return decide(lane, item);
                    })
                    .thenCompose(s -> s);
        }
        if (judgement instanceof ConnectionListings.Use use) {
            item.item = use.item();
            return decide(lane, item);
        }
        settledByListing(lane, item, judgement);
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> decide(ConnectionLane lane, HeldItem item) {
        return step(
                lane,
                item,
                settings.readBeforeDelete()
                        ? new MessageDeletion.Read()
                        : new MessageDeletion.Decide(item.item.snapshot()));
    }

    /** A listing this process made: every open item of the connection still listed and selected gets its snapshot. */
    private void storeFreshSnapshots(ConnectionId connection, GuardedPortCalls.Listing listing) {
        Instant now = cx.clock().instant();
        for (StoredItem stored : job.items()) {
            MassMessageId messageId = stored.item().id();
            var listed = listing.messages().get(messageId);
            if (stored.item().connection().equals(connection)
                    && !progress.stateOf(stored.position()).isFinal()
                    && listed != null
                    && settings.selection().matches(listed, now)) {
                run.store(() -> {
                    queue.replaceSnapshot(
                            stored.position(),
                            cx.seal()
                                    .seal(
                                            job.createdAt(),
                                            stored.position(),
                                            new PlannedItem(connection, listed, listing.rawOf(messageId), now)));
                    return Boolean.TRUE;
                });
            }
        }
    }

    private CompletionStage<Void> step(ConnectionLane lane, HeldItem item, MessageDeletion.Start start) {
        MessageDeletion.Sending sending = new MessageDeletion.Sending() {
            @Override
            public Intent admit(ScheduledMassMessage decidedOn) {
                if (run.ended() || run.stopping()) {
                    return Intent.JOB_NOT_RUNNING;
                }
                long askedAt = cx.scheduler().nanoTime();
                Intent intent = run.store(
                        () -> queue.recordIntent(item.claim, cx.clock().instant()));
                if (intent == Intent.RECORDED) {
                    item.renewed(askedAt); // the intent renewed the lease
                    progress.move(item.position(), JobItemState.IN_FLIGHT);
                }
                return intent == null ? Intent.JOB_NOT_RUNNING : intent;
            }

            @Override
            public CompletionStage<DeleteRequestOutcome> send() {
                return cx.port().deleteIfStillScheduled(lane.connection, item.item.id(), permit(item));
            }

            @Override
            public boolean mayRead() {
                return item.held(cx.scheduler().nanoTime());
            }
        };
        return cx.deletion()
                .run(lane.connection, item.item.id(), start, sending, cx.scheduler())
                .thenAcceptAsync(
                        result -> {
                            if (run.ended()) {
                                return;
                            }
                            if (result instanceof MessageDeletion.Done done) {
                                afterOutcome(lane, item, done);
                            } else {
                                notSent(item, ((MessageDeletion.NotSent) result).why());
                            }
                        },
                        cx.scheduler());
    }

    /**
     * Before each attempt: the policy again, at the attempt's instant, on the snapshot decided on (a retry comes later,
     * when the message may have entered its safety margin), then the lease. After each: the run counts it.
     */
    private SendPermit permit(HeldItem item) {
        SendPermit lease = leases.permit(item);
        return new SendPermit() {
            @Override
            public CompletionStage<Duration> attemptLimit(Duration wanted) {
                return lease.attemptLimit(wanted)
                        .thenApply(limit -> cx.deletion()
                                                .policy()
                                                .evaluate(
                                                        item.item.snapshot(),
                                                        cx.clock().instant())
                                        instanceof DeletionDecision.Refused
                                ? Duration.ZERO
                                : limit);
            }

            @Override
            public void attemptEnded(int attempt, Duration took) {
                run.attemptEnded(attempt, took);
            }
        };
    }

    private void afterOutcome(ConnectionLane lane, HeldItem item, MessageDeletion.Done done) {
        if (JobOutcomes.failureOf(done.outcome()) != null && afterFailure(lane, item, done.outcome())) {
            return;
        }
        run.record(lane, item, done.outcome(), done.answer(), done.afterDelete());
    }

    /**
     * A failure that does not end the item in this run; {@code false} when it is the item's outcome. A DELETE that may
     * have gone out keeps its intent: the item is settled by reading first, now or by a later run.
     */
    private boolean afterFailure(ConnectionLane lane, HeldItem item, DeletionOutcome outcome) {
        Throwable failure = Objects.requireNonNull(JobOutcomes.failureOf(outcome));
        boolean mayHaveGoneOut = outcome.kind() == DeletionOutcome.Kind.UNCONFIRMED;
        switch (JobOutcomes.meaningOf(failure)) {
            case RETRY_LATER -> {
                run.rateLimited(
                        lane,
                        failure instanceof OfAuthException.RateLimited limited
                                ? limited.retryAfter()
                                : Optional.empty());
                if (++item.rateLimited < JobRun.MAX_RATE_LIMITED) {
                    if (mayHaveGoneOut) {
                        item.settle = true;
                    } else {
                        run.withdraw(item);
                    }
                    lane.again.addLast(item);
                    return true;
                }
                return false;
            }
            case STOP_CONNECTION -> {
                if (mayHaveGoneOut) {
                    run.record(lane, item, outcome, Optional.empty(), true); // unconfirmed: a later run settles it
                } else {
                    run.withdraw(item);
                    run.giveBack(item);
                }
                run.stop(lane, String.valueOf(failure.getMessage()));
                return true;
            }
            case FAILS_THIS_RUN -> {
                return false;
            }
        }
        return false;
    }

    /** Nothing was sent for the item: give it back while it is still held; drop it when it is no longer. */
    private void notSent(HeldItem item, Intent why) {
        if (why == Intent.JOB_NOT_RUNNING) {
            run.giveBack(item);
            if (!run.stopping()) {
                Optional<DeletionJobState> state = run.store(() -> cx.store().state(id));
                if (state != null && state.isEmpty()) {
                    run.storeFailed(
                            DeletionJobStoreException.jobLost(id, cx.store().location()));
                    return;
                }
                run.endedElsewhere();
            }
            return;
        }
        run.forget(item); // not held any more, or settled elsewhere: whoever holds it settles it
    }
}
