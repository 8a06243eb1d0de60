package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.Sender;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The archive's JSON for a message from a port without a wire form: every field in OFAuth's names, text escaped. */
class ArchivedMessageJsonTest {

    @Test
    void everyFieldOfAFullMessageIsWrittenInOfAuthsNamesAndOrder() {
        ScheduledMassMessage m = ScheduledMassMessage.builder(42)
                .queueId(9L)
                .sendAt(Instant.parse("2026-12-24T18:00:00Z"))
                .text("Merry \"Christmas\"")
                .textCropped("Merry")
                .price("5.00")
                .free(false)
                .lockedText(true)
                .tip(true)
                .media(new MediaSummary(
                        Map.of(MediaType.PHOTO, 2, MediaType.AUDIO, 1, MediaType.GIF, 0),
                        3,
                        List.of(7L, 8L),
                        List.of(7L)))
                .sentCount(10)
                .viewedCount(4)
                .purchasedCount(1)
                .canUnsend(true)
                .unsendSeconds(60)
                .cancelSeconds(30)
                .canceled(false)
                .failed(true)
                .createdAt(Instant.parse("2026-12-01T10:00:00Z"))
                .changedAt(Instant.parse("2026-12-02T11:00:00Z"))
                .sender(new Sender(77, Optional.of("Ann")))
                .replyTo(MassMessageId.of(5))
                .build();

        assertThat(ArchivedMessageJson.of(m))
                .isEqualTo(
                        "{\"id\":42,\"queueId\":9,\"date\":\"2026-12-24T18:00:00Z\",\"text\":\"Merry \\\"Christmas\\\"\","
                                + "\"textCropped\":\"Merry\",\"price\":\"5.00\",\"isFree\":false,\"lockedText\":true,"
                                + "\"isTip\":true,\"mediaTypes\":{\"photo\":2,\"audio\":1},\"mediaCount\":3,"
                                + "\"media\":[{\"id\":7},{\"id\":8}],\"previews\":[7],\"sentCount\":10,\"viewedCount\":4,"
                                + "\"purchasedCount\":1,\"canUnsend\":true,\"unsendSeconds\":60,\"cancelSeconds\":30,"
                                + "\"isCanceled\":false,\"hasError\":true,\"createdAt\":\"2026-12-01T10:00:00Z\","
                                + "\"changedAt\":\"2026-12-02T11:00:00Z\",\"fromUser\":{\"id\":77,\"name\":\"Ann\"},"
                                + "\"replyToMessage\":{\"id\":5}}");
    }

    @Test
    void whatAMessageLacksIsNullOrLeftOut() {
        ScheduledMassMessage m = ScheduledMassMessage.builder(1)
                .sender(new Sender(3, Optional.empty()))
                .build();

        String json = ArchivedMessageJson.of(m);

        assertThat(json)
                .startsWith("{\"id\":1,\"date\":null,")
                .contains("\"mediaTypes\":{},\"mediaCount\":0,\"media\":[],\"previews\":[],")
                .contains("\"createdAt\":null,\"changedAt\":null,\"fromUser\":{\"id\":3}}")
                .doesNotContain("queueId", "replyToMessage", "name");
    }

    @Test
    void aSingleMediaTypeHasNoLeadingComma() {
        ScheduledMassMessage m = ScheduledMassMessage.builder(1)
                .media(new MediaSummary(Map.of(MediaType.VIDEO, 1), 1, List.of(), List.of(4L, 5L)))
                .build();

        assertThat(ArchivedMessageJson.of(m))
                .contains("\"mediaTypes\":{\"video\":1},")
                .contains("\"previews\":[4,5],");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            quote        | 0022 | \\"
            backslash    | 005c | \\\\
            newline      | 000a | \\n
            return       | 000d | \\r
            tab          | 0009 | \\t
            NUL          | 0000 | \\u0000
            ESC          | 001b | \\u001b
            unit sep     | 001f | \\u001f
            space        | 0020 | ' '
            DEL          | 007f | \u007f
            line sep     | 2028 | \\u2028
            paragraph    | 2029 | \\u2029
            e acute      | 00e9 | é
            """)
    void eachCharacterIsWrittenSoThatAnyJsonReaderGetsItBack(String name, String hex, String written) {
        char c = (char) Integer.parseInt(hex, 16);

        assertThat(ArchivedMessageJson.string("a" + c + "b")).as(name).isEqualTo("\"a" + written + "b\"");
    }
}
