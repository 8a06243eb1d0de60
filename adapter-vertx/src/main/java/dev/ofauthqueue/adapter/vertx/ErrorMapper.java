package dev.ofauthqueue.adapter.vertx;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns an error answer into the {@link OfAuthException} family. Reads both envelopes OFAuth has used
 * ({@code {error, type, requestId, actionRequired}} and {@code {message|error, code, details}}) and plain-text or
 * HTML bodies; the message is OFAuth's own text, never a header.
 */
final class ErrorMapper {

    private static final int MAX_MESSAGE = 300;

    private ErrorMapper() {}

    record Envelope(String message, String type, String requestId, String actionRequired) {}

    static Envelope envelope(String body, String contentType, String headerRequestId) {
        JsonNode tree = WireMapper.tree(body);
        if (tree != null && tree.isObject()) {
            String message = firstText(tree, "error", "message");
            String type = firstText(tree, "type", "code");
            String requestId = firstText(tree, "requestId", "request_id");
            String action = firstText(tree, "actionRequired");
            return new Envelope(
                    message == null ? shorten(body) : shorten(message),
                    type,
                    requestId != null ? requestId : headerRequestId,
                    action);
        }
        boolean html =
                (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))
                        || (body != null && body.stripLeading().startsWith("<"));
        String text = body == null
                ? ""
                : html
                        ? body.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
                                .replaceAll("<[^>]*>", " ")
                        : body;
        return new Envelope(shorten(text.replaceAll("\\s+", " ").trim()), null, headerRequestId, null);
    }

    private static String firstText(JsonNode tree, String... fields) {
        for (String field : fields) {
            JsonNode node = tree.get(field);
            if (node != null && node.isTextual() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return null;
    }

    private static String shorten(String text) {
        if (text == null || text.isEmpty()) {
            return "(no message)";
        }
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    static OfAuthException toException(String what, int status, Envelope e, Duration retryAfter) {
        String message = what + " failed: " + e.message();
        if (status == 401) {
            return new OfAuthException.Authentication(message, status, e.type(), e.requestId(), e.actionRequired());
        }
        if (status == 403) {
            return new OfAuthException.Permission(message, status, e.type(), e.requestId());
        }
        if (status == 404) {
            return new OfAuthException.NotFound(message, status, e.type(), e.requestId());
        }
        if (status == 429) {
            return new OfAuthException.RateLimited(message, status, e.type(), e.requestId(), retryAfter);
        }
        if (status >= 500) {
            return new OfAuthException.Server(message, status, e.type(), e.requestId());
        }
        return new OfAuthException.BadRequest(message, status, e.type(), e.requestId());
    }
}
