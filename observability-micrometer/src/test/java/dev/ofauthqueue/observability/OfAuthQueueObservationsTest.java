package dev.ofauthqueue.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobListener;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionOutcome;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.DeletionReport;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.MessageSelector;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.RetryPolicy;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import io.micrometer.common.KeyValue;
import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the fake: one observation per HTTP attempt, named and keyed as {@link OfAuthQueueObservation} documents, a
 * retry after a 429 its own observation with {@code http.request.resend_count} 1, and no secret in any name or value.
 */
class OfAuthQueueObservationsTest {

    static final String KEY = FakeOfAuthServer.DEMO_API_KEY;
    static final String CONNECTION = FakeOfAuthServer.DEMO_CONNECTION;

    @TempDir
    Path dir;

    FakeOfAuthServer fake;
    final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    ObservationRegistry registry;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    OfAuthQueue ofauth;

    @BeforeEach
    void start() {
        fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0", "--rate-limit", "off"));
        registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        OfAuthClientOptions options = OfAuthClientOptions.builder(new ApiKey(KEY))
                .baseUrl(fake.baseUrl())
                .retryPolicy(new RetryPolicy(4, Duration.ZERO, Duration.ZERO)) // retries at once: no wait in tests
                .build();
        ofauth = OfAuthQueue.builder(options)
                .observability(OfAuthQueueObservations.of(registry, meters))
                .jobStore(dir.resolve("jobs.db"))
                .rule(DeletionRules.neverDeletePaid()) // so that a job keeps some, saying why
                .build();
    }

    @AfterEach
    void stop() {
        ofauth.close();
        fake.close();
    }

    @Test
    void aRetryAfterA429IsAnAttemptOfItsOwnWithItsResendCount() {
        fake.faults()
                .add(Fault.matching("GET", "/v2/access/mass-messages/5001")
                        .times(1)
                        .then(new FaultAction.Status(429, 0)));

        assertThat(ofauth.messages().get(ConnectionId.of(CONNECTION), 5001)).isPresent();

        List<Observation.Context> attempts = attempts();
        assertThat(attempts).hasSize(2);
        assertThat(keys(attempts.get(0)))
                .containsEntry("http.request.method", "GET")
                .containsEntry("url.template", "/v2/access/mass-messages/{id}")
                .containsEntry("server.address", "127.0.0.1")
                .containsEntry("server.port", Integer.toString(fake.port()))
                .containsEntry("http.response.status_code", "429")
                .containsEntry("error.type", "429")
                .containsEntry("ofauth.outcome", "RETRYING")
                .containsEntry("http.request.resend_count", "0")
                .containsEntry("url.full", fake.baseUrl() + "/v2/access/mass-messages/{id}");
        assertThat(keys(attempts.get(1)))
                .containsEntry("http.response.status_code", "200")
                .containsEntry("error.type", "none")
                .containsEntry("ofauth.outcome", "SUCCEEDED")
                .containsEntry("http.request.resend_count", "1")
                .containsKey("ofauth.request_id");
        assertThat(attempts.get(1).getContextualName()).isEqualTo("GET /v2/access/mass-messages/{id}");
    }

    @Test
    void aDeletionIsItsReadThenItsDeleteEachObservedWithItsRouteTemplate() {
        DeletionOutcome outcome = ofauth.messages().delete(ConnectionId.of(CONNECTION), 5003);

        assertThat(outcome).isInstanceOf(DeletionOutcome.Deleted.class);
        assertThat(attempts())
                .extracting(c -> keys(c).get("http.request.method") + " " + keys(c).get("url.template") + " "
                        + keys(c).get("http.response.status_code"))
                .containsExactly(
                        "GET /v2/access/mass-messages/{id} 200", "DELETE /v2/access/mass-messages/scheduled/{id} 200");
    }

