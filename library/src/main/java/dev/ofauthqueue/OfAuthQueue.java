package dev.ofauthqueue;

import dev.ofauthqueue.adapter.sqlite.SqliteDeletionJobStore;
import dev.ofauthqueue.adapter.vertx.OwnVertx;
import dev.ofauthqueue.adapter.vertx.VertxOfAuthClient;
import dev.ofauthqueue.ports.in.DeletionJobsUseCase;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.service.DeletionJobService;
import dev.ofauthqueue.ports.service.JobSeal;
import dev.ofauthqueue.ports.service.ScheduledQueueService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library, ready to use, as one object that owns what it starts; the entry point of the public package
 * {@code dev.ofauthqueue}. Its capabilities have names: {@link #messages()} (list, get, delete, schedule, reschedule),
 * {@link #plans()} (plan, execute) and {@link #jobs()} (start, resume, status, await, cancel, list, archive, restore),
 * each waiting for its answer; {@link #async()} has the same capabilities and methods answering
 * {@link java.util.concurrent.CompletionStage}s. Close it when done (try-with-resources), and a plain {@code main}
 * exits.
 *
 * <pre>{@code
 * try (OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key").baseUrl("http://127.0.0.1:8080").build()) {
 *     DeletionOutcome outcome = ofauth.messages().delete(ConnectionId.of("conn_demo"), 5001);
 * }
 * }</pre>
 *
 * <p>Given no Vert.x instance, it creates one and closes it in {@link #close()}, waiting for its threads to stop. Given
 * one ({@link Builder#vertx(Vertx)}), it leaves it running: whoever creates a Vert.x instance closes it.
 */
public final class OfAuthQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OfAuthQueue.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final VertxOfAuthClient client;
    private final ScheduledQueueService service;
    private final Messages messages;
    private final Plans plans;
    private final Jobs jobs;
    private final AsyncOfAuthQueue async;
    private final Builder settings;
    private final DeletionPolicy policy;
    private @Nullable DeletionJobService jobService;
    private @Nullable DeletionJobStore ownedStore;
    private boolean closed;

    private OfAuthQueue(Builder b) {
        // What can be refused is decided before a Vert.x instance (and its threads) exists.
        OfAuthClientOptions options = b.options();
        this.policy = b.policy();
        this.ownsVertx = b.vertx.isEmpty();
        this.vertx = b.vertx.orElseGet(OwnVertx::create);
        RequestListener listener =
                BothRequestListeners.of(b.listener, b.observability.requestListener(options.baseUrl()));
        this.client = VertxOfAuthClient.create(
                vertx, options, VertxOfAuthClient.Collaborators.defaults(vertx).withListener(listener));
        ScheduledQueueService.Builder service = ScheduledQueueService.builder(client)
                .policy(policy)
                .clock(b.clock)
                .everyJobListener(b.observability.jobListener());
        b.concurrency.ifPresent(service::concurrency);
        service.maxPlanAge(b.maxPlanAge);
        this.service = service.build();
        Blocking blocking = new Blocking(b.blockingTimeout);
        this.async = new AsyncOfAuthQueue(
                new AsyncMessages(this.service, b.observability),
                new AsyncPlans(this.service),
                new AsyncJobs(this::jobUseCases));
        this.messages = new Messages(async.messages(), blocking);
        this.plans = new Plans(async.plans(), blocking);
        this.jobs = new Jobs(async.jobs(), blocking);
        this.settings = b;
    }

    /**
     * The library with the standard policy, the system clock and its own Vert.x instance.
     *
     * @param options the client's options
     * @return the library; close it when done
     */
    public static OfAuthQueue create(OfAuthClientOptions options) {
        return builder(options).build();
    }

    /**
     * Starts configuring the library with every client option of {@code options}.
     *
     * @param options the client's options
     * @return a builder
     */
    public static Builder builder(OfAuthClientOptions options) {
        return new Builder(Objects.requireNonNull(options, "options"), null);
    }

    /**
     * Starts configuring the library with an API key and the client's defaults (OFAuth's base URL among them: change it
     * with {@link Builder#baseUrl}); for the other client options, use {@link #builder(OfAuthClientOptions)}.
     *
     * @param apiKey the OFAuth API key (kept out of every log line, message and {@code toString})
     * @return a builder
     * @throws IllegalArgumentException when the key is blank or holds characters no header may carry
     */
    public static Builder builder(String apiKey) {
        return new Builder(null, OfAuthClientOptions.builder(new ApiKey(apiKey)));
    }

    /**
     * A connection's scheduled mass messages: list, get, delete, schedule, reschedule, each waiting for its answer.
     *
     * @return the messages' calls
     */
    public Messages messages() {
        return messages;
    }

    /**
     * Dry runs and their execution: plan, execute, each waiting for its answer.
     *
     * @return the plans' calls
     */
    public Plans plans() {
        return plans;
    }

    /**
     * Deletion jobs: start, resume, status, await, cancel, list, archive, restore, each waiting for its answer. The job
     * store opens on the first call (see {@link Builder#jobStore(Path)}).
     *
     * @return the jobs' calls
     */
    public Jobs jobs() {
        return jobs;
    }

    /**
     * The same capabilities and methods, each answering a {@link java.util.concurrent.CompletionStage}: for code on a
     * Vert.x event loop or composing futures.
     *
     * @return the async capabilities
     */
    public AsyncOfAuthQueue async() {
        return async;
    }

    /**
     * The use cases underneath {@link #messages()} and {@link #plans()}, with their command records and progress
     * listeners: for code that composes them itself (the command line does).
     *
     * @return the service
     */
    public ScheduledQueueService queueUseCases() {
        return service;
    }

    /**
     * The use cases underneath {@link #jobs()}, with their listeners: deletion jobs, durable, resumable deletions
     * across many connections, kept in the job store (by default the SQLite file {@code ~/.ofauth-queue/jobs.db},
     * opened on first use; see {@link Builder#jobStore(Path)}). Jobs draw on the same per-connection rate budget as
     * every other call of this object. Each job records this object's base URL, delete route, rate limit and policy,
     * and resumes only under the same ones.
     *
     * @return the jobs' use cases
     * @throws DeletionJobStoreException when the job store cannot be opened, naming its
     *     path and the problem
     */
    public synchronized DeletionJobsUseCase jobUseCases() {
        if (closed) {
            throw new IllegalStateException("this OfAuthQueue is closed");
        }
        if (jobService == null) {
            DeletionJobStore store;
            if (settings.store.isPresent()) {
                store = settings.store.get();
            } else if (settings.storeOpener.isPresent()) {
                store = Objects.requireNonNull(settings.storeOpener.get().get(), "the job store opener returned null");
                ownedStore = store;
            } else {
                Path path = settings.storePath.orElseGet(OfAuthQueue::defaultStorePath);
                store = SqliteDeletionJobStore.open(path);
                ownedStore = store;
            }
            OfAuthClientOptions o = client.options();
            jobService = DeletionJobService.builder(client, store)
                    .policy(policy)
                    .clock(settings.clock)
                    .maxPlanAge(settings.maxPlanAge)
                    .target(new DeletionJobService.UpstreamSettings(
                            o.baseUrl(),
                            o.deleteRoute().template(),
                            client.rateBudget().toString()))
                    .seal(JobSeal.derivedFrom(o.apiKey().value()))
                    .creator(client)
                    .everyJobListener(settings.observability.jobListener())
                    .build();
        }
        return jobService;
    }

    /** {@code ~/.ofauth-queue/jobs.db}, its directory created readable by its owner only. */
    static Path defaultStorePath() {
        Path dir = Path.of(System.getProperty("user.home"), ".ofauth-queue");
        try {
            if (Files.notExists(dir)) {
                if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createDirectories(
                            dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
        } catch (IOException e) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.MISSING_DIRECTORY,
                    dir + ": cannot be created (" + e.getMessage() + "); choose a job store with jobStore(path)",
                    e);
        }
        return dir.resolve("jobs.db");
    }

    /**
     * The HTTP client underneath, for its options or to close it early.
     *
     * @return the client
     */
    public VertxOfAuthClient client() {
        return client;
    }

    /**
     * Releases everything this object started: deletion jobs running here are canceled (their requests in flight
     * settle first; resume them later), the job store it opened is closed, then the HTTP client and, when it created
     * it, the Vert.x instance, waiting up to 10 s for its threads to stop (unless called on an event loop, which must
     * never wait). Calling it again does nothing.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (jobService != null) {
                jobService.close(); // cancels running jobs; they stay resumable
            }
            if (ownedStore != null) {
                ownedStore.close();
            }
        }
        client.close();
        if (!ownsVertx) {
            return;
        }
        if (Context.isOnEventLoopThread()) {
            vertx.close();
            return;
        }
        try {
            vertx.close().await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Vert.x did not stop within {}; its threads may keep the JVM running", CLOSE_WAIT);
        }
    }

    @Override
    public String toString() {
        return "OfAuthQueue[" + client.options() + (ownsVertx ? ", own Vert.x" : ", caller's Vert.x") + "]";
    }

    /** Configures an {@link OfAuthQueue}. */
    public static final class Builder {
        private final @Nullable OfAuthClientOptions options;
        private final OfAuthClientOptions.@Nullable Builder optionsFromKey;
        private Optional<Vertx> vertx = Optional.empty();
        private DeletionPolicy policy = DeletionPolicy.standard();
        private final List<DeletionRule> rules = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Optional<Integer> concurrency = Optional.empty();
        private Duration blockingTimeout = Duration.ofMinutes(5);
        private RequestListener listener = RequestListener.NONE;
        private Observability observability = Observability.NONE;
        private Duration maxPlanAge = DeletionJobService.DEFAULT_MAX_PLAN_AGE;
        private Optional<Path> storePath = Optional.empty();
        private Optional<DeletionJobStore> store = Optional.empty();
        private Optional<Supplier<DeletionJobStore>> storeOpener = Optional.empty();

        private Builder(@Nullable OfAuthClientOptions options, OfAuthClientOptions.@Nullable Builder optionsFromKey) {
            this.options = options;
            this.optionsFromKey = optionsFromKey;
        }

        /**
         * Where OFAuth is (default {@value OfAuthClientOptions#DEFAULT_BASE_URL}): the fake's URL in tests.
         *
         * @param value an absolute {@code http} or {@code https} URL
         * @return this builder
         * @throws IllegalStateException when the builder was given whole options, which hold their base URL
         */
        public Builder baseUrl(String value) {
            if (optionsFromKey == null) {
                throw new IllegalStateException(
                        "the base URL is part of the options given to builder(options): set it there");
            }
            optionsFromKey.baseUrl(value);
            return this;
        }

        /**
         * Adds a rule every deletion must pass, on top of the policy (the standard one unless {@link #policy} says
         * otherwise), for example {@code DeletionRules.neverDeletePaid()}.
         *
         * @param value the rule
         * @return this builder
         */
        public Builder rule(DeletionRule value) {
            rules.add(Objects.requireNonNull(value, "rule"));
            return this;
        }

        private OfAuthClientOptions options() {
            return options != null
                    ? options
                    : Objects.requireNonNull(optionsFromKey).build();
        }

        private DeletionPolicy policy() {
            DeletionPolicy all = policy;
            for (DeletionRule rule : rules) {
                all = all.and(rule);
            }
            return all;
        }

        /**
         * Runs on the caller's Vert.x instance, which the caller keeps owning: {@link OfAuthQueue#close()} leaves it
         * running.
         *
         * @param value a running Vert.x instance
         * @return this builder
         */
        public Builder vertx(Vertx value) {
            this.vertx = Optional.of(Objects.requireNonNull(value, "vertx"));
            return this;
        }

        /**
         * The policy every deletion must pass (default {@link DeletionPolicy#standard()}).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder policy(DeletionPolicy value) {
            this.policy = Objects.requireNonNull(value, "policy");
            return this;
        }

        /**
         * Where now comes from (default the system UTC clock); against an in-process fake, its clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How many deletions a plan runs at once (default 4).
         *
         * @param value 1 to 64
         * @return this builder
         */
        public Builder concurrency(int value) {
            if (value < 1 || value > 64) {
                throw new IllegalArgumentException("concurrency must be 1 to 64, was " + value);
            }
            this.concurrency = Optional.of(value);
            return this;
        }

        /**
         * How long each blocking call ({@link OfAuthQueue#messages()}, {@link OfAuthQueue#plans()},
         * {@link OfAuthQueue#jobs()} but {@code await}) waits at most (default 5 minutes).
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder blockingTimeout(Duration value) {
            Objects.requireNonNull(value, "blockingTimeout");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("blockingTimeout must be positive, was " + value);
            }
            this.blockingTimeout = value;
            return this;
        }

        /**
         * Observes every HTTP attempt and every deletion job, besides {@link #listener} and each job's own listener
         * (default none): {@code OfAuthQueueObservations.of(observationRegistry, meterRegistry)} from the optional
         * artifact {@code observability-micrometer} feeds Micrometer's metrics and, through a tracing bridge, traces.
         *
         * @param value what observes
         * @return this builder
         */
        public Builder observability(Observability value) {
            this.observability = Objects.requireNonNull(value, "observability");
            return this;
        }

        /**
         * Hears every HTTP attempt, for metrics (default none).
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(RequestListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * How old a plan's snapshot may grow, while a plan or a job is executed, before its connection is listed again
         * (default 5 minutes).
         *
         * @param value positive
         * @return this builder
         */
        public Builder maxPlanAge(Duration value) {
            this.maxPlanAge = JobSettings.checkedMaxPlanAge(value);
            return this;
        }

        /**
         * Keeps deletion jobs in the SQLite file at {@code value} (default {@code ~/.ofauth-queue/jobs.db}), opened on
         * the first use of {@link OfAuthQueue#jobs()} and closed with this object.
         *
         * @param value the database file; its directory must exist
         * @return this builder
         */
        public Builder jobStore(Path value) {
            this.storePath = Optional.of(Objects.requireNonNull(value, "jobStore"));
            this.store = Optional.empty();
            this.storeOpener = Optional.empty();
            return this;
        }

        /**
         * Keeps deletion jobs in the store {@code opener} opens on the first use of {@link OfAuthQueue#jobs()}, which
         * this object then owns and closes (for example {@code () -> RedisDeletionJobStore.open(url, key)}: nothing
         * connects to the store until jobs are used).
         *
         * @param opener opens the store; its failure is the failure of {@code jobs()}
         * @return this builder
         */
        public Builder jobStoreOpenedBy(Supplier<DeletionJobStore> opener) {
            this.storeOpener = Optional.of(Objects.requireNonNull(opener, "opener"));
            this.store = Optional.empty();
            this.storePath = Optional.empty();
            return this;
        }

        /**
         * Keeps deletion jobs in a store of the caller's, which the caller closes (for example the in-memory store in
         * tests).
         *
         * @param value the store
         * @return this builder
         */
        public Builder jobStore(DeletionJobStore value) {
            this.store = Optional.of(Objects.requireNonNull(value, "jobStore"));
            this.storePath = Optional.empty();
            this.storeOpener = Optional.empty();
            return this;
        }

        /**
         * The library.
         *
         * @return the library; close it when done
         */
        public OfAuthQueue build() {
            return new OfAuthQueue(this);
        }
    }
}
