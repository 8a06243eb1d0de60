package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.JobItemState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Which states settle an item for good: a job is done when every item is in one, and never leaves it. */
class JobItemStateTest {

    @Test
    void deletedAlreadyGoneAndRefusedAreFinalAndNothingElseIs() {
        assertThat(Arrays.stream(JobItemState.values()).filter(JobItemState::isFinal))
                .containsExactlyInAnyOrder(JobItemState.DELETED, JobItemState.ALREADY_GONE, JobItemState.REFUSED);
        assertThat(Arrays.stream(JobItemState.values()).filter(s -> !s.isFinal()))
                .containsExactlyInAnyOrder(
                        JobItemState.PENDING, JobItemState.IN_FLIGHT, JobItemState.FAILED, JobItemState.UNCONFIRMED);
    }
}
