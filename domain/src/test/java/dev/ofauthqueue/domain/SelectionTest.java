package dev.ofauthqueue.domain;

import static dev.ofauthqueue.domain.TestMessages.NOW;
import static dev.ofauthqueue.domain.TestMessages.aScheduledMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A selection is what a deletion job stores of what it was asked to delete: every criterion must match exactly as
 * documented, and the written form must read back to the same selection, or a resumed job deletes something else.
 */
class SelectionTest {

    static final Instant T = Instant.parse("2026-11-01T12:00:00Z");

    @Nested
    class Matching {

        @Test
        void theEmptySelectionMatchesEveryMessageInEveryState() {
            assertThat(Selection.all().matches(aScheduledMessage().build(), NOW))
                    .isTrue();
            assertThat(Selection.all()
                            .matches(aScheduledMessage().canceled(true).build(), NOW))
                    .isTrue();
            assertThat(Selection.all().matches(aScheduledMessage().sendAt(null).build(), NOW))
                    .isTrue();
        }

        @Test
        void idsKeepToTheMessagesNamed() {
            Selection s = Selection.all().onlyIds(List.of(MassMessageId.of(1), MassMessageId.of(3)));

            assertThat(s.matches(aScheduledMessage(1).build(), NOW)).isTrue();
            assertThat(s.matches(aScheduledMessage(2).build(), NOW)).isFalse();
            assertThat(s.matches(aScheduledMessage(3).build(), NOW)).isTrue();
        }

