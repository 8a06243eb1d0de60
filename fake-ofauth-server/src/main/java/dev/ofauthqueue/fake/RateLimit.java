package dev.ofauthqueue.fake;

/**
 * The fake's rate limit per connection: a token bucket refilled at {@code perMinute} tokens a minute holding at most
 * {@code burst}. OFAuth documents 60 a minute with a burst of 90.
 *
 * @param perMinute refill rate, 1 or more
 * @param burst     bucket size, 1 or more
 */
public record RateLimit(int perMinute, int burst) {

    /** OFAuth's documented default. */
    public static final RateLimit OFAUTH_DEFAULT = new RateLimit(60, 90);

    /**
     * Checks the numbers.
     *
     * @param perMinute refill rate, 1 or more
     * @param burst     bucket size, 1 or more
     * @throws IllegalArgumentException when one is below 1
     */
    public RateLimit {
        if (perMinute < 1) {
            throw new IllegalArgumentException("rate limit per minute must be 1 or more, was " + perMinute);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("rate limit burst must be 1 or more, was " + burst);
        }
    }

    /**
     * Parses {@code PER_MINUTE:BURST}, e.g. {@code 60:90}.
     *
     * @param text the text, as {@code --rate-limit} takes it
     * @return the limit
     * @throws IllegalArgumentException naming the expected form
     */
    public static RateLimit parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "rate limit must be PER_MINUTE:BURST (e.g. 60:90) or off, was '" + text + "'");
        }
        try {
            return new RateLimit(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "rate limit must be PER_MINUTE:BURST (e.g. 60:90) or off, was '" + text + "'", e);
        }
    }
}
