package dev.ofauthqueue.fake.junit;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.FakeServerOptions;
import dev.ofauthqueue.fake.Faults;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.RateLimit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
 * With the default {@link Lifecycle#PER_CLASS} one fake serves the class and is reset before each test (state, clock,
 * rate limits, faults and journal); tests of one class must then not run in parallel. With {@link Lifecycle#PER_TEST}
 * every test gets its own fake, so parallel tests never collide; each test reaches its fake by taking a
 * {@link FakeOfAuthServer} parameter (the accessors of a shared extension instance cannot know which test asks, and
 * say so). Every fake lives in JUnit's {@link ExtensionContext.Store}, which closes it when its class or test ends.
 * Also usable as {@link FakeOfAuthTest @FakeOfAuthTest}.
 *
 * <p>The fake's clock starts at its recordings' instant (2026-11-01T12:00:00Z for the bundled set), so tests are
 * deterministic; hand {@link FakeOfAuthServer#clock()} to the code under test so both agree on now.
 */
public final class FakeOfAuthExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** When fakes start and stop. */
    public enum Lifecycle {
        /** One fake for the test class, reset before each test. */
        PER_CLASS,
        /** A fresh fake for each test: safe for parallel tests. */
        PER_TEST
    }

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FakeOfAuthExtension.class);
    private static final String KEY = "fake";

    private final Optional<Settings> configured;
    private volatile Settings settings;
    /** The class's fake under PER_CLASS, for the accessors (the store owns and closes it). */
    private volatile FakeOfAuthServer classFake;

    private record Settings(
            Lifecycle lifecycle, boolean failOnUnmatched, UnaryOperator<FakeServerOptions.Builder> options) {}

    /** Used by {@link FakeOfAuthTest}: settings come from the annotation. */
    public FakeOfAuthExtension() {
        this.configured = Optional.empty();
        this.settings = new Settings(Lifecycle.PER_CLASS, false, UnaryOperator.identity());
    }

    private FakeOfAuthExtension(Builder b) {
        this.configured = Optional.of(new Settings(b.lifecycle, b.failOnUnmatched, b.options));
        this.settings = configured.get();
    }

    /**
     * Starts configuring an extension.
     *
     * @return a builder: one fake per class, OFAuth's rate limit, unmatched requests allowed
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        settings = configured.orElseGet(() -> context.getTestClass()
                .map(c -> c.getAnnotation(FakeOfAuthTest.class))
                .map(FakeOfAuthExtension::fromAnnotation)
                .orElse(settings));
        // A @Nested class shares its enclosing class's fake.
        if (settings.lifecycle() == Lifecycle.PER_CLASS && fakeOf(context).isEmpty()) {
            classFake = start(context).server();
        }
    }

    private static Settings fromAnnotation(FakeOfAuthTest a) {
        String limit = a.rateLimit();
        UnaryOperator<FakeServerOptions.Builder> options = limit.equals("off")
                ? FakeServerOptions.Builder::rateLimitOff
                : b -> b.rateLimit(RateLimit.parse(limit));
        return new Settings(a.lifecycle(), a.failOnUnmatchedRequests(), options);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings.lifecycle() == Lifecycle.PER_TEST) {
            start(context);
        } else {
            fakeOf(context).ifPresent(FakeOfAuthServer::reset);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // A fake that failed to start has already failed the test with its cause: nothing to check here.
        Optional<FakeOfAuthServer> fake = fakeOf(context);
        if (fake.isEmpty()
                || !settings.failOnUnmatched()
                || context.getExecutionException().isPresent()) {
            return;
        }
        List<Journal.Entry> unmatched = fake.get().journal().unmatched();
        if (!unmatched.isEmpty()) {
            StringBuilder msg =
                    new StringBuilder("the fake OFAuth server could not route " + unmatched.size() + " request(s):");
            unmatched.forEach(e -> msg.append("\n  ").append(e.describe()));
            throw new AssertionError(msg.toString());
        }
    }

    /** Starts a fake and hands it to {@code context}'s store, which closes it when the context ends. */
    private Started start(ExtensionContext context) {
        FakeOfAuthServer server = FakeOfAuthServer.start(
                settings.options().apply(FakeServerOptions.builder()).port(0).build());
        Started started = new Started(server);
        context.getStore(NAMESPACE).put(KEY, started);
        return started;
    }

    /** The fake of this test (or, up the context tree, of its class). */
    private static Optional<FakeOfAuthServer> fakeOf(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(KEY, Started.class))
                .map(Started::server);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FakeOfAuthServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return fakeOf(context)
                .orElseThrow(
                        () -> new IllegalStateException(
                                "no fake is running here: the fake runs only while its test class (or, under PER_TEST, its test) does"));
    }

    /**
     * The class's running fake.
     *
     * @return the fake
     * @throws IllegalStateException under {@link Lifecycle#PER_TEST} (take a {@link FakeOfAuthServer} parameter
     *     instead), or outside the test class
     */
    public FakeOfAuthServer server() {
        if (settings.lifecycle() == Lifecycle.PER_TEST) {
            throw new IllegalStateException("under PER_TEST each test has its own fake: take a FakeOfAuthServer "
                    + "parameter in the test method instead of calling the extension's accessors");
        }
        FakeOfAuthServer fake = classFake;
        if (fake == null) {
            throw new IllegalStateException("the fake runs only while the test class does");
        }
        return fake;
    }

    /**
     * The fake's base URL.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public String baseUrl() {
        return server().baseUrl();
    }

    /**
     * The demo API key of the bundled recordings.
     *
     * @return {@code demo-api-key}
     */
    public String apiKey() {
        return FakeOfAuthServer.DEMO_API_KEY;
    }

    /**
     * The bundled writable connection.
     *
     * @return {@code conn_demo}
     */
    public String demoConnection() {
        return FakeOfAuthServer.DEMO_CONNECTION;
    }

    /**
     * The fake's clock.
     *
     * @return the clock
     */
    public FakeClock clock() {
        return server().clock();
    }

    /**
     * The fake's faults.
     *
     * @return the faults
     */
    public Faults faults() {
        return server().faults();
    }

    /**
     * The fake's journal.
     *
     * @return the journal
     */
    public Journal journal() {
        return server().journal();
    }

    /**
     * A fake held in JUnit's store. {@code CloseableResource} rather than only {@code AutoCloseable}: JUnit 5.12 (what
     * Spring Boot 3.5 brings) closes only the former, newer versions both.
     */
    @SuppressWarnings("deprecation")
    private record Started(FakeOfAuthServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    /** Configures a {@link FakeOfAuthExtension}. */
    public static final class Builder {
        private Lifecycle lifecycle = Lifecycle.PER_CLASS;
        private boolean failOnUnmatched;
        private UnaryOperator<FakeServerOptions.Builder> options = UnaryOperator.identity();

        private Builder() {}

        /**
         * One fake for the class, reset before each test (the default).
         *
         * @return this builder
         */
        public Builder perClass() {
            this.lifecycle = Lifecycle.PER_CLASS;
            return this;
        }

        /**
         * A fresh fake for each test, reached by a {@link FakeOfAuthServer} parameter.
         *
         * @return this builder
         */
        public Builder perTest() {
            this.lifecycle = Lifecycle.PER_TEST;
            return this;
        }

        /**
         * Fails a test that made requests no route of the fake knew (a wrong path or method).
         *
         * @return this builder
         */
        public Builder failOnUnmatchedRequests() {
            this.failOnUnmatched = true;
            return this;
        }

        /**
         * Any other start option (recordings, rate limit, clock); the port is always chosen free.
         *
         * @param value changes to the default options
         * @return this builder
         */
        public Builder options(UnaryOperator<FakeServerOptions.Builder> value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * The extension.
         *
         * @return an extension to register with {@code @RegisterExtension}
         */
        public FakeOfAuthExtension build() {
            return new FakeOfAuthExtension(this);
        }
    }
}