    @Test
    void eachDeletionCallIsOneObservationWithItsOutcomeItsDeletesAttemptsAndForARefusalItsRule() {
        fake.faults()
                .add(Fault.matching("DELETE", "/v2/access/mass-messages/scheduled/5003")
                        .times(1)
                        .then(new FaultAction.Status(503, 0)));
        ofauth.messages().delete(ConnectionId.of(CONNECTION), 5003); // a 503, then its retry deletes it
        ofauth.messages().delete(ConnectionId.of(CONNECTION), 5001); // paid: the builder's rule keeps it
        ofauth.messages().delete(ConnectionId.of(CONNECTION), 5003); // gone by now
        ofauth.messages().delete(ConnectionId.of(CONNECTION), 5004);

        assertThat(stopped.stream()
                        .filter(c -> c.getName().equals(OfAuthQueueObservation.DELETION.getName()))
                        .map(c -> keys(c).get("ofauth.outcome") + " " + keys(c).get("ofauth.refusal.reason") + " "
                                + keys(c).get("ofauth.rule") + " " + keys(c).get("ofauth.delete.attempts")))
                .containsExactly(
                        "DELETED none none 2",
                        "REFUSED PROTECTED never-delete-paid 0",
                        "ALREADY_GONE none none 0",
                        "DELETED none none 1");
    }

    @Test
    void everyEmittedNameAndKeyIsDocumentedAndNoValueHoldsASecret() {
        fake.faults()
                .add(Fault.matching("GET", "/v2/access/mass-messages/5001")
                        .times(1)
                        .then(new FaultAction.Status(503, 0)));
        ofauth.messages().get(ConnectionId.of(CONNECTION), 5001);
        ofauth.messages().delete(ConnectionId.of(CONNECTION), 5003);
        ofauth.messages().delete(ConnectionId.of(CONNECTION), 424242);

        Map<String, OfAuthQueueObservation> byName = Arrays.stream(OfAuthQueueObservation.values())
                .collect(Collectors.toMap(OfAuthQueueObservation::getName, o -> o));
        List<Observation.Context> emitted = List.copyOf(stopped);
        assertThat(emitted)
                .extracting(Observation.Context::getName)
                .contains(
                        OfAuthQueueObservation.HTTP_CLIENT_ATTEMPT.getName(),
                        OfAuthQueueObservation.DELETION.getName());
        for (Observation.Context context : emitted) {
            assertThat(byName).containsKey(context.getName());
            OfAuthQueueObservation documentation = byName.get(context.getName());
            assertThat(keys(context).keySet()).isSubsetOf(documented(documentation));
            assertThat(context.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
                    .as("every observation carries every tag, so meters of one name have one set of tags")
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(documentation.getLowCardinalityKeyNames())
                            .map(KeyName::asString)
                            .toList());
            String everything = context.getName() + " " + context.getContextualName() + " " + keys(context);
            assertThat(everything)
                    .doesNotContain(KEY)
                    .doesNotContain(CONNECTION)
                    .doesNotContain("5001");
        }
    }

    /** The builder's observability observes every job: none of these jobs was given a listener of its own. */
    @Test
    void aJobsItemObservationsAddUpToItsReport() {
        DeletionJobId id =
                ofauth.jobs().start(StartDeletionJobCommand.of(List.of(ConnectionId.of(CONNECTION)), Selection.all()));
        DeletionJobStatus done = ofauth.jobs().await(id);

        List<Observation.Context> items = stopped.stream()
                .filter(c -> c.getName().equals(OfAuthQueueObservation.JOB_ITEM.getName()))
                .toList();
        assertThat(items).hasSize(done.total());
        for (JobItemState state : List.of(JobItemState.DELETED, JobItemState.REFUSED)) {
            assertThat(items.stream()
                            .filter(c -> keys(c).get("ofauth.item.state").equals(state.name())))
                    .as(state.name())
                    .hasSize(done.count(state));
        }
        assertThat(done.count(JobItemState.DELETED)).isPositive();
        assertThat(items)
                .allSatisfy(c -> assertThat(keys(c))
                        .containsEntry("ofauth.job", id.toString())
                        .containsOnlyKeys(documented(OfAuthQueueObservation.JOB_ITEM)));
        assertThat(items.stream().map(c -> keys(c).get("ofauth.refusal.reason")))
                .contains("none")
                .anyMatch(reason -> !reason.equals("none"));
        assertThat(items.toString()).doesNotContain(CONNECTION).doesNotContain(KEY);
    }

