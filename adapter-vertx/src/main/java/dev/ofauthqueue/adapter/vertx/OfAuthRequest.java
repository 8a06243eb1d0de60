package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.ConnectionId;
import org.jspecify.annotations.Nullable;

/**
 * One logical request to OFAuth, sent as one or more attempts.
 *
 * @param method     GET, POST, PUT or DELETE
 * @param route      the path template, as logged ({@code /v2/access/mass-messages/{id}}): never an id or a secret
 * @param path       the path with its query
 * @param connection whose behalf (sent as {@code x-connection-id}, never logged)
 * @param body       the JSON body, or null
 * @param pacing     who paces the request: the client (every attempt takes a token, 429 is retried) or the caller
 *                   (the caller took the first attempt's token and handles 429 itself)
 */
record OfAuthRequest(
        String method,
        String route,
        String path,
        ConnectionId connection,
        @Nullable String body,
        Pacing pacing) {

    /** Who paces a request. */
    enum Pacing {
        /** The client: every attempt takes a token from the rate budget, and a 429 is retried. */
        CLIENT,
        /**
         * The caller (a deletion job): it took the first attempt's token before asking for a concurrency slot, and a
         * 429 ends the request so that the caller can put the message back in line without holding the slot.
         */
        CALLER
    }

    /** A request the client paces. */
    OfAuthRequest(String method, String route, String path, ConnectionId connection, @Nullable String body) {
        this(method, route, path, connection, body, Pacing.CLIENT);
    }

    /** {@code DELETE /v2/access/mass-messages/scheduled/{id}}: what failures and logs call this request. */
    String describe() {
        return method + " " + route;
    }
}
