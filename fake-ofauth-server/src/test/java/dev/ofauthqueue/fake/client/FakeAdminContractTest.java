package dev.ofauthqueue.fake.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.fake.FakeAdmin;
import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.FakeServerOptions;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.InvalidRecordingsException;
import dev.ofauthqueue.fake.Journal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One admin interface, two faces: the fake started in-process and the HTTP client of its admin API must answer every
 * call alike. Each test runs against both.
 */
class FakeAdminContractTest {

    static final Instant RECORDED_AT = Instant.parse("2026-11-01T12:00:00Z");
    static final String DEMO_DELETE = "/v2/access/mass-messages/scheduled/5001";

    @TempDir
    static Path recordings;

    static FakeOfAuthServer fake;

    @BeforeAll
    static void start() throws IOException {
        copyBundledSet(recordings);
        fake = FakeOfAuthServer.start(FakeServerOptions.builder()
                .port(0)
                .recordings(recordings)
                .rateLimitOff()
                .build());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void resetTheFake() {
        fake.reset();
    }

    static Stream<Arguments> faces() {
        return Stream.of(
                Arguments.of("in-process", (Function<FakeOfAuthServer, FakeAdmin>) f -> f),
                Arguments.of(
                        "over HTTP", (Function<FakeOfAuthServer, FakeAdmin>) f -> FakeAdminClient.to(f.baseUrl())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void movesTheClockAndRefusesInstantsOutsideItsWindow(String face, Function<FakeOfAuthServer, FakeAdmin> of) {
        FakeAdmin admin = of.apply(fake);

        Instant set = admin.setClock(Instant.parse("2030-01-01T00:00:00Z"));
        Instant advanced = admin.advanceClock(Duration.ofHours(2));

        assertThat(set).isBetween(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:01:00Z"));
        assertThat(Duration.between(set, advanced))
                .isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(1));
        assertThatIllegalArgumentException().isThrownBy(() -> admin.setClock(Instant.parse("2101-01-01T00:00:00Z")));
        assertThatIllegalArgumentException().isThrownBy(() -> admin.advanceClock(Duration.ofDays(365L * 200)));
        assertThat(admin.now()).isBefore(FakeClock.LATEST).isAfter(Instant.parse("2030-01-01T01:59:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void addsListsAndRemovesFaultsThatThenFire(String face, Function<FakeOfAuthServer, FakeAdmin> of) throws Exception {
        FakeAdmin admin = of.apply(fake);

        String id = admin.addFault(Fault.matching("DELETE", "/v2/access/mass-messages/scheduled/.*")
                .times(2)
                .then(new FaultAction.Status(503, 4)));
        String other = admin.addFault(Fault.any().withProbability(0.0, 7).then(new FaultAction.HtmlError(502)));

        assertThat(admin.activeFaults()).hasSize(2).first().satisfies(f -> {
            assertThat(f.id()).isEqualTo(id);
            assertThat(f.remaining()).hasValue(2);
            assertThat(f.fault().action()).isEqualTo(new FaultAction.Status(503, 4));
            assertThat(f.fault().path()).contains("/v2/access/mass-messages/scheduled/.*");
        });
        assertThat(demoDelete()).isEqualTo(503);
        assertThat(admin.activeFaults().get(0).remaining()).hasValue(1);
        assertThat(admin.removeFault(other)).isTrue();
        assertThat(admin.removeFault(other)).isFalse();
        admin.clearFaults();
        assertThat(admin.activeFaults()).isEmpty();
        assertThat(demoDelete()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void refusesAMalformedFaultBeforeAddingIt(String face, Function<FakeOfAuthServer, FakeAdmin> of) {
        FakeAdmin admin = of.apply(fake);

        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> admin.addFault(Fault.matching("GET", "(unclosed").then(new FaultAction.Reset())));
        assertThat(admin.activeFaults()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void readsAndClearsTheJournal(String face, Function<FakeOfAuthServer, FakeAdmin> of) throws Exception {
        FakeAdmin admin = of.apply(fake);
        demoDelete();
        demoDelete();

        assertThat(admin.requests(Journal.query().method("DELETE").status(200)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.path()).isEqualTo(DEMO_DELETE);
                    assertThat(e.connection()).contains("conn_demo");
                    assertThat(e.sequence()).isEqualTo(1);
                });
        assertThat(admin.requests(Journal.query().path("/v2/access/.*"))).hasSize(2);
        admin.clearRequests();
        assertThat(admin.requests(Journal.query())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void showsAQueueWithItsStatesAndResetsIt(String face, Function<FakeOfAuthServer, FakeAdmin> of) throws Exception {
        FakeAdmin admin = of.apply(fake);
        demoDelete();

        assertThat(admin.queueSnapshot("conn_demo")).hasValueSatisfying(s -> {
            assertThat(s.connectionId()).isEqualTo("conn_demo");
            assertThat(s.stateOf(5001)).contains("DELETED");
            assertThat(s.stateOf(5002)).contains("SCHEDULED");
            assertThat(s.item(5001).orElseThrow().json()).contains("\"isCanceled\":true");
        });
        assertThat(admin.queueSnapshot("conn_nobody")).isEmpty();
        admin.reset();
        assertThat(admin.queueSnapshot("conn_demo").orElseThrow().stateOf(5001)).contains("SCHEDULED");
        assertThat(admin.now()).isBetween(RECORDED_AT, RECORDED_AT.plusSeconds(60));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faces")
    void reloadsRecordingsOrKeepsTheCurrentSetWhenTheNewOneIsBroken(
            String face, Function<FakeOfAuthServer, FakeAdmin> of) throws IOException {
        FakeAdmin admin = of.apply(fake);
        Path manifest = recordings.resolve("manifest.json");
        String good = Files.readString(manifest);
        try {
            Files.writeString(manifest, "{\"format\": 2}");

            assertThatThrownBy(admin::reloadRecordings)
                    .isInstanceOf(InvalidRecordingsException.class)
                    .hasMessageContaining("format");
            assertThat(admin.queueSnapshot("conn_demo")).isPresent();
        } finally {
            Files.writeString(manifest, good);
        }
        admin.reloadRecordings();
        assertThat(admin.queueSnapshot("conn_demo")).isPresent();
    }

    @Test
    void theClientRefusesABaseUrlThatIsNotHttp() {
        assertThatIllegalArgumentException().isThrownBy(() -> FakeAdminClient.to("127.0.0.1:8080"));
        assertThatIllegalArgumentException().isThrownBy(() -> FakeAdminClient.to("ftp://127.0.0.1"));
    }

    private static int demoDelete() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + DEMO_DELETE))
                .header("apiKey", FakeOfAuthServer.DEMO_API_KEY)
                .header("x-connection-id", FakeOfAuthServer.DEMO_CONNECTION)
                .DELETE()
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static void copyBundledSet(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("queues"));
        for (String name : new String[] {
            "manifest.json", "queues/conn_demo.json", "queues/conn_readonly.json", "queues/conn_expired.json"
        }) {
            try (var in = FakeAdminContractTest.class.getClassLoader().getResourceAsStream("recordings/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }
}
