package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeOfAuthMainTest {

    @Test
    void defaultsAreLoopback8080BundledSixtyNinetyAndTheRecordingsClock() {
        FakeServerOptions o = FakeOfAuthMain.parse(new String[0]);

        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.recordings()).isEmpty();
        assertThat(o.rateLimit()).contains(RateLimit.OFAUTH_DEFAULT);
        assertThat(o.clockStart()).isInstanceOf(FakeServerOptions.AtRecording.class);
    }

    @Test
    void readsEveryFlag() {
        FakeServerOptions o = FakeOfAuthMain.parse(new String[] {
            "--port", "0", "--host", "0.0.0.0", "--rate-limit", "20:30", "--clock", "2027-01-01T00:00:00Z"
        });

        assertThat(o.port()).isZero();
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.rateLimit()).contains(new RateLimit(20, 30));
        assertThat(o.clockStart()).isEqualTo(new FakeServerOptions.At(Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(FakeOfAuthMain.parse(new String[] {"--rate-limit", "off"}).rateLimit())
                .isEmpty();
        assertThat(FakeOfAuthMain.parse(new String[] {"--debug"}).debugLog()).isTrue();
        assertThat(o.debugLog()).isFalse();
        assertThat(FakeOfAuthMain.parse(new String[] {"--clock", "now"}).clockStart())
                .isInstanceOf(FakeServerOptions.AtWallClock.class);
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
