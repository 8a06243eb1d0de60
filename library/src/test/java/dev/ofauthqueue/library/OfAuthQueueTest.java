package dev.ofauthqueue.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.ports.out.OfAuthException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OfAuthQueueTest {

    /** Port 1: nothing listens there, so every call fails fast with a connect error. */
    static final OfAuthClientOptions NOWHERE = OfAuthClientOptions.builder(new ApiKey("k"))
            .baseUrl("http://127.0.0.1:1")
            .requestTimeout(Duration.ofSeconds(1))
            .deadline(Duration.ofSeconds(2))
            .build();

    @Test
    void offersTheUseCasesBlockingAndAsync() {
        try (OfAuthQueue ofauth = OfAuthQueue.create(NOWHERE)) {
            DeletionOutcome outcome = ofauth.blocking().delete(ConnectionId.of("conn_x"), MassMessageId.of(1));

            assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class, f -> {
                assertThat(f.cause())
                        .isInstanceOf(OfAuthException.Transport.class)
                        .hasMessageContaining("127.0.0.1:1");
                assertThat(f.describe())
                        .startsWith("could not delete message 1: failed while reading it before deleting" + " it: ")
                        .contains("127.0.0.1:1");
            });
            assertThat(ofauth.async().policy()).isNotNull();
            assertThat(ofauth.toString()).contains("own Vert.x").doesNotContain("apiKey=k");
        }
    }

    @Test
    void leavesACallersVertxRunningWhenItCloses() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            OfAuthQueue ofauth = OfAuthQueue.builder(NOWHERE).vertx(vertx).build();

            ofauth.close();

            assertThatCode(() -> vertx.timer(1, TimeUnit.MILLISECONDS).await(5, TimeUnit.SECONDS))
                    .as("the caller's Vert.x still runs timers")
                    .doesNotThrowAnyException();
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        OfAuthQueue ofauth = OfAuthQueue.create(NOWHERE);

        ofauth.close();
        ofauth.close();

        assertThat(ofauth.toString()).contains("own Vert.x");
    }

    @Test
    void refusesSettingsOutOfRange() {
        OfAuthQueue.Builder builder = OfAuthQueue.builder(NOWHERE);

        assertThatIllegalArgumentException().isThrownBy(() -> builder.concurrency(0));
        assertThatIllegalArgumentException().isThrownBy(() -> builder.blockingTimeout(Duration.ZERO));
    }
}
