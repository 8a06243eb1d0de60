package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Two listeners heard in turn: the one every job of a service has, and the job's own. What one throws does not keep
 * the other from hearing. It hears the job's status only when one of them does, so that a status is made per item only
 * for listeners that want it.
 */
class BothJobListeners implements DeletionJobListener {

    private final DeletionJobListener first;
    private final DeletionJobListener second;

    private BothJobListeners(DeletionJobListener first, DeletionJobListener second) {
        this.first = first;
        this.second = second;
    }

    /** {@code first} and {@code second} in turn, or the one that is not {@link DeletionJobListener#NONE}. */
    static DeletionJobListener of(DeletionJobListener first, DeletionJobListener second) {
        if (first == DeletionJobListener.NONE) {
            return second;
        }
        if (second == DeletionJobListener.NONE) {
            return first;
        }
        boolean status = JobRun.overrides(first, "onStatus", DeletionJobStatus.class)
                || JobRun.overrides(second, "onStatus", DeletionJobStatus.class);
        return status ? new WithStatus(first, second) : new BothJobListeners(first, second);
    }

    /** Both, the status included. */
    private static final class WithStatus extends BothJobListeners {
        WithStatus(DeletionJobListener first, DeletionJobListener second) {
            super(first, second);
        }

        @Override
        public void onStatus(DeletionJobStatus status) {
            each(l -> l.onStatus(status), first(), second());
        }
    }

    DeletionJobListener first() {
        return first;
    }

    DeletionJobListener second() {
        return second;
    }

    @Override
    public void onJobStored(DeletionJobId job, int items) {
        each(l -> l.onJobStored(job, items), first, second);
    }

    @Override
    public void onItem(DeletionJobEvent event) {
        each(l -> l.onItem(event), first, second);
    }

    @Override
    public void onConnectionStopped(DeletionJobId job, ConnectionId connection, String reason) {
        each(l -> l.onConnectionStopped(job, connection, reason), first, second);
    }

    @Override
    public void onBudgetGranted(DeletionJobId job, ConnectionId connection, Duration waited) {
        each(l -> l.onBudgetGranted(job, connection, waited), first, second);
    }

    @Override
    public void onRateLimited(DeletionJobId job, ConnectionId connection, Optional<Duration> retryAfter) {
        each(l -> l.onRateLimited(job, connection, retryAfter), first, second);
    }

    @Override
    public void onListed(DeletionJobId job, ConnectionId connection, int pages) {
        each(l -> l.onListed(job, connection, pages), first, second);
    }

    @Override
    public void onLeaseTakenOver(DeletionJobId job, ConnectionId connection) {
        each(l -> l.onLeaseTakenOver(job, connection), first, second);
    }

    @Override
    public void onDeadLettered(DeletionJobId job, ConnectionId connection, int items) {
        each(l -> l.onDeadLettered(job, connection, items), first, second);
    }

    private static void each(Consumer<DeletionJobListener> call, DeletionJobListener... listeners) {
        for (DeletionJobListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException ignored) {
                // A listener never changes the job, nor keeps another from hearing.
            }
        }
    }
}
