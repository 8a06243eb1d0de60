package dev.ofauthqueue.fake.internal.journal;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.internal.http.Responses;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes each request that reaches OFAuth's routes into the journal (and one debug line), completes its entry with the
 * answer's status, and lets the fault and routing stages mark it.
 */
public final class RequestLog implements Handler<RoutingContext> {

    /** The one logger --debug turns on: a line per request, nothing from the libraries inside. */
    public static final String LOGGER = "dev.ofauthqueue.fake.requests";

    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final String PENDING_KEY = "ofauth.journal";

    private static final String METRICS_KEY = "ofauth.metrics";

    private final RequestJournal journal;
    private final FakeMetrics metrics;
    private final FakeClock clock;

    /**
     * A handler writing into {@code journal} and counting into {@code metrics}.
     *
     * @param journal where
     * @param metrics what is counted
     * @param clock   stamps each entry
     */
    public RequestLog(RequestJournal journal, FakeMetrics metrics, FakeClock clock) {
        this.journal = journal;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        RequestJournal.Pending pending = journal.record(
                clock.instant(),
                ctx.request().method().name(),
                ctx.request().path(),
                ctx.request().query(),
                ctx.request().getHeader("x-connection-id"),
                ctx.request().getHeader("apiKey") != null);
        ctx.put(PENDING_KEY, pending);
        ctx.put(METRICS_KEY, metrics);
        ctx.addEndHandler(done -> {
            int status = done.succeeded() ? ctx.response().getStatusCode() : 0;
            pending.answered(status, ctx.response().headers().get(Responses.REQUEST_ID_HEADER));
            metrics.answered(
                    ctx.request().method().name(),
                    ctx.request().path(),
                    status,
                    ctx.request().getHeader("x-connection-id"));
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(ctx.request().method() + " " + ctx.request().path() + " " + status + " "
                        + (System.nanoTime() - started) / 1_000 + "us");
            }
        });
        ctx.next();
    }

    /** Notes on the request's entry that fault {@code faultId} fired, and whether the fault answers it. */
    public static void markFault(RoutingContext ctx, String faultId, boolean faultAnswers) {
        RequestJournal.Pending pending = ctx.get(PENDING_KEY);
        if (pending != null) {
            pending.faulted(faultId, faultAnswers);
        }
        FakeMetrics metrics = ctx.get(METRICS_KEY);
        if (metrics != null) {
            metrics.faultHit(faultId);
        }
    }

    /** Notes on the request's entry that no route knew its path or method. */
    public static void markUnmatched(RoutingContext ctx) {
        RequestJournal.Pending pending = ctx.get(PENDING_KEY);
        if (pending != null) {
            pending.unmatched();
        }
    }
}
