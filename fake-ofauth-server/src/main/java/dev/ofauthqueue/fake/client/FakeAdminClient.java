package dev.ofauthqueue.fake.client;

import dev.ofauthqueue.fake.FakeAdmin;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.Faults;
import dev.ofauthqueue.fake.InvalidRecordingsException;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.QueueSnapshot;
import dev.ofauthqueue.fake.internal.admin.QueueSnapshotJson;
import dev.ofauthqueue.fake.internal.fault.FaultJson;
import dev.ofauthqueue.fake.internal.journal.JournalJson;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * The fake's {@link FakeAdmin} over HTTP, for tests that drive a fake running in another process (the standalone jar,
 * a container). Blocking, thread-safe, and answers as the in-process fake does: an instant outside the clock's window
 * or a malformed fault is an {@link IllegalArgumentException}, a broken recording set an
 * {@link InvalidRecordingsException}; anything else the admin API refuses is an {@link IllegalStateException} naming
 * the call and the answer.
 *
 * <pre>{@code
 * FakeAdmin fake = FakeAdminClient.to("http://127.0.0.1:8080");
 * fake.advanceClock(Duration.ofHours(2));
 * fake.addFault(Fault.matching("DELETE", ".*").times(1).then(new FaultAction.Status(503, 0)));
 * }</pre>
 */
public final class FakeAdminClient implements FakeAdmin {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final String baseUrl;
    private final Optional<String> token;

    private FakeAdminClient(String baseUrl, Optional<String> token) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /**
     * A client of the fake at {@code baseUrl}.
     *
     * @param baseUrl for example {@code http://127.0.0.1:8080}
     * @return the client
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    public static FakeAdminClient to(String baseUrl) {
        return new FakeAdminClient(checked(baseUrl), Optional.empty());
    }

    /**
     * A client of a fake started with {@code --admin-token}.
     *
     * @param baseUrl for example {@code http://10.0.0.5:8080}
     * @param token   the admin token, sent as {@code Authorization: Bearer} on every call
     * @return the client
     */
    public static FakeAdminClient to(String baseUrl, String token) {
        return new FakeAdminClient(checked(baseUrl), Optional.of(Objects.requireNonNull(token, "token")));
    }

    private static String checked(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl is not a URL: " + baseUrl, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be http(s)://host:port, was " + baseUrl);
        }
        return baseUrl;
    }

    @Override
    public Instant now() {
        return instant(call("GET", "/__admin/clock", null));
    }

    @Override
    public Instant setClock(Instant instant) {
        return instant(call("POST", "/__admin/clock", new JsonObject().put("now", instant.toString())));
    }

    @Override
    public Instant advanceClock(Duration by) {
        if (by.getNano() != 0) {
            throw new IllegalArgumentException("the admin API moves the clock by whole seconds, was " + by);
        }
        return instant(call("POST", "/__admin/clock", new JsonObject().put("advanceSeconds", by.getSeconds())));
    }

    @Override
    public void reset() {
        call("POST", "/__admin/reset", new JsonObject());
    }

    @Override
    public String addFault(Fault fault) {
        return call("POST", "/__admin/faults", FaultJson.toJson(fault)).getString("id");
    }

    @Override
    public List<Faults.ActiveFault> activeFaults() {
        List<Faults.ActiveFault> out = new ArrayList<>();
        for (Object o : call("GET", "/__admin/faults", null).getJsonArray("faults")) {
            JsonObject j = (JsonObject) o;
            Integer remaining = j.getInteger("remaining");
            out.add(new Faults.ActiveFault(
                    j.getString("id"),
                    FaultJson.fromJson(j),
                    remaining == null ? OptionalInt.empty() : OptionalInt.of(remaining)));
        }
        return out;
    }

    @Override
    public boolean removeFault(String id) {
        Answer answer = send("DELETE", "/__admin/faults/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
        if (answer.status() == 404) {
            return false;
        }
        answer.require("DELETE /__admin/faults/{id}");
        return true;
    }

    @Override
    public void clearFaults() {
        call("DELETE", "/__admin/faults", null);
    }

    @Override
    public List<Journal.Entry> requests(Journal.Query query) {
        StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
        query.method().ifPresent(m -> params.add("method=" + encode(m)));
        query.path().ifPresent(p -> params.add("path=" + encode(p)));
        query.connection().ifPresent(c -> params.add("connection=" + encode(c)));
        query.status().ifPresent(s -> params.add("status=" + s));
        query.faulted().ifPresent(f -> params.add("faulted=" + f));
        List<Journal.Entry> out = new ArrayList<>();
        for (Object o : call("GET", "/__admin/requests" + params, null).getJsonArray("requests")) {
            out.add(JournalJson.fromJson((JsonObject) o));
        }
        return out;
    }

    @Override
    public long requestsDropped() {
        return call("GET", "/__admin/requests?method=-", null).getLong("dropped");
    }

    @Override
    public void clearRequests() {
        call("DELETE", "/__admin/requests", null);
    }

    @Override
    public void reloadRecordings() {
        Answer answer = send("POST", "/__admin/recordings/reload", new JsonObject());
        if (answer.status() == 422) {
            throw new InvalidRecordingsException(answer.error());
        }
        answer.require("POST /__admin/recordings/reload");
    }

    @Override
    public Optional<QueueSnapshot> queueSnapshot(String connectionId) {
        Answer answer = send("GET", "/__admin/connections/" + encode(connectionId) + "/queue", null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(QueueSnapshotJson.fromJson(answer.require("GET /__admin/connections/{id}/queue")));
    }

    @Override
    public String toString() {
        return "FakeAdminClient[" + baseUrl + "]";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Instant instant(JsonObject body) {
        return Instant.parse(body.getString("now"));
    }

    /** Sends and requires a 2xx; a 400 is the caller's mistake ({@link IllegalArgumentException}). */
    private JsonObject call(String method, String path, JsonObject body) {
        Answer answer = send(method, path, body);
        if (answer.status() == 400) {
            throw new IllegalArgumentException(answer.error());
        }
        return answer.require(method + " " + path.replaceAll("\\?.*", ""));
    }

    private Answer send(String method, String path, JsonObject body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (!"GET".equals(method)) {
            // The admin API takes writes only as JSON: a web page cannot send that without the fake's consent.
            request.header("Content-Type", "application/json");
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the fake's admin API at " + baseUrl + " did not answer " + method + " " + path + ": "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the fake's admin API", e);
        }
    }

    private record Answer(int status, String body) {
        JsonObject require(String what) {
            if (status < 200 || status >= 300) {
                throw new IllegalStateException(what + " answered " + status + ": " + error());
            }
            try {
                return new JsonObject(body);
            } catch (DecodeException | ClassCastException e) {
                throw new IllegalStateException(what + " answered something other than JSON: " + body, e);
            }
        }

        /** The envelope's text, or the raw body. */
        String error() {
            try {
                String text = new JsonObject(body).getString("error");
                return text == null ? body : text;
            } catch (DecodeException | ClassCastException e) {
                return body;
            }
        }
    }
}
