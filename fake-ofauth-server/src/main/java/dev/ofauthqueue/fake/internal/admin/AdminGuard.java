package dev.ofauthqueue.fake.internal.admin;

import dev.ofauthqueue.fake.internal.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * What an admin request must show before the admin API acts on it, so that no web page open beside the fake can drive
 * it (the fake runs on developers' machines, next to a browser):
 *
 * <ul>
 *   <li>the admin token, when the fake was given one ({@code Authorization: Bearer <token>}): 401 otherwise;
 *   <li>no {@code Origin} but the fake's own (a cross-origin page's request carries its own): 403 otherwise;
 *   <li>for a write (anything but GET and HEAD), {@code Content-Type: application/json}, which a page can only send
 *       cross-origin after a CORS preflight the fake never approves: 415 otherwise.
 * </ul>
 */
final class AdminGuard implements Handler<RoutingContext> {

    private final Optional<byte[]> token;

    AdminGuard(Optional<String> token) {
        this.token = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (token.isPresent() && !tokenMatches(ctx.request().getHeader("Authorization"))) {
            Responses.error(
                    ctx, 401, "UNAUTHORIZED", "The admin API needs the admin token: Authorization: Bearer <token>");
            return;
        }
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin(ctx))) {
            Responses.error(ctx, 403, "FORBIDDEN", "The admin API answers no other origin than the fake's own");
            return;
        }
        HttpMethod method = ctx.request().method();
        if (!HttpMethod.GET.equals(method)
                && !HttpMethod.HEAD.equals(method)
                && !json(ctx.request().getHeader("Content-Type"))) {
            Responses.error(
                    ctx,
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    "Admin writes need Content-Type: application/json (bodyless ones too)");
            return;
        }
        ctx.next();
    }

    private boolean tokenMatches(String header) {
        // Constant-time: the comparison does not tell how much of a guess was right.
        return header != null && MessageDigest.isEqual(token.orElseThrow(), header.getBytes(StandardCharsets.UTF_8));
    }

    private static String ownOrigin(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        return (ctx.request().isSSL() ? "https://" : "http://") + (host == null ? "" : host);
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }
}
