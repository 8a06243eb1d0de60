package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.fake.junit.FakeOfAuthExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FakeOfAuthServerTest {

    static final String BASE = "/v2/access/mass-messages";
    static final Instant RECORDED_AT = Instant.parse("2026-11-01T12:00:00Z");

    /** The partner kit's own extension: one fake for the class, reset (state, clock, faults, journal) before each test. */
    @RegisterExtension
    static FakeOfAuthExtension fake = FakeOfAuthExtension.builder()
            .options(FakeServerOptions.Builder::rateLimitOff)
            .build();

    static Http http;

    @BeforeEach
    void client() {
        http = new Http(fake.baseUrl());
    }

    /**
     * Which route answers a path, with which status, pinned at the edges: trailing slashes, a method a route lacks,
     * nested paths. (The one-message routes were once {@code :id} patterns; these are the answers they gave.)
     */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET,     /5001,                200",
        "GET,     /5001/,               400",
        "DELETE,  /5001/,               400",
        "PATCH,   /5001,                405",
        "PATCH,   /5001/,               405",
        "POST,    /5001,                405",
        "HEAD,    /5001,                405",
        "GET,     /scheduled/5001,      405",
        "GET,     /scheduled/5001/,     405",
        "DELETE,  /scheduled/,          400",
        "DELETE,  /scheduled/5001/,     400",
        "GET,     /scheduled,           400",
        "PATCH,   /scheduled/,          405",
        "PUT,     '',                   405",
        "PUT,     /,                    405",
        "DELETE,  /,                    405",
        "GET,     /5001/x,              404",
        "DELETE,  /scheduled/5001/x,    404",
        "GET,     //5001,               400",
        "GET,     /abc,                 400",
    })
    void eachPathAndMethodGetsItsRoutesAnswer(String method, String suffix, int status) {
        assertThat(http.demo(method, BASE + suffix).status()).isEqualTo(status);
    }

    @Nested
    class TheSpecsDelete {

        @Test
        void deletingAScheduledMessageAnswersTheSpecsFullShapeWithRealisticValues() {
            Http.Answer answer = http.demo("DELETE", BASE + "/scheduled/5001");

            assertThat(answer.status()).isEqualTo(200);
            JsonObject body = answer.json();
            assertThat(SpecExample.keyPaths(body)).containsAll(SpecExample.keyPaths(SpecExample.deleteResponse()));
            assertThat(SpecExample.strings(body)).doesNotContain("<string>");
            assertThat(body.getBoolean("success")).isTrue();
            JsonObject queue = body.getJsonObject("queue");
            assertThat(queue.getLong("id")).isEqualTo(5001L);
            assertThat(queue.getBoolean("isCanceled")).isTrue();
            assertThat(queue.getBoolean("canUnsend")).isFalse();
            assertThat(queue.getInteger("unsendSeconds")).isZero();
            assertThat(answer.header("Content-Type")).startsWith("application/json");
        }

        @Test
        void theSameDeleteAgainAnswers404WithTheErrorEnvelope() {
            http.demo("DELETE", BASE + "/scheduled/5001");

            Http.Answer again = http.demo("DELETE", BASE + "/scheduled/5001");

            assertThat(again.status()).isEqualTo(404);
            assertError(again, "RESOURCE_NOT_FOUND");
        }

        @Test
        void aDeletedMessageVanishesFromReadsAndLists() {
            http.demo("DELETE", BASE + "/scheduled/5001");

            assertThat(http.demo("GET", BASE + "/5001").status()).isEqualTo(404);
            assertThat(allScheduledIds()).doesNotContain(5001L).hasSize(25);
        }

        @Test
        void requestIdsAreUniqueAndAlsoSentAsAHeader() {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                Http.Answer a = http.demo("GET", BASE + "/999999");
                assertThat(a.header("X-Request-Id"))
                        .isEqualTo(a.json().getString("requestId"))
                        .startsWith("req_");
                ids.add(a.header("X-Request-Id"));
            }
            assertThat(ids).hasSize(20);
        }
    }

    @Nested
    class AuthenticationAndPermissions {

        static Stream<Arguments> routes() {
            return Stream.of(
                    Arguments.of("GET", BASE + "?type=scheduled", "messages:read"),
                    Arguments.of("GET", BASE + "/5001", "messages:read"),
                    Arguments.of("POST", BASE, "messages:write"),
                    Arguments.of("PUT", BASE + "/5001", "messages:write"),
                    Arguments.of("DELETE", BASE + "/scheduled/5001", "messages:write"),
                    Arguments.of("DELETE", BASE + "/5001", "messages:write"));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("routes")
        void everyRouteChecksKeyConnectionSessionAndPermission(String method, String path, String permission) {
            String body = method.equals("POST") || method.equals("PUT") ? "{\"text\":\"hi\"}" : null;

            assertError(http.send(method, path, body, Map.of("x-connection-id", "conn_demo")), 401, "UNAUTHORIZED");
            assertError(
                    http.send(method, path, body, Map.of("apiKey", "wrong", "x-connection-id", "conn_demo")),
                    401,
                    "UNAUTHORIZED");
            assertError(http.send(method, path, body, Map.of("apiKey", Http.KEY)), 401, "SESSION_NOT_PROVIDED");
            assertError(
                    http.send(method, path, body, Map.of("apiKey", Http.KEY, "x-connection-id", "conn_nobody")),
                    401,
                    "SESSION_NOT_PROVIDED");
            Http.Answer expired = http.as("conn_expired", method, path, body);
            assertError(expired, 401, "SESSION_EXPIRED");
            assertThat(expired.json().getString("actionRequired")).isEqualTo("refresh_session");
            Http.Answer readonly = http.as("conn_readonly", method, path, body);
            if (permission.equals("messages:write")) {
                assertError(readonly, 403, "FORBIDDEN");
            } else {
                assertThat(readonly.status()).isIn(200, 404);
            }
        }

        @Test
        void headerNamesMatchWhateverTheirCase() {
            Http.Answer answer =
                    http.send("GET", BASE + "/5001", null, Map.of("APIKEY", Http.KEY, "X-Connection-ID", "conn_demo"));

            assertThat(answer.status()).isEqualTo(200);
        }

        @Test
        void anotherConnectionsMessageIsNotFound() {
            assertError(http.demo("GET", BASE + "/7001"), 404, "RESOURCE_NOT_FOUND");
            assertError(http.demo("DELETE", BASE + "/scheduled/7001"), 404, "RESOURCE_NOT_FOUND");
            assertThat(http.as("conn_readonly", "GET", BASE + "/7001").status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "0", "-4", "1.5", "99999999999999999999"})
        void aBadIdIsABadRequest(String id) {
            assertError(http.demo("GET", BASE + "/" + id), 400, "BAD_REQUEST");
            assertError(http.demo("DELETE", BASE + "/scheduled/" + id), 400, "BAD_REQUEST");
        }

        @Test
        void unknownPathsAndWrongMethodsAnswerInTheEnvelope() {
            assertError(http.demo("GET", "/v2/access/nothing-here"), 404, "ROUTE_NOT_FOUND");
            assertError(http.admin("GET", "/elsewhere", null), 404, "ROUTE_NOT_FOUND");
            assertError(http.demo("POST", BASE + "/scheduled/5001"), 405, "METHOD_NOT_ALLOWED");
        }
    }

    @Nested
    class Listing {

        @Test
        void listingPaginatesWithHasMore() {
            Http.Answer first = http.demo("GET", BASE + "?type=scheduled&limit=20");
            Http.Answer second = http.demo("GET", BASE + "?type=scheduled&limit=20&offset=20");

            assertThat(first.list()).hasSize(20);
            assertThat(first.json().getBoolean("hasMore")).isTrue();
            assertThat(second.list()).hasSize(6);
            assertThat(second.json().getBoolean("hasMore")).isFalse();
            assertThat(http.demo("GET", BASE + "?type=scheduled").list()).hasSize(10);
        }

        @Test
        void listsAreInSendOrderAndSplitByType() {
            List<Long> scheduled = allScheduledIds();

            assertThat(scheduled).hasSize(26).contains(5030L).doesNotContain(5026L, 5029L);
            assertThat(idsOf(http.demo("GET", BASE + "?type=sent&limit=20")))
                    .containsExactlyInAnyOrder(5026L, 5027L, 5028L);
            assertThat(idsOf(http.demo("GET", BASE + "?type=unsent&limit=20&offset=20")))
                    .doesNotContain(5030L);
            JsonArray page = http.demo("GET", BASE + "?type=scheduled&limit=20").list();
            List<Instant> dates = new ArrayList<>();
            page.forEach(o -> dates.add(SpecExample.instant(((JsonObject) o).getString("date"))));
            assertThat(dates).isSorted();
        }

        @ParameterizedTest
        @ValueSource(strings = {"limit=0", "limit=21", "limit=abc", "offset=-1", "offset=x", "type=later"})
        void badListParametersAreBadRequests(String query) {
            assertError(http.demo("GET", BASE + "?" + query), 400, "BAD_REQUEST");
        }
    }

    @Nested
    class TheClock {

        @Test
        void theClockStartsAtTheRecordingsInstantWithEverySendTimeAhead() {
            assertThat(Duration.between(RECORDED_AT, fake.clock().instant()))
                    .isLessThan(Duration.ofMinutes(1))
                    .isGreaterThanOrEqualTo(Duration.ZERO);
            JsonArray page = http.demo("GET", BASE + "?type=unsent&limit=20").list();
            page.forEach(o -> assertThat(SpecExample.instant(((JsonObject) o).getString("date")))
                    .isAfter(fake.clock().instant()));
        }

        @Test
        void aMessageWhoseSendTimeCameIsSendingAndCannotBeDeleted() {
            fake.clock().set(Instant.parse("2026-11-01T14:00:10Z"));

            Http.Answer answer = http.demo("DELETE", BASE + "/scheduled/5001");

            assertError(answer, 400, "BAD_REQUEST");
            assertThat(answer.json().getString("error")).contains("being sent");
            assertThat(http.demo("GET", BASE + "/5001").json().getInteger("sentCount"))
                    .isZero();
        }

        @Test
        void aMessageSentByTheClockLeavesTheScheduledListAndCountsItsFans() {
            fake.clock().set(Instant.parse("2026-11-01T14:05:00Z"));

            JsonObject item = http.demo("GET", BASE + "/5001").json();

            assertThat(item.getInteger("sentCount")).isEqualTo(1250);
            assertThat(item.getBoolean("canUnsend")).isTrue();
            assertThat(allScheduledIds()).doesNotContain(5001L);
            assertThat(idsOf(http.demo("GET", BASE + "?type=sent&limit=20"))).contains(5001L);
            assertError(http.demo("DELETE", BASE + "/scheduled/5001"), 400, "BAD_REQUEST");
        }

        @Test
        void theGenericRouteUnsendsInsideTheUnsendWindowOnly() {
            fake.clock().set(Instant.parse("2026-11-01T14:05:00Z"));
            Http.Answer unsent = http.demo("DELETE", BASE + "/5001");
            fake.clock()
                    .set(Instant.parse("2026-11-02T17:00:00Z")); // 5002 was sent at 15:01, its window closed at 16:01
            Http.Answer tooLate = http.demo("DELETE", BASE + "/5002");

            assertThat(unsent.status()).isEqualTo(200);
            assertThat(unsent.json().getJsonObject("queue").getBoolean("isCanceled"))
                    .isTrue();
            assertError(tooLate, 400, "BAD_REQUEST");
        }

        @Test
        void alreadySentAndCanceledRecordingsBehaveAsSuch() {
            assertError(http.demo("DELETE", BASE + "/scheduled/5026"), 400, "BAD_REQUEST");
            assertError(http.demo("DELETE", BASE + "/scheduled/5029"), 404, "RESOURCE_NOT_FOUND");
            assertThat(http.demo("DELETE", BASE + "/scheduled/5030").status()).isEqualTo(200);
        }

        @Test
        void resetBringsBackTheRecordingsAndTheStartInstant() {
            http.demo("DELETE", BASE + "/scheduled/5001");
            fake.clock().advance(Duration.ofDays(3));

            fake.server().reset();

            assertThat(http.demo("GET", BASE + "/5001").status()).isEqualTo(200);
            assertThat(Duration.between(RECORDED_AT, fake.clock().instant())).isLessThan(Duration.ofMinutes(1));
        }
    }

    @Nested
    class CreateAndUpdate {

        @Test
        void createsAScheduledMessageThatCanBeReadAndDeleted() {
            Http.Answer created = http.as(
                    "conn_demo",
                    "POST",
                    BASE,
                    "{\"text\":\"Black Friday 🖤\",\"price\":9.5,\"scheduledDate\":\"2026-11-28T09:00:00+00:00\"}");

            assertThat(created.status()).isEqualTo(200);
            long id = created.json().getLong("id");
            assertThat(created.json().getString("date")).isEqualTo("2026-11-28T09:00:00+00:00");
            JsonObject item = http.demo("GET", BASE + "/" + id).json();
            assertThat(item.getString("text")).isEqualTo("Black Friday 🖤");
            assertThat(item.getString("price")).isEqualTo("9.50");
            assertThat(item.getBoolean("isFree")).isFalse();
            assertThat(SpecExample.keyPaths(item)).containsAll(topLevelKeysOfTheSpecQueue());
            assertThat(http.demo("DELETE", BASE + "/scheduled/" + id).status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"text\":\"late\",\"scheduledDate\":\"2026-10-01T00:00:00Z\"}",
                    "{\"text\":\"bad date\",\"scheduledDate\":\"tomorrow\"}",
                    "{\"text\":\"pricy\",\"price\":200.01}",
                    "{\"text\":\"negative\",\"price\":-1}",
                    "{\"text\":5}",
                    "{\"text\":\"x\",\"mediaItems\":\"nope\"}",
                    "not json",
                    "[1,2]"
                })
        void createRefusesBadBodies(String body) {
            assertError(http.as("conn_demo", "POST", BASE, body), 400, "BAD_REQUEST");
        }

        @Test
        void aScheduledDateHasAFourDigitYear() {
            Http.Answer beyond = http.as(
                    "conn_demo", "POST", BASE, "{\"text\":\"far\",\"scheduledDate\":\"+10000-01-01T00:00:00+00:00\"}");
            Http.Answer last = http.as(
                    "conn_demo", "POST", BASE, "{\"text\":\"far\",\"scheduledDate\":\"9999-12-31T23:59:59+00:00\"}");

            assertError(beyond, 400, "BAD_REQUEST");
            assertThat(beyond.json().getString("error")).contains("four-digit year");
            assertThat(last.status()).as(last.body()).isEqualTo(200);
            assertThat(last.json().getString("date")).isEqualTo("9999-12-31T23:59:59+00:00");
        }

        @Test
        void createRefusesTextOverTenThousandCharacters() {
            String body = new JsonObject().put("text", "x".repeat(10_001)).encode();

            assertError(http.as("conn_demo", "POST", BASE, body), 400, "BAD_REQUEST");
            assertThat(http.as(
                                    "conn_demo",
                                    "POST",
                                    BASE,
                                    new JsonObject()
                                            .put("text", "x".repeat(10_000))
                                            .put("scheduledDate", "2026-12-01T00:00:00Z")
                                            .encode())
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void updateReschedulesAScheduledMessageOnly() {
            Http.Answer moved = http.as(
                    "conn_demo",
                    "PUT",
                    BASE + "/5003",
                    "{\"text\":\"moved\",\"scheduledDate\":\"2026-12-24T18:00:00Z\"}");
            fake.clock().set(Instant.parse("2026-11-01T14:05:00Z"));
            Http.Answer sent = http.as("conn_demo", "PUT", BASE + "/5001", "{\"text\":\"too late\"}");

            assertThat(moved.status()).isEqualTo(200);
            assertThat(http.demo("GET", BASE + "/5003").json().getString("date"))
                    .isEqualTo("2026-12-24T18:00:00+00:00");
            assertError(sent, 400, "BAD_REQUEST");
            assertError(http.as("conn_demo", "PUT", BASE + "/424242", "{}"), 404, "RESOURCE_NOT_FOUND");
        }
    }

    @Nested
    class Concurrency {

        @Test
        void ofAHundredConcurrentDeletesOfOneMessageExactlyOneSucceeds() throws Exception {
            List<CompletableFuture<Integer>> all = new ArrayList<>();
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + BASE + "/scheduled/5004"))
                    .DELETE()
                    .header("apiKey", Http.KEY)
                    .header("x-connection-id", "conn_demo")
                    .build();
            for (int i = 0; i < 100; i++) {
                all.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode));
            }

            Map<Integer, Integer> counts = new HashMap<>();
            for (var f : all) {
                counts.merge(f.get(30, TimeUnit.SECONDS), 1, Integer::sum);
            }

            assertThat(counts).containsOnly(Map.entry(200, 1), Map.entry(404, 99));
        }
    }

    @Nested
    class TheAdminApi {

        @Test
        void adminMovesAndReadsTheClock() {
            Http.Answer set = http.admin("POST", "/__admin/clock", "{\"now\":\"2026-11-02T00:00:00Z\"}");
            Instant afterSet = Instant.parse(set.json().getString("now"));
            Http.Answer advanced = http.admin("POST", "/__admin/clock", "{\"advanceSeconds\":3600}");

            assertThat(afterSet)
                    .isBetween(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-02T00:01:00Z"));
            assertThat(Instant.parse(advanced.json().getString("now")))
                    .isAfterOrEqualTo(Instant.parse("2026-11-02T01:00:00Z"));
            assertThat(Instant.parse(
                            http.admin("GET", "/__admin/clock", null).json().getString("now")))
                    .isAfterOrEqualTo(Instant.parse("2026-11-02T01:00:00Z"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "{}",
                    "{\"advanceSeconds\":1,\"now\":\"2026-11-02T00:00:00Z\"}",
                    "{\"advanceSeconds\":\"x\"}",
                    "{\"advanceSeconds\":1.5}",
                    "{\"now\":\"yesterday\"}",
                    "[]"
                })
        void adminRefusesBadClockBodies(String body) {
            assertError(http.admin("POST", "/__admin/clock", body), 400, "BAD_REQUEST");
        }

        @Test
        void adminResetsAndShowsAQueueWithStates() {
            http.demo("DELETE", BASE + "/scheduled/5001");

            JsonObject snapshot = http.admin("GET", "/__admin/connections/conn_demo/queue", null)
                    .json();
            List<String> states = new ArrayList<>();
            snapshot.getJsonArray("items").forEach(o -> states.add(((JsonObject) o).getString("state")));

            assertThat(states)
                    .contains("SCHEDULED", "SENT", "FAILED", "CANCELED", "DELETED")
                    .hasSize(30);
            assertThat(http.admin("POST", "/__admin/reset", null).status()).isEqualTo(200);
            assertThat(http.demo("GET", BASE + "/5001").status()).isEqualTo(200);
            assertError(http.admin("GET", "/__admin/connections/conn_nobody/queue", null), 404, "RESOURCE_NOT_FOUND");
            assertThat(fake.server().queueSnapshot("conn_demo")).isPresent();
        }
    }

    static Set<String> topLevelKeysOfTheSpecQueue() {
        return SpecExample.deleteResponse().getJsonObject("queue").fieldNames();
    }

    static List<Long> allScheduledIds() {
        List<Long> ids = new ArrayList<>();
        int offset = 0;
        while (true) {
            Http.Answer page = http.demo("GET", BASE + "?type=scheduled&limit=20&offset=" + offset);
            ids.addAll(idsOf(page));
            if (!page.json().getBoolean("hasMore")) {
                return ids;
            }
            offset += page.list().size();
        }
    }

    static List<Long> idsOf(Http.Answer page) {
        List<Long> ids = new ArrayList<>();
        page.list().forEach(o -> ids.add(((JsonObject) o).getLong("id")));
        return ids;
    }

    static void assertError(Http.Answer answer, String type) {
        JsonObject body = answer.json();
        assertThat(body.getString("type")).isEqualTo(type);
        assertThat(body.getString("error")).isNotBlank();
        assertThat(body.getString("requestId")).startsWith("req_");
    }

    static void assertError(Http.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertError(answer, type);
    }
}
