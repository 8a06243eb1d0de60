package dev.ofauthqueue.fake.internal.recording;

import dev.ofauthqueue.fake.RecordMode;
import dev.ofauthqueue.fake.internal.http.Responses;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The record-mode proxy: forwards each {@code /v2/access} request, answers the caller with what came back, and
 * keeps every queue item seen, pseudonymized, in a recording set it rewrites after each answer.
 */
public final class Recorder implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger(Recorder.class.getName());
    private static final List<String> FORWARDED =
            List.of("apiKey", "x-connection-id", "Content-Type", "Accept", "User-Agent");
    private static final List<String> RETURNED = List.of(
            "Content-Type",
            "X-Request-Id",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
            "Retry-After");

    private final RecordMode mode;
    private final HttpClient client;
    private final Instant recordedAt = Instant.now();
    private final Map<String, String> keyPseudonyms = new LinkedHashMap<>();
    private final Map<String, String> connectionPseudonyms = new LinkedHashMap<>();
    private final Map<String, Set<String>> connectionsByKey = new LinkedHashMap<>();
    private final Map<String, Map<Long, JsonObject>> items = new LinkedHashMap<>();
    private final Set<String> readOnly = new LinkedHashSet<>();
    private final Set<String> expired = new LinkedHashSet<>();

    /**
     * A recorder proxying to {@code mode.from()} and writing to {@code mode.to()}.
     *
     * @param vertx its HTTP client's home
     * @param mode  where from and where to
     */
    public Recorder(Vertx vertx, RecordMode mode) {
        this.mode = mode;
        this.client = vertx.createHttpClient();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String target =
                mode.from().toString().replaceAll("/$", "") + ctx.request().uri();
        RequestOptions options = new RequestOptions()
                .setMethod(ctx.request().method())
                .setAbsoluteURI(target)
                .setTimeout(30_000);
        Buffer body = ctx.body() == null || ctx.body().buffer() == null
                ? Buffer.buffer()
                : ctx.body().buffer();
        client.request(options)
                .compose(request -> {
                    FORWARDED.forEach(h -> {
                        String v = ctx.request().getHeader(h);
                        if (v != null) {
                            request.putHeader(h, v);
                        }
                    });
                    return request.send(body);
                })
                .compose(response -> response.body().map(answer -> new Object[] {response, answer}))
                .onSuccess(pair -> {
                    HttpClientResponse response = (HttpClientResponse) pair[0];
                    Buffer answer = (Buffer) pair[1];
                    RETURNED.forEach(h -> {
                        String v = response.getHeader(h);
                        if (v != null) {
                            ctx.response().putHeader(h, v);
                        }
                    });
                    String key = ctx.request().getHeader("apiKey");
                    String connection = ctx.request().getHeader("x-connection-id");
                    String method = ctx.request().method().name();
                    // Files are written off the event loop, in arrival order, before the caller gets its answer:
                    // once a client has an answer, the recording holds it.
                    ctx.vertx()
                            .executeBlocking(() -> {
                                record(
                                        key,
                                        connection,
                                        method,
                                        response.statusCode(),
                                        answer.toString(StandardCharsets.UTF_8));
                                return null;
                            })
                            .onComplete(written -> ctx.response()
                                    .setStatusCode(response.statusCode())
                                    .end(answer));
                })
                .onFailure(failure -> Responses.error(
                        ctx,
                        502,
                        "PROXY_ERROR",
                        "Record mode could not reach " + mode.from() + ": " + failure.getMessage()));
    }

    private synchronized void record(String key, String connection, String method, int status, String answer) {
        if (key == null || connection == null) {
            return;
        }
        String keyAlias = keyPseudonyms.computeIfAbsent(key, k -> "rec-api-key-" + (keyPseudonyms.size() + 1));
        String connAlias =
                connectionPseudonyms.computeIfAbsent(connection, c -> "conn_rec" + (connectionPseudonyms.size() + 1));
        connectionsByKey.computeIfAbsent(keyAlias, k -> new LinkedHashSet<>()).add(connAlias);
        items.computeIfAbsent(connAlias, c -> new TreeMap<>());
        if (status == 403 && !method.equals("GET")) {
            readOnly.add(connAlias);
        }
        if (status == 401 && answer.contains("SESSION_EXPIRED")) {
            expired.add(connAlias);
        }
        if (status >= 200 && status < 300) {
            collect(connAlias, answer);
        }
        try {
            write();
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "record mode could not write " + mode.to(), e);
        }
    }

    private void collect(String connAlias, String answer) {
        Object json;
        try {
            json = answer.trim().startsWith("[") ? new JsonArray(answer) : new JsonObject(answer);
        } catch (DecodeException e) {
            return;
        }
        if (json instanceof JsonObject o) {
            if (o.getValue("list") instanceof JsonArray list) {
                list.forEach(i -> keep(connAlias, i));
            } else if (o.getValue("queue") instanceof JsonObject queue) {
                keep(connAlias, queue);
            } else if (o.containsKey("text") || o.containsKey("sentCount")) {
                keep(connAlias, o);
            }
        }
    }

    private void keep(String connAlias, Object item) {
        if (item instanceof JsonObject o && o.getValue("id") instanceof Number id && id.longValue() > 0) {
            items.get(connAlias).put(id.longValue(), (JsonObject) scrub(o.copy()));
        }
    }

    /** Masks configured fields and replaces any real key or connection id inside values with its pseudonym. */
    private Object scrub(Object node) {
        if (node instanceof JsonObject o) {
            for (String field : List.copyOf(o.fieldNames())) {
                Object value = o.getValue(field);
                if (mode.maskFields().contains(field) && value != null) {
                    o.put(field, value instanceof Number ? (Object) 0 : "***");
                } else {
                    o.put(field, scrub(value));
                }
            }
            return o;
        }
        if (node instanceof JsonArray a) {
            JsonArray out = new JsonArray();
            a.forEach(v -> out.add(scrub(v)));
            return out;
        }
        if (node instanceof String s) {
            String out = s;
            for (Map.Entry<String, String> e : keyPseudonyms.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            for (Map.Entry<String, String> e : connectionPseudonyms.entrySet()) {
                out = out.replace(e.getKey(), e.getValue());
            }
            return out;
        }
        return node;
    }

    private void write() {
        try {
            Path dir = mode.to();
            Files.createDirectories(dir.resolve("queues"));
            JsonArray connections = new JsonArray();
            for (Map.Entry<String, Map<Long, JsonObject>> e : items.entrySet()) {
                String file = "queues/" + e.getKey() + ".json";
                atomicWrite(
                        dir.resolve(file),
                        new JsonObject()
                                .put(
                                        "items",
                                        new JsonArray(List.copyOf(e.getValue().values())))
                                .encodePrettily());
                JsonArray permissions = new JsonArray().add("messages:read");
                if (!readOnly.contains(e.getKey())) {
                    permissions.add("messages:write");
                }
                connections.add(new JsonObject()
                        .put("id", e.getKey())
                        .put("permissions", permissions)
                        .put("session", expired.contains(e.getKey()) ? "expired" : "active")
                        .put("queue", file));
            }
            JsonArray keys = new JsonArray();
            connectionsByKey.forEach((k, conns) ->
                    keys.add(new JsonObject().put("key", k).put("connections", new JsonArray(List.copyOf(conns)))));
            JsonObject manifest = new JsonObject()
                    .put("format", 1)
                    .put(
                            "description",
                            "Recorded by fake-ofauth-server from " + mode.from().getHost()
                                    + "; API keys and connection ids are pseudonyms.")
                    .put("recordedAt", recordedAt.toString())
                    .put("apiKeys", keys)
                    .put("connections", connections);
            atomicWrite(dir.resolve("manifest.json"), manifest.encodePrettily());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void atomicWrite(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
