package dev.ofauthqueue;

import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MessageState;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.domain.Sender;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One item of a connection's mass-message queue, holding every field of OFAuth's {@code queue} object that carries
 * meaning for deciding and reporting. Absent values are explicit: {@link Optional}s and empty collections, never
 * {@code null}.
 *
 * <pre>{@code
 * for (ScheduledMassMessage message : ofauth.messages().list(ConnectionId.of("conn_demo")).messages()) {
 *     System.out.println(message.id() + " at " + message.sendAt().orElseThrow() + ": " + message.textCropped());
 * }
 * }</pre>
 *
 * @param id             {@code id}: the mass message id used in the delete path
 * @param queueId        {@code queueId}
 * @param text           {@code text} (may be empty)
 * @param textCropped    {@code textCropped} (may be empty)
 * @param sendAt         {@code date}: when the message is or was sent
 * @param createdAt      {@code createdAt}
 * @param changedAt      {@code changedAt}
 * @param price          {@code price}; {@link Money#FREE} when absent or zero
 * @param free           {@code isFree}
 * @param lockedText     {@code lockedText}
 * @param tip            {@code isTip}
 * @param media          {@code mediaTypes}, {@code mediaCount}, {@code media[].id}, {@code previews}
 * @param sentCount      {@code sentCount}
 * @param viewedCount    {@code viewedCount}
 * @param purchasedCount {@code purchasedCount}
 * @param canUnsend      {@code canUnsend}
 * @param unsendSeconds  {@code unsendSeconds}
 * @param cancelSeconds  {@code cancelSeconds}
 * @param canceled       {@code isCanceled}
 * @param failed         {@code hasError}
 * @param sender         {@code fromUser}
 * @param replyTo        {@code replyToMessage.id}
 */
@NullMarked
public record ScheduledMassMessage(
        MassMessageId id,
        Optional<Long> queueId,
        String text,
        String textCropped,
        Optional<Instant> sendAt,
        Optional<Instant> createdAt,
        Optional<Instant> changedAt,
        Money price,
        boolean free,
        boolean lockedText,
        boolean tip,
        MediaSummary media,
        long sentCount,
        long viewedCount,
        long purchasedCount,
        boolean canUnsend,
        long unsendSeconds,
        long cancelSeconds,
        boolean canceled,
        boolean failed,
        Optional<Sender> sender,
        Optional<MassMessageId> replyTo) {

    /**
     * Checks the values.
     *
     * @param id             {@code id}: the mass message id used in the delete path
     * @param queueId        {@code queueId}
     * @param text           {@code text} (may be empty)
     * @param textCropped    {@code textCropped} (may be empty)
     * @param sendAt         {@code date}: when the message is or was sent
     * @param createdAt      {@code createdAt}
     * @param changedAt      {@code changedAt}
     * @param price          {@code price}; {@link Money#FREE} when absent or zero
     * @param free           {@code isFree}
     * @param lockedText     {@code lockedText}
     * @param tip            {@code isTip}
     * @param media          {@code mediaTypes}, {@code mediaCount}, {@code media[].id}, {@code previews}
     * @param sentCount      {@code sentCount}
     * @param viewedCount    {@code viewedCount}
     * @param purchasedCount {@code purchasedCount}
     * @param canUnsend      {@code canUnsend}
     * @param unsendSeconds  {@code unsendSeconds}
     * @param cancelSeconds  {@code cancelSeconds}
     * @param canceled       {@code isCanceled}
     * @param failed         {@code hasError}
     * @param sender         {@code fromUser}
     * @param replyTo        {@code replyToMessage.id}
     * @throws NullPointerException when a reference component is {@code null}
     * @throws IllegalArgumentException when a count or a number of seconds is negative
     */
    public ScheduledMassMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(textCropped, "textCropped");
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(replyTo, "replyTo");
        requireNotNegative("sentCount", sentCount);
        requireNotNegative("viewedCount", viewedCount);
        requireNotNegative("purchasedCount", purchasedCount);
        requireNotNegative("unsendSeconds", unsendSeconds);
        requireNotNegative("cancelSeconds", cancelSeconds);
    }

    private static void requireNotNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
    }

    /**
     * The state at {@code now}, checked in this order: CANCELED ({@code isCanceled}), FAILED ({@code hasError}),
     * SENT ({@code sentCount > 0}), SENDING (send time at or before {@code now}), else SCHEDULED. A message without
     * a send time that nothing else describes is SCHEDULED.
     *
     * @param now the instant to judge at
     * @return the state at {@code now}
     */
    public MessageState stateAt(Instant now) {
        Objects.requireNonNull(now, "now");
        if (canceled) {
            return MessageState.CANCELED;
        }
        if (failed) {
            return MessageState.FAILED;
        }
        if (sentCount > 0) {
            return MessageState.SENT;
        }
        if (sendAt.isPresent() && !sendAt.get().isAfter(now)) {
            return MessageState.SENDING;
        }
        return MessageState.SCHEDULED;
    }

    /**
     * A paid message costs fans money to unlock: its price is above zero.
     *
     * @return whether the price is above zero
     */
    public boolean isPaid() {
        return !price.isFree();
    }

    /**
     * Starts a builder with this message's values, to derive a changed copy.
     *
     * @return a builder holding every value of this message
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Starts a builder for a message with {@code id} and neutral values (free, no media, nothing sent).
     *
     * @param id the message id
     * @return a new builder
     */
    public static Builder builder(MassMessageId id) {
        return new Builder(id);
    }

    /**
     * Starts a builder for a message with the id {@code id}; see {@link #builder(MassMessageId)}.
     *
     * @param id the message id, positive
     * @return a new builder
     */
    public static Builder builder(long id) {
        return new Builder(MassMessageId.of(id));
    }

    /** Builds a message; every field but the id has a neutral default (free, no media, nothing sent). */
    public static final class Builder {
        private MassMessageId id;
        private Optional<Long> queueId = Optional.empty();
        private String text = "";
        private String textCropped = "";
        private Optional<Instant> sendAt = Optional.empty();
        private Optional<Instant> createdAt = Optional.empty();
        private Optional<Instant> changedAt = Optional.empty();
        private Money price = Money.FREE;
        private boolean free = true;
        private boolean lockedText;
        private boolean tip;
        private MediaSummary media = MediaSummary.NONE;
        private long sentCount;
        private long viewedCount;
        private long purchasedCount;
        private boolean canUnsend;
        private long unsendSeconds;
        private long cancelSeconds;
        private boolean canceled;
        private boolean failed;
        private Optional<Sender> sender = Optional.empty();
        private Optional<MassMessageId> replyTo = Optional.empty();

        private Builder(MassMessageId id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        private Builder(ScheduledMassMessage m) {
            id = m.id;
            queueId = m.queueId;
            text = m.text;
            textCropped = m.textCropped;
            sendAt = m.sendAt;
            createdAt = m.createdAt;
            changedAt = m.changedAt;
            price = m.price;
            free = m.free;
            lockedText = m.lockedText;
            tip = m.tip;
            media = m.media;
            sentCount = m.sentCount;
            viewedCount = m.viewedCount;
            purchasedCount = m.purchasedCount;
            canUnsend = m.canUnsend;
            unsendSeconds = m.unsendSeconds;
            cancelSeconds = m.cancelSeconds;
            canceled = m.canceled;
            failed = m.failed;
            sender = m.sender;
            replyTo = m.replyTo;
        }

        /**
         * Sets {@code id}.
         *
         * @param value the id
         * @return this builder
         */
        public Builder id(MassMessageId value) {
            this.id = Objects.requireNonNull(value, "id");
            return this;
        }

        /**
         * Sets {@code queueId}.
         *
         * @param value the queue id, or {@code null} for none
         * @return this builder
         */
        public Builder queueId(@Nullable Long value) {
            this.queueId = Optional.ofNullable(value);
            return this;
        }

        /**
         * Sets {@code text}.
         *
         * @param value the text; {@code null} reads as empty
         * @return this builder
         */
        public Builder text(@Nullable String value) {
            this.text = value == null ? "" : value;
            return this;
        }

        /**
         * Sets {@code textCropped}.
         *
         * @param value the cropped text; {@code null} reads as empty
         * @return this builder
         */
        public Builder textCropped(@Nullable String value) {
            this.textCropped = value == null ? "" : value;
            return this;
        }

        /**
         * Sets the send time ({@code date}).
         *
         * @param value the send time, or {@code null} for none
         * @return this builder
         */
        public Builder sendAt(@Nullable Instant value) {
            this.sendAt = Optional.ofNullable(value);
            return this;
        }

        /**
         * Sets {@code createdAt}.
         *
         * @param value the creation time, or {@code null} for none
         * @return this builder
         */
        public Builder createdAt(@Nullable Instant value) {
            this.createdAt = Optional.ofNullable(value);
            return this;
        }

        /**
         * Sets {@code changedAt}.
         *
         * @param value the last change time, or {@code null} for none
         * @return this builder
         */
        public Builder changedAt(@Nullable Instant value) {
            this.changedAt = Optional.ofNullable(value);
            return this;
        }
        /**
         * Sets the price; a price above zero also clears {@code free}, zero sets it.
         *
         * @param value the price; {@code null} reads as {@link Money#FREE}
         * @return this builder
         */
        public Builder price(@Nullable Money value) {
            this.price = value == null ? Money.FREE : value;
            this.free = this.price.isFree();
            return this;
        }

        /**
         * Sets the price from OFAuth's text form; see {@link Money#parse(String)} and {@link #price(Money)}.
         *
         * @param value the price text, for example {@code "5.00"}; {@code null} or blank reads as free
         * @return this builder
         */
        public Builder price(@Nullable String value) {
            return price(Money.parse(value));
        }

        /**
         * Sets {@code isFree} alone, without touching the price.
         *
         * @param value whether OFAuth marks the message free
         * @return this builder
         */
        public Builder free(boolean value) {
            this.free = value;
            return this;
        }

        /**
         * Sets {@code lockedText}.
         *
         * @param value whether the text is behind the paywall
         * @return this builder
         */
        public Builder lockedText(boolean value) {
            this.lockedText = value;
            return this;
        }

        /**
         * Sets {@code isTip}.
         *
         * @param value whether the message asks for a tip
         * @return this builder
         */
        public Builder tip(boolean value) {
            this.tip = value;
            return this;
        }

        /**
         * Sets the media summary.
         *
         * @param value the media; {@code null} reads as {@link MediaSummary#NONE}
         * @return this builder
         */
        public Builder media(@Nullable MediaSummary value) {
            this.media = value == null ? MediaSummary.NONE : value;
            return this;
        }

        /**
         * Sets {@code sentCount}.
         *
         * @param value how many fans received it, zero or more
         * @return this builder
         */
        public Builder sentCount(long value) {
            this.sentCount = value;
            return this;
        }

        /**
         * Sets {@code viewedCount}.
         *
         * @param value how many fans viewed it, zero or more
         * @return this builder
         */
        public Builder viewedCount(long value) {
            this.viewedCount = value;
            return this;
        }

        /**
         * Sets {@code purchasedCount}.
         *
         * @param value how many fans bought it, zero or more
         * @return this builder
         */
        public Builder purchasedCount(long value) {
            this.purchasedCount = value;
            return this;
        }

        /**
         * Sets {@code canUnsend}.
         *
         * @param value whether OFAuth says it can be unsent
         * @return this builder
         */
        public Builder canUnsend(boolean value) {
            this.canUnsend = value;
            return this;
        }

        /**
         * Sets {@code unsendSeconds}.
         *
         * @param value seconds, zero or more
         * @return this builder
         */
        public Builder unsendSeconds(long value) {
            this.unsendSeconds = value;
            return this;
        }

        /**
         * Sets {@code cancelSeconds}.
         *
         * @param value seconds, zero or more
         * @return this builder
         */
        public Builder cancelSeconds(long value) {
            this.cancelSeconds = value;
            return this;
        }

        /**
         * Sets {@code isCanceled}.
         *
         * @param value whether it was canceled (deleted)
         * @return this builder
         */
        public Builder canceled(boolean value) {
            this.canceled = value;
            return this;
        }

        /**
         * Sets {@code hasError}.
         *
         * @param value whether sending it failed
         * @return this builder
         */
        public Builder failed(boolean value) {
            this.failed = value;
            return this;
        }

        /**
         * Sets {@code fromUser}.
         *
         * @param value the sender, or {@code null} for none
         * @return this builder
         */
        public Builder sender(@Nullable Sender value) {
            this.sender = Optional.ofNullable(value);
            return this;
        }

        /**
         * Sets {@code replyToMessage.id}.
         *
         * @param value the id replied to, or {@code null} for none
         * @return this builder
         */
        public Builder replyTo(@Nullable MassMessageId value) {
            this.replyTo = Optional.ofNullable(value);
            return this;
        }

        /**
         * Builds the message.
         *
         * @return the message
         * @throws IllegalArgumentException when a count or a number of seconds is negative
         */
        public ScheduledMassMessage build() {
            return new ScheduledMassMessage(
                    id,
                    queueId,
                    text,
                    textCropped,
                    sendAt,
                    createdAt,
                    changedAt,
                    price,
                    free,
                    lockedText,
                    tip,
                    media,
                    sentCount,
                    viewedCount,
                    purchasedCount,
                    canUnsend,
                    unsendSeconds,
                    cancelSeconds,
                    canceled,
                    failed,
                    sender,
                    replyTo);
        }
    }
}
