package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.OfAuthException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a deletion job writes for an outcome, and what a failure means for an item of a job: decided here, once.
 */
final class JobOutcomes {

    /** The rule named when a refreshed plan finds a message no longer selected. */
    static final String SELECTION_RULE = "selection";

    private JobOutcomes() {}

    /** What a technical failure means for an item of a job. */
    enum FailureMeans {
        /** OFAuth asked to wait (429): the item goes back in line, still held; it fails after too many. */
        RETRY_LATER,
        /** The connection's key or permission was refused (401, 403): the connection stops; its items wait. */
        STOP_CONNECTION,
        /** Anything else: the item fails in this run; resuming tries it again. */
        FAILS_THIS_RUN
    }

    static FailureMeans meaningOf(Throwable failure) {
        if (failure instanceof OfAuthException.RateLimited) {
            return FailureMeans.RETRY_LATER;
        }
        if (failure instanceof OfAuthException.Authentication || failure instanceof OfAuthException.Permission) {
            return FailureMeans.STOP_CONNECTION;
        }
        return FailureMeans.FAILS_THIS_RUN;
    }

    /** The failure behind a failed or unconfirmed outcome, or {@code null} for any other. */
    static @Nullable Throwable failureOf(DeletionOutcome outcome) {
        return switch (outcome.kind()) {
            case FAILED -> ((DeletionOutcome.Failed) outcome).cause();
            case UNCONFIRMED -> ((DeletionOutcome.Unconfirmed) outcome).cause();
            case DELETED, ALREADY_GONE, REFUSED -> null;
        };
    }

    /**
     * The store's record of an outcome, with the archive entry of a deletion: OFAuth's answer as received when it
     * confirmed the deletion, else the snapshot the job decided on.
     *
     * @param settling whether the item was being settled (its DELETE may have gone out): a failure is then unconfirmed
     */
    static Outcome stored(
            DeletionJobId job,
            PlannedItem item,
            DeletionOutcome outcome,
            Optional<String> answer,
            boolean settling,
            Instant at) {
        return switch (outcome.kind()) {
            case DELETED ->
                new Outcome(
                        JobItemState.DELETED,
                        Optional.empty(),
                        Optional.empty(),
                        "deleted",
                        at,
                        Optional.of(
                                answer.isPresent()
                                        ? new ArchivedDeletion(
                                                job,
                                                item.connection(),
                                                item.id(),
                                                at,
                                                ArchivedDeletion.Source.ANSWER,
                                                answer.get())
                                        : new ArchivedDeletion(
                                                job,
                                                item.connection(),
                                                item.id(),
                                                at,
                                                ArchivedDeletion.Source.SNAPSHOT,
                                                item.snapshotJson()
                                                        .orElseGet(() -> ArchivedMessageJson.of(item.snapshot())))));
            case ALREADY_GONE -> plain(JobItemState.ALREADY_GONE, "no longer in the scheduled queue", at);
            case REFUSED -> {
                DeletionDecision.Refused refused = ((DeletionOutcome.Refused) outcome).decision();
                yield new Outcome(
                        JobItemState.REFUSED,
                        Optional.of(refused.reason()),
                        Optional.of(refused.rule()),
                        refused.detail(),
                        at,
                        Optional.empty());
            }
            case FAILED ->
                settling
                        ? plain(
                                JobItemState.UNCONFIRMED,
                                "reading it to settle it failed: "
                                        + ((DeletionOutcome.Failed) outcome)
                                                .cause()
                                                .getMessage(),
                                at)
                        : plain(JobItemState.FAILED, ((DeletionOutcome.Failed) outcome).describe(), at);
            case UNCONFIRMED ->
                plain(
                        JobItemState.UNCONFIRMED,
                        String.valueOf(
                                ((DeletionOutcome.Unconfirmed) outcome).cause().getMessage()),
                        at);
        };
    }

    /** A refreshed plan no longer lists the message: gone from the queue, by whatever hand. */
    static DeletionOutcome goneAtRefresh(PlannedItem item) {
        return new DeletionOutcome.AlreadyGone(item.id());
    }

    /** A refreshed plan lists the message, changed so that the job's selection no longer matches it. */
    static DeletionOutcome noLongerSelected(PlannedItem item, Selection selection) {
        return new DeletionOutcome.Refused(
                item.id(),
                DeletionDecision.refused(
                        RefusalReason.NO_LONGER_SELECTED,
                        SELECTION_RULE,
                        "message " + item.id() + " changed since it was planned and no longer matches the selection "
                                + selection));
    }

    private static Outcome plain(JobItemState state, @Nullable String detail, Instant at) {
        return new Outcome(
                state, Optional.empty(), Optional.empty(), detail == null ? "" : detail, at, Optional.empty());
    }
}
