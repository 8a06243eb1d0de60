package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.JobItemQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leases a run holds, on virtual time: renewed every third of a lease while items are held, the one place that
 * says whether an attempt may go, and a renewal that fails or finds the item claimed elsewhere sends nothing.
 */
class HeldLeasesTest {

    static final Duration LEASE = Duration.ofSeconds(9);
    static final Duration TWO_S = Duration.ofSeconds(2);
    static final long S = 1_000_000_000L;

    final VirtualScheduler scheduler = new VirtualScheduler();
    final RenewingQueue queue = new RenewingQueue();
    final AtomicBoolean stopping = new AtomicBoolean();
    HeldLeases leases;

    @BeforeEach
    void setUp() {
        leases = new HeldLeases(queue, scheduler, stopping::get);
    }

    HeldItem claimed(int position, Optional<Duration> lease) {
        PlannedItem item = HeldItemTest.claim(lease).item();
        return new HeldItem(new JobItemQueue.Claimed(position, item, false, 1, lease), scheduler.nanoTime());
    }

    Duration permit(HeldItem item, Duration wanted) {
        CompletableFuture<Duration> limit =
                leases.permit(item).attemptLimit(wanted).toCompletableFuture();
        scheduler.runFor(Duration.ZERO);
        assertThat(limit).as("the permit answered on the scheduler").isDone();
        return limit.join();
    }

    @Test
    void heldItemsAreRenewedEveryThirdOfALeaseUntilForgotten() {
        HeldItem a = claimed(1, Optional.of(LEASE));
        HeldItem b = claimed(2, Optional.of(LEASE));
        leases.hold(a);
        leases.hold(b);

        scheduler.runFor(Duration.ofSeconds(3));
        assertThat(queue.renewals).containsExactly(List.of(1, 2));

        leases.forget(a);
        scheduler.runFor(Duration.ofSeconds(3));
        assertThat(queue.renewals).containsExactly(List.of(1, 2), List.of(2));
        assertThat(b.held(scheduler.nanoTime() + 7 * S))
                .as("b's lease runs from its last renewal")
                .isTrue();

        leases.forget(b);
        scheduler.runFor(Duration.ofSeconds(30));
        assertThat(queue.renewals).as("nothing held, nothing renewed").hasSize(2);

        HeldItem c = claimed(3, Optional.of(LEASE));
        leases.hold(c);
        scheduler.runFor(Duration.ofSeconds(3));
        assertThat(queue.renewals)
                .as("renewing starts again with the next item held")
                .hasSize(3);
    }

    @Test
    void anItemWithoutALeaseIsNeitherRenewedNorEverRefused() {
        HeldItem exclusive = claimed(1, Optional.empty());
        leases.hold(exclusive);

        scheduler.runFor(Duration.ofMinutes(5));

        assertThat(queue.renewals).isEmpty();
        assertThat(permit(exclusive, TWO_S)).isEqualTo(TWO_S);
        assertThat(permit(exclusive, TWO_S)).isEqualTo(TWO_S);
    }

    @Test
    void theFirstAttemptWithEnoughLeaseLeftGoesWithoutAskingTheStore() {
        HeldItem a = claimed(1, Optional.of(LEASE));
        leases.hold(a);

        assertThat(permit(a, TWO_S)).isEqualTo(TWO_S);
        assertThat(queue.renewals).isEmpty();
    }

    @Test
    void aRetryRenewsFirstAndGoesOnlyIfTheStoreSaysTheItemIsStillHeld() {
        HeldItem a = claimed(1, Optional.of(LEASE));
        leases.hold(a);
        assertThat(permit(a, TWO_S)).isEqualTo(TWO_S);

        assertThat(permit(a, TWO_S)).as("a retry, renewed").isEqualTo(TWO_S);
        assertThat(queue.renewals).containsExactly(List.of(1));

        queue.lose(1);
        assertThat(permit(a, TWO_S)).as("claimed by another process meanwhile").isZero();
        assertThat(a.held(scheduler.nanoTime())).isFalse();
        scheduler.runFor(Duration.ofSeconds(10));
        assertThat(queue.renewals).as("a lost item is no longer renewed").hasSize(2);
    }

