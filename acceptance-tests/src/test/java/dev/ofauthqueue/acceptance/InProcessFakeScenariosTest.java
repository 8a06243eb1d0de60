package dev.ofauthqueue.acceptance;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.Launcher;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.junit.FakeOfAuthExtension;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scenarios against the fake started in-process through the partner kit's JUnit extension. */
class InProcessFakeScenariosTest extends ScheduledQueueScenarios {

    @RegisterExtension
    static FakeOfAuthExtension fake =
            FakeOfAuthExtension.builder().failOnUnmatchedRequests().build();

    private Stage stage;

    @BeforeEach
    void stageTheResetFake() {
        FakeTarget target = new FakeTarget(fake.baseUrl(), () -> {});
        stage = new Stage(
                "the in-process fake",
                fake.baseUrl(),
                FakeOfAuthServer.DEMO_API_KEY,
                ConnectionId.of(FakeOfAuthServer.DEMO_CONNECTION),
                target.clock(),
                Optional.of(target),
                Optional.of(Launcher.inProcess()));
    }

    @Override
    Stage stage() {
        return stage;
    }
}
