package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore.Outcome;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.JobItemQueue.Claimed;
import dev.ofauthqueue.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The in-memory job store: what it keeps, and the rules of its exclusive and shared work queues. (The contract every
 * store keeps, Redis and SQLite alike, is checked in the acceptance tests; this pins the in-memory store where it
 * lives.)
 */
class InMemoryDeletionJobStoreTest {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId A = ConnectionId.of("conn_a");
    static final ConnectionId B = ConnectionId.of("conn_b");
    static final Duration LEASE = Duration.ofSeconds(5);

    static PlannedItem item(ConnectionId connection, long id) {
        ScheduledMassMessage message = ScheduledMassMessage.builder(id)
                .text("m" + id)
                .sendAt(NOW.plusSeconds(3600))
                .build();
        return new PlannedItem(connection, message, Optional.empty(), NOW);
    }

    static Outcome deleted(DeletionJobId job, PlannedItem item, Instant at) {
        return JobOutcomes.stored(
                job,
                item,
                new DeletionOutcome.Deleted(
                        item.id(), item.snapshot().toBuilder().canceled(true).build()),
                Optional.empty(),
                false,
                at);
    }

    static DeletionJobId create(InMemoryDeletionJobStore store, PlannedItem... items) {
        return store.create(NOW, JobProgressTest.SETTINGS, List.of(items));
    }

    @Nested
    class WhatItKeeps {

        final InMemoryDeletionJobStore store = new InMemoryDeletionJobStore("memory-7");

        @Test
        void jobsAreNumberedFromOneAndListedNewestFirst() {
            DeletionJobId first = create(store, item(A, 1));
            DeletionJobId second = create(store, item(A, 1));

            assertThat(first).isEqualTo(DeletionJobId.of(1));
            assertThat(second).isEqualTo(DeletionJobId.of(2));
            assertThat(store.jobs()).containsExactly(second, first);
            assertThat(store.load(first).orElseThrow().items()).singleElement().satisfies(i -> {
                assertThat(i.state()).isEqualTo(JobItemState.PENDING);
                assertThat(i.position()).isZero();
            });
            assertThat(store.state(first)).contains(DeletionJobState.RUNNING);
        }

        @Test
        void aMessagePlannedTwiceForOneConnectionIsRefusedButOncePerConnectionIsFine() {
            assertThatThrownBy(() -> create(store, item(A, 1), item(A, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("message 1 is planned twice for one connection");
            assertThat(store.jobs()).isEmpty();

            DeletionJobId both = create(store, item(A, 1), item(B, 1));
            assertThat(store.load(both).orElseThrow().items()).hasSize(2);
        }

        @Test
        void anUnknownJobIsAbsentWhenReadAndNamedWhenWritten() {
            DeletionJobId unknown = DeletionJobId.of(9);

            assertThat(store.load(unknown)).isEmpty();
            assertThat(store.state(unknown)).isEmpty();
            assertThat(store.isRunning(unknown)).isFalse();
            assertThatThrownBy(() -> store.setState(unknown, DeletionJobState.CANCELED))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.NO_SUCH_JOB))
                    .hasMessage("no job 9 in memory-7");
            assertThatThrownBy(() -> store.setStopped(unknown, A, Optional.of("x")))
                    .isInstanceOf(DeletionJobStoreException.class);
            assertThatThrownBy(() -> store.workQueue(unknown)).isInstanceOf(DeletionJobStoreException.class);
        }

        @Test
        void aStoppedConnectionIsKeptWithItsReasonUntilCleared() {
            DeletionJobId id = create(store, item(A, 1), item(B, 2));

            store.setStopped(id, A, Optional.of("session expired"));
            store.setStopped(id, B, Optional.of("forbidden"));
            store.setStopped(id, B, Optional.empty());

            assertThat(store.load(id).orElseThrow().stopped()).containsExactly(Map.entry(A, "session expired"));
        }

        @Test
        void theArchiveIsInOrderOfDeletionThenJobThenMessageAndFiltered() {
            DeletionJobId one = create(store, item(A, 2), item(A, 1), item(B, 3));
            try (JobItemQueue queue = store.workQueue(one)) {
                for (int i = 0; i < 3; i++) {
                    Claimed claim = (Claimed) queue.claim(i < 2 ? A : B);
                    queue.recordIntent(claim, NOW);
                    Instant at = claim.item().id().value() == 3 ? NOW.plusSeconds(1) : NOW;
                    assertThat(queue.recordAnswer(claim, deleted(one, claim.item(), at)))
                            .isEqualTo(JobItemQueue.Recording.WRITTEN);
                }
            }

            assertThat(store.archive(ArchiveQuery.everything()))
                    .extracting(a -> a.id().value())
                    .containsExactly(1L, 2L, 3L);
            assertThat(store.archive(ArchiveQuery.everything().connection(B)))
                    .extracting(ArchivedDeletion::id)
                    .containsExactly(MassMessageId.of(3));
            assertThat(store.archive(ArchiveQuery.everything().job(DeletionJobId.of(2))))
                    .isEmpty();
        }

        @Test
        void itNamesItselfAndSaysWhetherItIsShared() {
            assertThat(store.location()).isEqualTo("memory-7");
            assertThat(store).hasToString("InMemoryDeletionJobStore[memory-7]");
            assertThat(new InMemoryDeletionJobStore().location()).isEqualTo("in-memory");
            assertThat(InMemoryDeletionJobStore.shared("s", new MutableClock(NOW), LEASE, 3))
                    .hasToString("InMemoryDeletionJobStore[s, shared]");
        }
    }

