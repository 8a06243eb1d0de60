package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.SendPermit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The leases of the items a run holds on a shared queue: renewed every third of a lease while held, and the one
 * place that says whether an attempt may go ({@link #permit}). A renewal that fails is not retried early: the lease
 * then runs out on this process's clock, and the permits refuse to send past it. Touched on the job's scheduler,
 * except {@link HeldItem}'s lease, which permits read on the port's thread.
 */
final class HeldLeases {

    private final JobItemQueue queue;
    private final JobScheduler scheduler;
    private final BooleanSupplier stopping;
    private final Map<Integer, HeldItem> leased = new HashMap<>();
    private boolean renewing;
    private boolean closed;

    HeldLeases(JobItemQueue queue, JobScheduler scheduler, BooleanSupplier stopping) {
        this.queue = queue;
        this.scheduler = scheduler;
        this.stopping = stopping;
    }

    /** Starts renewing a newly claimed item, if its claim has a lease. */
    void hold(HeldItem item) {
        if (!item.hasLease() || closed) {
            return;
        }
        leased.put(item.position(), item);
        if (!renewing) {
            renewing = true;
            scheduler.schedule(item.claim.lease().orElseThrow().dividedBy(3), this::renewAll);
        }
    }

    /** Stops renewing an item: it is settled, given back, or no longer this process's. */
    void forget(HeldItem item) {
        leased.remove(item.position());
    }

    /** Stops every renewal: the run ended. */
    void close() {
        closed = true;
        leased.clear();
    }

    /**
     * Before each attempt: how long it may last within the item's lease; zero once the run is stopping or the item is
     * no longer this process's. A retry, or an attempt with too little lease left, renews first (on the scheduler):
     * the store, not this process's memory, says whether it still holds the item; a renewal that fails sends nothing.
     */
    SendPermit permit(HeldItem item) {
        return wanted -> {
            if (stopping.getAsBoolean()) {
                return CompletableFuture.completedFuture(Duration.ZERO);
            }
            if (!item.hasLease()) {
                return CompletableFuture.completedFuture(wanted);
            }
            Duration limit = item.attemptLimit(wanted, scheduler.nanoTime());
            if (item.firstAttempt() && !limit.isZero()) {
                return CompletableFuture.completedFuture(limit);
            }
            return CompletableFuture.supplyAsync(
                    () -> stopping.getAsBoolean() || !renew(List.of(item))
                            ? Duration.ZERO
                            : item.attemptLimit(wanted, scheduler.nanoTime()),
                    scheduler);
        };
    }

    /** Every third of a lease, while items are held: renew them all. */
    private void renewAll() {
        if (closed || leased.isEmpty()) {
            renewing = false;
            return;
        }
        boolean unused = renew(new ArrayList<>(leased.values()));
        Duration every = leased.values().stream()
                .map(i -> i.claim.lease().orElseThrow().dividedBy(3))
                .min(Duration::compareTo)
                .orElse(Duration.ofSeconds(1));
        scheduler.schedule(every, this::renewAll);
    }

    /** Renews {@code items}; {@code false} when the store could not be asked (the leases then run out as they are). */
    private boolean renew(List<HeldItem> items) {
        if (closed) {
            return false;
        }
        long askedAt = scheduler.nanoTime();
        try {
            List<JobItemQueue.Claimed> lost =
                    queue.renew(items.stream().map(i -> i.claim).toList());
            for (HeldItem item : items) {
                if (lost.contains(item.claim)) {
                    item.lost();
                    leased.remove(item.position());
                } else {
                    item.renewed(askedAt);
                }
            }
            return true;
        } catch (RuntimeException unavailable) {
            // Not renewed: the leases run out on this process's clock, and its permits refuse to send past them.
            return false;
        }
    }
}
