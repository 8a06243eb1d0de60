package dev.ofauthqueue.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiTest {

    @TempDir
    Path dir;

    @Test
    void servesAnOpenApiDocumentDescribingEveryAdminRoute() throws Exception {
        try (FakeOfAuthServer fake =
                FakeOfAuthServer.start(FakeServerOptions.builder().port(0).build())) {
            Http.Answer answer = new Http(fake.baseUrl()).admin("GET", "/__admin/openapi.json", null);
            JsonObject doc = answer.json();

            assertThat(answer.status()).isEqualTo(200);
            assertThat(doc.getString("openapi")).startsWith("3.1");
            assertThat(doc.getJsonObject("paths").fieldNames())
                    .containsExactlyInAnyOrderElementsOf(Set.of(
                            "/__admin/clock",
                            "/__admin/reset",
                            "/__admin/connections/{connectionId}/queue",
                            "/__admin/faults",
                            "/__admin/faults/{id}",
                            "/__admin/requests",
                            "/__admin/recordings/reload",
                            "/__admin/openapi.json",
                            "/__admin/metrics"));
            Locale previous = Locale.getDefault();
            Locale.setDefault(Locale.ROOT); // vertx-openapi 5.0.7 upper-cases with the default locale
            Vertx vertx = Vertx.vertx();
            try {
                OpenAPIContract contract = OpenAPIContract.from(vertx, doc)
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(20, TimeUnit.SECONDS);
                assertThat(contract.operation("addFault")).isNotNull();
            } finally {
                vertx.close();
                Locale.setDefault(previous);
            }
        }
    }

    @Test
    void reloadSwapsAValidSetAtOnceAndKeepsTheOldSetWhenTheNewOneIsBroken() throws IOException {
        RecordingsTest writer = new RecordingsTest();
        writer.dir = dir;
        writer.writeSet(Map.of("conn_mine", new JsonArray().add(RecordingsTest.item(1, "2026-01-02T00:00:00Z"))));
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(
                FakeServerOptions.builder().port(0).recordings(dir).build())) {
            Http http = new Http(fake.baseUrl());
            assertThat(http.as("conn_mine", "GET", "/v2/access/mass-messages/2").status())
                    .isEqualTo(404);

            writer.writeSet(Map.of(
                    "conn_mine",
                    new JsonArray()
                            .add(RecordingsTest.item(1, "2026-01-02T00:00:00Z"))
                            .add(RecordingsTest.item(2, "2026-01-03T00:00:00Z"))));
            Http.Answer reloaded = http.admin("POST", "/__admin/recordings/reload", null);
            assertThat(reloaded.status()).isEqualTo(200);
            assertThat(http.as("conn_mine", "GET", "/v2/access/mass-messages/2").status())
                    .isEqualTo(200);

            Files.writeString(dir.resolve("queues/conn_mine.json"), "{\"items\": [{\"id\": -5}]}");
            Http.Answer refused = http.admin("POST", "/__admin/recordings/reload", null);
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().getString("error"))
                    .contains("conn_mine.json")
                    .contains("positive integer id");
            assertThat(http.as("conn_mine", "GET", "/v2/access/mass-messages/2").status())
                    .isEqualTo(200);
        }
    }
}
