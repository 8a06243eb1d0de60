package dev.ofauthqueue.ports.service;

import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as a JSON object in OFAuth's field names, for the archive when a port has no wire form of its own (an
 * in-memory port). Holds what the domain models; a port with a wire form hands over OFAuth's JSON instead.
 */
final class ArchivedMessageJson {

    private ArchivedMessageJson() {}

    static String of(ScheduledMassMessage m) {
        StringBuilder out = new StringBuilder("{");
        field(out, "id", Long.toString(m.id().value()));
        m.queueId().ifPresent(q -> field(out, "queueId", Long.toString(q)));
        field(out, "date", instant(m.sendAt()));
        field(out, "text", string(m.text()));
        field(out, "textCropped", string(m.textCropped()));
        field(out, "price", string(m.price().toString()));
        field(out, "isFree", Boolean.toString(m.free()));
        field(out, "lockedText", Boolean.toString(m.lockedText()));
        field(out, "isTip", Boolean.toString(m.tip()));
        StringBuilder types = new StringBuilder("{");
        for (MediaType type : MediaType.values()) {
            if (m.media().has(type)) {
                types.append(types.length() > 1 ? "," : "")
                        .append(string(type.apiName()))
                        .append(':')
                        .append(m.media().count(type));
            }
        }
        field(out, "mediaTypes", types.append('}').toString());
        field(out, "mediaCount", Integer.toString(m.media().mediaCount()));
        field(out, "media", ids(m.media().mediaIds()));
        field(out, "previews", numbers(m.media().previewIds()));
        field(out, "sentCount", Long.toString(m.sentCount()));
        field(out, "viewedCount", Long.toString(m.viewedCount()));
        field(out, "purchasedCount", Long.toString(m.purchasedCount()));
        field(out, "canUnsend", Boolean.toString(m.canUnsend()));
        field(out, "unsendSeconds", Long.toString(m.unsendSeconds()));
        field(out, "cancelSeconds", Long.toString(m.cancelSeconds()));
        field(out, "isCanceled", Boolean.toString(m.canceled()));
        field(out, "hasError", Boolean.toString(m.failed()));
        field(out, "createdAt", instant(m.createdAt()));
        field(out, "changedAt", instant(m.changedAt()));
        m.sender()
                .ifPresent(s -> field(
                        out,
                        "fromUser",
                        "{\"id\":" + s.id()
                                + s.name().map(n -> ",\"name\":" + string(n)).orElse("") + "}"));
        m.replyTo().ifPresent(r -> field(out, "replyToMessage", "{\"id\":" + r.value() + "}"));
        return out.append('}').toString();
    }

    private static void field(StringBuilder out, String name, String json) {
        out.append(out.length() > 1 ? "," : "").append(string(name)).append(':').append(json);
    }

    private static String instant(Optional<Instant> value) {
        return value.map(i -> string(i.toString())).orElse("null");
    }

    private static String ids(List<Long> ids) {
        StringBuilder out = new StringBuilder("[");
        for (Long id : ids) {
            out.append(out.length() > 1 ? "," : "")
                    .append("{\"id\":")
                    .append(id)
                    .append('}');
        }
        return out.append(']').toString();
    }

    private static String numbers(List<Long> values) {
        StringBuilder out = new StringBuilder("[");
        for (Long v : values) {
            out.append(out.length() > 1 ? "," : "").append(v);
        }
        return out.append(']').toString();
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
