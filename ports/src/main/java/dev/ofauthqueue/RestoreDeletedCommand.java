package dev.ofauthqueue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.NullMarked;

/**
 * Re-create what a deletion job deleted, as new scheduled mass messages: the undo of a job.
 *
 * <pre>{@code
 * List<RestoreOutcome> restored = ofauth.jobs()
 *         .restore(RestoreDeletedCommand.of(DeletionJobId.of(7), Audience.lists(List.of("fans"))));
 * }</pre>
 *
 * @param job            the job
 * @param audience       who the new messages go to (a queue item does not say who it was for)
 * @param whenDatePassed the send time of a message whose own send date has passed; empty to refuse those
 * @param only           only these of the job's deleted messages; empty for all of them
 * @param listener       told of each message's outcome as it is known
 */
@NullMarked
public record RestoreDeletedCommand(
        DeletionJobId job,
        Audience audience,
        Optional<Instant> whenDatePassed,
        Set<MassMessageId> only,
        Consumer<RestoreOutcome> listener) {

    /**
     * Checks the command.
     *
     * @param job            the job
     * @param audience       who the new messages go to; never unnamed
     * @param whenDatePassed the send time for messages whose date passed; empty to refuse them
     * @param only           only these messages; empty for all
     * @param listener       told of each outcome
     * @throws IllegalArgumentException when the audience names nobody, or the send time is after {@link
     *     MassMessageDraft#LATEST_SEND_AT}
     */
    public RestoreDeletedCommand {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(whenDatePassed, "whenDatePassed");
        Objects.requireNonNull(listener, "listener");
        whenDatePassed.ifPresent(MassMessageDraft::checkSendAt);
        only = Set.copyOf(only);
        if (audience.isUnnamed()) {
            throw new IllegalArgumentException("a restore names its audience (user lists or users): a queue item does"
                    + " not say who it was for");
        }
    }

    /**
     * Every deleted message of {@code job}, to {@code audience}, refusing those whose date passed.
     *
     * @param job      the job
     * @param audience who the new messages go to
     * @return the command
     */
    public static RestoreDeletedCommand of(DeletionJobId job, Audience audience) {
        return new RestoreDeletedCommand(job, audience, Optional.empty(), Set.of(), o -> {});
    }
}
