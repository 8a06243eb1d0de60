package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ofauthqueue.MassMessageDraft;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MassMessageDraftTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aScheduledDraftIsFreeTextAtItsTime() {
        MassMessageDraft draft = MassMessageDraft.scheduled("hi", AT);

        assertThat(draft.sendAt()).contains(AT);
        assertThat(draft.price()).isEqualTo(Money.FREE);
        assertThat(draft.mediaIds()).isEmpty();
        assertThat(draft.lockedText()).isFalse();
        assertThat(draft.withNoSendTime().sendAt()).isEmpty();
        assertThat(draft.withNoSendTime().text()).isEqualTo("hi");
    }

    @Test
    void textMayBeTenThousandCharactersAndNoMore() {
        assertThat(new MassMessageDraft("x".repeat(10_000), Money.FREE, false, Optional.empty(), List.of()).text())
                .hasSize(10_000);
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new MassMessageDraft("x".repeat(10_001), Money.FREE, false, Optional.empty(), List.of()))
                .withMessageContaining("10001");
    }

    @Test
    void priceMayBeTwoHundredAndNoMore() {
        assertThat(new MassMessageDraft("p", Money.of("200.00"), false, Optional.empty(), List.of()).price())
                .isEqualTo(Money.of("200"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MassMessageDraft("p", Money.of("200.01"), false, Optional.empty(), List.of()))
                .withMessageContaining("price");
    }

    @Test
    void theSendTimeMayBeTheLastSecondOfYear9999AndNoLater() {
        Instant last = Instant.parse("9999-12-31T23:59:59Z");

        assertThat(MassMessageDraft.scheduled("late", last).sendAt()).contains(last);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MassMessageDraft.scheduled("late", last.plusSeconds(1)))
                .withMessageContaining("at most 9999-12-31T23:59:59Z")
                .withMessageContaining("+10000-01-01T00:00:00Z");
        assertThatIllegalArgumentException().isThrownBy(() -> MassMessageDraft.scheduled("late", Instant.MAX));
    }

    @Test
    void mediaIdsMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new MassMessageDraft("m", Money.FREE, false, Optional.empty(), List.of(0L)));
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new MassMessageDraft("m", Money.FREE, false, Optional.empty(), Arrays.asList(1L, null)));
        assertThat(new MassMessageDraft("m", Money.FREE, false, Optional.empty(), List.of(1L)).mediaIds())
                .containsExactly(1L);
    }
}
