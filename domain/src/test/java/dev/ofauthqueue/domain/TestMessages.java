package dev.ofauthqueue.domain;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.ScheduledMassMessage;
import java.time.Instant;

/** Test data: {@code aScheduledMessage().sendingAt(t).build()}. */
final class TestMessages {

    static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
    static final ConnectionId CONNECTION = ConnectionId.of("conn_test");

    private TestMessages() {}

    static ScheduledMassMessage.Builder aScheduledMessage() {
        return aScheduledMessage(1);
    }

    static ScheduledMassMessage.Builder aScheduledMessage(long id) {
        return ScheduledMassMessage.builder(id).text("Hello fans #" + id).sendAt(NOW.plusSeconds(3600));
    }
}
