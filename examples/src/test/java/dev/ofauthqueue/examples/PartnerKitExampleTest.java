package dev.ofauthqueue.examples;

import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.RateLimit;
import dev.ofauthqueue.fake.junit.FakeOfAuthExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** README's partner-kit example, run as the test it shows. */
class PartnerKitExampleTest {

    // tag::readme[]
    @RegisterExtension
    static FakeOfAuthExtension fake = FakeOfAuthExtension.builder()
            .failOnUnmatchedRequests() // a typo'd path fails the test
            .options(o -> o.rateLimit(new RateLimit(60, 90)))
            .build(); // one fake per class, reset before each test

    @Test
    void myCodeDeletesTheMessageOnceEvenWhenOfAuthHiccups() {
        fake.faults()
                .add(Fault.matching("DELETE", "/v2/access/mass-messages/scheduled/.*")
                        .times(1)
                        .then(new FaultAction.Status(503, 0)));

        myCode(fake.baseUrl(), fake.apiKey(), fake.demoConnection()).deleteScheduled(5001);

        fake.journal().verify(Journal.query().method("DELETE").status(200), 1);
        fake.clock().advance(Duration.ofHours(3)); // now 5001's send time has passed
    }
    // end::readme[]

    /** Stands for the partner's own code: a client that deletes a message, retrying once on a 503. */
    static PartnerClient myCode(String baseUrl, String apiKey, String connection) {
        return new PartnerClient(baseUrl, apiKey, connection);
    }

    record PartnerClient(String baseUrl, String apiKey, String connection) {
        void deleteScheduled(long id) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(baseUrl + "/v2/access/mass-messages/scheduled/" + id))
                    .header("apiKey", apiKey)
                    .header("x-connection-id", connection)
                    .DELETE()
                    .build();
            try {
                HttpClient http = HttpClient.newHttpClient();
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 503) {
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
