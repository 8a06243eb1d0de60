package dev.ofauthqueue.fake;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Applies the first fault that fires on a request. Never blocks the event loop: latency is a Vert.x timer. */
final class FaultInjector {

    static final String PARTIAL_BODY = "{\"success\":true,\"queue\":{\"id\":5001,\"text\":\"Weekend bun";
    static final String MALFORMED_BODY = "{\"success\": true, \"queue\": {\"id\": 5001, \"text\": \"unterminated}";

    private final Vertx vertx;
    private final Faults faults;
    private final LongSupplier generation;

    FaultInjector(Vertx vertx, Faults faults, LongSupplier generation) {
        this.vertx = vertx;
        this.faults = faults;
        this.generation = generation;
    }

    void handle(RoutingContext ctx) {
        if (ctx.request().path().startsWith("/__admin")) {
            ctx.next();
            return;
        }
        // Read before the fault shows in the journal: whoever sees it there and then resets is already too late.
        long startedIn = generation.getAsLong();
        Optional<Map.Entry<String, Fault.Trigger>> fired = faults.fire(
                ctx.request().method().name(),
                ctx.request().path(),
                ctx.request().getHeader("x-connection-id"));
        if (fired.isEmpty()) {
            ctx.next();
            return;
        }
        Fault.Trigger trigger = fired.get().getValue();
        FaultAction action = trigger.fault().action();
        RequestLog.markFault(
                ctx,
                fired.get().getKey(),
                !(action instanceof FaultAction.Latency || action instanceof FaultAction.WrongContentType));
        if (action instanceof FaultAction.Latency l) {
            long spread = l.max().toMillis() - l.min().toMillis();
            long delay = l.min().toMillis() + trigger.nextLong(spread + 1);
            if (delay <= 0) {
                ctx.next();
            } else {
                // A request still waiting when the fake is reset must not act on the fresh state (it would, say,
                // delete a message in the next test): it is dropped, as a restarted server would drop it.
                vertx.setTimer(delay, t -> {
                    if (generation.getAsLong() == startedIn) {
                        ctx.next();
                    } else {
                        ctx.request().connection().close();
                    }
                });
            }
        } else if (action instanceof FaultAction.Status s) {
            if (s.retryAfterSeconds() > 0) {
                ctx.response().putHeader("Retry-After", Integer.toString(s.retryAfterSeconds()));
            }
            Errors.send(ctx, s.status(), typeOf(s.status()), "Injected fault: status " + s.status());
        } else if (action instanceof FaultAction.Reset) {
            ctx.request().connection().close();
        } else if (action instanceof FaultAction.CloseMidBody) {
            Errors.requestId(ctx);
            ctx.response()
                    .setStatusCode(200)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Content-Length", Integer.toString(PARTIAL_BODY.length() + 4096));
            ctx.response()
                    .write(PARTIAL_BODY)
                    .onComplete(done -> ctx.request().connection().close());
        } else if (action instanceof FaultAction.MalformedJson) {
            Errors.json(ctx, 200, MALFORMED_BODY);
        } else if (action instanceof FaultAction.WrongContentType) {
            ctx.addHeadersEndHandler(v -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8"));
            ctx.next();
        } else if (action instanceof FaultAction.HtmlError h) {
            Errors.requestId(ctx);
            ctx.response()
                    .setStatusCode(h.status())
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .end("<html><head><title>" + h.status() + " Bad Gateway</title></head><body><center><h1>"
                            + h.status() + " Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
        }
        // FaultAction.NoResponse: nothing is ever written.
    }

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
}
