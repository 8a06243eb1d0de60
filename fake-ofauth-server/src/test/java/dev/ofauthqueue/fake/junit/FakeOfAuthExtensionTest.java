package dev.ofauthqueue.fake.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.InvalidRecordingsException;
import dev.ofauthqueue.fake.Journal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension as partners use it. The inner classes are run through JUnit's engine test kit, so that a test the
 * extension must fail can be observed failing.
 */
class FakeOfAuthExtensionTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Set<Integer> PORTS = new HashSet<>();

    static int send(String baseUrl, String method, String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + path))
                                    .method(method, HttpRequest.BodyPublishers.noBody())
                                    .header("apiKey", FakeOfAuthServer.DEMO_API_KEY)
                                    .header("x-connection-id", FakeOfAuthServer.DEMO_CONNECTION)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .execute()
                .testEvents();
    }

    @Test
    void aRegisteredExtensionServesTheClassAndIsolatesEachTest() {
        Events events = run(PerClassPartnerTest.class);

        events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    }

    @Test
    void theAnnotationInjectsTheServerAndPerTestGivesEachTestItsOwn() {
        PORTS.clear();

        Events events = run(AnnotatedPerTestPartnerTest.class);

        events.assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(PORTS).hasSize(2);
    }

    @Test
    void unroutedRequestsFailTheTestWhenAskedTo() {
        Events events = run(UnroutedRequestPartnerTest.class);

        events.assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        assertThat(events.failed().stream()
                        .findFirst()
                        .orElseThrow()
                        .getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable)
                        .orElseThrow())
                .hasMessageContaining("could not route 1 request")
                .hasMessageContaining("GET /v2/access/typo");
    }

    @Test
    void underParallelExecutionPerTestGivesEveryTestItsOwnFake() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ParallelPerTestPartnerTest.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
                .execute()
                .testEvents();

        events.assertStatistics(s -> s.started(8).succeeded(8).failed(0));
    }

    @Test
    void underPerTestTheExtensionsAccessorsSayToTakeAParameter() {
        Events events = run(PerTestAccessorPartnerTest.class);

        events.assertStatistics(s -> s.started(1).failed(1));
        assertThat(failure(events)).isInstanceOf(IllegalStateException.class).hasMessageContaining("parameter");
    }

    @Test
    void aFakeThatCannotStartFailsTheTestWithItsCause() {
        Events events = run(UnstartablePartnerTest.class);

        events.assertStatistics(s -> s.started(1).failed(1));
        assertThat(failure(events))
                .isInstanceOf(InvalidRecordingsException.class)
                .hasMessageContaining("manifest.json");
    }

    static Throwable failure(Events events) {
        return events.failed().stream()
                .findFirst()
                .orElseThrow()
                .getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
    }

    /** Eight tests at once, each deleting the same message of its own fake: each must get 200. */
    @FakeOfAuthTest(lifecycle = FakeOfAuthExtension.Lifecycle.PER_TEST, rateLimit = "off")
    static class ParallelPerTestPartnerTest {
        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
        void deletesTheSameMessage(int n, FakeOfAuthServer fake) {
            assertThat(send(fake.baseUrl(), "DELETE", "/v2/access/mass-messages/scheduled/5001"))
                    .as("test " + n)
                    .isEqualTo(200);
        }
    }

    static class PerTestAccessorPartnerTest {
        @RegisterExtension
        static FakeOfAuthExtension fake =
                FakeOfAuthExtension.builder().perTest().build();

        @Test
        void usesTheAccessor() {
            fake.baseUrl();
        }
    }

    static class UnstartablePartnerTest {
        @RegisterExtension
        static FakeOfAuthExtension fake = FakeOfAuthExtension.builder()
                .perTest()
                .options(o -> o.recordings(Path.of("no-such-recordings-dir")))
                .build();

        @Test
        void neverRuns(FakeOfAuthServer server) {
            throw new AssertionError("must not run without a fake");
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClassPartnerTest {
        @RegisterExtension
        static FakeOfAuthExtension fake =
                FakeOfAuthExtension.builder().options(o -> o.rateLimitOff()).build();

        @Test
        @Order(1)
        void deletesAMessageAndBreaksTheNextCall() {
            assertThat(send(fake.baseUrl(), "DELETE", "/v2/access/mass-messages/scheduled/5001"))
                    .isEqualTo(200);
            fake.faults().add(Fault.any().then(new FaultAction.Status(503, 0)));
            fake.clock().advance(Duration.ofDays(30));
            fake.journal().verify(Journal.query().method("DELETE"), 1);
        }

        @Test
        @Order(2)
        void seesNothingOfTheFirstTest() {
            assertThat(fake.faults().size()).isZero();
            assertThat(fake.journal().entries()).isEmpty();
            assertThat(send(fake.baseUrl(), "GET", "/v2/access/mass-messages/5001"))
                    .isEqualTo(200);
            assertThat(fake.apiKey()).isEqualTo("demo-api-key");
            assertThat(fake.demoConnection()).isEqualTo("conn_demo");
        }
    }

    @FakeOfAuthTest(lifecycle = FakeOfAuthExtension.Lifecycle.PER_TEST, rateLimit = "off")
    static class AnnotatedPerTestPartnerTest {
        @Test
        void first(FakeOfAuthServer fake) {
            PORTS.add(fake.port());
            assertThat(send(fake.baseUrl(), "DELETE", "/v2/access/mass-messages/scheduled/5001"))
                    .isEqualTo(200);
        }

        @Test
        void second(FakeOfAuthServer fake) {
            PORTS.add(fake.port());
            assertThat(send(fake.baseUrl(), "DELETE", "/v2/access/mass-messages/scheduled/5001"))
                    .isEqualTo(200);
        }
    }

    @FakeOfAuthTest(failOnUnmatchedRequests = true)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class UnroutedRequestPartnerTest {
        @Test
        @Order(1)
        void callsAPathThatDoesNotExist(FakeOfAuthServer fake) {
            send(fake.baseUrl(), "GET", "/v2/access/typo");
        }

        @Test
        @Order(2)
        void callsOnlyRealPaths(FakeOfAuthServer fake) {
            assertThat(send(fake.baseUrl(), "GET", "/v2/access/mass-messages/5001"))
                    .isEqualTo(200);
        }
    }
}
