package dev.ofauthqueue;

import static dev.ofauthqueue.testkit.TestMessages.aScheduledMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.out.OfAuthException;
import dev.ofauthqueue.ports.out.QueuePage;
import dev.ofauthqueue.ports.out.ScheduleMassMessagePort;
import dev.ofauthqueue.ports.out.ScheduledQueuePort;
import dev.ofauthqueue.ports.out.SendPermit;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import dev.ofauthqueue.testkit.InMemoryScheduledQueuePort;
import dev.ofauthqueue.testkit.MutableClock;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The blocking capabilities answer what their async twins answer, refuse an event loop, rethrow failures as they are
 * and give up after the blocking timeout.
 */
class BlockingCapabilitiesTest {

    static final ConnectionId CONN = ConnectionId.of("conn_block");
    static final Instant NOW = Instant.parse("2029-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryScheduledQueuePort port = new InMemoryScheduledQueuePort(clock);
    private final ScheduledQueueService service =
            ScheduledQueueService.builder(port).clock(clock).build();
    private final Blocking waiting = new Blocking(Duration.ofSeconds(20));
    private final Messages messages = new Messages(new AsyncMessages(service, Observability.NONE), waiting);
    private final Plans plans = new Plans(new AsyncPlans(service), waiting);

    @Test
    void answersEveryUseCaseOffTheEventLoop() {
        port.put(CONN, aScheduledMessage(1, NOW.plusSeconds(3600)).build());

        port.put(CONN, aScheduledMessage(2, NOW.plusSeconds(3600)).build());

        assertThat(messages.list(CONN).size()).isEqualTo(2);
        assertThat(messages.get(CONN, MassMessageId.of(1))).isPresent();
        assertThat(messages.get(CONN, 2)).isPresent();
        assertThat(plans.plan(CONN, MessageSelector.all()).toDelete()).hasSize(2);
        assertThat(messages.delete(CONN, MassMessageId.of(1))).isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(messages.delete(CONN, 2)).isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(plans.execute(plans.plan(CONN, MessageSelector.all())).outcomes())
                .isEmpty();
        MassMessageId created = messages.schedule(CONN, MassMessageDraft.scheduled("hi", NOW.plusSeconds(7200)))
                .id();
        assertThat(messages.reschedule(CONN, created, MassMessageDraft.scheduled("hi", NOW.plusSeconds(9000)))
                        .sendAt())
                .contains(NOW.plusSeconds(9000));
    }

    @Test
    void refusesToBlockAnEventLoop() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<Throwable> onLoop = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                try {
                    messages.list(CONN);
                    onLoop.complete(null);
                } catch (RuntimeException e) {
                    onLoop.complete(e);
                }
            });

            assertThat(onLoop.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("event loop");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void rethrowsTheFailureAsItIs() {
        port.failNextCall(new OfAuthException.Permission("GET failed", 403, "FORBIDDEN", "req_1"));

        assertThatThrownBy(() -> messages.list(CONN)).isInstanceOf(OfAuthException.Permission.class);
    }

    @Test
    void givesUpAfterItsTimeout() {
        ScheduledQueueService never =
                ScheduledQueueService.builder(new NeverAnswers()).build();

        Messages impatient =
                new Messages(new AsyncMessages(never, Observability.NONE), new Blocking(Duration.ofMillis(50)));

        assertThatThrownBy(() -> impatient.list(CONN))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void needsAPositiveTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Blocking(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new Blocking(Duration.ofSeconds(-1)));
    }

    @Test
    void refusesAMessageIdThatIsNotPositiveBeforeAsking() {
        assertThatIllegalArgumentException().isThrownBy(() -> messages.delete(CONN, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> messages.get(CONN, -5));
        assertThat(port.deleteRequests()).isEmpty();
        assertThat(port.readRequests()).isEmpty();
    }

    /** A port whose stages never complete. */
    static final class NeverAnswers implements ScheduledQueuePort, ScheduleMassMessagePort {
        @Override
        public CompletionStage<QueuePage> fetchScheduledPage(ConnectionId connection, int offset, int limit) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<Optional<ScheduledMassMessage>> fetchMassMessage(
                ConnectionId connection, MassMessageId id) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<DeleteRequestOutcome> deleteScheduledMassMessage(
                ConnectionId connection, MassMessageId id) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<DeleteRequestOutcome> deleteIfStillScheduled(
                ConnectionId connection, MassMessageId id, SendPermit permit) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<MassMessageReceipt> scheduleMassMessage(
                ConnectionId connection, MassMessageDraft draft) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletionStage<MassMessageReceipt> rescheduleMassMessage(
                ConnectionId connection, MassMessageId id, MassMessageDraft draft) {
            return new CompletableFuture<>();
        }
    }
}
