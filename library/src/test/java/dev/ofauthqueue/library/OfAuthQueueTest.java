package dev.ofauthqueue.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPolicy;
import dev.ofauthqueue.DeletionRule;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.Observability;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.RequestListener;
import dev.ofauthqueue.ports.out.OfAuthException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
            DeletionOutcome outcome = ofauth.messages().delete(ConnectionId.of("conn_x"), MassMessageId.of(1));

            assertThat(outcome).isInstanceOfSatisfying(DeletionOutcome.Failed.class, f -> {
                assertThat(f.cause())
                        .isInstanceOf(OfAuthException.Transport.class)
                        .hasMessageContaining("127.0.0.1:1");
                assertThat(f.describe())
                        .startsWith("could not delete message 1: failed while reading it before deleting" + " it: ")
                        .contains("127.0.0.1:1");
            });
            assertThat(ofauth.async()
                            .messages()
                            .delete(ConnectionId.of("conn_x"), 1)
                            .toCompletableFuture()
                            .join())
                    .isInstanceOf(DeletionOutcome.Failed.class);
            assertThat(ofauth.queueUseCases().policy().rules())
                    .extracting(DeletionRule::name)
                    .doesNotContain("never-delete-paid");
            assertThat(ofauth.toString()).contains("own Vert.x").doesNotContain("apiKey=k");
        }
    }

    @Test
    void anObservabilityHearsEveryAttemptBesideTheBuildersListenerAndIsGivenTheBaseUrl() {
        List<String> heard = new CopyOnWriteArrayList<>();
        List<String> baseUrls = new CopyOnWriteArrayList<>();
        Observability observability = new Observability() {
            @Override
            public RequestListener requestListener(String baseUrl) {
                baseUrls.add(baseUrl);
                return new RequestListener() {
                    @Override
                    public void onAttempt(Attempt event) {
                        heard.add("observability onAttempt " + event.attempt());
                    }

                    @Override
                    public AttemptEnd attemptStarted(AttemptStart start) {
                        heard.add("observability start " + start.attempt());
                        return event -> heard.add("observability end " + event.attempt());
                    }
                };
            }

            @Override
            public DeletionJobListener jobListener() {
                return event -> {};
            }
        };
        try (OfAuthQueue ofauth = OfAuthQueue.builder(NOWHERE)
                .listener(attempt -> {
                    heard.add("builder's " + attempt.attempt());
                    throw new IllegalStateException("a listener's bug keeps no other from hearing");
                })
                .observability(observability)
                .build()) {
            assertThatThrownBy(() -> ofauth.messages().get(ConnectionId.of("conn_x"), 1))
                    .isInstanceOf(OfAuthException.Transport.class);
        }

        assertThat(baseUrls).containsExactly("http://127.0.0.1:1");
        assertThat(heard)
                .isNotEmpty()
                .containsSubsequence("observability start 1", "builder's 1", "observability end 1");
        assertThat(heard.stream().filter(h -> h.startsWith("builder's")).count())
                .as("the builder's listener hears each attempt once, as the observability's does")
                .isEqualTo(heard.stream()
                        .filter(h -> h.startsWith("observability end") || h.startsWith("observability onAttempt"))
                        .count());
    }

    @Test
    void anObservabilityThatThrowsChangesNoDeletion() {
        Observability throwing = new Observability() {
            @Override
            public RequestListener requestListener(String baseUrl) {
                return RequestListener.NONE;
            }

            @Override
            public DeletionJobListener jobListener() {
                return DeletionJobListener.NONE;
            }

            @Override
            public Observability.DeletionEnd deletionStarted() {
                throw new IllegalStateException("an observability's bug");
            }
        };
        try (OfAuthQueue ofauth =
                OfAuthQueue.builder(NOWHERE).observability(throwing).build()) {
            assertThat(ofauth.messages().delete(ConnectionId.of("conn_x"), 1))
                    .isInstanceOf(DeletionOutcome.Failed.class);
        }
    }

    @Test
    void startsFromAnApiKeyWithTheClientsDefaultsAndAddsRulesToThePolicy() {
        try (OfAuthQueue ofauth = OfAuthQueue.builder("k")
                .baseUrl("http://127.0.0.1:1")
                .rule(DeletionRules.neverDeletePaid())
                .build()) {
            assertThat(ofauth.client().options().baseUrl()).isEqualTo("http://127.0.0.1:1");
            assertThat(ofauth.client().options().apiKey()).isEqualTo(new ApiKey("k"));
            assertThat(ofauth.queueUseCases().policy().rules())
                    .extracting(DeletionRule::name)
                    .containsExactlyElementsOf(
                            DeletionPolicy.standard().and(DeletionRules.neverDeletePaid()).rules().stream()
                                    .map(DeletionRule::name)
                                    .toList())
                    .contains("never-delete-paid");
        }
    }

    @Test
    void refusesABaseUrlBesideWholeOptionsAndABadKey() {
        assertThatIllegalStateException()
                .isThrownBy(() -> OfAuthQueue.builder(NOWHERE).baseUrl("http://127.0.0.1:2"))
                .withMessageContaining("builder(options)");
        assertThatIllegalArgumentException().isThrownBy(() -> OfAuthQueue.builder(" "));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthQueue.builder("k").baseUrl("ftp://x"));
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
