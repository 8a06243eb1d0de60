package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.MassMessageId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The archive's filter: what an operator exports to audit or re-create a deletion must be exactly what they asked. */
class ArchiveQueryTest {

    static final Instant T = Instant.parse("2026-11-01T12:00:00Z");
    static final ConnectionId A = ConnectionId.of("conn_a");
    static final ConnectionId B = ConnectionId.of("conn_b");

    static ArchivedDeletion deleted(long job, ConnectionId connection, Instant at) {
        return new ArchivedDeletion(
                DeletionJobId.of(job), connection, MassMessageId.of(5001), at, ArchivedDeletion.Source.ANSWER, "{}");
    }

    @Test
    void everythingMatchesEveryDeletion() {
        assertThat(ArchiveQuery.everything().matches(deleted(1, A, T))).isTrue();
        assertThat(ArchiveQuery.everything().matches(deleted(99, B, Instant.EPOCH)))
                .isTrue();
    }

    @Test
    void aJobKeepsToThatJobsDeletions() {
        ArchiveQuery q = ArchiveQuery.everything().job(DeletionJobId.of(7));

        assertThat(q.matches(deleted(7, A, T))).isTrue();
        assertThat(q.matches(deleted(8, A, T))).isFalse();
    }

    @Test
    void aConnectionKeepsToThatConnectionsDeletions() {
        ArchiveQuery q = ArchiveQuery.everything().connection(A);

        assertThat(q.matches(deleted(1, A, T))).isTrue();
        assertThat(q.matches(deleted(1, B, T))).isFalse();
    }

    @Test
    void theTimeRangeIncludesItsStartAndExcludesItsEnd() {
        ArchiveQuery q = ArchiveQuery.everything().between(T, T.plusSeconds(60));

        assertThat(q.matches(deleted(1, A, T.minusNanos(1)))).isFalse();
        assertThat(q.matches(deleted(1, A, T))).isTrue();
        assertThat(q.matches(deleted(1, A, T.plusSeconds(60).minusNanos(1)))).isTrue();
        assertThat(q.matches(deleted(1, A, T.plusSeconds(60)))).isFalse();
    }

    @Test
    void anOpenEndedRangeHasNoOtherEnd() {
        ArchiveQuery since = new ArchiveQuery(Optional.empty(), Optional.empty(), Optional.of(T), Optional.empty());
        ArchiveQuery before = new ArchiveQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(T));

        assertThat(since.matches(deleted(1, A, Instant.MAX))).isTrue();
        assertThat(since.matches(deleted(1, A, T.minusNanos(1)))).isFalse();
        assertThat(before.matches(deleted(1, A, Instant.MIN))).isTrue();
        assertThat(before.matches(deleted(1, A, T))).isFalse();
    }

    @Test
    void everyCriterionMustMatch() {
        ArchiveQuery q =
                ArchiveQuery.everything().job(DeletionJobId.of(7)).connection(A).between(T, T.plusSeconds(60));

        assertThat(q.matches(deleted(7, A, T))).isTrue();
        assertThat(q.matches(deleted(8, A, T))).isFalse();
        assertThat(q.matches(deleted(7, B, T))).isFalse();
        assertThat(q.matches(deleted(7, A, T.plusSeconds(60)))).isFalse();
    }

    @Test
    void aLaterCriterionOfTheSameKindReplacesTheEarlierOne() {
        ArchiveQuery q = ArchiveQuery.everything().job(DeletionJobId.of(7)).job(DeletionJobId.of(8));

        assertThat(q.job()).contains(DeletionJobId.of(8));
        assertThat(q.connection(A).connection(B).connection()).contains(B);
    }

    @Test
    void aReversedRangeIsRefusedNamingBothEndsAndAnEmptyOneMatchesNothing() {
        assertThatThrownBy(() -> ArchiveQuery.everything().between(T, T.minusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "until must not be before from, was 2026-11-01T12:00:00Z .. 2026-11-01T11:59:59.999999999Z");
        assertThat(ArchiveQuery.everything().between(T, T).matches(deleted(1, A, T)))
                .isFalse();
    }

    @Test
    void noCriterionMayBeNull() {
        Optional<Instant> none = Optional.empty();
        assertThatThrownBy(() -> new ArchiveQuery(null, Optional.empty(), none, none))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("job");
        assertThatThrownBy(() -> new ArchiveQuery(Optional.empty(), null, none, none))
                .hasMessage("connection");
        assertThatThrownBy(() -> new ArchiveQuery(Optional.empty(), Optional.empty(), null, none))
                .hasMessage("from");
        assertThatThrownBy(() -> new ArchiveQuery(Optional.empty(), Optional.empty(), none, null))
                .hasMessage("until");
    }
}
