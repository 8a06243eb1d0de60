package dev.ofauthqueue.acceptance;

import dev.ofauthqueue.ConnectionId;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The scenarios against a real OFAuth sandbox, when {@code OFAUTH_BASE_URL}, {@code OFAUTH_API_KEY}
 * ({@code sk_sandbox_…}) and {@code OFAUTH_CONNECTION_ID} are set; skipped otherwise. Scenarios that need the fake's
 * clock, faults, journal or recordings are skipped there with the reason.
 */
class SandboxScenariosIT extends ScheduledQueueScenarios {

    private Stage stage;

    @BeforeEach
    void stageTheSandbox() {
        String baseUrl = System.getenv("OFAUTH_BASE_URL");
        String key = System.getenv("OFAUTH_API_KEY");
        String connection = System.getenv("OFAUTH_CONNECTION_ID");
        Assumptions.assumeTrue(
                baseUrl != null && key != null && connection != null,
                "no sandbox: set OFAUTH_BASE_URL, OFAUTH_API_KEY and OFAUTH_CONNECTION_ID to run these against one");
        Assumptions.assumeTrue(
                key.startsWith("sk_sandbox_"), "OFAUTH_API_KEY is not a sandbox key (sk_sandbox_…): refusing to run");
        stage = new Stage(
                "the OFAuth sandbox",
                baseUrl,
                key,
                ConnectionId.of(connection),
                Clock.systemUTC(),
                Optional.empty(),
                Optional.empty());
    }

    @Override
    Stage stage() {
        return stage;
    }
}
