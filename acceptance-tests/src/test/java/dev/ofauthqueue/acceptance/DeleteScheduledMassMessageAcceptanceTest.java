package dev.ofauthqueue.acceptance;

import static dev.ofauthqueue.testkit.StageWaiter.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.adapter.vertx.VertxOfAuthClient;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.FakeServerOptions;
import dev.ofauthqueue.ports.in.MessageRef;
import dev.ofauthqueue.ports.out.DeleteRequestOutcome;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The walking skeleton: use case → Vert.x adapter → HTTP → fake, and back. */
class DeleteScheduledMassMessageAcceptanceTest {

    private static final ConnectionId DEMO = ConnectionId.of("conn_demo");
    private static final MassMessageId FIRST_SCHEDULED = MassMessageId.of(5001);

    private FakeOfAuthServer fake;
    private Vertx vertx;
    private VertxOfAuthClient client;
    private ScheduledQueueService queue;

    @BeforeEach
    void startFakeAndLibrary() {
        fake = FakeOfAuthServer.start(FakeServerOptions.builder().port(0).build());
        vertx = Vertx.vertx();
        client = VertxOfAuthClient.create(
                vertx,
                OfAuthClientOptions.builder(new ApiKey("demo-api-key"))
                        .baseUrl(fake.baseUrl())
                        .build());
        queue = ScheduledQueueService.builder(client).clock(fake.clock()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        vertx.close();
        fake.close();
    }

    @Test
    void givenAScheduledMessage_whenDeletedTwice_thenTheSecondDeletionReportsItGone() {
        // given
        assertThat(await(queue.getScheduledMassMessage(new MessageRef(DEMO, FIRST_SCHEDULED))))
                .isPresent();

        // when
        DeletionOutcome first = await(queue.deleteScheduledMassMessage(new MessageRef(DEMO, FIRST_SCHEDULED)));
        DeletionOutcome second = await(queue.deleteScheduledMassMessage(new MessageRef(DEMO, FIRST_SCHEDULED)));

        // then
        assertThat(first).isInstanceOfSatisfying(DeletionOutcome.Deleted.class, deleted -> {
            assertThat(deleted.message().id()).isEqualTo(FIRST_SCHEDULED);
            assertThat(deleted.message().canceled()).isTrue();
            assertThat(deleted.message().canUnsend()).isFalse();
            assertThat(deleted.message().text()).isNotBlank();
        });
        assertThat(second).isEqualTo(new DeletionOutcome.AlreadyGone(FIRST_SCHEDULED));
        assertThat(await(client.deleteScheduledMassMessage(DEMO, FIRST_SCHEDULED)))
                .isEqualTo(new DeleteRequestOutcome.NotFound());
    }
}
