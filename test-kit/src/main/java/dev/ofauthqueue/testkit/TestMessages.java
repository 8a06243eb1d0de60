package dev.ofauthqueue.testkit;

import dev.ofauthqueue.ScheduledMassMessage;
import java.time.Instant;

/**
 * Test data: builders for messages in each state, with the fields that matter for deciding set and every other field
 * neutral. Change anything further on the builder they return.
 *
 * <pre>{@code
 * port.put(creator, aScheduledMessage(5001, now.plusSeconds(3600)).price("9.99").build());
 * }</pre>
 */
public final class TestMessages {

    private TestMessages() {}

    /**
     * A free text message, still scheduled.
     *
     * @param id     its id
     * @param sendAt when it is to be sent
     * @return a builder, text {@code "message <id>"}
     */
    public static ScheduledMassMessage.Builder aScheduledMessage(long id, Instant sendAt) {
        return ScheduledMassMessage.builder(id).text("message " + id).sendAt(sendAt);
    }

    /**
     * A message fans have received.
     *
     * @param id     its id
     * @param sentAt when it was sent
     * @param fans   how many fans received it, 1 or more
     * @return a builder
     */
    public static ScheduledMassMessage.Builder aSentMessage(long id, Instant sentAt, long fans) {
        return aScheduledMessage(id, sentAt).sentCount(fans);
    }

    /**
     * A message deleted (or unsent) before.
     *
     * @param id     its id
     * @param sendAt when it was to be sent
     * @return a builder
     */
    public static ScheduledMassMessage.Builder aCanceledMessage(long id, Instant sendAt) {
        return aScheduledMessage(id, sendAt).canceled(true);
    }
}
