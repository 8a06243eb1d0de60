package dev.ofauthqueue.examples;

import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.DeleteRoute;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.RetryPolicy;
import java.time.Duration;

/** README's configuration example: every option of the client, read from the environment first. */
public final class ConfigurationExample {

    private ConfigurationExample() {}

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        // tag::readme[]
        // OFAUTH_API_KEY (required), OFAUTH_BASE_URL and OFAUTH_CONNECTION_ID (a default connection) first
        OfAuthClientOptions options = OfAuthClientOptions.fromEnvironment()
                .requestTimeout(Duration.ofSeconds(10)) // one attempt
                .deadline(Duration.ofMinutes(1)) // a whole call, retries and rate-limit waits included
                .retryPolicy(new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(20)))
                .deleteRoute(DeleteRoute.SCHEDULED) // the default; GENERIC: DELETE /v2/access/mass-messages/{id}
                .rateLimit(new ClientRateLimit(60, 90)) // per connection; .rateLimitOff() to disable
                .build();
        System.out.println(options); // secrets masked
        // end::readme[]
    }
}
