package dev.ofauthqueue.fake.internal.api;

import dev.ofauthqueue.fake.internal.http.Responses;
import dev.ofauthqueue.fake.internal.store.ConnectionQueue;
import dev.ofauthqueue.fake.internal.store.FakeStore;
import dev.ofauthqueue.fake.internal.store.RateVerdict;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Who is calling: the {@code apiKey} and {@code x-connection-id} headers (matched case-insensitively, as Vert.x
 * headers are), the connection's session, and a token from its rate-limit bucket. Passes the connection on to the
 * handlers, or answers OFAuth's 401 or 429.
 */
final class Authentication implements Handler<RoutingContext> {

    private static final String CONNECTION_KEY = "ofauth.connection";

    private final FakeStore store;

    Authentication(FakeStore store) {
        this.store = store;
    }

    /** The connection the request was authenticated for. */
    static ConnectionQueue connection(RoutingContext ctx) {
        return ctx.get(CONNECTION_KEY);
    }

    @Override
    public void handle(RoutingContext ctx) {
        Responses.requestId(ctx);
        String apiKey = ctx.request().getHeader("apiKey");
        if (apiKey == null || apiKey.isBlank() || !store.knowsApiKey(apiKey)) {
            Responses.error(
                    ctx,
                    401,
                    "UNAUTHORIZED",
                    apiKey == null || apiKey.isBlank()
                            ? "Missing API key: send it in the apiKey header"
                            : "Invalid API key");
            return;
        }
        String connectionId = ctx.request().getHeader("x-connection-id");
        Optional<ConnectionQueue> connection = store.connection(apiKey, connectionId);
        if (connection.isEmpty()) {
            Responses.error(
                    ctx,
                    401,
                    "SESSION_NOT_PROVIDED",
                    connectionId == null || connectionId.isBlank()
                            ? "Missing connection: send it in the x-connection-id header"
                            : "Unknown connection for this API key");
            return;
        }
        ConnectionQueue q = connection.get();
        if (q.expired()) {
            Responses.error(
                    ctx, 401, "SESSION_EXPIRED", "The session of this connection has expired", "refresh_session");
            return;
        }
        Optional<RateVerdict> verdict = store.takeToken(q);
        if (verdict.isPresent()) {
            RateVerdict v = verdict.get();
            ctx.response()
                    .putHeader("X-RateLimit-Limit", Integer.toString(v.limit()))
                    .putHeader("X-RateLimit-Remaining", Integer.toString(v.remaining()))
                    .putHeader("X-RateLimit-Reset", Long.toString(v.resetEpochSecond()));
            if (!v.allowed()) {
                ctx.response().putHeader("Retry-After", Long.toString(v.retryAfterSeconds()));
                Responses.error(
                        ctx,
                        429,
                        "RATE_LIMIT_EXCEEDED",
                        "Rate limit exceeded: retry in " + v.retryAfterSeconds() + " s");
                return;
            }
        }
        ctx.put(CONNECTION_KEY, q);
        ctx.next();
    }
}
