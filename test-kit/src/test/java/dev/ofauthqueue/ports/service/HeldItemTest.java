package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.JobItemQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How long an item held on a lease may still be sent for, on the holder's clock: a 10 s lease keeps a margin of a
 * tenth (1 s), so sends start no later than 9 s after the claim was asked, and only when what is left covers the
 * attempt.
 */
class HeldItemTest {

    static final long S = 1_000_000_000L;
    static final Duration TWO_S = Duration.ofSeconds(2);

    static JobItemQueue.Claimed claim(Optional<Duration> lease) {
        PlannedItem item = new PlannedItem(
                ConnectionId.of("conn_a"),
                ScheduledMassMessage.builder(7).build(),
                Optional.empty(),
                Instant.parse("2026-12-01T00:00:00Z"));
        return new JobItemQueue.Claimed(3, item, true, 1, lease);
    }

    static HeldItem leased(long askedAtNanos) {
        return new HeldItem(claim(Optional.of(Duration.ofSeconds(10))), askedAtNanos);
    }

    @Test
    void anItemTakesItsClaimsPositionSnapshotAndSettleFlag() {
        JobItemQueue.Claimed claim = claim(Optional.of(Duration.ofSeconds(10)));
        HeldItem held = new HeldItem(claim, 0);

        assertThat(held.position()).isEqualTo(3);
        assertThat(held.item).isSameAs(claim.item());
        assertThat(held.settle).isTrue();
        assertThat(held.hasLease()).isTrue();
    }

    @Test
    void anAttemptMayLastWhatItWantsWhileTheLeaseLessItsMarginCoversIt() {
        HeldItem held = leased(100 * S);

        assertThat(held.attemptLimit(TWO_S, 100 * S)).isEqualTo(TWO_S);
        assertThat(held.attemptLimit(TWO_S, 107 * S))
                .as("exactly 2 s left before the margin")
                .isEqualTo(TWO_S);
        assertThat(held.attemptLimit(TWO_S, 107 * S + 1))
                .as("less left than the attempt needs: renew first")
                .isZero();
        assertThat(held.attemptLimit(TWO_S, 109 * S)).isZero();
        assertThat(held.attemptLimit(TWO_S, 120 * S)).isZero();
    }

    @Test
    void anAttemptWantingMoreThanTheLeaseIsCutToWhatIsLeftBeforeTheMargin() {
        HeldItem held = leased(0);
        Duration minute = Duration.ofMinutes(1);

        assertThat(held.attemptLimit(minute, 0)).isEqualTo(Duration.ofSeconds(9));
        assertThat(held.attemptLimit(minute, S))
                .as("it needs at most the lease less two margins (8 s), and 8 s are left")
                .isEqualTo(Duration.ofSeconds(8));
        assertThat(held.attemptLimit(minute, S + 1)).isZero();
    }

    @Test
    void heldUntilTheMarginBeforeTheLeaseEnds() {
        HeldItem held = leased(0);

        assertThat(held.held(0)).isTrue();
        assertThat(held.held(9 * S - 1)).isTrue();
        assertThat(held.held(9 * S)).isFalse();
    }

    @Test
    void aRenewalExtendsTheLeaseFromWhenItWasAskedAndNeverShortensIt() {
        HeldItem held = leased(0);

        held.renewed(5 * S);
        assertThat(held.held(14 * S - 1)).isTrue();
        assertThat(held.held(14 * S)).isFalse();
        assertThat(held.attemptLimit(TWO_S, 12 * S)).isEqualTo(TWO_S);

        held.renewed(S);
        assertThat(held.held(14 * S - 1))
                .as("an older renewal's answer changes nothing")
                .isTrue();
    }

    @Test
    void aLostItemMayNotBeSentForAnyMore() {
        HeldItem held = leased(0);

        held.lost();

        assertThat(held.held(0)).isFalse();
        assertThat(held.attemptLimit(TWO_S, 0)).isZero();
        held.renewed(0);
        assertThat(held.held(0)).as("a late renewal does not win it back").isFalse();
    }

    @Test
    void withoutALeaseAnItemIsHeldAndEveryAttemptGoesAsLongAsItWants() {
        HeldItem held = new HeldItem(claim(Optional.empty()), 0);

        assertThat(held.hasLease()).isFalse();
        assertThat(held.held(Long.MAX_VALUE - 1)).isTrue();
        assertThat(held.attemptLimit(Duration.ofHours(1), Long.MAX_VALUE - 1)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void onlyTheFirstAttemptCountsAsFirst() {
        HeldItem held = leased(0);

        assertThat(held.firstAttempt()).isTrue();
        assertThat(held.firstAttempt()).isFalse();
        assertThat(held.firstAttempt()).isFalse();
    }

    @Test
    void aLeaseOfAFewNanosecondsStillKeepsAMarginOfOne() {
        HeldItem held = new HeldItem(claim(Optional.of(Duration.ofNanos(5))), 0);

        assertThat(held.held(3)).isTrue();
        assertThat(held.held(4)).as("the lease ends at 5, less a margin of 1").isFalse();
    }
}
