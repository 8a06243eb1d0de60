package dev.ofauthqueue;

import dev.ofauthqueue.domain.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;

/**
 * A mass message to schedule, or the new content of a scheduled one: what OFAuth's create and update bodies carry.
 *
 * <pre>{@code
 * MassMessageReceipt created = ofauth.messages()
 *         .schedule(ConnectionId.of("conn_demo"), MassMessageDraft.scheduled("New set tonight", tomorrow)
 *                 .to(Audience.lists(List.of("fans"))));
 * }</pre>
 *
 * @param text        the message text, at most {@value #MAX_TEXT_LENGTH} characters
 * @param price       what fans pay to unlock it; {@link Money#FREE} for free, at most {@value #MAX_PRICE}
 * @param lockedText  whether the text is behind the paywall too
 * @param sendAt      when to send it; empty to send at once
 * @param mediaIds    vault media ids to attach
 * @param audience    who it goes to; {@link Audience#UNNAMED} for OFAuth's default
 */
@NullMarked
public record MassMessageDraft(
        String text,
        Money price,
        boolean lockedText,
        Optional<Instant> sendAt,
        List<Long> mediaIds,
        Audience audience) {

    /** The longest text OFAuth accepts, in characters. */
    public static final int MAX_TEXT_LENGTH = 10_000;
    /** The highest price OFAuth accepts. */
    public static final int MAX_PRICE = 200;
    /** The latest send time a message can have: OFAuth's dates are ISO-8601 with a four-digit year. */
    public static final Instant LATEST_SEND_AT = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Checks the limits and copies the media ids.
     *
     * @param text       the message text, at most {@value #MAX_TEXT_LENGTH} characters
     * @param price      what fans pay to unlock it; {@link Money#FREE} for free, at most {@value #MAX_PRICE}
     * @param lockedText whether the text is behind the paywall too
     * @param sendAt     when to send it; empty to send at once
     * @param mediaIds   vault media ids to attach
     * @param audience   who it goes to
     * @throws NullPointerException when a reference component is {@code null}
     * @throws IllegalArgumentException when the text is too long, the price too high, the send time after {@link
     *     #LATEST_SEND_AT} or a media id not positive
     */
    public MassMessageDraft {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(audience, "audience");
        sendAt.ifPresent(MassMessageDraft::checkSendAt);
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException(
                    "text must be at most " + MAX_TEXT_LENGTH + " characters, was " + text.length());
        }
        if (price.amount().compareTo(BigDecimal.valueOf(MAX_PRICE)) > 0) {
            throw new IllegalArgumentException("price must be at most " + MAX_PRICE + ", was " + price);
        }
        for (Long id : mediaIds) {
            if (id == null || id <= 0) {
                throw new IllegalArgumentException("media ids must be positive, was " + id);
            }
        }
        mediaIds = List.copyOf(mediaIds);
    }

    /**
     * Checks that a message can be sent at {@code sendAt}: at most {@link #LATEST_SEND_AT}.
     *
     * @param sendAt the send time
     * @return {@code sendAt}
     * @throws IllegalArgumentException when it is later
     */
    public static Instant checkSendAt(Instant sendAt) {
        if (sendAt.isAfter(LATEST_SEND_AT)) {
            throw new IllegalArgumentException("a send time must be at most " + LATEST_SEND_AT
                    + " (OFAuth's dates have four-digit years), was " + sendAt);
        }
        return sendAt;
    }

    /**
     * A draft to OFAuth's default audience.
     *
     * @param text       the message text
     * @param price      what fans pay to unlock it
     * @param lockedText whether the text is behind the paywall too
     * @param sendAt     when to send it; empty to send at once
     * @param mediaIds   vault media ids to attach
     */
    public MassMessageDraft(
            String text, Money price, boolean lockedText, Optional<Instant> sendAt, List<Long> mediaIds) {
        this(text, price, lockedText, sendAt, mediaIds, Audience.UNNAMED);
    }

    /**
     * This draft sent to {@code value}.
     *
     * @param value who it goes to
     * @return the new draft
     */
    public MassMessageDraft to(Audience value) {
        return new MassMessageDraft(text, price, lockedText, sendAt, mediaIds, value);
    }

    /**
     * A free text message sent at {@code sendAt}.
     *
     * @param text   the text
     * @param sendAt when to send it
     * @return the draft
     */
    public static MassMessageDraft scheduled(String text, Instant sendAt) {
        return new MassMessageDraft(text, Money.FREE, false, Optional.of(sendAt), List.of());
    }

    /**
     * This draft sent at once instead of at a scheduled time.
     *
     * @return a copy without a send time
     */
    public MassMessageDraft withNoSendTime() {
        return new MassMessageDraft(text, price, lockedText, Optional.empty(), mediaIds, audience);
    }
}
