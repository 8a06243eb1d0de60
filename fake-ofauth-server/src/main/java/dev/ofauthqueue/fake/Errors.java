package dev.ofauthqueue.fake;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;

/** OFAuth's error envelope {@code {"error", "type", "requestId"[, "actionRequired"]}} and request ids. */
final class Errors {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID_KEY = "ofauth.requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Errors() {
    }

    /** The request's id: {@code req_} and 20 hex digits, unique per request, also sent as a header. */
    static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID_KEY);
        if (id == null) {
            byte[] bytes = new byte[10];
            RANDOM.nextBytes(bytes);
            id = "req_" + HexFormat.of().formatHex(bytes);
            ctx.put(REQUEST_ID_KEY, id);
            ctx.response().putHeader(REQUEST_ID_HEADER, id);
        }
        return id;
    }

    static void send(RoutingContext ctx, int status, String type, String message) {
        send(ctx, status, type, message, null);
    }

    static void send(RoutingContext ctx, int status, String type, String message, String actionRequired) {
        JsonObject body = new JsonObject().put("error", message).put("type", type).put("requestId", requestId(ctx));
        if (actionRequired != null) {
            body.put("actionRequired", actionRequired);
        }
        json(ctx, status, body.encode());
    }

    static void json(RoutingContext ctx, int status, String body) {
        requestId(ctx);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }
}
