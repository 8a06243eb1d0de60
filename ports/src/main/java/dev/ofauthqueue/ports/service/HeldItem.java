package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.JobItemQueue;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An item this process holds, and how long it may still send for it: the claim's lease, measured on the holder's own
 * monotonic clock from before the claim (or the last renewal) was asked, so that it always ends before the store's
 * lease does. A claim without a lease (an exclusive queue) is held until the run ends.
 */
final class HeldItem {

    /** The smallest part of a lease kept as a margin: a send never starts in the lease's last tenth. */
    private static final int MARGIN_DIVISOR = 10;

    final JobItemQueue.Claimed claim;
    /** The snapshot to decide on: the claim's, or a newer one this process listed. */
    PlannedItem item;
    /** How many 429s this item met in this run. */
    int rateLimited;
    /** A DELETE of it may have gone out without a known outcome: read it before anything else. */
    boolean settle;

    /** When the lease ends by this process's clock; {@link Long#MAX_VALUE} without a lease. Read by the port's thread. */
    private volatile long leaseEndsNanos;
    /** The store said another process claimed it. */
    private volatile boolean lost;
    /** Attempts asked for so far; written by the port's thread, one request at a time. */
    private final AtomicInteger attempts = new AtomicInteger();

    HeldItem(JobItemQueue.Claimed claim, long askedAtNanos) {
        this.claim = claim;
        this.item = claim.item();
        this.settle = claim.settleFirst();
        this.leaseEndsNanos = claim.lease().map(l -> askedAtNanos + l.toNanos()).orElse(Long.MAX_VALUE);
    }

    int position() {
        return claim.position();
    }

    boolean hasLease() {
        return claim.lease().isPresent();
    }

    /**
     * Counts an attempt asked for.
     *
     * @return {@code true} for the first attempt of the DELETE, which follows its intent at once: a retry comes after
     *     a wait in which this process may have been paused, so it proves ownership at the store first
     */
    boolean firstAttempt() {
        return attempts.incrementAndGet() == 1;
    }

    /** The store renewed the claim; {@code askedAtNanos} is when the renewal was asked. */
    void renewed(long askedAtNanos) {
        claim.lease().ifPresent(l -> leaseEndsNanos = Math.max(leaseEndsNanos, askedAtNanos + l.toNanos()));
    }

    /** The store said this process no longer holds it. */
    void lost() {
        lost = true;
    }

    /** Whether this process can still prove it holds the item at {@code nowNanos}. */
    boolean held(long nowNanos) {
        return !lost && nowNanos < leaseEndsNanos - margin();
    }

    /**
     * How long an attempt starting at {@code nowNanos} may last: at most {@code wanted}, and never past the lease less
     * its margin; zero when what is left is shorter than what an attempt needs (the smaller of {@code wanted} and the
     * lease less two margins), so that the caller renews first.
     */
    Duration attemptLimit(Duration wanted, long nowNanos) {
        if (lost) {
            return Duration.ZERO;
        }
        if (!hasLease()) {
            return wanted;
        }
        long left = leaseEndsNanos - margin() - nowNanos;
        long lease = claim.lease().orElseThrow().toNanos();
        long needed = Math.min(wanted.toNanos(), lease - 2 * margin());
        if (left <= 0 || left < needed) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.min(wanted.toNanos(), left));
    }

    private long margin() {
        return claim.lease().map(l -> Math.max(1, l.toNanos() / MARGIN_DIVISOR)).orElse(0L);
    }
}
