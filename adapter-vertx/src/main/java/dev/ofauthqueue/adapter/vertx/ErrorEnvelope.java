package dev.ofauthqueue.adapter.vertx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What an error answer says, read from either envelope OFAuth has used ({@code {error, type, requestId,
 * actionRequired}} and {@code {message|error, code, details}}) or from a plain-text or HTML page. The message is the
 * server's own text, shortened, never a header.
 *
 * @param message        the server's text, or {@code (no message)}
 * @param type           OFAuth's {@code type} (or {@code code}), if any, as a {@link ServerTokens token}
 * @param requestId      the body's {@code requestId}, else the {@code X-Request-Id} header (already a token), if any
 * @param actionRequired OFAuth's {@code actionRequired}, if any
 */
record ErrorEnvelope(
        String message,
        @Nullable String type,
        @Nullable String requestId,
        @Nullable String actionRequired) {

    private static final int MAX_MESSAGE = 300;

    static ErrorEnvelope read(String body, @Nullable String contentType, @Nullable String headerRequestId) {
        JsonNode tree = WireMapper.tree(body);
        if (tree != null && tree.isObject()) {
            String message = firstText(tree, "error", "message");
            String requestId = firstText(tree, "requestId", "request_id");
            return new ErrorEnvelope(
                    shorten(message == null ? body : message),
                    ServerTokens.token(firstText(tree, "type", "code"), ServerTokens.MAX_TYPE),
                    requestId != null ? ServerTokens.token(requestId, ServerTokens.MAX_REQUEST_ID) : headerRequestId,
                    firstText(tree, "actionRequired"));
        }
        boolean html =
                (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))
                        || body.stripLeading().startsWith("<");
        String text = html
                ? body.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ")
                : body;
        return new ErrorEnvelope(shorten(text.replaceAll("\\s+", " ").trim()), null, headerRequestId, null);
    }

    private static @Nullable String firstText(JsonNode tree, String... fields) {
        for (String field : fields) {
            JsonNode node = tree.get(field);
            if (node != null && node.isTextual() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return null;
    }

    private static String shorten(String text) {
        if (text.isEmpty()) {
            return "(no message)";
        }
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
