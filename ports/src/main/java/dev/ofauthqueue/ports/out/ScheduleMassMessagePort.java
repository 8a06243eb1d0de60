package dev.ofauthqueue.ports.out;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MassMessageReceipt;
import java.util.concurrent.CompletionStage;

/**
 * Creating and changing scheduled mass messages. Creating is never retried automatically: OFAuth has no idempotency
 * key, so a retry could send a mass message twice.
 */
public interface ScheduleMassMessagePort {

    /**
     * {@code POST /v2/access/mass-messages}; scheduled when the draft has a send time.
     *
     * @param connection for whom
     * @param draft      what to send and when
     * @return the job OFAuth created
     */
    CompletionStage<MassMessageReceipt> scheduleMassMessage(ConnectionId connection, MassMessageDraft draft);

    /**
     * {@code PUT /v2/access/mass-messages/{id}}: replaces the content and send time of a scheduled message.
     *
     * @param connection whose message
     * @param id         which message
     * @param draft      its new content and send time
     * @return the job as OFAuth answers it
     */
    CompletionStage<MassMessageReceipt> rescheduleMassMessage(
            ConnectionId connection, MassMessageId id, MassMessageDraft draft);
}
