package com.example.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ofauthqueue.fake.FakeAdmin;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.client.FakeAdminClient;
import dev.ofauthqueue.fake.junit.FakeOfAuthExtension;
import dev.ofauthqueue.fake.junit.FakeOfAuthTest;
import io.netty.util.Version;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The partner kit on a Spring Boot 3.5 classpath: Netty 4.1, Boot's Jackson and JUnit, and nothing else of ours. */
@FakeOfAuthTest(lifecycle = FakeOfAuthExtension.Lifecycle.PER_TEST, failOnUnmatchedRequests = true)
class PartnerOnSpringBoot3Test {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theClasspathIsSpringBoot3s() {
        String netty = Version.identify().get("netty-codec-http").artifactVersion();

        assertTrue(netty.startsWith("4.1."), "Netty on this classpath: " + netty);
        assertFalse(classExists("io.vertx.core.Vertx"), "no Vert.x of the fake's leaks onto the classpath");
    }

    @Test
    void theFakeDeletesAMessageOnceAndThePartnersJacksonReadsTheAnswer(FakeOfAuthServer fake) throws Exception {
        HttpResponse<String> first = delete(fake, 5003);
        HttpResponse<String> again = delete(fake, 5003);

        JsonNode body = new ObjectMapper().readTree(first.body());
        assertEquals(200, first.statusCode());
        assertTrue(body.get("queue").get("isCanceled").asBoolean());
        assertEquals(404, again.statusCode());
        fake.journal().verify(Journal.query().method("DELETE").status(200), 1);
    }

    @Test
    void theAdminClientDrivesTheFakeOverHttp(FakeOfAuthServer fake) throws Exception {
        FakeAdmin admin = FakeAdminClient.to(fake.baseUrl());
        admin.addFault(Fault.matching("DELETE", ".*").times(1).then(new FaultAction.Status(503, 2)));

        HttpResponse<String> faulted = delete(fake, 5004);
        HttpResponse<String> next = delete(fake, 5004);

        assertEquals(503, faulted.statusCode());
        assertEquals("2", faulted.headers().firstValue("Retry-After").orElse(""));
        assertEquals(200, next.statusCode());
        assertEquals("DELETED", admin.queueSnapshot("conn_demo").orElseThrow().stateOf(5004).orElseThrow());
    }

    private static HttpResponse<String> delete(FakeOfAuthServer fake, long id) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v2/access/mass-messages/scheduled/" + id))
                        .header("apiKey", FakeOfAuthServer.DEMO_API_KEY)
                        .header("x-connection-id", FakeOfAuthServer.DEMO_CONNECTION)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