    /** An executed plan is a deletion job of its own: the builder's observability observes each item it deletes. */
    @Test
    void aPlansExecutedItemsAreObservedAsAJobsItems() {
        DeletionPlan plan = ofauth.plans().plan(ConnectionId.of(CONNECTION), MessageSelector.free());

        DeletionReport report = ofauth.plans().execute(plan);

        List<Observation.Context> items = stopped.stream()
                .filter(c -> c.getName().equals(OfAuthQueueObservation.JOB_ITEM.getName()))
                .toList();
        assertThat(plan.toDelete()).isNotEmpty();
        assertThat(items)
                .as("one per message the plan said to delete")
                .hasSize(plan.toDelete().size());
        assertThat(items.stream().filter(c -> keys(c).get("ofauth.outcome").equals("DELETED")))
                .hasSize(report.ofKind(DeletionOutcome.Kind.DELETED).size());
    }

    @Test
    void aJobsBudgetWaitsAnd429sAreMetersEveryOneDocumentedAndItsGaugesGoWithItsRun() {
        fake.faults()
                .add(Fault.matching("DELETE", "/v2/access/mass-messages/scheduled/5003")
                        .times(1)
                        .then(new FaultAction.Status(429, 1)));

        DeletionJobId id = ofauth.jobs()
                .start(StartDeletionJobCommand.of(
                        List.of(ConnectionId.of(CONNECTION)),
                        Selection.all().onlyIds(List.of(MassMessageId.of(5003), MassMessageId.of(5004)))));
        DeletionJobStatus done = ofauth.jobs().await(id);

        assertThat(done.count(JobItemState.DELETED)).isPositive();
        assertThat(meters.get(OfAuthQueueMeter.JOB_RATE_LIMITED.getName())
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(meters.get(OfAuthQueueMeter.JOB_RETRY_AFTER.getName())
                        .timer()
                        .totalTime(TimeUnit.SECONDS))
                .as("the fake's Retry-After: 1")
                .isEqualTo(1.0);
        assertThat(meters.get(OfAuthQueueMeter.JOB_BUDGET_WAIT.getName())
                        .timer()
                        .count())
                .as("a token for each DELETE, the one answered 429 included")
                .isGreaterThanOrEqualTo(done.count(JobItemState.DELETED) + 1L);
        assertThat(meters.find(OfAuthQueueMeter.JOB_ITEMS.getName()).gauges())
                .as("removed when the run ended")
                .isEmpty();
        Map<String, List<String>> documented = Arrays.stream(OfAuthQueueMeter.values())
                .collect(Collectors.toMap(
                        OfAuthQueueMeter::getName,
                        m -> Arrays.stream(m.getKeyNames())
                                .map(KeyName::asString)
                                .toList()));
        assertThat(meters.getMeters()).isNotEmpty().allSatisfy(meter -> {
            assertThat(documented).containsKey(meter.getId().getName());
            assertThat(meter.getId().getTags().stream().map(Tag::getKey))
                    .isSubsetOf(documented.get(meter.getId().getName()));
            assertThat(meter.getId().toString()).doesNotContain(KEY).doesNotContain(CONNECTION);
        });
    }

    /** A shared job's takeovers and dead letters, as the engine tells them, are counters of their own. */
    @Test
    void aSharedJobsLeaseTakeoversAndDeadLettersAreCounted() {
        DeletionJobListener listener = OfAuthQueueObservations.jobListener(ObservationRegistry.NOOP, meters);
        DeletionJobId job = DeletionJobId.of(7);
        ConnectionId connection = ConnectionId.of(CONNECTION);

        assertThat(meters.get(OfAuthQueueMeter.JOB_LEASE_TAKEOVERS.getName())
                        .counter()
                        .count())
                .as("registered from the start")
                .isZero();
        listener.onLeaseTakenOver(job, connection);
        listener.onLeaseTakenOver(job, connection);
        listener.onDeadLettered(job, connection, 3);

        assertThat(meters.get(OfAuthQueueMeter.JOB_LEASE_TAKEOVERS.getName())
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(meters.get(OfAuthQueueMeter.JOB_DEAD_LETTERS.getName())
                        .counter()
                        .count())
                .isEqualTo(3.0);
        assertThat(meters.getMeters().toString()).doesNotContain(CONNECTION);
    }

    @Test
    void aRunningJobsGaugesFollowItsStatusAndGoWhenTheRunEnds() {
        DeletionJobListener listener = OfAuthQueueObservations.jobListener(ObservationRegistry.NOOP, meters);
        DeletionJobId job = DeletionJobId.of(7);

        listener.onStatus(status(job, DeletionJobState.RUNNING, Map.of(JobItemState.PENDING, 3), 3));
        assertThat(items(meters, job, JobItemState.PENDING)).isEqualTo(3.0);
        assertThat(items(meters, job, JobItemState.DELETED)).isEqualTo(0.0);
        assertThat(timeLeftSeconds(meters, job)).isEqualTo(3.0);

        listener.onStatus(
                status(job, DeletionJobState.RUNNING, Map.of(JobItemState.PENDING, 1, JobItemState.DELETED, 2), 1));
        assertThat(items(meters, job, JobItemState.PENDING)).isEqualTo(1.0);
        assertThat(items(meters, job, JobItemState.DELETED)).isEqualTo(2.0);
        assertThat(timeLeftSeconds(meters, job)).isEqualTo(1.0);

        listener.onStatus(status(job, DeletionJobState.COMPLETED, Map.of(JobItemState.DELETED, 3), 0));
        assertThat(meters.find(OfAuthQueueMeter.JOB_ITEMS.getName()).gauges()).isEmpty();
        assertThat(meters.find(OfAuthQueueMeter.JOB_TIME_LEFT.getName()).timeGauges())
                .isEmpty();
    }

    private static DeletionJobStatus status(
            DeletionJobId job, DeletionJobState state, Map<JobItemState, Integer> counts, long secondsLeft) {
        return new DeletionJobStatus(
                job,
                state,
                java.time.Instant.EPOCH,
                "http://127.0.0.1:1 scheduled",
                Selection.all(),
                counts,
                Map.of(),
                Duration.ofSeconds(secondsLeft));
    }

    private static double items(SimpleMeterRegistry meters, DeletionJobId job, JobItemState state) {
        return meters.get(OfAuthQueueMeter.JOB_ITEMS.getName())
                .tag("ofauth.job", job.toString())
                .tag("ofauth.item.state", state.name())
                .gauge()
                .value();
    }

    private static double timeLeftSeconds(SimpleMeterRegistry meters, DeletionJobId job) {
        return meters.get(OfAuthQueueMeter.JOB_TIME_LEFT.getName())
                .tag("ofauth.job", job.toString())
                .timeGauge()
                .value(TimeUnit.SECONDS);
    }

    @Test
    void aNoopRegistryObservesNothingAndABadBaseUrlIsRefused() {
        var listener = OfAuthQueueObservations.requestListener(ObservationRegistry.NOOP, "https://api.ofauth.com");
        listener.attemptStarted(new dev.ofauthqueue.RequestListener.AttemptStart("GET", "/x", 1))
                .ended(null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthQueueObservations.requestListener(registry, "api.ofauth.com"));
        OfAuthQueueObservations.requestListener(registry, "https://user:secret@api.ofauth.com/proxy/?q=secret#f")
                .attemptStarted(new dev.ofauthqueue.RequestListener.AttemptStart("GET", "/v2/x/{id}", 1))
                .notSent();
        assertThat(keys(stopped.get(stopped.size() - 1)))
                .as("no user info, query or fragment")
                .containsEntry("url.full", "https://api.ofauth.com/proxy/v2/x/{id}");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OfAuthQueueObservations.requestListener(registry, "ftp://api.ofauth.com"));
    }

    private List<Observation.Context> attempts() {
        return stopped.stream()
                .filter(c -> c.getName().equals(OfAuthQueueObservation.HTTP_CLIENT_ATTEMPT.getName()))
                .toList();
    }

    private static List<String> documented(OfAuthQueueObservation observation) {
        return Stream.concat(
                        Arrays.stream(observation.getLowCardinalityKeyNames()),
                        Arrays.stream(observation.getHighCardinalityKeyNames()))
                .map(KeyName::asString)
                .toList();
    }

    private static Map<String, String> keys(Observation.Context context) {
        return context.getAllKeyValues().stream()
                .collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue, (a, b) -> b));
    }
}
