package dev.ofauthqueue;

import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.MessageState;
import dev.ofauthqueue.domain.Money;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;

/**
 * Which messages of a queue to act on, as a value: every criterion present must match (they are ANDed), and an empty
 * selection matches every message. Unlike a {@link MessageSelector}, a selection can be written down and read back
 * ({@link #toString()} and {@link #parse(String)}), so a deletion job can store what it selected and refresh its
 * plan with exactly the same criteria after a restart.
 *
 * <pre>{@code
 * DeletionJobId id = ofauth.jobs().start(StartDeletionJobCommand.of(
 *         List.of(ConnectionId.of("conn_demo")), Selection.all().paid(false).textContaining("sale")));
 * }</pre>
 *
 * @param ids          only these messages; empty for no restriction by id
 * @param textContains the text contains this, ignoring case
 * @param sendFrom     sent at or after this instant
 * @param sendUntil    sent before this instant
 * @param minPrice     priced at least this
 * @param maxPrice     priced at most this
 * @param media        carries at least one item of this type
 * @param paid         {@code true}: only paid messages; {@code false}: only free ones
 * @param states       in one of these states at the instant of matching; empty for no restriction by state
 */
@NullMarked
public record Selection(
        Set<MassMessageId> ids,
        Optional<String> textContains,
        Optional<Instant> sendFrom,
        Optional<Instant> sendUntil,
        Optional<Money> minPrice,
        Optional<Money> maxPrice,
        Optional<MediaType> media,
        Optional<Boolean> paid,
        Set<MessageState> states) {

    private static final Selection ALL = new Selection(
            Set.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Set.of());

    /**
     * Checks the criteria: ranges must not be reversed.
     *
     * @param ids          only these messages; empty for no restriction by id
     * @param textContains the text contains this, ignoring case
     * @param sendFrom     sent at or after this instant
     * @param sendUntil    sent before this instant
     * @param minPrice     priced at least this
     * @param maxPrice     priced at most this
     * @param media        carries at least one item of this type
     * @param paid         {@code true}: only paid messages; {@code false}: only free ones
     * @param states       in one of these states at the instant of matching; empty for no restriction by state
     * @throws IllegalArgumentException when {@code sendUntil} is before {@code sendFrom} or {@code maxPrice} below
     *     {@code minPrice}
     */
    public Selection {
        ids = Set.copyOf(new TreeSet<>(ids));
        Objects.requireNonNull(textContains, "textContains");
        Objects.requireNonNull(sendFrom, "sendFrom");
        Objects.requireNonNull(sendUntil, "sendUntil");
        Objects.requireNonNull(minPrice, "minPrice");
        Objects.requireNonNull(maxPrice, "maxPrice");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(paid, "paid");
        states = states.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(states));
        if (sendFrom.isPresent() && sendUntil.isPresent() && sendUntil.get().isBefore(sendFrom.get())) {
            throw new IllegalArgumentException(
                    "until must not be before from, was " + sendFrom.get() + " .. " + sendUntil.get());
        }
        if (minPrice.isPresent() && maxPrice.isPresent() && maxPrice.get().compareTo(minPrice.get()) < 0) {
            throw new IllegalArgumentException(
                    "maxPrice must not be below minPrice, was " + minPrice.get() + " .. " + maxPrice.get());
        }
    }

    /**
     * The selection of every message.
     *
     * @return a selection without criteria
     */
    public static Selection all() {
        return ALL;
    }

    /**
     * This selection restricted to {@code only}: a job started from a reviewed dry run never reaches beyond it.
     *
     * @param only the ids to keep to; intersected with any ids this selection already names
     * @return the narrower selection
     */
    public Selection onlyIds(Collection<MassMessageId> only) {
        Set<MassMessageId> narrowed = new TreeSet<>(only);
        if (!ids.isEmpty()) {
            narrowed.retainAll(ids);
            if (narrowed.isEmpty()) {
                throw new IllegalArgumentException("the ids given and the ids already selected have none in common");
            }
        }
        if (narrowed.isEmpty()) {
            throw new IllegalArgumentException("a selection by ids needs at least one id");
        }
        return new Selection(narrowed, textContains, sendFrom, sendUntil, minPrice, maxPrice, media, paid, states);
    }

    /**
     * This selection with a text criterion.
     *
     * @param fragment the text to look for, ignoring case; not empty
     * @return the narrower selection
     */
    public Selection textContaining(String fragment) {
        if (fragment.isEmpty()) {
            throw new IllegalArgumentException("text to look for must not be empty");
        }
        return new Selection(ids, Optional.of(fragment), sendFrom, sendUntil, minPrice, maxPrice, media, paid, states);
    }

    /**
     * This selection with a send-time window.
     *
     * @param from  the first instant included
     * @param until the first instant excluded
     * @return the narrower selection
     */
    public Selection sentBetween(Instant from, Instant until) {
        return new Selection(
                ids, textContains, Optional.of(from), Optional.of(until), minPrice, maxPrice, media, paid, states);
    }

    /**
     * This selection with a price range, both ends included.
     *
     * @param min the lowest price
     * @param max the highest price
     * @return the narrower selection
     */
    public Selection pricedBetween(Money min, Money max) {
        return new Selection(
                ids, textContains, sendFrom, sendUntil, Optional.of(min), Optional.of(max), media, paid, states);
    }

    /**
     * This selection with a media criterion.
     *
     * @param type the media type a message must carry
     * @return the narrower selection
     */
    public Selection withMedia(MediaType type) {
        return new Selection(
                ids, textContains, sendFrom, sendUntil, minPrice, maxPrice, Optional.of(type), paid, states);
    }

    /**
     * This selection kept to paid or to free messages.
     *
     * @param paidOnly {@code true} for paid messages only, {@code false} for free ones only
     * @return the narrower selection
     */
    public Selection paid(boolean paidOnly) {
        return new Selection(
                ids, textContains, sendFrom, sendUntil, minPrice, maxPrice, media, Optional.of(paidOnly), states);
    }

    /**
     * This selection kept to messages in one of {@code set} at the instant of matching.
     *
     * @param set the states, at least one
     * @return the narrower selection
     */
    public Selection inStates(Set<MessageState> set) {
        if (set.isEmpty()) {
            throw new IllegalArgumentException("a selection by state needs at least one state");
        }
        return new Selection(ids, textContains, sendFrom, sendUntil, minPrice, maxPrice, media, paid, set);
    }

    /**
     * Whether {@code message} matches every criterion at {@code now} (only a message's state depends on it).
     *
     * @param message a message of the queue
     * @param now     the instant to judge its state at
     * @return {@code true} when it is selected
     */
    public boolean matches(ScheduledMassMessage message, Instant now) {
        return toSelector().matches(message, now);
    }

    /**
     * The criteria as a selector.
     *
     * @return a selector matching what this selection matches
     */
    public MessageSelector toSelector() {
        MessageSelector s = MessageSelector.all();
        if (!ids.isEmpty()) {
            s = s.and(MessageSelector.ids(ids));
        }
        if (textContains.isPresent()) {
            s = s.and(MessageSelector.textContains(textContains.get()));
        }
        if (sendFrom.isPresent() || sendUntil.isPresent()) {
            s = s.and(MessageSelector.sendTimeBetween(sendFrom.orElse(Instant.MIN), sendUntil.orElse(Instant.MAX)));
        }
        if (minPrice.isPresent() || maxPrice.isPresent()) {
            s = s.and(MessageSelector.priceBetween(
                    minPrice.orElse(Money.FREE), maxPrice.orElse(new Money(BigDecimal.valueOf(Long.MAX_VALUE)))));
        }
        if (media.isPresent()) {
            s = s.and(MessageSelector.hasMedia(media.get()));
        }
        if (paid.isPresent()) {
            s = s.and(paid.get() ? MessageSelector.paid() : MessageSelector.free());
        }
        if (!states.isEmpty()) {
            MessageState[] all = states.toArray(MessageState[]::new);
            s = s.and(MessageSelector.inState(all[0], Arrays.copyOfRange(all, 1, all.length)));
        }
        return s;
    }

    /**
     * The written form: {@code all}, or {@code key=value} pairs joined by {@code &} with URL-encoded values, in a
     * fixed order: {@code ids=5001,5002&text=promo&from=…&until=…&minPrice=1.00&maxPrice=5.00&media=photo&paid=true&states=SCHEDULED}.
     *
     * @return the form {@link #parse(String)} reads back to an equal selection
     */
    @Override
    public String toString() {
        Map<String, String> parts = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            List<String> written = new ArrayList<>();
            new TreeSet<>(ids).forEach(id -> written.add(id.toString()));
            parts.put("ids", String.join(",", written));
        }
        textContains.ifPresent(t -> parts.put("text", t));
        sendFrom.ifPresent(t -> parts.put("from", t.toString()));
        sendUntil.ifPresent(t -> parts.put("until", t.toString()));
        minPrice.ifPresent(p -> parts.put("minPrice", p.toString()));
        maxPrice.ifPresent(p -> parts.put("maxPrice", p.toString()));
        media.ifPresent(m -> parts.put("media", m.apiName()));
        paid.ifPresent(p -> parts.put("paid", p.toString()));
        if (!states.isEmpty()) {
            parts.put("states", String.join(",", states.stream().map(Enum::name).toList()));
        }
        if (parts.isEmpty()) {
            return "all";
        }
        StringBuilder out = new StringBuilder();
        parts.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                // ',' and ':' stay as they are: lists and instants read better, and decoding leaves them alone.
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)
                        .replace("%2C", ",")
                        .replace("%3A", ":")));
        return out.toString();
    }

    /**
     * Reads the written form of {@link #toString()}.
     *
     * @param text {@code all} or {@code key=value&…}
     * @return the selection
     * @throws IllegalArgumentException naming the key and what is wrong with its value
     */
    public static Selection parse(String text) {
        Objects.requireNonNull(text, "selection");
        if (text.equals("all")) {
            return ALL;
        }
        Selection s = ALL;
        Set<String> seen = new TreeSet<>();
        Instant from = null;
        Instant until = null;
        Money min = null;
        Money max = null;
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("selection part '" + pair + "' is not key=value");
            }
            String key = pair.substring(0, eq);
            String value;
            try {
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("selection " + key + " is not URL-encoded: " + e.getMessage(), e);
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException("selection names " + key + " twice");
            }
            try {
                switch (key) {
                    case "ids" -> {
                        List<MassMessageId> list = new ArrayList<>();
                        for (String id : value.split(",", -1)) {
                            list.add(MassMessageId.parse(id));
                        }
                        s = s.onlyIds(list);
                    }
                    case "text" -> s = s.textContaining(value);
                    case "from" -> from = Instant.parse(value);
                    case "until" -> until = Instant.parse(value);
                    case "minPrice" -> min = price(value);
                    case "maxPrice" -> max = price(value);
                    case "media" ->
                        s = s.withMedia(MediaType.fromApiName(value)
                                .orElseThrow(
                                        () -> new IllegalArgumentException("photo, video, gif or audio expected")));
                    case "paid" -> {
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new IllegalArgumentException("true or false expected");
                        }
                        s = s.paid(Boolean.parseBoolean(value));
                    }
                    case "states" -> {
                        Set<MessageState> set = EnumSet.noneOf(MessageState.class);
                        for (String state : value.split(",", -1)) {
                            set.add(Arrays.stream(MessageState.values())
                                    .filter(known -> known.name().equals(state))
                                    .findFirst()
                                    .orElseThrow(() -> new IllegalArgumentException("one of "
                                            + String.join(
                                                    ", ",
                                                    Arrays.stream(MessageState.values())
                                                            .map(Enum::name)
                                                            .toList())
                                            + " expected")));
                        }
                        s = s.inStates(set);
                    }
                    default ->
                        throw new IllegalArgumentException("unknown key; known: ids, text, from, until, minPrice,"
                                + " maxPrice, media, paid, states");
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "selection " + key + " must be an ISO-8601 instant such as 2026-11-01T12:00:00Z, was '" + value
                                + "'",
                        e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("selection " + key + " '" + value + "': " + e.getMessage(), e);
            }
        }
        return new Selection(
                s.ids,
                s.textContains,
                Optional.ofNullable(from),
                Optional.ofNullable(until),
                Optional.ofNullable(min),
                Optional.ofNullable(max),
                s.media,
                s.paid,
                s.states);
    }

    /** A price as written in a selection: unlike OFAuth's price field, an empty one is not free but missing. */
    private static Money price(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("a price such as 5.00 expected");
        }
        return Money.parse(value);
    }
}
