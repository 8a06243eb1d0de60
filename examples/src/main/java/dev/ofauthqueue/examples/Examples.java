package dev.ofauthqueue.examples;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.OfAuthClientOptions;

/** What the examples share: the demo credentials of the fake README starts. */
final class Examples {

    private Examples() {}

    /** The demo key against {@code OFAUTH_BASE_URL}, else the fake of README's first command. */
    static OfAuthClientOptions demoOptions() {
        return OfAuthClientOptions.builder(new ApiKey("demo-api-key"))
                .baseUrl(System.getenv().getOrDefault("OFAUTH_BASE_URL", "http://127.0.0.1:8080"))
                .build();
    }
}