    @Nested
    class ExclusiveQueues {

        final InMemoryDeletionJobStore store = new InMemoryDeletionJobStore();

        @Test
        void oneProcessRunsAJobAtATimeUntilItsQueueIsClosed() {
            DeletionJobId id = create(store, item(A, 1));

            JobItemQueue first = store.workQueue(id);
            assertThat(store.isRunning(id)).isTrue();
            assertThatThrownBy(() -> store.workQueue(id))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(DeletionJobStoreException.Kind.LOCKED))
                    .hasMessage("job 1 is already running (in-memory)");
            first.close();

            assertThat(store.isRunning(id)).isFalse();
            store.workQueue(id).close();
        }

        @Test
        void anOutcomeIsWrittenOnceAndALaterOneForTheSameItemKeepsTheFirst() {
            DeletionJobId id = create(store, item(A, 1));
            JobItemQueue queue = store.workQueue(id);
            Claimed claimed = (Claimed) queue.claim(A);
            Outcome failed =
                    new Outcome(JobItemState.FAILED, Optional.empty(), Optional.empty(), "503", NOW, Optional.empty());

            assertThat(queue.recordOutcome(claimed, deleted(id, claimed.item(), NOW)))
                    .isEqualTo(JobItemQueue.Recording.WRITTEN);
            assertThat(queue.recordOutcome(claimed, failed))
                    .as("no longer held once settled")
                    .isEqualTo(JobItemQueue.Recording.NOT_HELD);
            assertThat(queue.recordAnswer(claimed, deleted(id, claimed.item(), NOW.plusSeconds(1))))
                    .as("a late final answer for an item already settled")
                    .isEqualTo(JobItemQueue.Recording.ALREADY_SETTLED);

            assertThat(store.load(id).orElseThrow().items().get(0).state()).isEqualTo(JobItemState.DELETED);
            queue.close();
        }
    }

    @Nested
    class SharedQueues {

        final MutableClock clock = new MutableClock(NOW);
        final InMemoryDeletionJobStore store = InMemoryDeletionJobStore.shared("shared", clock, LEASE, 2);

