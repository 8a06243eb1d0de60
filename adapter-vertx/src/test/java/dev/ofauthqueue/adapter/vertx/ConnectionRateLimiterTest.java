package dev.ofauthqueue.adapter.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.ports.out.OfAuthException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConnectionRateLimiterTest {

    static final ConnectionId A = ConnectionId.of("conn_a");
    static final ConnectionId B = ConnectionId.of("conn_b");
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final VirtualTime time = VirtualTime.manual();
    private final ConnectionRateLimiter limiter = new ConnectionRateLimiter(new ClientRateLimit(60, 2), time);

    @Test
    void theBurstPassesAtOnceThenCallsArePacedAtTheRefillRateInArrivalOrder() {
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            CompletableFuture<Void> turn = limiter.acquire(A, NO_DEADLINE).toCompletableFuture();
            turn.thenRun(() -> order.add(n));
            turns.add(turn);
        }

        assertThat(turns).extracting(CompletableFuture::isDone).containsExactly(true, true, false, false, false);
        time.advance(Duration.ofMillis(999));
        assertThat(turns.get(2)).isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(turns.get(2)).isDone();
        assertThat(turns.get(3)).isNotDone();
        time.advance(Duration.ofSeconds(1));
        assertThat(turns.get(3)).isDone();
        assertThat(turns.get(4)).isNotDone();
        time.advance(Duration.ofSeconds(1));
        assertThat(turns.get(4)).isDone();
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void eachConnectionHasItsOwnBucket() {
        limiter.acquire(A, NO_DEADLINE);
        limiter.acquire(A, NO_DEADLINE);

        assertThat(limiter.acquire(A, NO_DEADLINE).toCompletableFuture()).isNotDone();
        assertThat(limiter.acquire(B, NO_DEADLINE).toCompletableFuture()).isDone();
    }

    @Test
    void aWaitingCallGivesUpAtItsDeadlineWithATypedError() {
        limiter.acquire(A, NO_DEADLINE);
        limiter.acquire(A, NO_DEADLINE);
        CompletableFuture<Void> impatient = limiter.acquire(
                        A, time.nanoTime() + Duration.ofMillis(300).toNanos())
                .toCompletableFuture();
        CompletableFuture<Void> patient = limiter.acquire(A, NO_DEADLINE).toCompletableFuture();

        time.advance(Duration.ofMillis(300));

        assertThat(impatient).isCompletedExceptionally();
        assertThat(impatient.handle((ok, e) -> e).join())
                .isInstanceOfSatisfying(OfAuthException.RateLimited.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.type()).contains("CLIENT_RATE_LIMIT");
                    assertThat(e.retryAfter()).isPresent();
                });
        assertThat(patient).isNotDone();
        time.advance(Duration.ofMillis(700));
        assertThat(patient).isDone();
    }

    @Test
    void anIdleBucketRefillsOnlyUpToItsBurst() {
        limiter.acquire(A, NO_DEADLINE);
        limiter.acquire(A, NO_DEADLINE);
        time.advance(Duration.ofMinutes(10));

        assertThat(limiter.acquire(A, NO_DEADLINE).toCompletableFuture()).isDone();
        assertThat(limiter.acquire(A, NO_DEADLINE).toCompletableFuture()).isDone();
        assertThat(limiter.acquire(A, NO_DEADLINE).toCompletableFuture()).isNotDone();
    }

    @Test
    void aBackOffHoldsEveryTokenUntilTheWaitIsOverAndRefillsMeanwhileOneTokenShort() {
        ConnectionRateLimiter roomy = new ConnectionRateLimiter(new ClientRateLimit(60, 10), time); // a token a second
        for (int i = 0; i < 10; i++) {
            roomy.acquire(A, NO_DEADLINE); // the burst is spent
        }
        roomy.backOff(A, Duration.ofSeconds(3));
        List<CompletableFuture<Void>> turns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            turns.add(roomy.acquire(A, NO_DEADLINE).toCompletableFuture());
        }

        time.advance(Duration.ofMillis(2_999));
        assertThat(turns).noneMatch(CompletableFuture::isDone);
        time.advance(Duration.ofMillis(1));
        assertThat(turns)
                .as("three seconds refilled three tokens, less the one of margin")
                .extracting(CompletableFuture::isDone)
                .containsExactly(true, true, false);
        assertThat(roomy.timeFor(A, 1)).isEqualTo(Duration.ofSeconds(2));
        time.advance(Duration.ofSeconds(1));
        assertThat(turns.get(2)).isDone();
        assertThat(roomy.acquire(B, NO_DEADLINE).toCompletableFuture())
                .as("other connections are not held")
                .isDone();
    }

    @Test
    void aLongWaitRefillsTheBucketToOneTokenShortOfItsBurstNotToTheFull() {
        limiter.backOff(A, Duration.ofSeconds(7)); // 7 s would refill 7 tokens; the burst is 2
        CompletableFuture<Void> first = limiter.acquire(A, NO_DEADLINE).toCompletableFuture();
        CompletableFuture<Void> second = limiter.acquire(A, NO_DEADLINE).toCompletableFuture();

        time.advance(Duration.ofMillis(6_999));
        assertThat(first).isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(first).isDone();
        assertThat(second)
                .as("OFAuth's bucket holds its burst now; this one holds one token less")
                .isNotDone();
        time.advance(Duration.ofSeconds(1));
        assertThat(second).isDone();
    }

    @Test
    void theEstimateCountsTheWaitAfterA429() {
        limiter.backOff(A, Duration.ofSeconds(7));

        assertThat(limiter.timeFor(A, 1)).isEqualTo(Duration.ofSeconds(7));
        assertThat(limiter.timeFor(A, 3)).isEqualTo(Duration.ofSeconds(9)); // one short of the burst of 2 at 7 s
    }

    @Test
    void extremeWaitsAreBoundedNeverOverflowed() {
        assertThat(limiter.take(A, Duration.ofSeconds(Long.MAX_VALUE)).toCompletableFuture())
                .isDone();
        assertThat(limiter.take(A, Duration.ofSeconds(-5)).toCompletableFuture())
                .isDone();
        limiter.backOff(B, Duration.ofSeconds(Long.MAX_VALUE));

        CompletableFuture<Void> held =
                limiter.take(B, Duration.ofSeconds(Long.MAX_VALUE)).toCompletableFuture();
        time.advance(Duration.ofHours(23));
        assertThat(held).isNotDone();
        time.advance(Duration.ofHours(1));
        assertThat(held).isDone();
    }
}
