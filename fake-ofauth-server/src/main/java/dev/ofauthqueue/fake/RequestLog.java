package dev.ofauthqueue.fake;

import io.vertx.ext.web.RoutingContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes each request into the journal (and one debug line), and completes it with the answer's status. */
final class RequestLog {

    private static final Logger LOG = Logger.getLogger(FakeOfAuthServer.class.getName());
    private static final String PENDING_KEY = "ofauth.journal";

    private final Journal journal;
    private final FakeClock clock;

    RequestLog(Journal journal, FakeClock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        boolean admin = ctx.request().path().startsWith("/__admin");
        Journal.Pending pending = admin
                ? null
                : journal.record(
                        clock.instant(),
                        ctx.request().method().name(),
                        ctx.request().path(),
                        ctx.request().query(),
                        ctx.request().getHeader("x-connection-id"),
                        ctx.request().getHeader("apiKey") != null);
        if (pending != null) {
            ctx.put(PENDING_KEY, pending);
        }
        ctx.addEndHandler(done -> {
            int status = done.succeeded() ? ctx.response().getStatusCode() : 0;
            if (pending != null) {
                pending.status = status;
                pending.requestId = ctx.response().headers().get(Errors.REQUEST_ID_HEADER);
            }
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine(ctx.request().method() + " " + ctx.request().path() + " " + status + " "
                        + (System.nanoTime() - started) / 1_000 + "us");
            }
        });
        ctx.next();
    }

    static void markFault(RoutingContext ctx, String faultId, boolean faultAnswers) {
        Journal.Pending pending = ctx.get(PENDING_KEY);
        if (pending != null) {
            pending.fault = faultId;
            pending.faultAnswered = faultAnswers;
        }
    }

    static void markUnmatched(RoutingContext ctx) {
        Journal.Pending pending = ctx.get(PENDING_KEY);
        if (pending != null) {
            pending.unmatched = true;
        }
    }
}
