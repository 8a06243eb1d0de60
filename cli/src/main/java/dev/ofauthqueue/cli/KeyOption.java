package dev.ofauthqueue.cli;

import dev.ofauthqueue.ApiKey;
import picocli.CommandLine.Option;

/** {@code --api-key}: every command that talks to OFAuth, or to jobs kept under the key's name, takes it. */
final class KeyOption {

    @Option(
            names = "--api-key",
            paramLabel = "KEY",
            description = "The API key. Prefer $OFAUTH_API_KEY: a key typed here lands in your shell history.")
    String apiKey;

    /** {@code --api-key} (warned about) or {@code OFAUTH_API_KEY}, checked. */
    ApiKey apiKey(Terminal t) {
        String key = apiKey;
        if (key != null) {
            t.err()
                    .println(
                            "ofauth-queue: warning: --api-key puts the key in your shell history; prefer OFAUTH_API_KEY");
        } else {
            key = t.env().get("OFAUTH_API_KEY");
        }
        if (key == null || key.isBlank()) {
            throw new UsageError("no API key: set OFAUTH_API_KEY (for the fake: export OFAUTH_API_KEY=demo-api-key)");
        }
        try {
            return new ApiKey(key.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
