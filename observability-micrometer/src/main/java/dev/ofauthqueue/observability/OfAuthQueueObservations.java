package dev.ofauthqueue.observability;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobEvent;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.Observability;
import dev.ofauthqueue.RequestListener;
import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.observability.OfAuthQueueObservation.AttemptDetailKey;
import dev.ofauthqueue.observability.OfAuthQueueObservation.AttemptKey;
import dev.ofauthqueue.observability.OfAuthQueueObservation.DeletionKey;
import dev.ofauthqueue.observability.OfAuthQueueObservation.JobItemKey;
import dev.ofauthqueue.observability.OfAuthQueueObservation.JobKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The library's HTTP attempts and deletion jobs as Micrometer {@link Observation}s (and a job's figures as meters), so
 * that one instrumentation feeds metrics and, through a tracing bridge, traces. Give {@link #of} to the library's
 * builder (or a listener alone where you compose them); nothing is observed until then, and an
 * {@link ObservationRegistry#NOOP} registry costs one check per attempt.
 *
 * <pre>{@code
 * ObservationRegistry registry = ObservationRegistry.create();
 * registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
 * try (OfAuthQueue ofauth = OfAuthQueue.builder(options)
 *         .observability(OfAuthQueueObservations.of(registry, meterRegistry))
 *         .build()) {
 *     ofauth.messages().delete(ConnectionId.of("conn_demo"), 5003); // one http.client.request per attempt
 * }
 * }</pre>
 *
 * What each observation carries is listed, key by key, in {@link OfAuthQueueObservation}; each meter in
 * {@link OfAuthQueueMeter}.
 */
public final class OfAuthQueueObservations {

    private OfAuthQueueObservations() {}

    /**
     * Observes every HTTP attempt and every deletion job's items in {@code observations}: for
     * {@code OfAuthQueue.Builder.observability}, which gives the request listener the base URL itself.
     *
     * @param observations where the observations go
     * @return what observes
     */
    public static Observability of(ObservationRegistry observations) {
        Objects.requireNonNull(observations, "observations");
        return observability(
                observations, baseUrl -> requestListener(observations, baseUrl), jobListener(observations));
    }

    /**
     * Observes every HTTP attempt and every deletion job's items in {@code observations}, and keeps every job's
     * figures as meters in {@code meters} (see {@link #jobListener(ObservationRegistry, MeterRegistry)}): for
     * {@code OfAuthQueue.Builder.observability}.
     *
     * <pre>{@code
     * try (OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key")
     *         .observability(OfAuthQueueObservations.of(observationRegistry, meterRegistry))
     *         .build()) {
     *     ofauth.jobs().await(ofauth.jobs().start(command)); // its budget waits, 429s and items in meterRegistry
     * }
     * }</pre>
     *
     * @param observations where the observations go
     * @param meters       where the jobs' meters go
     * @return what observes
     */
    public static Observability of(ObservationRegistry observations, MeterRegistry meters) {
        Objects.requireNonNull(observations, "observations");
        return observability(
                observations, baseUrl -> requestListener(observations, baseUrl), jobListener(observations, meters));
    }

    private static Observability observability(
            ObservationRegistry observations, Function<String, RequestListener> requests, DeletionJobListener jobs) {
        return new Observability() {
            @Override
            public DeletionEnd deletionStarted() {
                if (observations.isNoop()) {
                    return DeletionEnd.NONE;
                }
                Observation call = Observation.createNotStarted(OfAuthQueueObservation.DELETION.getName(), observations)
                        .start();
                return (outcome, attempts) -> {
                    Optional<DeletionDecision.Refused> refused =
                            outcome instanceof DeletionOutcome.Refused r ? Optional.of(r.decision()) : Optional.empty();
                    call.lowCardinalityKeyValue(
                                    DeletionKey.OUTCOME.withValue(outcome.kind().name()))
                            .lowCardinalityKeyValue(DeletionKey.REFUSAL_REASON.withValue(
                                    refused.map(d -> d.reason().name()).orElse(AttemptKey.NONE)))
                            .lowCardinalityKeyValue(DeletionKey.RULE.withValue(
                                    refused.map(DeletionDecision.Refused::rule).orElse(AttemptKey.NONE)))
                            .lowCardinalityKeyValue(DeletionKey.ATTEMPTS.withValue(Integer.toString(attempts)))
                            .stop();
                };
            }

            @Override
            public RequestListener requestListener(String baseUrl) {
                return requests.apply(baseUrl);
            }

            @Override
            public DeletionJobListener jobListener() {
                return jobs;
            }
        };
    }

    /**
     * A request listener that observes every attempt in {@code registry}.
     *
     * @param registry where the observations go
     * @param baseUrl  the base URL the library sends to (its host and port become {@code server.address} and
     *     {@code server.port}; nothing else of it is kept)
     * @return the listener, for {@code OfAuthQueue.Builder.listener}
     * @throws IllegalArgumentException when {@code baseUrl} is not an absolute http or https URL
     */
    public static RequestListener requestListener(ObservationRegistry registry, String baseUrl) {
        Objects.requireNonNull(registry, "registry");
        URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("baseUrl must be an absolute http or https URL with a host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        String urlBase = scheme + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path;
        return new AttemptObserver(registry, uri.getHost(), Integer.toString(port), urlBase);
    }

    /**
     * A deletion job listener that observes each item's outcome ({@code ofauth.job.item}) and each connection that
     * stops ({@code ofauth.job.connection.stopped}) in {@code registry}; give it to
     * {@code StartDeletionJobCommand.withListener} or {@code jobs().resume(id, listener)}. The connection is never
     * among the keys.
     *
     * @param registry where the observations go
     * @return the listener
     */
    public static DeletionJobListener jobListener(ObservationRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return new DeletionJobListener() {
            @Override
            public void onItem(DeletionJobEvent event) {
                if (registry.isNoop()) {
                    return;
                }
                String reason = event.outcome() instanceof DeletionOutcome.Refused refused
                        ? refused.decision().reason().name()
                        : AttemptKey.NONE;
                Observation.createNotStarted(OfAuthQueueObservation.JOB_ITEM.getName(), registry)
                        .lowCardinalityKeyValue(JobItemKey.OUTCOME.withValue(
                                event.outcome().kind().name()))
                        .lowCardinalityKeyValue(
                                JobItemKey.STATE.withValue(event.state().name()))
                        .lowCardinalityKeyValue(JobItemKey.REFUSAL_REASON.withValue(reason))
                        .highCardinalityKeyValue(
                                JobKey.JOB.withValue(event.job().toString()))
                        .start()
                        .stop();
            }

            @Override
            public void onConnectionStopped(DeletionJobId job, ConnectionId connection, String reason) {
                if (registry.isNoop()) {
                    return;
                }
                Observation.createNotStarted(OfAuthQueueObservation.JOB_CONNECTION_STOPPED.getName(), registry)
                        .highCardinalityKeyValue(JobKey.JOB.withValue(job.toString()))
                        .start()
                        .stop();
            }
        };
    }

    /**
     * A deletion job listener that observes each item and stopped connection in {@code observations}, as
     * {@link #jobListener(ObservationRegistry)} does, and keeps the job's figures as meters in {@code meters}: the wait
     * for each token of the rate budget, 429s and the waits OFAuth asked for, pages listed, and while a run lasts its
     * items by state and its estimated time left (gauges, removed when the run ends). {@link OfAuthQueueMeter} lists
     * them.
     *
     * <pre>{@code
     * DeletionJobId id = ofauth.jobs().start(StartDeletionJobCommand.of(connections, Selection.all())
     *         .withListener(OfAuthQueueObservations.jobListener(observationRegistry, meterRegistry)));
     * }</pre>
     *
     * @param observations where the item observations go
     * @param meters       where the job's meters go
     * @return the listener
     */
    public static DeletionJobListener jobListener(ObservationRegistry observations, MeterRegistry meters) {
        return new JobMeters(jobListener(observations), Objects.requireNonNull(meters, "meters"));
    }

    /** Starts an observation as each attempt is sent and stops it at the attempt's end. */
    private static final class AttemptObserver implements RequestListener {

        private final ObservationRegistry registry;
        private final String address;
        private final String port;
        /** The base URL without user info, query or fragment: a route template follows it in {@code url.full}. */
        private final String urlBase;

        AttemptObserver(ObservationRegistry registry, String address, String port, String urlBase) {
            this.registry = registry;
            this.address = address;
            this.port = port;
            this.urlBase = urlBase;
        }

        @Override
        public void onAttempt(Attempt event) {
            // An ending that followed no new attempt (the call gave up before sending another): no attempt to observe.
        }

        @Override
        public AttemptEnd attemptStarted(AttemptStart start) {
            if (registry.isNoop()) {
                return event -> {};
            }
            Observation observation = Observation.createNotStarted(
                            OfAuthQueueObservation.HTTP_CLIENT_ATTEMPT.getName(), registry)
                    .contextualName(start.method() + " " + start.route())
                    .lowCardinalityKeyValue(AttemptKey.METHOD.withValue(start.method()))
                    .lowCardinalityKeyValue(AttemptKey.ROUTE.withValue(start.route()))
                    .lowCardinalityKeyValue(AttemptKey.SERVER_ADDRESS.withValue(address))
                    .lowCardinalityKeyValue(AttemptKey.SERVER_PORT.withValue(port))
                    .highCardinalityKeyValue(
                            AttemptDetailKey.RESEND_COUNT.withValue(Integer.toString(start.attempt() - 1)))
                    .highCardinalityKeyValue(AttemptDetailKey.URL_FULL.withValue(urlBase + start.route()))
                    .start();
            return new AttemptEnd() {
                @Override
                public void ended(Attempt event) {
                    boolean answered = event.status() > 0;
                    String errorType = answered
                            ? event.status() >= 400 ? Integer.toString(event.status()) : AttemptKey.NONE
                            : event.errorType().orElse("_OTHER");
                    observation
                            .lowCardinalityKeyValue(AttemptKey.STATUS.withValue(
                                    answered ? Integer.toString(event.status()) : AttemptKey.NONE))
                            .lowCardinalityKeyValue(AttemptKey.ERROR_TYPE.withValue(errorType))
                            .lowCardinalityKeyValue(
                                    AttemptKey.OUTCOME.withValue(event.outcome().name()));
                    event.requestId()
                            .ifPresent(id ->
                                    observation.highCardinalityKeyValue(AttemptDetailKey.REQUEST_ID.withValue(id)));
                    if (answered) {
                        event.errorType()
                                .ifPresent(type -> observation.highCardinalityKeyValue(
                                        AttemptDetailKey.OFAUTH_ERROR_TYPE.withValue(type)));
                    }
                    observation.stop();
                }

                @Override
                public void notSent() {
                    observation
                            .lowCardinalityKeyValue(AttemptKey.STATUS.withValue(AttemptKey.NONE))
                            .lowCardinalityKeyValue(AttemptKey.ERROR_TYPE.withValue(AttemptKey.NONE))
                            .lowCardinalityKeyValue(AttemptKey.OUTCOME.withValue("NOT_SENT"))
                            .stop();
                }
            };
        }
    }
}
