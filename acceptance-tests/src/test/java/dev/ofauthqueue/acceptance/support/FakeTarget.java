package dev.ofauthqueue.acceptance.support;

import dev.ofauthqueue.fake.FakeClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running fake, driven the way a partner drives it from outside: through its HTTP admin API only (clock, faults,
 * journal, reset). The same handle serves an in-process fake and the standalone jar in its own process.
 */
public final class FakeTarget implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern NOW = Pattern.compile("\"now\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final String baseUrl;
    private final Runnable stop;
    /** Runs at the machine's pace from the fake's last known instant, as the fake's own clock does. */
    private final FakeClock clock = new FakeClock(Instant.EPOCH);

    public FakeTarget(String baseUrl, Runnable stop) {
        this.baseUrl = baseUrl;
        this.stop = stop;
        clock.set(readNow());
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A clock that agrees with the fake's: hand it to the library's service. */
    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return readNow();
    }

    public void setClock(Instant instant) {
        clock.set(parseNow(admin("POST", "/__admin/clock", "{\"now\":\"" + instant + "\"}")));
    }

    public void reset() {
        admin("POST", "/__admin/reset", "");
        clock.set(readNow());
    }

    /** Adds a fault through the admin API, e.g. {@code {"method":"DELETE","times":1,"action":{"type":"reset"}}}. */
    public void addFault(String json) {
        admin("POST", "/__admin/faults", json);
    }

    /** How many requests the journal holds that match, faulted or not ({@code GET /__admin/requests}). */
    public int requests(String method, String pathRegex, Integer status) {
        return count(method, pathRegex, status, "");
    }

    /** How many matching requests the fake really served: no fault fired on them. */
    public int served(String method, String pathRegex, Integer status) {
        return count(method, pathRegex, status, "&faulted=false");
    }

    private int count(String method, String pathRegex, Integer status, String extra) {
        StringBuilder query = new StringBuilder("?method=").append(method).append(extra);
        if (pathRegex != null) {
            query.append("&path=").append(URLEncoder.encode(pathRegex, StandardCharsets.UTF_8));
        }
        if (status != null) {
            query.append("&status=").append(status);
        }
        Matcher m = COUNT.matcher(admin("GET", "/__admin/requests" + query, null));
        if (!m.find()) {
            throw new IllegalStateException("the journal answer has no count");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The whole journal as the admin API answers it, for failure messages. */
    public String journal() {
        return admin("GET", "/__admin/requests", null);
    }

    private Instant readNow() {
        return parseNow(admin("GET", "/__admin/clock", null));
    }

    private static Instant parseNow(String body) {
        Matcher m = NOW.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("the clock answer has no now: " + body);
        }
        return Instant.parse(m.group(1));
    }

    private String admin(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        try {
            HttpResponse<String> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop.run();
    }
}
