package dev.ofauthqueue.fake.internal.fault;

import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.FaultInjector;
import dev.ofauthqueue.fake.internal.http.Responses;
import dev.ofauthqueue.fake.internal.journal.RequestLog;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Applies the first fault that fires on a request: the action applies itself through a {@link FaultInjector} bound to
 * the request. Never blocks the event loop: latency is a Vert.x timer.
 */
public final class FaultHandler implements Handler<RoutingContext> {

    static final String PARTIAL_BODY = "{\"success\":true,\"queue\":{\"id\":5001,\"text\":\"Weekend bun";
    static final String MALFORMED_BODY = "{\"success\": true, \"queue\": {\"id\": 5001, \"text\": \"unterminated}";

    private final Vertx vertx;
    private final FaultRegistry faults;
    private final LongSupplier generation;

    /**
     * A handler applying {@code faults}.
     *
     * @param vertx      for latency timers
     * @param faults     the faults in force
     * @param generation changes when the fake is reset: a delayed request from before is dropped, not answered
     */
    public FaultHandler(Vertx vertx, FaultRegistry faults, LongSupplier generation) {
        this.vertx = vertx;
        this.faults = faults;
        this.generation = generation;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // Read before the fault shows in the journal: whoever sees it there and then resets is already too late.
        long startedIn = generation.getAsLong();
        Optional<FaultRegistry.Fired> fired = faults.fire(
                ctx.request().method().name(),
                ctx.request().path(),
                ctx.request().getHeader("x-connection-id"));
        if (fired.isEmpty()) {
            ctx.next();
            return;
        }
        FaultAction action = fired.get().trigger().fault().action();
        RequestLog.markFault(ctx, fired.get().id(), !action.letsTheFakeAnswer());
        action.apply(new OnRequest(ctx, fired.get().trigger(), startedIn));
    }

    /** A fault's power over one request. */
    private final class OnRequest implements FaultInjector {
        private final RoutingContext ctx;
        private final Trigger trigger;
        private final long startedIn;

        OnRequest(RoutingContext ctx, Trigger trigger, long startedIn) {
            this.ctx = ctx;
            this.trigger = trigger;
            this.startedIn = startedIn;
        }

        @Override
        public void delayThenAnswer(Duration min, Duration max) {
            long spread = max.toMillis() - min.toMillis();
            long delay = min.toMillis() + trigger.nextLong(spread + 1);
            if (delay <= 0) {
                ctx.next();
                return;
            }
            // A request still waiting when the fake is reset must not act on the fresh state (it would, say, delete a
            // message in the next test): it is dropped, as a restarted server would drop it.
            vertx.setTimer(delay, t -> {
                if (generation.getAsLong() == startedIn) {
                    ctx.next();
                } else {
                    ctx.request().connection().close();
                }
            });
        }

        @Override
        public void answerError(int status, int retryAfterSeconds) {
            if (retryAfterSeconds > 0) {
                ctx.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds));
            }
            Responses.error(ctx, status, typeOf(status), "Injected fault: status " + status);
        }

        @Override
        public void closeConnection() {
            ctx.request().connection().close();
        }

        @Override
        public void answerPartlyThenClose() {
            Responses.requestId(ctx);
            ctx.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Content-Length", Integer.toString(PARTIAL_BODY.length() + 4096));
            ctx.response()
                    .write(PARTIAL_BODY)
                    .onComplete(done -> ctx.request().connection().close());
        }

        @Override
        public void answerMalformedJson() {
            Responses.requestId(ctx);
            ctx.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(MALFORMED_BODY);
        }

        @Override
        public void answerWithWrongContentType() {
            ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8"));
            ctx.next();
        }

        @Override
        public void answerHtmlErrorPage(int status) {
            Responses.requestId(ctx);
            String title = status + " " + reasonPhrase(status);
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .end("<html><head><title>" + title + "</title></head><body><center><h1>" + title
                            + "</h1></center><hr><center>nginx</center></body></html>");
        }

        @Override
        public void neverAnswer() {
            // Nothing is written: the client waits until it gives up or the fake stops.
        }
    }

    /** OFAuth's {@code type} for an injected error status. */
    static String typeOf(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "RESOURCE_NOT_FOUND";
            case 429 -> "RATE_LIMIT_EXCEEDED";
            case 502 -> "PROXY_ERROR";
            case 503 -> "NETWORK_ERROR";
            case 504 -> "GATEWAY_TIMEOUT";
            default -> status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST";
        };
    }

    /** The reason phrase a proxy's page carries, from the HTTP status. */
    static String reasonPhrase(int status) {
        String phrase = HttpResponseStatus.valueOf(status).reasonPhrase();
        return phrase.startsWith("Unknown Status") ? (status >= 500 ? "Server Error" : "Client Error") : phrase;
    }
}