        @Test
        void aSharedStoreNeedsAPositiveLeaseAndAtLeastOneDelivery() {
            assertThatThrownBy(() -> InMemoryDeletionJobStore.shared("s", clock, Duration.ZERO, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lease must be positive, was PT0S");
            assertThatThrownBy(() -> InMemoryDeletionJobStore.shared("s", clock, Duration.ofSeconds(-1), 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> InMemoryDeletionJobStore.shared("s", clock, LEASE, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxDeliveries must be 1 or more, was 0");
            assertThat(InMemoryDeletionJobStore.shared("s", clock, Duration.ofNanos(1), 1))
                    .isNotNull();
            // A longer lease would hold a stopped process's items for longer than anyone waits (and, at about 292
            // years, overflow the holder's nanosecond deadline: the run hung).
            assertThatThrownBy(() -> InMemoryDeletionJobStore.shared(
                            "s", clock, Duration.ofHours(1).plusNanos(1), 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("lease must be at most PT1H, was PT1H0.000000001S");
            assertThat(InMemoryDeletionJobStore.shared("s", clock, JobItemQueue.LONGEST_LEASE, 1))
                    .isNotNull();
        }

        @Test
        void aClaimCannotCarryALeaseBeyondTheLongest() {
            PlannedItem item = item(A, 1);
            assertThatThrownBy(() -> new Claimed(0, item, false, 1, Optional.of(Duration.ofHours(10_000_000))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most PT1H");
            assertThat(new Claimed(0, item, false, 1, Optional.of(JobItemQueue.LONGEST_LEASE)).lease())
                    .contains(Duration.ofHours(1));
        }

        @Test
        void aSnapshotListedAgainReplacesThePlannedOneForEveryMember() {
            DeletionJobId id = create(store, item(A, 1));
            JobItemQueue member = store.workQueue(id);
            PlannedItem listed = new PlannedItem(
                    A,
                    item(A, 1).snapshot().toBuilder().text("edited").build(),
                    Optional.of("{\"id\":1,\"text\":\"edited\"}"),
                    NOW.plusSeconds(60));

            member.replaceSnapshot(0, listed);

            PlannedItem kept = store.load(id).orElseThrow().items().get(0).item();
            assertThat(kept.snapshot().text()).isEqualTo("edited");
            assertThat(kept.snapshotAt()).isEqualTo(NOW.plusSeconds(60));
            member.close();
        }

        @Test
        void aJobRunsWhileAMemberWasSeenWithinTheLease() {
            DeletionJobId id = create(store, item(A, 1));
            JobItemQueue member = store.workQueue(id);
            assertThat(member.shared()).isTrue();

            clock.advance(LEASE.minusMillis(1));
            assertThat(store.isRunning(id)).isTrue();
            clock.advance(Duration.ofMillis(1));
            assertThat(store.isRunning(id)).as("not seen for a whole lease").isFalse();
            assertThat(member.claim(A)).isInstanceOf(Claimed.class);
            assertThat(store.isRunning(id)).as("seen again").isTrue();
            member.close();
            assertThat(store.isRunning(id)).isFalse();
            assertThat(store.isRunning(DeletionJobId.of(9)))
                    .as("a job this store never had")
                    .isFalse();
            assertThatThrownBy(() -> member.claim(A))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the work queue of job 1 is closed");
        }

        @Test
        void anItemHeldByAnotherIsNotHandedOutUntilItsLeaseEndsAndThenComesWithAHigherFenceToSettleFirst() {
            DeletionJobId id = create(store, item(A, 1));
            JobItemQueue stopped = store.workQueue(id);
            JobItemQueue other = store.workQueue(id);
            Claimed first = (Claimed) stopped.claim(A);
            assertThat(first.fence()).isEqualTo(1);
            assertThat(first.settleFirst()).isFalse();

            clock.advance(Duration.ofSeconds(2));
            assertThat(other.claim(A))
                    .as("held: ask again when its lease ends")
                    .isEqualTo(new JobItemQueue.Empty(false, Duration.ofSeconds(3)));
            clock.advance(Duration.ofSeconds(3));
            Claimed taken = (Claimed) other.claim(A);

            assertThat(taken.fence()).isEqualTo(2);
            assertThat(taken.settleFirst()).isTrue();
            assertThat(stopped.recordIntent(first, NOW)).isEqualTo(JobItemQueue.Intent.NOT_HELD);
            assertThat(stopped.renew(List.of(first))).containsExactly(first);
            assertThat(other.renew(List.of(taken))).isEmpty();
            assertThat(stopped.recordOutcome(first, deleted(id, first.item(), NOW)))
                    .isEqualTo(JobItemQueue.Recording.NOT_HELD);
        }

        @Test
        void anItemHandedOutMoreThanTheMaximumIsSetAsideUnconfirmed() {
            DeletionJobId id = create(store, item(A, 1));
            JobItemQueue queue = store.workQueue(id);
            queue.claim(A);
            clock.advance(LEASE);
            queue.claim(A); // second delivery
            clock.advance(LEASE);

            assertThat(queue.claim(A)).isEqualTo(new JobItemQueue.Empty(true, Duration.ZERO));
            assertThat(store.load(id).orElseThrow().items()).singleElement().satisfies(i -> {
                assertThat(i.state()).isEqualTo(JobItemState.UNCONFIRMED);
                assertThat(i.outcome().orElseThrow().detail()).startsWith("handed out 3 times without an outcome");
            });
        }

        @Test
        void aReleasedItemIsClaimableAtOnceAndALateAnswerStillSettlesIt() {
            DeletionJobId id = create(store, item(A, 1));
            JobItemQueue first = store.workQueue(id);
            JobItemQueue second = store.workQueue(id);
            Claimed mine = (Claimed) first.claim(A);
            first.recordIntent(mine, NOW);

            first.release(mine);
            Claimed theirs = (Claimed) second.claim(A);
            assertThat(theirs.settleFirst()).isTrue();

            assertThat(first.recordAnswer(mine, deleted(id, mine.item(), NOW)))
                    .as("its own DELETE's answer, written where no final outcome exists")
                    .isEqualTo(JobItemQueue.Recording.WRITTEN);
            assertThat(store.load(id).orElseThrow().items().get(0).intentAt())
                    .as("written by a process that no longer holds it: the holder's intent stays")
                    .contains(NOW);
            assertThat(second.renew(List.of(theirs)))
                    .as("ended for its new holder too")
                    .containsExactly(theirs);
            assertThat(second.recordAnswer(theirs, deleted(id, theirs.item(), NOW)))
                    .isEqualTo(JobItemQueue.Recording.ALREADY_SETTLED);
            assertThat(store.archive(ArchiveQuery.everything())).hasSize(1);
        }

        @Test
        void withdrawingAnIntentOnlyCountsForItsHolder() {
            DeletionJobId id = create(store, item(A, 1));
            JobItemQueue first = store.workQueue(id);
            JobItemQueue second = store.workQueue(id);
            Claimed mine = (Claimed) first.claim(A);
            first.recordIntent(mine, NOW);

            second.withdrawIntent(mine);
            assertThat(store.load(id).orElseThrow().items().get(0).state()).isEqualTo(JobItemState.IN_FLIGHT);
            first.withdrawIntent(mine);
            assertThat(store.load(id).orElseThrow().items().get(0).state()).isEqualTo(JobItemState.PENDING);
            assertThat(second).hasToString("consumer 2 of job 1 in shared");
        }

        @Test
        void joiningPutsFailedAndUnconfirmedItemsBackInLineOnceUnconfirmedOnesToSettleFirst() {
            DeletionJobId id = create(store, item(A, 1), item(A, 2), item(A, 3));
            JobItemQueue earlier = store.workQueue(id);
            Claimed one = (Claimed) earlier.claim(A);
            Claimed two = (Claimed) earlier.claim(A);
            earlier.recordOutcome(
                    one,
                    new Outcome(JobItemState.FAILED, Optional.empty(), Optional.empty(), "503", NOW, Optional.empty()));
            earlier.recordOutcome(
                    two,
                    new Outcome(
                            JobItemState.UNCONFIRMED,
                            Optional.empty(),
                            Optional.empty(),
                            "timeout",
                            NOW,
                            Optional.empty()));
            earlier.close();

            JobItemQueue joined = store.workQueue(id);
            store.workQueue(id).close(); // a second join puts nothing back twice

            assertThat(store.load(id).orElseThrow().items())
                    .extracting(i -> i.state())
                    .containsExactly(JobItemState.PENDING, JobItemState.PENDING, JobItemState.PENDING);
            Claimed three = (Claimed) joined.claim(A);
            Claimed failed = (Claimed) joined.claim(A);
            Claimed unconfirmed = (Claimed) joined.claim(A);
            assertThat(three.item().id()).isEqualTo(MassMessageId.of(3));
            assertThat(failed.item().id()).isEqualTo(MassMessageId.of(1));
            assertThat(failed.settleFirst()).isFalse();
            assertThat(unconfirmed.item().id()).isEqualTo(MassMessageId.of(2));
            assertThat(unconfirmed.settleFirst())
                    .as("its DELETE may have gone out")
                    .isTrue();
            assertThat(joined.claim(A)).isEqualTo(new JobItemQueue.Empty(false, LEASE));
        }
    }
}
