package dev.ofauthqueue.acceptance;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.Launcher;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The scenarios against the packaged jar users run, in its own process (failsafe, after 'package'). */
class StandaloneJarScenariosIT extends ScheduledQueueScenarios {

    private static FakeTarget jar;
    private Stage stage;

    @BeforeAll
    static void startTheJar() {
        jar = Launcher.standaloneJar().launch();
    }

    @AfterAll
    static void stopTheJar() {
        jar.close();
    }

    @BeforeEach
    void resetIt() {
        jar.reset();
        stage = new Stage(
                "the standalone jar",
                jar.baseUrl(),
                "demo-api-key",
                ConnectionId.of("conn_demo"),
                jar.clock(),
                Optional.of(jar),
                Optional.of(Launcher.standaloneJar()));
    }

    @Override
    Stage stage() {
        return stage;
    }
}
