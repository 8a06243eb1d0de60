package dev.ofauthqueue;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * OFAuth's answer to creating or changing a mass message: the queue job it made.
 *
 * <pre>{@code
 * MassMessageReceipt created = ofauth.messages()
 *         .schedule(ConnectionId.of("conn_demo"), MassMessageDraft.scheduled("New set tonight", tomorrow));
 * System.out.println("created " + created.id() + ", sent at " + created.sendAt().orElseThrow());
 * }</pre>
 *
 * @param id       the mass message id, usable with the get and delete calls
 * @param sendAt   when it is sent ({@code date})
 * @param canceled {@code isCanceled}
 * @param failed   {@code hasError}
 */
@NullMarked
public record MassMessageReceipt(MassMessageId id, Optional<Instant> sendAt, boolean canceled, boolean failed) {
    /**
     * Checks that no reference component is {@code null}.
     *
     * @param id       the mass message id, usable with the get and delete calls
     * @param sendAt   when it is sent ({@code date})
     * @param canceled {@code isCanceled}
     * @param failed   {@code hasError}
     * @throws NullPointerException when one is
     */
    public MassMessageReceipt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sendAt, "sendAt");
    }
}
