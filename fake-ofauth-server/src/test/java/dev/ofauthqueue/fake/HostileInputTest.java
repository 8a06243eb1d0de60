package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.fake.junit.FakeOfAuthExtension;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fake as a hostile or careless client meets it: every mistake answers a clear 4xx in OFAuth's envelope, never a
 * 5xx, and a refused request changes nothing.
 */
class HostileInputTest {

    static final String BASE = "/v2/access/mass-messages";

    @RegisterExtension
    static FakeOfAuthExtension fake = FakeOfAuthExtension.builder()
            .options(o -> o.rateLimitOff().headerTimeout(Duration.ofMillis(400)).idleTimeout(Duration.ofMillis(600)))
            .build();

    Http http;

    @BeforeEach
    void client() {
        http = new Http(fake.baseUrl());
    }

    static void assertEnvelope(Http.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json().getString("type")).isEqualTo(type);
        assertThat(answer.json().getString("requestId")).startsWith("req_");
    }

    static void assertEnvelope(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.head() + "\n" + answer.body()).isEqualTo(status);
        assertThat(answer.hasHeader("content-type: application/json"))
                .as(answer.head())
                .isTrue();
        JsonObject body = answer.json();
        assertThat(body.getString("type")).isEqualTo(type);
        assertThat(body.getString("error")).isNotBlank();
        assertThat(body.getString("requestId")).startsWith("req_");
    }

    @Nested
    class NumbersAndClocksOutOfRange {

        @ParameterizedTest
        @ValueSource(strings = {"1e309", "-1e309", "1e308", "99999999999999999999999999", "-0.01", "\"5\"", "true"})
        void aPriceOutOfRangeIsABadRequestNamingIt(String price) {
            String before = http.demo("GET", BASE + "/5001").json().getString("price");

            Http.Answer created = http.as("conn_demo", "POST", BASE, "{\"text\":\"x\",\"price\":" + price + "}");
            Http.Answer updated = http.as("conn_demo", "PUT", BASE + "/5001", "{\"price\":" + price + "}");

            assertEnvelope(created, 400, "BAD_REQUEST");
            assertThat(created.json().getString("error")).contains("price").doesNotContain("Exception");
            assertEnvelope(updated, 400, "BAD_REQUEST");
            assertThat(http.demo("GET", BASE + "/5001").json().getString("price"))
                    .isEqualTo(before);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "1e300",
                    "-1e300",
                    "99999999999999999999999",
                    "-99999999999999999999999",
                    "1.5",
                    "4102444800",
                    "\"60\"",
                    "null"
                })
        void aClockMoveThatLeavesTheWindowIsRefusedAndTheClockStays(String seconds) {
            Instant before = fake.clock().instant();

            Http.Answer answer = http.admin("POST", "/__admin/clock", "{\"advanceSeconds\":" + seconds + "}");

            assertEnvelope(answer, 400, "BAD_REQUEST");
            assertThat(fake.clock().instant()).isBetween(before, before.plusSeconds(5));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "+999999999-12-31T23:59:59Z",
                    "-999999999-01-01T00:00:00Z",
                    "1970-01-01T00:00:00Z",
                    "2100-01-01T00:00:01Z",
                    "not a date"
                })
        void aClockSetOutsideTheWindowIsRefusedAndEveryRequestStillWorks(String now) {
            Instant before = fake.clock().instant();

            Http.Answer answer = http.admin("POST", "/__admin/clock", "{\"now\":\"" + now + "\"}");

            assertEnvelope(answer, 400, "BAD_REQUEST");
            assertThat(fake.clock().instant()).isBetween(before, before.plusSeconds(5));
            assertThat(http.demo("GET", BASE + "/5001").status()).isEqualTo(200);
        }

        @Test
        void theEdgesOfTheWindowStillServeEveryRoute() {
            http.admin("POST", "/__admin/clock", "{\"now\":\"2099-12-31T23:00:00Z\"}");

            Http.Answer created = http.as(
                    "conn_demo", "POST", BASE, "{\"text\":\"late\",\"scheduledDate\":\"2099-12-31T23:30:00Z\"}");

            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(http.demo("GET", BASE + "?type=scheduled&limit=20").status())
                    .isEqualTo(200);
            assertThat(http.demo("DELETE", BASE + "/scheduled/" + created.json().getLong("id"))
                            .status())
                    .isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"05001", "0", "-5001", "5001.0", "1e3", "9223372036854775808", "%35001"})
        void anIdHasOneAcceptedForm(String id) {
            Http.Answer answer = http.demo("GET", BASE + "/" + id);

            assertEnvelope(answer, 400, "BAD_REQUEST");
        }
    }

    @Nested
    class ErrorsTheHttpLayerMakes {

        @Test
        void aMalformedPercentEncodingInPathOrQuery() {
            assertEnvelope(RawHttp.exchange(fake.server().port(), request("GET", BASE + "/%zz")), 400, "BAD_REQUEST");
            assertEnvelope(
                    RawHttp.exchange(fake.server().port(), request("GET", BASE + "?type=%")), 400, "BAD_REQUEST");
        }

        @Test
        void aBodyOverTheLimit() {
            String body = "{\"text\":\"" + "a".repeat(1_100_000) + "\"}";

            RawHttp.Answer answer = RawHttp.exchange(
                    fake.server().port(),
                    "POST " + BASE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "apiKey: demo-api-key\r\nx-connection-id: conn_demo\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body);

            assertEnvelope(answer, 413, "PAYLOAD_TOO_LARGE");
        }

        /**
         * A form is not a JSON body: Vert.x would read it into form fields (leaving the body empty, which creates a
         * message of defaults) and write its file parts to {@code file-uploads/} under the working directory.
         */
        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({
            "POST, /v2/access/mass-messages, multipart/form-data",
            "PUT, /v2/access/mass-messages/5002, multipart/form-data",
            "POST, /v2/access/mass-messages, application/x-www-form-urlencoded",
            "PUT, /v2/access/mass-messages/5002, application/x-www-form-urlencoded"
        })
        void aFormIsRefusedAs415AndNeitherChangesTheQueueNorWritesAFile(String method, String path, String type)
                throws IOException {
            String body = type.startsWith("multipart")
                    ? "--b0undary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhello\r\n"
                            + "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n"
                            + "Content-Type: application/octet-stream\r\n\r\n" + "z".repeat(2000) + "\r\n"
                            + "--b0undary--\r\n"
                    : "text=hello&price=5";
            String contentType = type.startsWith("multipart") ? type + "; boundary=b0undary" : type;
            QueueSnapshot before = fake.server().queueSnapshot("conn_demo").orElseThrow();
            long uploadsBefore = filesIn(Path.of("file-uploads"));

            RawHttp.Answer answer = RawHttp.exchange(
                    fake.server().port(),
                    method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "apiKey: demo-api-key\r\nx-connection-id: conn_demo\r\nContent-Type: " + contentType
                            + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

            assertEnvelope(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
            assertThat(answer.json().getString("error")).contains("application/json");
            assertThat(fake.server().queueSnapshot("conn_demo").orElseThrow().items())
                    .isEqualTo(before.items());
            assertThat(filesIn(Path.of("file-uploads")))
                    .as("files written under the working directory's file-uploads/")
                    .isEqualTo(uploadsBefore);
        }

        static long filesIn(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return 0;
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.count();
            }
        }

        @Test
        void anUnsupportedHttpVersionIs505() {
            RawHttp.Answer answer =
                    RawHttp.exchange(fake.server().port(), "GET " + BASE + "/5001 HTTP/2.5\r\nHost: 127.0.0.1\r\n\r\n");

            assertEnvelope(answer, 505, "HTTP_VERSION_NOT_SUPPORTED");
        }

        @Test
        void aWebSocketUpgradeIsIgnoredAsHttpAllowsAndTheRequestIsServedInTheEnvelope() {
            String upgrade = "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";

            RawHttp.Answer unknown = RawHttp.exchange(
                    fake.server().port(), "GET /v2/nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n" + upgrade + "\r\n");
            RawHttp.Answer unauthenticated = RawHttp.exchange(
                    fake.server().port(), "GET " + BASE + "/5001 HTTP/1.1\r\nHost: 127.0.0.1\r\n" + upgrade + "\r\n");
            RawHttp.Answer served = RawHttp.exchange(
                    fake.server().port(),
                    "GET " + BASE + "/5001 HTTP/1.1\r\nHost: 127.0.0.1\r\napiKey: demo-api-key\r\n"
                            + "x-connection-id: conn_demo\r\n" + upgrade + "\r\n");

            assertEnvelope(unknown, 404, "ROUTE_NOT_FOUND");
            assertThat(unauthenticated.status())
                    .as("OFAuth's answer to a missing key, in its envelope")
                    .isEqualTo(401);
            assertThat(unauthenticated.json().getString("requestId")).startsWith("req_");
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.json().getLong("id")).isEqualTo(5001L);
            assertThat(served.head()).doesNotContainIgnoringCase("upgrade: websocket");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"HTTP/2.5", "FOO/1.1", "HTTP/9.9"})
        void a505IsAnsweredInHttp11NeverEchoingTheClientsProtocol(String version) {
            RawHttp.Answer answer = RawHttp.exchange(
                    fake.server().port(), "GET " + BASE + "/5001 " + version + "\r\nHost: 127.0.0.1\r\n\r\n");

            assertThat(answer.head()).startsWith("HTTP/1.1 505 ");
            assertEnvelope(answer, 505, "HTTP_VERSION_NOT_SUPPORTED");
        }

        @Test
        void aRequestLineTooLongIs414AndHeadersTooLargeAre431() {
            RawHttp.Answer line = RawHttp.exchange(fake.server().port(), request("GET", "/" + "a".repeat(5000)));
            RawHttp.Answer headers = RawHttp.exchange(
                    fake.server().port(),
                    "GET " + BASE + "/5001 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n");

            assertEnvelope(line, 414, "URI_TOO_LONG");
            assertEnvelope(headers, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE");
        }

        @Test
        void garbageIsABadRequest() {
            RawHttp.Answer answer = RawHttp.exchange(fake.server().port(), "\u0001\u0002 GARBAGE\r\n\r\n");

            assertThat(answer.status()).isIn(400, 0);
            assertThat(http.demo("GET", BASE + "/5001").status()).isEqualTo(200);
        }

        @Test
        void headAnswersHeadersWithoutABody() {
            RawHttp.Answer answer = RawHttp.exchange(fake.server().port(), request("HEAD", BASE + "/5001"));

            assertThat(answer.status()).isEqualTo(405);
            assertThat(answer.body()).isEmpty();
        }
    }

    @Nested
    class AnAdminApiNoWebPageCanDrive {

        @Test
        void aTextPlainPostDoesNotMoveTheClock() {
            Instant before = fake.clock().instant();

            Http.Answer answer = http.send(
                    "POST", "/__admin/clock", "{\"advanceSeconds\":7200}", Map.of("Content-Type", "text/plain"));

            assertEnvelope(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
            assertThat(fake.clock().instant()).isBefore(before.plusSeconds(60));
        }

        @Test
        void aBodylessWriteNeedsTheJsonContentTypeToo() {
            http.demo("DELETE", BASE + "/scheduled/5001");

            Http.Answer answer = http.send("POST", "/__admin/reset", null, Map.of());

            assertEnvelope(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
            assertThat(http.demo("GET", BASE + "/5001").status()).isEqualTo(404);
        }

        @Test
        void anotherOriginIsRefusedAndTheFakesOwnIsServed() {
            Http.Answer foreign = http.send(
                    "POST",
                    "/__admin/clock",
                    "{\"advanceSeconds\":60}",
                    Map.of("Content-Type", "application/json", "Origin", "https://evil.example"));
            Http.Answer nullOrigin = http.send("GET", "/__admin/clock", null, Map.of("Origin", "null"));
            Http.Answer own = http.send("GET", "/__admin/clock", null, Map.of("Origin", fake.baseUrl()));

            assertEnvelope(foreign, 403, "FORBIDDEN");
            assertEnvelope(nullOrigin, 403, "FORBIDDEN");
            assertThat(own.status()).isEqualTo(200);
        }

        @Test
        void theApiRoutesAnswerAnyOriginAsOfAuthDoes() {
            Http.Answer answer = http.send(
                    "GET",
                    BASE + "/5001",
                    null,
                    Map.of("apiKey", "demo-api-key", "x-connection-id", "conn_demo", "Origin", "https://app.example"));

            assertThat(answer.status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"evil.example", "evil.example:8080", "127.0.0.1.nip.io", "10.0.0.1", "localhost.evil"})
        void aHostNamingAnythingButLoopbackIsRefused(String host) {
            RawHttp.Answer answer =
                    RawHttp.exchange(fake.server().port(), "GET /__admin/clock HTTP/1.1\r\nHost: " + host + "\r\n\r\n");

            assertEnvelope(answer, 421, "MISDIRECTED_REQUEST");
        }

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "[::1]"})
        void everyNameOfLoopbackIsServedWithOrWithoutThePort(String host) {
            int port = fake.server().port();

            RawHttp.Answer bare = RawHttp.exchange(port, "GET /__admin/clock HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            RawHttp.Answer withPort =
                    RawHttp.exchange(port, "GET /__admin/clock HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n");

            assertThat(bare.status()).isEqualTo(200);
            assertThat(withPort.status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    BASE + "/../../../__admin/reset",
                    BASE + "/%2e%2e/%2E%2E/../__admin/reset",
                    "/./__admin/reset",
                    "/v2/access/./mass-messages",
                    "__admin/reset",
                    "//__admin/reset",
                    "/__admin//reset"
                })
        void noPathWithDotOrEmptySegmentsReachesAnotherRoute(String path) {
            http.demo("DELETE", BASE + "/scheduled/5001");

            RawHttp.Answer answer = RawHttp.exchange(
                    fake.server().port(),
                    "POST " + path
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n");

            assertEnvelope(answer, 400, "BAD_REQUEST");
            assertThat(http.demo("GET", BASE + "/5001").status())
                    .as("not reset")
                    .isEqualTo(404);
        }

        @ParameterizedTest
        @ValueSource(strings = {BASE + "//5003", BASE + "/scheduled//5003", "/v2//access/mass-messages/scheduled/5003"})
        void aDeleteWithAnEmptySegmentDeletesNothing(String path) {
            RawHttp.Answer answer = RawHttp.exchange(
                    fake.server().port(),
                    "DELETE " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\napiKey: " + Http.KEY
                            + "\r\nx-connection-id: conn_demo\r\n\r\n");

            assertEnvelope(answer, 400, "BAD_REQUEST");
            assertThat(answer.body()).contains("empty segments");
            assertThat(http.demo("GET", BASE + "/5003").status())
                    .as("still there")
                    .isEqualTo(200);
        }

        @Test
        void anAdminTokenIsCheckedOnEveryAdminRequest() {
            String token = "a-long-enough-admin-token";
            try (FakeOfAuthServer guarded = FakeOfAuthServer.start(
                    FakeServerOptions.builder().port(0).adminToken(token).build())) {
                Http admin = new Http(guarded.baseUrl());

                assertEnvelope(admin.send("GET", "/__admin/clock", null, Map.of()), 401, "UNAUTHORIZED");
                assertEnvelope(
                        admin.send("GET", "/__admin/clock", null, Map.of("Authorization", "Bearer wrong")),
                        401,
                        "UNAUTHORIZED");
                assertThat(admin.send("GET", "/__admin/clock", null, Map.of("Authorization", "Bearer " + token))
                                .status())
                        .isEqualTo(200);
            }
        }

        @Test
        void withNoAdminTheAdminApiIsNotThere() {
            try (FakeOfAuthServer bare = FakeOfAuthServer.start(
                    FakeServerOptions.builder().port(0).noAdmin().build())) {
                assertEnvelope(new Http(bare.baseUrl()).admin("POST", "/__admin/reset", "{}"), 404, "ROUTE_NOT_FOUND");
            }
        }
    }

    @Nested
    class BoundedConnections {

        @Test
        void aClientTricklingItsHeadersIsCutOffAfterTheHeaderTimeout() throws IOException {
            try (Socket socket =
                    new Socket(InetAddress.getLoopbackAddress(), fake.server().port())) {
                socket.setSoTimeout(100);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                byte[] request = ("GET " + BASE + "/5001 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                        .getBytes(StandardCharsets.ISO_8859_1);

                boolean closed = false;
                // One byte every 100 ms for up to 10 s: the fake must close within its 400 ms header timeout, however
                // long the trickle could go on.
                for (int i = 0; i < 100 && !closed; i++) {
                    try {
                        out.write(request[i % request.length]);
                        out.flush();
                        closed = in.read() < 0;
                    } catch (SocketTimeoutException stillOpen) {
                        // the fake has not closed yet: trickle on
                    } catch (IOException reset) {
                        closed = true;
                    }
                }

                assertThat(closed).as("the slow connection was closed").isTrue();
            }
        }

        @Test
        void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws IOException {
            try (Socket socket =
                    new Socket(InetAddress.getLoopbackAddress(), fake.server().port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request("GET", "/__admin/clock").getBytes(StandardCharsets.ISO_8859_1));

                String first = RawHttp.readOne(socket.getInputStream());
                int next = socket.getInputStream().read();

                assertThat(first).startsWith("HTTP/1.1 200");
                assertThat(next).as("the connection was closed, not left open").isEqualTo(-1);
            }
        }

        @Test
        void beyondTheRequestsInFlightTheFakeAnswers503() throws Exception {
            try (FakeOfAuthServer small = FakeOfAuthServer.start(FakeServerOptions.builder()
                    .port(0)
                    .rateLimitOff()
                    .maxInFlight(2)
                    .build())) {
                small.faults().add(Fault.matching("GET", BASE + "/5001").then(new FaultAction.NoResponse()));
                Socket one = hang(small.port());
                Socket two = hang(small.port());
                try {
                    RawHttp.Answer third = RawHttp.exchange(small.port(), request("GET", BASE + "/5002"));

                    assertEnvelope(third, 503, "NETWORK_ERROR");
                    assertThat(one.isConnected() && two.isConnected()).isTrue();
                } finally {
                    one.close();
                    two.close();
                }
                small.faults().clear();
                assertThat(new Http(small.baseUrl()).demo("GET", BASE + "/5002").status())
                        .isEqualTo(200);
            }
        }

        @Test
        void slowBodiesNeverStarveCompleteRequestsAndAreCutOffAfterTheBodyTimeout() throws Exception {
            try (FakeOfAuthServer server = FakeOfAuthServer.start(FakeServerOptions.builder()
                    .port(0)
                    .rateLimitOff()
                    .bodyTimeout(Duration.ofSeconds(1))
                    .build())) {
                List<Socket> slow = new ArrayList<>();
                try {
                    // 520 writes whose headers promise 1,000 bytes of body, of which one has come: more than the 512
                    // requests the fake serves at once.
                    for (int i = 0; i < 520; i++) {
                        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                        socket.setSoTimeout(10_000);
                        socket.getOutputStream()
                                .write(("POST /__admin/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                                        .getBytes(StandardCharsets.ISO_8859_1));
                        socket.getOutputStream().flush();
                        slow.add(socket);
                    }

                    assertThat(new Http(server.baseUrl())
                                    .demo("GET", BASE + "/5001")
                                    .status())
                            .as("a complete request while 520 bodies trickle")
                            .isEqualTo(200);
                    for (Socket socket : slow) {
                        assertThat(closedOrAnswered503(socket))
                                .as("each slow body ends: cut off after the body timeout, or refused at once")
                                .isTrue();
                    }
                } finally {
                    for (Socket socket : slow) {
                        socket.close();
                    }
                }
                RawHttp.Answer write = RawHttp.exchange(
                        server.port(),
                        "POST /__admin/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 20\r\n\r\n{\"advanceSeconds\":1}");
                assertThat(write.status())
                        .as("a write once the slow ones are gone")
                        .isEqualTo(200);
            }
        }

        /** Reads until the fake closes the connection (the body timeout) or answers it 503 (beyond what it takes). */
        private static boolean closedOrAnswered503(Socket socket) throws IOException {
            try {
                InputStream in = socket.getInputStream();
                byte[] head = in.readNBytes(12);
                return head.length < 12 || new String(head, StandardCharsets.ISO_8859_1).equals("HTTP/1.1 503");
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        private static Socket hang(int port) throws IOException {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.getOutputStream()
                    .write(("GET " + BASE + "/5001 HTTP/1.1\r\nHost: 127.0.0.1\r\napiKey: demo-api-key"
                                    + "\r\nx-connection-id: conn_demo\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return socket;
        }

        @Test
        void theJournalsCapacityIsSetAndItsDropsAreCounted() {
            try (FakeOfAuthServer small = FakeOfAuthServer.start(FakeServerOptions.builder()
                    .port(0)
                    .rateLimitOff()
                    .journalCapacity(3)
                    .build())) {
                Http client = new Http(small.baseUrl());
                for (int i = 0; i < 5; i++) {
                    client.demo("GET", BASE + "/5001");
                }

                JsonObject requests =
                        client.admin("GET", "/__admin/requests", null).json();

                assertThat(requests.getInteger("count")).isEqualTo(3);
                assertThat(requests.getLong("dropped")).isEqualTo(2);
                assertThat(small.requestsDropped()).isEqualTo(2);
            }
        }
    }

    static String request(String method, String target) {
        return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\napiKey: demo-api-key\r\n"
                + "x-connection-id: conn_demo\r\nConnection: keep-alive\r\n\r\n";
    }
}
