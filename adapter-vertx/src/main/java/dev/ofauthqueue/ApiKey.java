package dev.ofauthqueue;

/**
 * An OFAuth API key. {@link #toString()} never shows it; only {@link #value()} does, for the {@code apiKey} header.
 *
 * <pre>{@code
 * OfAuthClientOptions options = OfAuthClientOptions.builder(new ApiKey(System.getenv("OFAUTH_API_KEY"))).build();
 * System.out.println(new ApiKey("demo-api-key")); // ApiKey[****]
 * }</pre>
 *
 * @param value the key, not blank
 */
public record ApiKey(String value) {

    /**
     * Checks the key without ever echoing it.
     *
     * @param value the key, not blank
     * @throws IllegalArgumentException when it is blank or holds spaces or non-printable characters
     */
    public ApiKey {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("apiKey must not be blank");
        }
        if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // Not echoed: it is a secret.
            throw new IllegalArgumentException("apiKey must be printable ASCII without spaces");
        }
    }

    /**
     * Whether this is an OFAuth sandbox key ({@code sk_sandbox_…}).
     *
     * @return {@code true} for sandbox keys
     */
    public boolean isSandbox() {
        return value.startsWith("sk_sandbox_");
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}
