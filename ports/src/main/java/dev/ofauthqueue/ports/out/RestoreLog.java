package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the re-creation of a job's deleted messages is recorded, so that none is created twice: the intent before
 * the POST, the new message's id after it. A POST is never repeated: an intent without a result is settled by looking
 * for what it created, never by sending it again. Every method commits before it returns.
 */
public interface RestoreLog {

    /**
     * What is recorded for one deleted message.
     *
     * @param intentAt  when the intent was recorded, before the POST
     * @param created   the message the POST (or the settlement) found created; empty while unknown
     * @param createdAt when that was recorded
     */
    record Restore(Instant intentAt, Optional<MassMessageId> created, Optional<Instant> createdAt) {
        /**
         * Checks that no component is {@code null}.
         *
         * @param intentAt  when the intent was recorded
         * @param created   the message created, if known
         * @param createdAt when that was recorded
         */
        public Restore {
            Objects.requireNonNull(intentAt, "intentAt");
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * What is recorded for {@code original}.
     *
     * @param connection its connection
     * @param original   the deleted message
     * @return the record; empty when nothing was tried for it
     */
    Optional<Restore> get(ConnectionId connection, MassMessageId original);

    /**
     * Records the intent to re-create {@code original}, before its POST.
     *
     * @param connection its connection
     * @param original   the deleted message
     * @param at         now
     * @return false, recording nothing, when something is recorded for it already (by this process or another)
     */
    boolean recordIntent(ConnectionId connection, MassMessageId original, Instant at);

    /**
     * Records the message created for {@code original}.
     *
     * @param connection its connection
     * @param original   the deleted message
     * @param created    the new message
     * @param at         now
     */
    void recordCreated(ConnectionId connection, MassMessageId original, MassMessageId created, Instant at);

    /**
     * Forgets an intent whose POST provably never left this process (no connection could be made), so that a later
     * run may try again. An intent whose POST may have reached OFAuth is never withdrawn.
     *
     * @param connection its connection
     * @param original   the deleted message
     */
    void withdrawIntent(ConnectionId connection, MassMessageId original);
}
