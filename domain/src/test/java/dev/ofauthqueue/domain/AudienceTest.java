package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.ofauthqueue.Audience;
import dev.ofauthqueue.MassMessageDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AudienceTest {

    @Test
    void anAudienceNamesListsAndUsersByIdOrNameAndCopiesThem() {
        List<String> lists = new ArrayList<>(List.of("vip", "1234"));
        Audience audience = new Audience(lists, List.of("fan_1"));
        lists.add("later");

        assertThat(audience.lists()).containsExactly("vip", "1234");
        assertThat(audience.users()).containsExactly("fan_1");
        assertThat(audience.isUnnamed()).isFalse();
        assertThat(Audience.lists(List.of("vip")).users()).isEmpty();
        assertThat(Audience.lists(List.of("vip")).isUnnamed()).isFalse();
        assertThat(new Audience(List.of(), List.of("u")).isUnnamed()).isFalse();
        assertThat(Audience.UNNAMED.isUnnamed()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " vip", "vip ", "v\u0000ip", "v\u001b[2Jip", "v\nip"})
    void blankPaddedOrControlEntriesAreRefusedNamingWhichKind(String bad) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Audience.lists(List.of(bad)))
                .withMessageContaining("user list");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Audience(List.of(), List.of(bad)))
                .withMessageStartingWith("a user ");
    }

    @Test
    void entriesAreBoundedInLengthAndNumberAndNamedOnce() {
        assertThat(Audience.lists(List.of("x".repeat(Audience.MAX_ENTRY_LENGTH)))
                        .lists())
                .hasSize(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Audience.lists(List.of("x".repeat(Audience.MAX_ENTRY_LENGTH + 1))))
                .withMessageContaining("longer than 200");
        List<String> most =
                IntStream.range(0, Audience.MAX_ENTRIES).mapToObj(i -> "l" + i).toList();
        assertThat(Audience.lists(most).lists()).hasSize(Audience.MAX_ENTRIES);
        List<String> tooMany = IntStream.rangeClosed(0, Audience.MAX_ENTRIES)
                .mapToObj(i -> "l" + i)
                .toList();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Audience.lists(tooMany))
                .withMessageContaining("at most 1000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Audience.lists(List.of("vip", "vip")))
                .withMessageContaining("named twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Audience.lists(Collections.singletonList(null)))
                .withMessageContaining("blank");
        assertThatNullPointerException().isThrownBy(() -> new Audience(null, List.of()));
    }

    @Test
    void aDraftKeepsItsAudienceWhenItsSendTimeIsDropped() {
        MassMessageDraft draft = MassMessageDraft.scheduled("hi", Instant.parse("2026-12-01T10:00:00Z"))
                .to(Audience.lists(List.of("vip")));

        assertThat(draft.audience().lists()).containsExactly("vip");
        assertThat(draft.withNoSendTime().audience()).isEqualTo(draft.audience());
        assertThat(MassMessageDraft.scheduled("hi", Instant.EPOCH).audience()).isEqualTo(Audience.UNNAMED);
        assertThatNullPointerException().isThrownBy(() -> draft.to(null));
    }
}
