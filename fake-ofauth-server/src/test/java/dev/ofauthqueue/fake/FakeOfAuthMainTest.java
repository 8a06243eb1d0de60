package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FakeOfAuthMainTest {

    @Test
    void defaultsAreLoopback8080BundledSixtyNinetyAndTheMachinesClock() {
        FakeServerOptions o = FakeOfAuthMain.parse(new String[0]);

        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.recordings()).isEmpty();
        assertThat(o.rateLimit()).contains(RateLimit.OFAUTH_DEFAULT);
        assertThat(o.clockStart()).isInstanceOf(FakeServerOptions.AtWallClock.class);
    }

    @Test
    void readsEveryFlag() {
        FakeServerOptions o = FakeOfAuthMain.parse(new String[] {
            "--port",
            "0",
            "--host",
            "0.0.0.0",
            "--rate-limit",
            "20:30",
            "--clock",
            "2027-01-01T00:00:00Z",
            "--admin-token",
            "0123456789abcdef-token",
            "--header-timeout",
            "500ms",
            "--body-timeout",
            "3s",
            "--idle-timeout",
            "PT2M",
            "--max-in-flight",
            "64",
            "--journal-capacity",
            "50000"
        });

        assertThat(o.port()).isZero();
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.bodyTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.rateLimit()).contains(new RateLimit(20, 30));
        assertThat(o.clockStart()).isEqualTo(new FakeServerOptions.At(Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(FakeOfAuthMain.parse(new String[] {"--rate-limit", "off"}).rateLimit())
                .isEmpty();
        assertThat(FakeOfAuthMain.parse(new String[] {"--debug"}).debugLog()).isTrue();
        assertThat(o.debugLog()).isFalse();
        assertThat(FakeOfAuthMain.parse(new String[] {"--clock", "now"}).clockStart())
                .isInstanceOf(FakeServerOptions.AtWallClock.class);
        assertThat(o.adminToken()).contains("0123456789abcdef-token");
        assertThat(o.headerTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.maxInFlight()).isEqualTo(64);
        assertThat(o.journalCapacity()).isEqualTo(50_000);
        assertThat(FakeOfAuthMain.parse(new String[] {"--host", "0.0.0.0", "--no-admin"})
                        .adminEnabled())
                .isFalse();
    }

    @Test
    void theStandaloneClockStartsAtTheMachinesTimeUnlessToldOtherwise() {
        assertThat(FakeOfAuthMain.parse(new String[] {}).clockStart())
                .isInstanceOf(FakeServerOptions.AtWallClock.class);
        assertThat(FakeOfAuthMain.parse(new String[] {"--clock", "recorded"}).clockStart())
                .isInstanceOf(FakeServerOptions.AtRecording.class);
        assertThat(FakeServerOptions.builder().build().clockStart()).isInstanceOf(FakeServerOptions.AtRecording.class);
    }

    @Test
    void aHostBeyondLoopbackNeedsAnAdminTokenOrNoAdmin() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--host", "0.0.0.0"}))
                .withMessageContaining("--admin-token")
                .withMessageContaining("--no-admin");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--host", "10.1.2.3", "--admin-token", "short"}))
                .withMessageContaining("16");
        assertThat(FakeOfAuthMain.parse(new String[] {"--host", "localhost"}).bindsLoopbackOnly())
                .isTrue();
        assertThat(FakeOfAuthMain.parse(new String[] {"--host", "::1"}).bindsLoopbackOnly())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--header-timeout=x", "--header-timeout=0ms", "--header-timeout=2h", "--idle-timeout=-5s",
                "--body-timeout=x", "--body-timeout=0ms", "--body-timeout=2h", "--body-timeout=\u001b[2J",
                "--idle-timeout=99999999999999h", "--max-in-flight=0", "--max-in-flight=lots", "--journal-capacity=0",
                "--journal-capacity=99999999999", "--clock=1999-12-31T23:59:59Z", "--clock=+999999999-12-31T23:59:59Z"
            })
    void refusesOutOfRangeLimitsAndClocks(String flagAndValue) {
        String[] parts = flagAndValue.split("=", 2);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {parts[0], parts[1]}))
                .withMessageContaining(parts[0].equals("--clock") ? "clock" : parts[0].substring(2, 6));
    }

    @Test
    void refusesBadFlagsWithAClearMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--port", "x"}))
                .withMessageContaining("--port");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--port", "70000"}))
                .withMessageContaining("port");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--port"}))
                .withMessageContaining("needs a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--clock", "soon"}))
                .withMessageContaining("--clock");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--rate-limit", "fast"}))
                .withMessageContaining("PER_MINUTE:BURST");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(
                        new String[] {"--recordings", Path.of("no/such/dir").toString()}))
                .withMessageContaining("manifest.json");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(
                        new String[] {"--record-from", "http://127.0.0.1:8081", "--record-to", ""}))
                .withMessage("--record-to needs a value, was empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--recordings", " "}))
                .withMessage("--recordings needs a value, was empty");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--verbose"}))
                .withMessageContaining("unknown option");
        assertThatThrownBy(() -> FakeOfAuthMain.parse(new String[] {"--help"}))
                .isInstanceOf(FakeOfAuthMain.HelpRequested.class);
        assertThat(FakeOfAuthMain.USAGE)
                .contains("--port", "--host", "--recordings", "--rate-limit", "--clock", "--help");
    }

    @Test
    void announcesTheRealPortWhenStartedOnPortZero() {
        try (FakeOfAuthServer fake =
                FakeOfAuthServer.start(FakeServerOptions.builder().port(0).build())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            FakeOfAuthMain.announce(fake, new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(fake.port()).isPositive();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("port " + fake.port())
                    .contains(fake.baseUrl());
        }
    }

    @Test
    void aBusyPortIsAClearFailure() {
        try (FakeOfAuthServer first =
                FakeOfAuthServer.start(FakeServerOptions.builder().port(0).build())) {
            assertThatThrownBy(() -> FakeOfAuthServer.start(
                            FakeServerOptions.builder().port(first.port()).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Integer.toString(first.port()));
        }
    }
}
