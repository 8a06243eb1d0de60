package dev.ofauthqueue;

/**
 * The client-side token bucket kept per connection, so that bulk work paces itself instead of collecting 429s.
 * Waiting calls are served in order and give up at their deadline.
 *
 * <pre>{@code
 * OfAuthClientOptions options = OfAuthClientOptions.builder(new ApiKey("demo-api-key"))
 *         .rateLimit(new ClientRateLimit(30, 30)) // half of OFAuth's limit, no burst
 *         .build();
 * }</pre>
 *
 * @param perMinute refill, 1 or more
 * @param burst     bucket size, 1 or more
 */
public record ClientRateLimit(int perMinute, int burst) {

    /** OFAuth's documented limit: 60 a minute, burst 90. */
    public static final ClientRateLimit OFAUTH_DEFAULT = new ClientRateLimit(60, 90);

    /**
     * Checks the numbers.
     *
     * @param perMinute refill, 1 or more
     * @param burst     bucket size, 1 or more
     * @throws IllegalArgumentException when one is below 1
     */
    public ClientRateLimit {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "perMinute and burst must be 1 or more, were " + perMinute + " and " + burst);
        }
    }
}
