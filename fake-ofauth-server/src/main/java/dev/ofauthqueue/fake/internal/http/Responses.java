package dev.ofauthqueue.fake.internal.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the fake answers: JSON bodies, OFAuth's error envelope {@code {"error", "type", "requestId"[,
 * "actionRequired"]}}, and a request id on every answer (also in {@code X-Request-Id}).
 */
public final class Responses {

    /** The header carrying the request id. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final String REQUEST_ID_KEY = "ofauth.requestId";
    private static final CharSequence JSON_TYPE = HttpHeaders.createOptimized("application/json; charset=utf-8");

    private Responses() {}

    /**
     * The request's id: {@code req_} and 20 hex digits, unique per request (80 random bits), also sent as a header.
     * Not a secret, so a fast random source serves.
     */
    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID_KEY);
        if (id == null) {
            id = newRequestId();
            ctx.put(REQUEST_ID_KEY, id);
            ctx.response().putHeader(REQUEST_ID_HEADER, id);
        }
        return id;
    }

    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "req_" + hex(random.nextLong(), 16) + hex(random.nextInt(0x10000), 4);
    }

    /**
     * Answers a request that never reached the router (refused at the door, or not even a valid HTTP request) with
     * OFAuth's error envelope, and closes the connection when {@code close}.
     */
    public static Future<Void> error(
            HttpServerRequest request, int status, String type, String message, boolean close) {
        String id = newRequestId();
        Buffer body = new JsonObject()
                .put("error", message)
                .put("type", type)
                .put("requestId", id)
                .toBuffer();
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            return request.connection().close();
        }
        response.setStatusCode(status).putHeader(REQUEST_ID_HEADER, id).putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE);
        if (close) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        return response.end(body).andThen(done -> {
            if (close) {
                request.connection().close();
            }
        });
    }

    private static String hex(long value, int digits) {
        String h = Long.toHexString(value);
        return h.length() >= digits ? h : "0".repeat(digits - h.length()) + h;
    }

    /** Answers {@code status} with OFAuth's error envelope. */
    public static void error(RoutingContext ctx, int status, String type, String message) {
        error(ctx, status, type, message, null);
    }

    /** Answers {@code status} with OFAuth's error envelope, with {@code actionRequired} when given. */
    public static void error(RoutingContext ctx, int status, String type, String message, String actionRequired) {
        JsonObject body =
                new JsonObject().put("error", message).put("type", type).put("requestId", requestId(ctx));
        if (actionRequired != null) {
            body.put("actionRequired", actionRequired);
        }
        json(ctx, status, body.toBuffer());
    }

    /** Answers {@code status} with a JSON body. */
    public static void json(RoutingContext ctx, int status, JsonObject body) {
        json(ctx, status, body.toBuffer());
    }

    /** Answers {@code status} with a JSON body already encoded. */
    public static void json(RoutingContext ctx, int status, Buffer body) {
        requestId(ctx);
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE)
                .end(body);
    }
}
