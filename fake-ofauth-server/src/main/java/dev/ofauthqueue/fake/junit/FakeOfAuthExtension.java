package dev.ofauthqueue.fake.junit;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.FakeServerOptions;
import dev.ofauthqueue.fake.Faults;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.RateLimit;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the fake OFAuth server in-process on a free port for JUnit 5 tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeOfAuthExtension fake = FakeOfAuthExtension.builder().failOnUnmatchedRequests().build();
 *
 * @Test
 * void myClientDeletesOnce() {
 *     myClient(fake.baseUrl(), fake.apiKey()).delete(fake.demoConnection(), 5001);
 *     fake.journal().verify(Journal.query().method("DELETE"), 1);
 * }
 * }</pre>
 *
 * With the default {@link Lifecycle#PER_CLASS} one fake serves the class and is reset before each test (state,
 * clock, rate limits, faults and journal); tests of one class must then not run in parallel. With
 * {@link Lifecycle#PER_TEST} every test gets its own fake, so parallel tests never collide. Also usable as
 * {@link FakeOfAuthTest @FakeOfAuthTest}, with the server injected as a parameter.
 */
public final class FakeOfAuthExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** When fakes start and stop. */
    public enum Lifecycle {
        PER_CLASS,
        PER_TEST
    }

    private Lifecycle lifecycle;
    private boolean failOnUnmatched;
    private UnaryOperator<FakeServerOptions.Builder> options;
    private final boolean configuredInCode;
    private FakeOfAuthServer server;

    /** Used by {@link FakeOfAuthTest}: settings come from the annotation. */
    public FakeOfAuthExtension() {
        this.lifecycle = Lifecycle.PER_CLASS;
        this.options = UnaryOperator.identity();
        this.configuredInCode = false;
    }

    private FakeOfAuthExtension(Builder b) {
        this.lifecycle = b.lifecycle;
        this.failOnUnmatched = b.failOnUnmatched;
        this.options = b.options;
        this.configuredInCode = true;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!configuredInCode) {
            context.getTestClass()
                    .map(c -> c.getAnnotation(FakeOfAuthTest.class))
                    .ifPresent(a -> {
                        lifecycle = a.lifecycle();
                        failOnUnmatched = a.failOnUnmatchedRequests();
                        String limit = a.rateLimit();
                        options = limit.equals("off")
                                ? FakeServerOptions.Builder::rateLimitOff
                                : b -> b.rateLimit(RateLimit.parse(limit));
                    });
        }
        if (lifecycle == Lifecycle.PER_CLASS) {
            server = start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_TEST) {
            server = start();
        } else {
            server.reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<Journal.Entry> unmatched = server.journal().unmatched();
        if (lifecycle == Lifecycle.PER_TEST) {
            server.close();
        }
        if (failOnUnmatched
                && !unmatched.isEmpty()
                && context.getExecutionException().isEmpty()) {
            StringBuilder msg =
                    new StringBuilder("the fake OFAuth server could not route " + unmatched.size() + " request(s):");
            unmatched.forEach(e -> msg.append("\n  ").append(e.describe()));
            throw new AssertionError(msg.toString());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_CLASS && server != null) {
            server.close();
        }
        server = null;
    }

    private FakeOfAuthServer start() {
        return FakeOfAuthServer.start(
                options.apply(FakeServerOptions.builder()).port(0).build());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeOfAuthServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }

    /** The running fake (inside a test or a lifecycle method). */
    public FakeOfAuthServer server() {
        if (server == null) {
            throw new IllegalStateException("the fake runs only while the test class (or test) does");
        }
        return server;
    }

    public String baseUrl() {
        return server().baseUrl();
    }

    /** The demo API key of the bundled recordings. */
    public String apiKey() {
        return FakeOfAuthServer.DEMO_API_KEY;
    }

    /** The bundled writable connection, {@code conn_demo}. */
    public String demoConnection() {
        return FakeOfAuthServer.DEMO_CONNECTION;
    }

    public FakeClock clock() {
        return server().clock();
    }

    public Faults faults() {
        return server().faults();
    }

    public Journal journal() {
        return server().journal();
    }

    /** Configures a {@link FakeOfAuthExtension}. */
    public static final class Builder {
        private Lifecycle lifecycle = Lifecycle.PER_CLASS;
        private boolean failOnUnmatched;
        private UnaryOperator<FakeServerOptions.Builder> options = UnaryOperator.identity();

        private Builder() {}

        public Builder perClass() {
            this.lifecycle = Lifecycle.PER_CLASS;
            return this;
        }

        public Builder perTest() {
            this.lifecycle = Lifecycle.PER_TEST;
            return this;
        }

        public Builder failOnUnmatchedRequests() {
            this.failOnUnmatched = true;
            return this;
        }

        /** Any other start option (recordings, rate limit, clock); the port is always chosen free. */
        public Builder options(UnaryOperator<FakeServerOptions.Builder> value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        public FakeOfAuthExtension build() {
            return new FakeOfAuthExtension(this);
        }
    }
}
