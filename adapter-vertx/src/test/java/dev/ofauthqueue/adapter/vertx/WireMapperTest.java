package dev.ofauthqueue.adapter.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ofauthqueue.MassMessageDraft;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.ports.out.OfAuthException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireMapperTest {

    /** The spec page's example, with realistic values where it has placeholders the domain interprets. */
    static String specExample() throws Exception {
        String page;
        try (InputStream in = WireMapperTest.class.getResourceAsStream("/spec/delete-scheduled-mass-message.txt")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String json = page.substring(page.indexOf("\n{\n") + 1, page.indexOf("\n}\n") + 2);
        ObjectNode root = (ObjectNode) WireMapper.JSON.readTree(json);
        ObjectNode queue = (ObjectNode) root.get("queue");
        queue.put("date", "2026-11-01T14:00:00+00:00")
                .put("createdAt", "2026-10-30T10:00:00+00:00")
                .put("changedAt", "2026-10-30T11:30:00.250Z")
                .put("price", "9.99");
        return root.toString();
    }

    @Test
    void theSpecsFullExampleDecodesWithEveryMeaningfulField() throws Exception {
        WireTypes.DeleteAnswer answer = WireMapper.read(specExample(), WireTypes.DeleteAnswer.class, 200, "req_1");

        ScheduledMassMessage m = WireMapper.message(answer.queue(), 200, "req_1");

        assertThat(answer.success()).isTrue();
        assertThat(m.id()).isEqualTo(MassMessageId.of(123));
        assertThat(m.queueId()).contains(123L);
        assertThat(m.text()).isEqualTo("<string>");
        assertThat(m.textCropped()).isEqualTo("<string>");
        assertThat(m.sendAt()).contains(Instant.parse("2026-11-01T14:00:00Z"));
        assertThat(m.createdAt()).contains(Instant.parse("2026-10-30T10:00:00Z"));
        assertThat(m.changedAt()).contains(Instant.parse("2026-10-30T11:30:00.250Z"));
        assertThat(m.price()).isEqualTo(Money.of("9.99"));
        assertThat(m.free()).isTrue();
        assertThat(m.lockedText()).isTrue();
        assertThat(m.tip()).isTrue();
        assertThat(m.media().countsByType())
                .containsEntry(MediaType.PHOTO, 123)
                .containsEntry(MediaType.VIDEO, 123)
                .containsEntry(MediaType.GIF, 123)
                .containsEntry(MediaType.AUDIO, 123);
        assertThat(m.media().mediaCount()).isEqualTo(123);
        assertThat(m.media().mediaIds()).containsExactly(123L);
        assertThat(m.media().previewIds()).containsExactly(123L);
        assertThat(m.sentCount()).isEqualTo(123);
        assertThat(m.viewedCount()).isEqualTo(123);
        assertThat(m.purchasedCount()).isEqualTo(123);
        assertThat(m.canUnsend()).isTrue();
        assertThat(m.unsendSeconds()).isEqualTo(123);
        assertThat(m.cancelSeconds()).isEqualTo(123);
        assertThat(m.canceled()).isTrue();
        assertThat(m.failed()).isTrue();
        assertThat(m.sender()).hasValueSatisfying(s -> {
            assertThat(s.id()).isEqualTo(123);
            assertThat(s.name()).contains("<string>");
        });
        assertThat(m.replyTo()).contains(MassMessageId.of(123));
    }

    @Test
    void aMinimalItemDecodesWithExplicitAbsences() {
        ScheduledMassMessage m = WireMapper.message(
                WireMapper.read(
                        "{\"id\":9,\"mystery\":{\"x\":1},\"fromUser\":null,"
                                + "\"mediaTypes\":null,\"price\":null,\"sentCount\":null}",
                        WireTypes.QueueItem.class,
                        200,
                        null),
                200,
                null);

        assertThat(m.id().value()).isEqualTo(9);
        assertThat(m.sendAt()).isEmpty();
        assertThat(m.sender()).isEmpty();
        assertThat(m.price()).isEqualTo(Money.FREE);
        assertThat(m.media().isEmpty()).isTrue();
        assertThat(m.sentCount()).isZero();
        assertThat(m.text()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "2025-01-01T01:01:01+00:00, 2025-01-01T01:01:01Z",
        "2025-01-01T01:01:01Z, 2025-01-01T01:01:01Z",
        "2025-01-01T03:01:01+02:00, 2025-01-01T01:01:01Z",
        "2025-01-01T01:01:01.123456+00:00, 2025-01-01T01:01:01.123456Z",
        "2025-01-01T01:01:01, 2025-01-01T01:01:01Z"
    })
    void readsDatesWithZOffsetsOrFractions(String text, String expected) {
        assertThat(WireMapper.instant(text)).contains(Instant.parse(expected));
    }

    @Test
    void anUnreadableDateIsUnknownNotAnError() {
        assertThat(WireMapper.instant("next tuesday")).isEmpty();
        assertThat(WireMapper.instant(" ")).isEmpty();
        assertThat(WireMapper.instant(null)).isEmpty();
    }

    @Test
    void pricesMayComeAsStringsOrNumbers() {
        assertThat(decode("{\"id\":1,\"price\":\"5.00\"}").price()).isEqualTo(Money.of("5"));
        assertThat(decode("{\"id\":1,\"price\":7}").price()).isEqualTo(Money.of("7"));
        assertThat(decode("{\"id\":1,\"price\":\"5.00\"}").free()).isFalse();
    }

    @Test
    void mediaTypesNullAreCountedFromTheMediaItems() {
        ScheduledMassMessage m = decode("{\"id\":1,\"mediaTypes\":null,\"media\":[{\"id\":4,\"type\":\"photo\"},"
                + "{\"id\":5,\"type\":\"photo\"},{\"id\":6,\"type\":\"hologram\"},null]}");

        assertThat(m.media().count(MediaType.PHOTO)).isEqualTo(2);
        assertThat(m.media().mediaIds()).containsExactly(4L, 5L, 6L);
        assertThat(m.media().mediaCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "null",
                "<html>oops</html>",
                "{\"id\":",
                "[1,2]",
                "{\"id\":\"abc\"}",
                "{\"id\":0}",
                "{\"text\":\"no id\"}",
                "{\"id\":1,\"price\":\"free!\"}",
                "{\"id\":1,\"sentCount\":-4}"
            })
    void anythingElseIsATypedDecodingErrorWithStatusAndRequestId(String body) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(OfAuthException.Decoding.class, e -> {
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.requestId()).contains("req_x");
        });
    }

    @Test
    void aPageNeedsItsList() {
        assertThat(WireMapper.page("{\"hasMore\":true,\"list\":[{\"id\":1},{\"id\":2}]}", 200, null)
                        .items())
                .hasSize(2);
        assertThat(WireMapper.page("{\"list\":[]}", 200, null).hasMore()).isFalse();
        assertThatThrownBy(() -> WireMapper.page("{\"hasMore\":false}", 200, "req_p"))
                .isInstanceOf(OfAuthException.Decoding.class);
        assertThatThrownBy(() -> WireMapper.page("{\"list\":[null]}", 200, "req_p"))
                .isInstanceOf(OfAuthException.Decoding.class);
    }

    @Test
    void aJobNeedsItsId() {
        assertThat(WireMapper.job("{\"id\":77,\"date\":\"2026-12-01T00:00:00+00:00\",\"isDone\":false}", 200, null)
                        .id())
                .isEqualTo(MassMessageId.of(77));
        assertThatThrownBy(() -> WireMapper.job("{\"date\":\"x\"}", 200, null))
                .isInstanceOf(OfAuthException.Decoding.class);
    }

    @Test
    void draftsAreWrittenWithAUtcScheduledDate() throws Exception {
        String body = WireMapper.writeBody(new MassMessageDraft(
                "hi", Money.of("4.5"), true, Optional.of(Instant.parse("2026-12-01T10:00:00Z")), List.of(3L)));
        String now = WireMapper.writeBody(
                MassMessageDraft.scheduled("x", Instant.EPOCH).withNoSendTime());

        assertThat(WireMapper.JSON.readTree(body).get("scheduledDate").asText()).isEqualTo("2026-12-01T10:00:00+00:00");
        assertThat(WireMapper.JSON.readTree(body).get("price").decimalValue()).isEqualByComparingTo("4.50");
        assertThat(WireMapper.JSON.readTree(body).get("isLockedText").asBoolean())
                .isTrue();
        assertThat(WireMapper.JSON.readTree(body).get("mediaItems").get(0).asLong())
                .isEqualTo(3);
        assertThat(WireMapper.JSON.readTree(now).has("scheduledDate")).isFalse();
    }

    private static ScheduledMassMessage decode(String body) {
        return WireMapper.message(WireMapper.read(body, WireTypes.QueueItem.class, 200, "req_x"), 200, "req_x");
    }
}
