package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The fake checks create and update bodies in its own code; this proves that what it accepts and refuses agrees with
 * the OpenAPI description's {@code MassMessageWriteRequest} (checked here by a JSON Schema validator, at test time
 * only). Every field is tried with values of every JSON type and at its bounds, alone on a valid body, then in seeded
 * random combinations. A body the schema forbids must be refused with 400; a body it allows must be accepted, except
 * for the fake's one documented extra rule: a {@code scheduledDate} must be an ISO-8601 date-time in the future.
 */
class WriteBodySchemaAgreementTest {

    static final String FUTURE = "2026-12-24T18:00:00+00:00";

    static FakeOfAuthServer fake;
    static Http http;
    static Validator schema;
    static Locale previousLocale;

    @BeforeAll
    static void start() throws IOException {
        previousLocale = Locale.getDefault();
        Locale.setDefault(Locale.ROOT); // the validator upper-cases type names with the default locale
        schema = Validator.create(
                JsonSchema.of(writeRequestSchema()),
                new JsonSchemaOptions()
                        .setDraft(Draft.DRAFT202012)
                        .setBaseUri("https://ofauth-queue.dev/")
                        .setOutputFormat(OutputFormat.Flag));
        fake = FakeOfAuthServer.start(
                FakeServerOptions.builder().port(0).rateLimitOff().build());
        http = new Http(fake.baseUrl());
    }

    @AfterAll
    static void stop() {
        fake.close();
        Locale.setDefault(previousLocale);
    }

    @SuppressWarnings("unchecked")
    static JsonObject writeRequestSchema() throws IOException {
        try (InputStream in = WriteBodySchemaAgreementTest.class.getResourceAsStream(
                "/spec/openapi-mass-messages.reconstructed.yaml")) {
            Map<String, Object> doc = new Yaml().load(in);
            Map<String, Object> schemas =
                    (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
            return new JsonObject((Map<String, Object>) schemas.get("MassMessageWriteRequest"));
        }
    }

    /** Values of every JSON type, and the edges that matter for numbers, strings and arrays. */
    static final List<Object> EVERY_KIND = List.of(
            true,
            false,
            0,
            1,
            -1,
            1.5,
            200,
            200.01,
            1e308,
            -0.5,
            "",
            "x",
            "5",
            "2026-12-24T18:00:00Z",
            new JsonArray(),
            new JsonArray().add(1),
            new JsonArray().add(0),
            new JsonArray().add(-3),
            new JsonArray().add("a"),
            new JsonArray().add(""),
            new JsonArray().add(1.5),
            new JsonArray().add(true),
            new JsonArray().addNull(),
            new JsonArray().add(new JsonObject()),
            new JsonObject(),
            new JsonObject().put("users", new JsonArray().add(1)),
            new JsonObject().put("users", new JsonArray().add(0)),
            new JsonObject().put("guests", "x"),
            "a".repeat(10_001),
            "a".repeat(10_000));

    static final List<String> FIELDS = List.of(
            "isForwardedMessage",
            "text",
            "mediaItems",
            "isLockedText",
            "price",
            "previewMediaCount",
            "releaseForms",
            "userTags",
            "isMarkdown",
            "scheduledDate",
            "userIds",
            "userLists",
            "subscribedAfterDate",
            "excludeUserLists");

    static JsonObject validBody() {
        return new JsonObject().put("text", "Drop at six").put("price", 5).put("scheduledDate", FUTURE);
    }

    static Stream<Arguments> oneFieldAtATime() {
        List<Arguments> cases = new ArrayList<>();
        for (String field : FIELDS) {
            for (Object value : EVERY_KIND) {
                cases.add(Arguments.of(field + " = " + shown(value), validBody().put(field, value)));
            }
            cases.add(Arguments.of(field + " = null", validBody().putNull(field)));
            cases.add(Arguments.of("without " + field, without(validBody(), field)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneFieldAtATime")
    void everyFieldOfEveryKindIsJudgedAsTheSchemaJudgesIt(String name, JsonObject body) {
        assertAgreement(body);
    }

    static Stream<Arguments> seededCombinations() {
        return Stream.iterate(1L, s -> s + 1).limit(150).map(seed -> {
            Random random = new Random(seed);
            JsonObject body = validBody();
            for (int i = random.nextInt(4); i >= 0; i--) {
                body.put(FIELDS.get(random.nextInt(FIELDS.size())), EVERY_KIND.get(random.nextInt(EVERY_KIND.size())));
            }
            return Arguments.of(seed, body);
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seededCombinations")
    void randomCombinationsAreJudgedAsTheSchemaJudgesThem(long seed, JsonObject body) {
        assertAgreement(body);
    }

    @Test
    void theCasesTriedIncludeManyTheSchemaForbids() {
        long forbidden = oneFieldAtATime()
                .map(a -> (JsonObject) a.get()[1])
                .filter(body -> !schema.validate(body).getValid())
                .count();

        assertThat(forbidden).isGreaterThan(200);
    }

    @Test
    void anUpdateIsJudgedAlikeAndARefusedOneChangesNothing() {
        String before = http.demo("GET", "/v2/access/mass-messages/5002").body();

        Http.Answer refused =
                http.as("conn_demo", "PUT", "/v2/access/mass-messages/5002", "{\"userTags\":[0],\"text\":\"changed\"}");
        Http.Answer accepted = http.as("conn_demo", "PUT", "/v2/access/mass-messages/5002", "{\"userTags\":[7]}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("error")).contains("userTags[0]");
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(new JsonObject(before).getString("text"))
                .isEqualTo(
                        http.demo("GET", "/v2/access/mass-messages/5002").json().getString("text"));
    }

    private static void assertAgreement(JsonObject body) {
        boolean allowed = schema.validate(body).getValid();
        boolean extraRuleRefuses = body.containsKey("scheduledDate")
                && body.getValue("scheduledDate") != null
                && !FUTURE.equals(body.getValue("scheduledDate"));

        Http.Answer answer = http.as("conn_demo", "POST", "/v2/access/mass-messages", body.encode());

        if (!allowed) {
            assertThat(answer.status())
                    .as("the schema forbids %s; the fake answered %s", body, answer.body())
                    .isEqualTo(400);
            assertThat(answer.json().getString("type")).isEqualTo("BAD_REQUEST");
        } else if (extraRuleRefuses) {
            assertThat(answer.status()).as(answer.body()).isIn(200, 400);
        } else {
            assertThat(answer.status())
                    .as("the schema allows %s; the fake answered %s", body, answer.body())
                    .isEqualTo(200);
        }
    }

    private static JsonObject without(JsonObject body, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(body.getMap());
        copy.remove(field);
        return new JsonObject(copy);
    }

    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() > 30 ? text.substring(0, 12) + "…(" + text.length() + " chars)" : text;
    }
}
