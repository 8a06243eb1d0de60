package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing, bounded in count and time: invalid requests generated from the OpenAPI description's operations
 * (bad parameters, ids, bodies, headers and methods) and raw malformed ones (request smuggling with both
 * {@code Content-Length} and {@code Transfer-Encoding}, broken chunks, bytes that are not HTTP). None may answer a 5xx
 * (but 505 for an HTTP version it does not speak); every error answered is in OFAuth's envelope. Every generated API
 * request is one the fake must refuse, so its state is exactly as before them. A smuggling attempt is framed as
 * {@code Transfer-Encoding} says (Netty drops the conflicting {@code Content-Length}): what follows the chunked body is
 * a request of its own, answered and journaled as one, never read as part of the first. Afterwards the fake still
 * answers a normal request.
 */
class FuzzTest {

    static final long SEED = 20261128L;
    static final String BASE = "/v2/access/mass-messages";

    static FakeOfAuthServer fake;
    static Http http;

    @BeforeAll
    static void start() {
        fake = FakeOfAuthServer.start(FakeServerOptions.builder()
                .port(0)
                .rateLimitOff()
                .headerTimeout(Duration.ofSeconds(2))
                .build());
        http = new Http(fake.baseUrl());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    /** What the fake holds: every item's id and state, and the JSON of those the clock cannot change. */
    static List<String> state() {
        List<String> out = new ArrayList<>();
        fake.queueSnapshot("conn_demo")
                .orElseThrow()
                .items()
                .forEach(
                        i -> out.add(i.id() + " " + i.state() + (i.state().equals("SCHEDULED") ? " " + i.json() : "")));
        return out;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void invalidRequestsFromTheDescriptionAndRawMalformedOnesNeverBreakTheFake() {
        Random random = new Random(SEED);
        List<String> before = state();
        List<String> problems = new ArrayList<>();

        for (int i = 0; i < 400; i++) {
            Request r = invalidApiRequest(random);
            RawHttp.Answer answer = RawHttp.exchange(fake.port(), r.raw());
            check("seed " + SEED + " #" + i + " " + r, answer.status(), answer.body(), true, problems);
        }
        assertThat(problems).isEmpty();
        assertThat(state()).isEqualTo(before);

        for (int i = 0; i < RAW.size(); i++) {
            RawHttp.Answer answer = RawHttp.exchange(fake.port(), RAW.get(i).getBytes(StandardCharsets.ISO_8859_1));
            check(
                    "raw #" + i + " " + RAW.get(i).replace("\r\n", "\\r\\n"),
                    answer.status(),
                    answer.body(),
                    false,
                    problems);
        }

        assertThat(problems).isEmpty();
        assertThat(http.demo("GET", BASE + "/5002").status()).isIn(200, 404);
        assertThat(http.demo("GET", BASE + "?type=scheduled&limit=20").status()).isEqualTo(200);
    }

    @Test
    void aSmuggledRequestIsARequestOfItsOwnNeverPartOfTheFirstBody() {
        fake.clearRequests();

        RawHttp.exchange(fake.port(), RAW.get(1).getBytes(StandardCharsets.ISO_8859_1));

        assertThat(fake.requests(Journal.query().method("POST").path(BASE))).hasSize(1);
        assertThat(fake.requests(Journal.query().method("DELETE").path(BASE + "/scheduled/5002")))
                .as("the bytes after the chunked body are read as the next request")
                .hasSize(1);
        fake.reset();
    }

    private static void check(String what, int status, String body, boolean mustRefuse, List<String> problems) {
        // 505 is the one 5xx a client causes on purpose: an HTTP version the fake does not speak.
        if (status >= 500 && status != 505) {
            problems.add(what + " -> " + status + " " + body);
        } else if (status >= 400 && !isEnvelope(body)) {
            problems.add(what + " -> " + status + " not in the envelope: " + body);
        } else if (mustRefuse && status >= 200 && status < 300) {
            problems.add(what + " -> " + status + ": accepted what must be refused");
        }
    }

    private static boolean isEnvelope(String body) {
        try {
            JsonObject json = new JsonObject(body);
            return json.getValue("error") instanceof String
                    && json.getValue("type") instanceof String
                    && json.getString("requestId", "").startsWith("req_");
        } catch (DecodeException | ClassCastException e) {
            return false;
        }
    }

    record Request(String method, String path, String body, Map<String, String> headers) {
        /** The request as bytes on the wire (one connection each, closed after the answer). */
        byte[] raw() {
            StringBuilder out = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((k, v) -> out.append(k).append(": ").append(v).append("\r\n"));
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            out.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
            byte[] head = out.toString().getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + content.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(content, 0, all, head.length, content.length);
            return all;
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + (body.length() > 80 ? body.substring(0, 80) : body))
                    + " " + headers.keySet();
        }
    }

    static final Map<String, String> DEMO = Map.of("apiKey", "demo-api-key", "x-connection-id", "conn_demo");
    static final Map<String, String> JSON =
            Map.of("apiKey", "demo-api-key", "x-connection-id", "conn_demo", "Content-Type", "application/json");

    static final List<String> BAD_IDS = List.of(
            "0",
            "-1",
            "05001",
            "abc",
            "1.5",
            "99999999999999999999",
            "%2e",
            "%35001",
            "5001%00",
            " 5001",
            "5001;x",
            "9999999");
    static final List<String> BAD_QUERIES = List.of(
            "limit=0",
            "limit=21",
            "limit=-1",
            "limit=abc",
            "limit=1e2",
            "offset=-1",
            "offset=x",
            "offset=99999999999",
            "type=later",
            "type=",
            "limit=2147483648",
            "limit=%",
            "type=%zz");
    static final List<Object> NOT_IDS = List.of(
            new JsonArray().add(0),
            new JsonArray().add(-7),
            new JsonArray().add(""),
            new JsonArray().addNull(),
            new JsonArray().add(true),
            new JsonArray().add(1.5),
            "x",
            new JsonObject(),
            5);

    /** For each field of the write body, values the schema forbids (and the fake's date rule). */
    static final Map<String, List<Object>> FORBIDDEN = Map.ofEntries(
            Map.entry("text", List.of(5, true, new JsonArray(), new JsonObject(), "a".repeat(10_001))),
            Map.entry("price", List.of(-1, 201, new BigDecimal("1e309"), "5", true, new JsonArray())),
            Map.entry("previewMediaCount", List.of(-1, 1.5, "1", true, new JsonObject())),
            Map.entry("mediaItems", NOT_IDS),
            Map.entry("userIds", NOT_IDS),
            Map.entry("userLists", NOT_IDS),
            Map.entry("excludeUserLists", NOT_IDS),
            Map.entry(
                    "userTags",
                    List.of(new JsonArray().add(0), new JsonArray().add("a"), new JsonArray().add(1.5), "x")),
            Map.entry(
                    "releaseForms",
                    List.of(
                            "x",
                            1,
                            new JsonArray(),
                            new JsonObject().put("users", "x"),
                            new JsonObject().put("guests", new JsonArray().add(0)))),
            Map.entry("isMarkdown", List.of("true", 1, new JsonArray())),
            Map.entry("isForwardedMessage", List.of("false", 0, new JsonObject())),
            Map.entry("isLockedText", List.of("yes", 1)),
            Map.entry(
                    "scheduledDate",
                    List.of(5, true, "not a date", "2020-01-01T00:00:00Z", "+10000-01-01T00:00:00+00:00")),
            Map.entry("subscribedAfterDate", List.of(5, true, new JsonArray())));

    static final List<String> BODY_FIELDS = List.copyOf(new TreeSet<>(FORBIDDEN.keySet()));

    /** A request every operation of the description must refuse: one thing broken, chosen by the seed. */
    static Request invalidApiRequest(Random random) {
        String id = BAD_IDS.get(random.nextInt(BAD_IDS.size()));
        return switch (random.nextInt(9)) {
            case 0 -> new Request("GET", BASE + "?" + BAD_QUERIES.get(random.nextInt(BAD_QUERIES.size())), null, DEMO);
            case 1 -> new Request("GET", BASE + "/" + id, null, DEMO);
            case 2 -> new Request("DELETE", BASE + "/scheduled/" + id, null, DEMO);
            case 3 -> new Request("DELETE", BASE + "/" + id, null, DEMO);
            case 4 -> new Request("PUT", BASE + "/" + id, "{\"text\":\"x\"}", JSON);
            case 5 -> new Request("POST", BASE, badBody(random), JSON);
            case 6 -> new Request("PUT", BASE + "/5002", badBody(random), JSON);
            case 7 ->
                new Request(
                        List.of("GET", "POST", "PUT", "DELETE").get(random.nextInt(4)),
                        BASE + "/" + (5001 + random.nextInt(30)),
                        null,
                        random.nextBoolean()
                                ? Map.of("apiKey", "wrong-key", "x-connection-id", "conn_demo")
                                : Map.of("apiKey", "demo-api-key", "x-connection-id", "conn_nobody"));
            default ->
                new Request(
                        List.of("PATCH", "PUT", "POST").get(random.nextInt(3)),
                        random.nextBoolean() ? BASE + "/scheduled/5001" : BASE + "/x/y/z",
                        null,
                        JSON);
        };
    }

    private static String badBody(Random random) {
        int kind = random.nextInt(5);
        if (kind == 0) {
            return List.of("[]", "\"x\"", "{", "null", "{\"text\":", "1", "{}}", "\u0000")
                    .get(random.nextInt(8));
        }
        JsonObject body = new JsonObject().put("text", "ok").put("scheduledDate", "2026-12-24T18:00:00+00:00");
        String field = BODY_FIELDS.get(random.nextInt(BODY_FIELDS.size()));
        List<Object> forbidden = FORBIDDEN.get(field);
        body.put(field, forbidden.get(random.nextInt(forbidden.size())));
        if (kind == 1) {
            body.putNull("text");
        }
        return body.encode();
    }

    static final String HOST = "Host: 127.0.0.1\r\n";
    static final String AUTH = "apiKey: demo-api-key\r\nx-connection-id: conn_demo\r\n";

    /** Raw requests no HTTP client would send. */
    static final List<String> RAW = List.of(
            // request smuggling: both lengths, hiding an admin reset and a delete in the body
            "POST " + BASE + " HTTP/1.1\r\n" + HOST + AUTH + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nPOST /__admin/reset HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
                    + "Content-Length: 0\r\n\r\n",
            "POST " + BASE + " HTTP/1.1\r\n" + HOST + AUTH + "Transfer-Encoding: chunked\r\nContent-Length: 60\r\n\r\n"
                    + "0\r\n\r\nDELETE " + BASE + "/scheduled/5002 HTTP/1.1\r\n" + HOST + AUTH + "\r\n",
            "POST " + BASE + " HTTP/1.1\r\n" + HOST + AUTH
                    + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n" + "5\r\nhello\r\n0\r\n\r\n",
            "POST " + BASE + " HTTP/1.1\r\n" + HOST + AUTH + "Content-Length: 5\r\nContent-Length: 7\r\n\r\n{}{}{}{",
            "POST " + BASE + " HTTP/1.1\r\n" + HOST + AUTH
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
            "POST " + BASE + " HTTP/1.1\r\n" + HOST + AUTH + "Content-Length: -1\r\n\r\n",
            "POST " + BASE + " HTTP/1.1\r\n" + HOST + AUTH + "Content-Length: 99999999999999999999\r\n\r\n{}",
            // not HTTP, or barely
            "\u0000\u0001\u0002\u0003\r\n\r\n",
            "GET\r\n\r\n",
            "GET " + BASE + "\r\n\r\n",
            "GET " + BASE + "/5001 HTTP/1.1\r\n" + "Bad Header Without Colon\r\n" + HOST + AUTH + "\r\n",
            "GET " + BASE + "/5001 HTTP/9.9\r\n" + HOST + AUTH + "\r\n",
            "GET http://evil.example" + BASE + "/5001 HTTP/1.1\r\n" + HOST + AUTH + "\r\n",
            "GET * HTTP/1.1\r\n" + HOST + "\r\n",
            "GET " + BASE + "/5001\u0000 HTTP/1.1\r\n" + HOST + AUTH + "\r\n",
            "DELETE " + BASE + "/scheduled/../5001 HTTP/1.1\r\n" + HOST + AUTH + "\r\n",
            "DELETE " + BASE + "/scheduled/%2e%2e/5001 HTTP/1.1\r\n" + HOST + AUTH + "\r\n",
            "POST /__admin/reset HTTP/1.1\r\nHost: attacker.example\r\nContent-Type: application/json\r\n\r\n",
            "POST /__admin/reset HTTP/1.1\r\n" + HOST + "Content-Type: text/plain\r\nContent-Length: 0\r\n\r\n",
            "POST /__admin/reset HTTP/1.1\r\n" + HOST + "Origin: https://evil.example\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 0\r\n\r\n");
}
