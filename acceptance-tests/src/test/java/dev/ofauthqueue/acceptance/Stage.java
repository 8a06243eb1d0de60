package dev.ofauthqueue.acceptance;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.acceptance.support.FakeTarget;
import dev.ofauthqueue.acceptance.support.Launcher;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the scenarios run: the fake (in-process or the packaged jar), or a real OFAuth sandbox. Scenarios that need
 * the fake's clock, faults, journal or bundled recordings are skipped elsewhere, with the reason shown.
 *
 * @param fake     the fake's admin handle; empty against a sandbox
 * @param launcher starts further fakes with their own flags; empty against a sandbox
 */
record Stage(
        String name,
        String baseUrl,
        String apiKey,
        ConnectionId connection,
        Clock clock,
        Optional<FakeTarget> fake,
        Optional<Launcher> launcher) {

    FakeTarget requireFake(String why) {
        Assumptions.assumeTrue(fake.isPresent(), "skipped on " + name + ": " + why);
        return fake.get();
    }

    Launcher requireLauncher(String why) {
        Assumptions.assumeTrue(launcher.isPresent(), "skipped on " + name + ": " + why);
        return launcher.get();
    }
}
