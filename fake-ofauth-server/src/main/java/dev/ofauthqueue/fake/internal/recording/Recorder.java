package dev.ofauthqueue.fake.internal.recording;

import dev.ofauthqueue.fake.FakeClock;
import dev.ofauthqueue.fake.RecordMode;
import dev.ofauthqueue.fake.internal.http.GuardTime;
import dev.ofauthqueue.fake.internal.http.Responses;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
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
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * Set on an answer passed on whose recording could not be written (a full disk, a file where a directory must
     * be): the caller's request ran upstream all the same.
     */
    static final String RECORDING_ERROR = "X-Fake-Recording-Error";

    /** The largest answer from the recorded server that is passed on and kept; a larger one is refused with 502. */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    /** How long the recorded server has to answer in full, connection included, before the caller gets a 502. */
    static final long ANSWER_DEADLINE_MILLIS = 30_000;

    private final RecordMode mode;
    private final HttpClient client;
    private final GuardTime time;
    private final Clock clock;
    /** When the first answer was recorded: the recordings' {@code recordedAt}; null until then. */
    private Instant recordedAt;

    private final Map<String, String> keyPseudonyms = new LinkedHashMap<>();
    private final Map<String, String> connectionPseudonyms = new LinkedHashMap<>();
    private final Map<String, Set<String>> connectionsByKey = new LinkedHashMap<>();
    private final Map<String, Map<Long, JsonObject>> items = new LinkedHashMap<>();
    private final Set<String> readOnly = new LinkedHashSet<>();
    private final Set<String> expired = new LinkedHashSet<>();

    /**
     * A recorder proxying to {@code mode.from()} and writing to {@code mode.to()}, on Vert.x's timers and, for an
     * answer without a usable {@code Date} header, this machine's clock.
     *
     * @param vertx its HTTP client's home
     * @param mode  where from and where to
     */
    public Recorder(Vertx vertx, RecordMode mode) {
        this(vertx, mode, GuardTime.of(vertx), Clock.systemUTC());
    }

    Recorder(Vertx vertx, RecordMode mode, GuardTime time, Clock clock) {
        this.mode = mode;
        this.client = vertx.createHttpClient();
        this.time = time;
        this.clock = clock;
    }

    /** An answer from the recorded server, read in full. */
    private record Answer(HttpClientResponse response, Buffer body) {}

    /** Why the recorded server's answer is not passed on; its message is the caller's 502. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        String target =
                mode.from().toString().replaceAll("/$", "") + ctx.request().uri();
        RequestOptions options =
                new RequestOptions().setMethod(ctx.request().method()).setAbsoluteURI(target);
        Buffer body = ctx.body() == null || ctx.body().buffer() == null
                ? Buffer.buffer()
                : ctx.body().buffer();
        // One deadline for connecting, sending and reading the whole answer: a server that trickles bytes, or never
        // ends its answer, gets the connection closed, and the caller a 502.
        Promise<Answer> answered = Promise.promise();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        Context context = ctx.vertx().getOrCreateContext();
        long deadline = time.setTimer(
                ANSWER_DEADLINE_MILLIS,
                id -> context.runOnContext(v -> {
                    if (answered.tryFail(
                            new Refused("it did not answer in full within " + ANSWER_DEADLINE_MILLIS / 1000 + " s"))) {
                        close(sent.get());
                    }
                }));
        client.request(options).onFailure(answered::tryFail).onSuccess(request -> {
            sent.set(request);
            if (answered.future().isComplete()) {
                close(request);
                return;
            }
            FORWARDED.forEach(h -> {
                String v = ctx.request().getHeader(h);
                if (v != null) {
                    request.putHeader(h, v);
                }
            });
            request.send(body)
                    .onFailure(answered::tryFail)
                    .onSuccess(response -> readBounded(request, response, answered));
        });
        answered.future()
                .onComplete(done -> time.cancelTimer(deadline))
                .onSuccess(answer -> passOn(ctx, answer))
                .onFailure(failure -> Responses.error(
                        ctx,
                        502,
                        "PROXY_ERROR",
                        (failure instanceof Refused
                                        ? "Record mode refused the answer of "
                                        : "Record mode could not reach ")
                                + mode.from() + ": " + failure.getMessage()));
    }

    /** Reads the answer up to {@link #MAX_ANSWER_BYTES}; beyond, the connection is closed and the answer refused. */
    private static void readBounded(HttpClientRequest request, HttpClientResponse response, Promise<Answer> answered) {
        Refused tooLarge = new Refused("it was over " + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB");
        if (declaredLength(response) > MAX_ANSWER_BYTES) {
            answered.tryFail(tooLarge); // before reading a byte of it
            close(request);
            return;
        }
        Buffer received = Buffer.buffer();
        response.exceptionHandler(answered::tryFail);
        response.handler(chunk -> {
            if (answered.future().isComplete()) {
                return;
            }
            if (received.length() + chunk.length() > MAX_ANSWER_BYTES) {
                answered.tryFail(tooLarge);
                close(request);
                return;
            }
            received.appendBuffer(chunk);
        });
        response.endHandler(v -> answered.tryComplete(new Answer(response, received)));
    }

    /** The answer's {@code Content-Length}, or -1 without one (the bounded read still applies). */
    private static long declaredLength(HttpClientResponse response) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void close(HttpClientRequest request) {
        if (request != null) {
            request.connection().close();
        }
    }

    /** Records the answer (off the event loop, in arrival order), then gives it to the caller. */
    private void passOn(RoutingContext ctx, Answer answer) {
        HttpClientResponse response = answer.response();
        RETURNED.forEach(h -> {
            String v = response.getHeader(h);
            if (v != null) {
                ctx.response().putHeader(h, v);
            }
        });
        String key = ctx.request().getHeader("apiKey");
        String connection = ctx.request().getHeader("x-connection-id");
        String method = ctx.request().method().name();
        Instant answeredAt = answeredAt(response);
        // Files are written before the caller gets its answer: once a client has an answer, the recording holds it.
        ctx.vertx()
                .executeBlocking(() -> {
                    record(
                            key,
                            connection,
                            method,
                            response.statusCode(),
                            answer.body().toString(StandardCharsets.UTF_8),
                            answeredAt);
                    return null;
                })
                .onComplete(written -> {
                    if (written.failed()) {
                        // The request ran upstream, so its answer is the truth and is passed on; what failed is this
                        // fake's copy, which the caller (and the operator, in the log) is told of beside the answer.
                        LOG.log(Level.SEVERE, "record mode could not write " + mode.to(), written.cause());
                        ctx.response().putHeader(RECORDING_ERROR, notRecorded(written.cause()));
                    }
                    ctx.response().setStatusCode(response.statusCode()).end(answer.body());
                });
    }

    /** The {@link #RECORDING_ERROR} header's value: printable ASCII, at most 300 characters. */
    private String notRecorded(Throwable failure) {
        Throwable cause = failure instanceof UncheckedIOException io ? io.getCause() : failure;
        String text = "not recorded: could not write " + mode.to() + ": "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        StringBuilder printable = new StringBuilder(Math.min(text.length(), 300));
        for (int i = 0; i < text.length() && printable.length() < 300; i++) {
            char c = text.charAt(i);
            printable.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return printable.toString();
    }

    /**
     * When the recorded server answered: its {@code Date} header, the server's own time, if it is one
     * (RFC 1123, from {@link FakeClock#EARLIEST} to {@link FakeClock#LATEST}); otherwise the clock's reading.
     */
    private Instant answeredAt(HttpClientResponse response) {
        String date = response.getHeader(HttpHeaders.DATE);
        if (date != null && date.length() <= 64) {
            try {
                Instant stated = DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.strip(), Instant::from);
                if (!stated.isBefore(FakeClock.EARLIEST) && stated.isBefore(FakeClock.LATEST)) {
                    return stated;
                }
            } catch (DateTimeParseException e) {
                // not a date: this machine's clock says when
            }
        }
        return clock.instant();
    }

    private synchronized void record(
            String key, String connection, String method, int status, String answer, Instant answeredAt) {
        if (key == null || connection == null) {
            return;
        }
        if (recordedAt == null) {
            recordedAt = answeredAt;
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
        write();
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
