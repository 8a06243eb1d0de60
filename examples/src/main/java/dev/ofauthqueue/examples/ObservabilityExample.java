package dev.ofauthqueue.examples;

// tag::readme[]
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobStatus;
import dev.ofauthqueue.DeletionRules;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthQueue;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.client.FakeAdminClient;
import dev.ofauthqueue.observability.OfAuthQueueObservations;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
// end::readme[]

/**
 * The library's HTTP attempts and a deletion job as Micrometer Observations and meters: metrics in a Prometheus registry
 * and spans through the OpenTelemetry bridge, from one instrumentation, against the fake README starts (made to answer
 * one 429 first).
 */
public final class ObservabilityExample {

    private ObservabilityExample() {}

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        String baseUrl = System.getenv().getOrDefault("OFAUTH_BASE_URL", "http://127.0.0.1:8080");
        // tag::readme[]
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<SpanData> spans = new CopyOnWriteArrayList<>(); // your exporter would send them on (OTLP, ...)
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                    @Override
                    public CompletableResultCode export(Collection<SpanData> ended) {
                        spans.addAll(ended);
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode flush() {
                        return CompletableResultCode.ofSuccess();
                    }

                    @Override
                    public CompletableResultCode shutdown() {
                        return CompletableResultCode.ofSuccess();
                    }
                }))
                .build();
        ObservationRegistry observations = ObservationRegistry.create();
        observations
                .observationConfig()
                .observationHandler(new DefaultMeterObservationHandler(prometheus))
                .observationHandler(new DefaultTracingObservationHandler(
                        new OtelTracer(tracing.get("ofauth-queue"), new OtelCurrentTraceContext(), event -> {})));

        // The fake answers the next read with a 429 (Retry-After: 1): the library waits and tries again.
        FakeAdminClient.to(baseUrl)
                .addFault(Fault.matching("GET", "/v2/access/mass-messages/5001")
                        .times(1)
                        .then(new FaultAction.Status(429, 1)));
        ConnectionId demo = ConnectionId.of("conn_demo");
        try (OfAuthQueue ofauth = OfAuthQueue.builder("demo-api-key")
                .baseUrl(baseUrl)
                .rule(DeletionRules.neverDeletePaid())
                .observability(OfAuthQueueObservations.of(observations, prometheus))
                .jobStore(Path.of("jobs.db"))
                .build()) {
            ofauth.messages().get(demo, 5001);
            for (SpanData span : spans) {
                System.out.println("span " + span.getName() + ": status "
                        + span.getAttributes().get(AttributeKey.stringKey("http.response.status_code"))
                        + ", resend_count "
                        + span.getAttributes().get(AttributeKey.stringKey("http.request.resend_count")));
            }

            // A job over three messages: the paid one (5001) is kept, two are deleted; its meters add up to its report.
            Selection three = Selection.all()
                    .onlyIds(List.of(MassMessageId.of(5001), MassMessageId.of(5003), MassMessageId.of(5004)));
            DeletionJobStatus job =
                    ofauth.jobs().await(ofauth.jobs().start(StartDeletionJobCommand.of(List.of(demo), three)));
            System.out.println("job " + job.state() + ": " + job.count(JobItemState.DELETED) + " deleted, "
                    + job.count(JobItemState.REFUSED) + " kept");
        }
        prometheus
                .scrape()
                .lines()
                .filter(line -> line.startsWith("http_client_request_seconds_count")
                        || line.startsWith("ofauth_job_item_seconds_count"))
                .map(line -> line.replaceAll(",server_port=\"\\d+\"", "")) // the fake's port varies
                .sorted()
                .forEach(System.out::println);
        tracing.close();
        // end::readme[]
    }
}