    @Test
    void aFirstAttemptWithTooLittleLeaseLeftRenewsFirst() {
        HeldItem a = claimed(1, Optional.of(LEASE));
        scheduler.runFor(Duration.ofSeconds(7)); // not held by the leases: nothing renewed it

        assertThat(permit(a, TWO_S)).isEqualTo(TWO_S);
        assertThat(queue.renewals).containsExactly(List.of(1));
    }

    @Test
    void aRenewalThatFailsSendsNothingAndTheLeaseRunsOutAsItWas() {
        HeldItem a = claimed(1, Optional.of(LEASE));
        leases.hold(a);
        assertThat(permit(a, TWO_S)).isEqualTo(TWO_S);
        queue.away = true;

        assertThat(permit(a, TWO_S)).isZero();
        scheduler.runFor(Duration.ofSeconds(3));
        assertThat(a.held(scheduler.nanoTime() + 5 * S - 1)).isTrue();
        assertThat(a.held(scheduler.nanoTime() + 5 * S + 100_000_000L))
                .as("the failed renewals did not extend it")
                .isFalse();
    }

    @Test
    void aStoppingRunSendsNothingMore() {
        HeldItem leased = claimed(1, Optional.of(LEASE));
        HeldItem exclusive = claimed(2, Optional.empty());
        stopping.set(true);

        assertThat(permit(leased, TWO_S)).isZero();
        assertThat(permit(exclusive, TWO_S)).isZero();
        assertThat(queue.renewals).isEmpty();
    }

    @Test
    void aRunThatStopsWhileARenewalIsQueuedSendsNothing() {
        HeldItem a = claimed(1, Optional.of(LEASE));
        leases.hold(a);
        assertThat(permit(a, TWO_S)).isEqualTo(TWO_S);

        CompletableFuture<Duration> retry = leases.permit(a).attemptLimit(TWO_S).toCompletableFuture();
        stopping.set(true);
        scheduler.runFor(Duration.ZERO);

        assertThat(retry.join()).isZero();
    }

    @Test
    void afterCloseNothingIsRenewedOrHeld() {
        HeldItem a = claimed(1, Optional.of(LEASE));
        leases.hold(a);
        assertThat(permit(a, TWO_S)).isEqualTo(TWO_S);

        leases.close();
        assertThat(permit(a, TWO_S))
                .as("a retry after close, its lease still running, cannot renew")
                .isZero();
        leases.hold(claimed(2, Optional.of(LEASE)));
        scheduler.runFor(Duration.ofSeconds(30));

        assertThat(queue.renewals).isEmpty();
    }

    /** The store's side of renewals: records each, answers which claims were lost, or fails while away. */
    static final class RenewingQueue implements JobItemQueue {
        final List<List<Integer>> renewals = new ArrayList<>();
        final List<Integer> lost = new ArrayList<>();
        boolean away;

        void lose(int position) {
            lost.add(position);
        }

        @Override
        public List<Claimed> renew(List<Claimed> claims) {
            if (away) {
                throw new IllegalStateException("the store is away");
            }
            renewals.add(claims.stream().map(Claimed::position).toList());
            return claims.stream().filter(c -> lost.contains(c.position())).toList();
        }

        @Override
        public boolean shared() {
            return true;
        }

        @Override
        public Next claim(ConnectionId connection) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Intent recordIntent(Claimed claim, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void withdrawIntent(Claimed claim) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Recording recordOutcome(Claimed claim, Outcome outcome) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Recording recordAnswer(Claimed claim, Outcome outcome) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceSnapshot(int position, PlannedItem item) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(Claimed claim) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }
}
