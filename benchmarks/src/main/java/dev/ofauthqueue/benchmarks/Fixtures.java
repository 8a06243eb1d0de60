package dev.ofauthqueue.benchmarks;

import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.FakeServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The bytes the benchmarks serve and decode: the fake's answer for the bundled message 5001 (the spec's full shape). */
public final class Fixtures {

    private Fixtures() {}

    public static String specQueueItem() {
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(
                FakeServerOptions.builder().port(0).rateLimitOff().build())) {
            HttpResponse<String> answer = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v2/access/mass-messages/5001"))
                                    .header("apiKey", FakeOfAuthServer.DEMO_API_KEY)
                                    .header("x-connection-id", FakeOfAuthServer.DEMO_CONNECTION)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the fake answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code java -cp benchmarks.jar dev.ofauthqueue.benchmarks.Fixtures}: prints the item, for the load tests. */
    public static void main(String[] args) {
        System.out.print(specQueueItem());
        System.exit(0);
    }
}
