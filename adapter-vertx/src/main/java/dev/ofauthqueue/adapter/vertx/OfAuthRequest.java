package dev.ofauthqueue.adapter.vertx;

import dev.ofauthqueue.domain.ConnectionId;
import org.jspecify.annotations.Nullable;

/**
 * One logical request to OFAuth, sent as one or more attempts.
 *
 * @param method     GET, POST, PUT or DELETE
 * @param route      the path template, as logged ({@code /v2/access/mass-messages/{id}}): never an id or a secret
 * @param path       the path with its query
 * @param connection whose behalf (sent as {@code x-connection-id}, never logged)
 * @param body       the JSON body, or null
 */
record OfAuthRequest(
        String method,
        String route,
        String path,
        ConnectionId connection,
        @Nullable String body) {

    /** {@code DELETE /v2/access/mass-messages/scheduled/{id}}: what failures and logs call this request. */
    String describe() {
        return method + " " + route;
    }
}