        @Test
        void onlyIdsNarrowsAnEarlierIdRestrictionAndRefusesToWidenOrEmptyIt() {
            Selection s = Selection.all().onlyIds(ids(1, 2, 3)).onlyIds(ids(2, 3, 4));

            assertThat(s.ids()).containsExactlyInAnyOrder(MassMessageId.of(2), MassMessageId.of(3));
            assertThatThrownBy(() -> s.onlyIds(ids(9)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the ids given and the ids already selected have none in common");
            assertThatThrownBy(() -> Selection.all().onlyIds(List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a selection by ids needs at least one id");
        }

        @Test
        void textMatchesAFragmentIgnoringCase() {
            Selection s = Selection.all().textContaining("PROMO");

            assertThat(s.matches(aScheduledMessage().text("Big promo today").build(), NOW))
                    .isTrue();
            assertThat(s.matches(aScheduledMessage().text("Big sale today").build(), NOW))
                    .isFalse();
            assertThatThrownBy(() -> Selection.all().textContaining(""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("text to look for must not be empty");
        }

        @Test
        void theSendWindowIncludesItsStartAndExcludesItsEnd() {
            Selection s = Selection.all().sentBetween(T, T.plusSeconds(60));

            assertThat(s.matches(at(T.minusNanos(1)), NOW)).isFalse();
            assertThat(s.matches(at(T), NOW)).isTrue();
            assertThat(s.matches(at(T.plusSeconds(59)), NOW)).isTrue();
            assertThat(s.matches(at(T.plusSeconds(60)), NOW)).isFalse();
            assertThat(s.matches(aScheduledMessage().sendAt(null).build(), NOW))
                    .as("a message without a send time is in no window")
                    .isFalse();
        }

        @Test
        void anOpenEndedWindowReadFromTheWrittenFormHasNoOtherEnd() {
            Selection from = Selection.parse("from=" + T);
            Selection until = Selection.parse("until=" + T);

            assertThat(from.matches(at(T.plusSeconds(100L * 365 * 24 * 3600)), NOW))
                    .isTrue();
            assertThat(from.matches(at(T.minusSeconds(1)), NOW)).isFalse();
            assertThat(until.matches(at(Instant.EPOCH), NOW)).isTrue();
            assertThat(until.matches(at(T), NOW)).isFalse();
        }

        @Test
        void thePriceRangeIncludesBothEnds() {
            Selection s = Selection.all().pricedBetween(Money.of("2.00"), Money.of("5.00"));

            assertThat(s.matches(priced("1.99"), NOW)).isFalse();
            assertThat(s.matches(priced("2.00"), NOW)).isTrue();
            assertThat(s.matches(priced("5.00"), NOW)).isTrue();
            assertThat(s.matches(priced("5.01"), NOW)).isFalse();
        }

        @Test
        void anOpenEndedPriceRangeReadFromTheWrittenFormHasNoOtherEnd() {
            assertThat(Selection.parse("minPrice=3").matches(priced("99999999.99"), NOW))
                    .isTrue();
            assertThat(Selection.parse("minPrice=3").matches(priced("2.99"), NOW))
                    .isFalse();
            assertThat(Selection.parse("maxPrice=3").matches(aScheduledMessage().build(), NOW))
                    .as("free is priced 0")
                    .isTrue();
            assertThat(Selection.parse("maxPrice=3").matches(priced("3.01"), NOW))
                    .isFalse();
        }

        @Test
        void mediaKeepsToMessagesCarryingAtLeastOneOfThatType() {
            Selection s = Selection.all().withMedia(MediaType.VIDEO);
            MediaSummary oneVideo = new MediaSummary(Map.of(MediaType.VIDEO, 1), 1, List.of(7L), List.of());
            MediaSummary onePhoto = new MediaSummary(Map.of(MediaType.PHOTO, 1), 1, List.of(8L), List.of());

            assertThat(s.matches(aScheduledMessage().media(oneVideo).build(), NOW))
                    .isTrue();
            assertThat(s.matches(aScheduledMessage().media(onePhoto).build(), NOW))
                    .isFalse();
            assertThat(s.matches(aScheduledMessage().build(), NOW)).isFalse();
        }

        @Test
        void paidAndFreeSplitTheQueueByPrice() {
            assertThat(Selection.all().paid(true).matches(priced("0.01"), NOW)).isTrue();
            assertThat(Selection.all().paid(true).matches(priced("0"), NOW)).isFalse();
            assertThat(Selection.all().paid(false).matches(priced("0"), NOW)).isTrue();
            assertThat(Selection.all().paid(false).matches(priced("0.01"), NOW)).isFalse();
        }

        @Test
        void statesAreJudgedAtTheInstantOfMatching() {
            Selection s = Selection.all().inStates(Set.of(MessageState.SCHEDULED, MessageState.FAILED));
            ScheduledMassMessage dueInAMinute =
                    aScheduledMessage().sendAt(NOW.plusSeconds(60)).build();

            assertThat(s.matches(dueInAMinute, NOW)).isTrue();
            assertThat(s.matches(dueInAMinute, NOW.plusSeconds(60)))
                    .as("SENDING from its send time on")
                    .isFalse();
            assertThat(s.matches(aScheduledMessage().failed(true).build(), NOW)).isTrue();
            assertThat(s.matches(aScheduledMessage().canceled(true).build(), NOW))
                    .isFalse();
            assertThatThrownBy(() -> Selection.all().inStates(Set.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a selection by state needs at least one state");
        }

        @Test
        void everyCriterionMustMatch() {
            Selection s = Selection.all().textContaining("promo").paid(true);

            assertThat(s.matches(aScheduledMessage().text("promo").price("5").build(), NOW))
                    .isTrue();
            assertThat(s.matches(aScheduledMessage().text("promo").build(), NOW))
                    .isFalse();
            assertThat(s.matches(aScheduledMessage().text("sale").price("5").build(), NOW))
                    .isFalse();
        }

        @Test
        void reversedRangesAreRefusedNamingBothEnds() {
            assertThatThrownBy(() -> Selection.all().sentBetween(T, T.minusNanos(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("until must not be before from")
                    .hasMessageContaining(T.toString());
            assertThatThrownBy(() -> Selection.all().pricedBetween(Money.of("5"), Money.of("4.99")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxPrice must not be below minPrice, was 5.00 .. 4.99");
            assertThat(Selection.all().sentBetween(T, T).matches(at(T), NOW))
                    .as("an empty window is allowed and matches nothing")
                    .isFalse();
            assertThat(Selection.all()
                            .pricedBetween(Money.of("5"), Money.of("5"))
                            .matches(priced("5"), NOW))
                    .isTrue();
        }
    }

    @Nested
    class WrittenForm {

        @Test
        void theEmptySelectionIsWrittenAll() {
            assertThat(Selection.all()).hasToString("all");
            assertThat(Selection.parse("all")).isSameAs(Selection.all());
        }

        @Test
        void everyCriterionIsWrittenInAFixedOrderWithItsValueEncoded() {
            Selection s = Selection.all()
                    .inStates(EnumSet.of(MessageState.SENT, MessageState.SCHEDULED))
                    .paid(true)
                    .withMedia(MediaType.GIF)
                    .pricedBetween(Money.of("1.00"), Money.of("5.50"))
                    .sentBetween(T, T.plusSeconds(3600))
                    .textContaining("50% off & more=yes")
                    .onlyIds(ids(5002, 5001));

            assertThat(s)
                    .hasToString("ids=5001,5002&text=50%25+off+%26+more%3Dyes&from=2026-11-01T12:00:00Z"
                            + "&until=2026-11-01T13:00:00Z&minPrice=1.00&maxPrice=5.50&media=gif&paid=true"
                            + "&states=SCHEDULED,SENT");
            assertThat(Selection.parse(s.toString())).isEqualTo(s);
        }

        @Test
        void freeReadsBackAsFree() {
            assertThat(Selection.all().paid(false)).hasToString("paid=false");
            assertThat(Selection.parse("paid=false").paid()).contains(false);
        }

        @ParameterizedTest(name = "seed {0}")
        @MethodSource("dev.ofauthqueue.domain.SelectionTest#seeds")
        void anySelectionReadsBackEqualFromItsWrittenForm(long seed) {
            Selection s = randomSelection(new Random(seed));

            assertThat(Selection.parse(s.toString())).as(s.toString()).isEqualTo(s);
        }
    }

    @Nested
    class Garbage {

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"", "&", "ids", "=5", "ids=5&", "&ids=5", "ids=5&&text=a"})
        void aPartThatIsNotKeyEqualsValueIsRefused(String text) {
            assertThatThrownBy(() -> Selection.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not key=value");
        }

        @Test
        void anUnknownKeyIsRefusedNamingTheKnownOnes() {
            assertThatThrownBy(() -> Selection.parse("colour=red"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("selection colour 'red': unknown key; known: ids, text, from, until, minPrice,"
                            + " maxPrice, media, paid, states");
            assertThatThrownBy(() -> Selection.parse("IDS=5"))
                    .as("keys are case-sensitive")
                    .hasMessageContaining("unknown key");
        }

        @Test
        void aKeyGivenTwiceIsRefused() {
            assertThatThrownBy(() -> Selection.parse("text=a&text=b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("selection names text twice");
        }

        @ParameterizedTest(name = "[{0}]")
        @MethodSource("dev.ofauthqueue.domain.SelectionTest#badValues")
        void aBadValueIsRefusedNamingItsKeyAndWhatIsWrong(String text, String message) {
            assertThatThrownBy(() -> Selection.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message)
                    .satisfies(e -> assertThat(e.getMessage())
                            .as("no Java wording")
                            .doesNotContain("No enum constant", "For input string", "java."));
        }

        @Test
        void aValueThatIsNotUrlEncodedIsRefused() {
            assertThatThrownBy(() -> Selection.parse("text=%zz"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("selection text is not URL-encoded");
        }

        @Test
        void controlCharactersAndHugeTextsAreKeptAsTextNotInterpreted() {
            String odd = "a\u001b[2J\nb\u0000" + "x".repeat(100_000);
            Selection s = Selection.all().textContaining(odd);

            assertThat(Selection.parse(s.toString()).textContains()).contains(odd);
            assertThat(s.toString()).doesNotContain("\u001b", "\n", "\u0000");
        }
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("ids=", "selection ids ''"),
                Arguments.of("ids=5,,6", "selection ids '5,,6'"),
                Arguments.of("ids=abc", "selection ids 'abc'"),
                Arguments.of("ids=-1", "selection ids '-1'"),
                Arguments.of("ids=99999999999999999999999", "selection ids"),
                Arguments.of("text=", "selection text '': text to look for must not be empty"),
                Arguments.of("from=yesterday", "selection from must be an ISO-8601 instant"),
                Arguments.of("until=2026-13-01T00:00:00Z", "selection until must be an ISO-8601 instant"),
                Arguments.of("from=", "selection from must be an ISO-8601 instant"),
                Arguments.of("from=2026-11-02T00:00:00Z&until=2026-11-01T00:00:00Z", "until must not be before from"),
                Arguments.of("minPrice=cheap", "selection minPrice 'cheap'"),
                Arguments.of("minPrice=", "selection minPrice '': a price such as 5.00 expected"),
                Arguments.of("maxPrice=", "selection maxPrice '': a price such as 5.00 expected"),
                Arguments.of("minPrice=-1", "selection minPrice '-1'"),
                Arguments.of("maxPrice=1.234", "selection maxPrice '1.234'"),
                Arguments.of("minPrice=5&maxPrice=4", "maxPrice must not be below minPrice"),
                Arguments.of("media=hologram", "selection media 'hologram': photo, video, gif or audio expected"),
                Arguments.of("media=PHOTO", "photo, video, gif or audio expected"),
                Arguments.of("paid=yes", "selection paid 'yes': true or false expected"),
                Arguments.of("paid=TRUE", "true or false expected"),
                Arguments.of(
                        "states=WHATEVER",
                        "selection states 'WHATEVER': one of SCHEDULED, SENDING, SENT, CANCELED, FAILED expected"),
                Arguments.of("states=", "one of SCHEDULED, SENDING, SENT, CANCELED, FAILED expected"),
                Arguments.of("states=sent", "one of SCHEDULED, SENDING, SENT, CANCELED, FAILED expected"));
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    /** A selection with each criterion present or not, drawn from {@code random}. */
    static Selection randomSelection(Random random) {
        Selection s = Selection.all();
        if (random.nextBoolean()) {
            List<MassMessageId> ids = new ArrayList<>();
            for (int i = random.nextInt(5); i >= 0; i--) {
                ids.add(MassMessageId.of(1 + random.nextInt(Integer.MAX_VALUE)));
            }
            s = s.onlyIds(ids);
        }
        if (random.nextBoolean()) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i >= 0; i--) {
                text.append((char) (1 + random.nextInt(0x2FF))); // control characters, &, =, %, +, accents
            }
            s = s.textContaining(text.toString());
        }
        Optional<Instant> from = random.nextBoolean()
                ? Optional.of(Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)))
                : Optional.empty();
        Optional<Instant> until = random.nextBoolean()
                ? Optional.of(from.orElse(Instant.EPOCH).plusMillis(random.nextInt(1_000_000)))
                : Optional.empty();
        Optional<Money> min = random.nextBoolean() ? Optional.of(money(random)) : Optional.empty();
        Optional<Money> max = random.nextBoolean()
                ? Optional.of(new Money(
                        min.orElse(Money.FREE).amount().add(money(random).amount())))
                : Optional.empty();
        Optional<MediaType> media = random.nextBoolean()
                ? Optional.of(MediaType.values()[random.nextInt(MediaType.values().length)])
                : Optional.empty();
        Optional<Boolean> paid = random.nextBoolean() ? Optional.of(random.nextBoolean()) : Optional.empty();
        Set<MessageState> states = EnumSet.noneOf(MessageState.class);
        for (MessageState state : MessageState.values()) {
            if (random.nextInt(3) == 0) {
                states.add(state);
            }
        }
        return new Selection(s.ids(), s.textContains(), from, until, min, max, media, paid, states);
    }

    static Money money(Random random) {
        return Money.of(
                random.nextInt(100_000) + "." + String.format(java.util.Locale.ROOT, "%02d", random.nextInt(100)));
    }

    static List<MassMessageId> ids(long... values) {
        return LongStream.of(values).mapToObj(MassMessageId::of).toList();
    }

    static ScheduledMassMessage at(Instant sendAt) {
        return aScheduledMessage().sendAt(sendAt).build();
    }

    static ScheduledMassMessage priced(String price) {
        return aScheduledMessage().price(price).build();
    }
}
