package dev.ofauthqueue.adapter.vertx;

import java.net.IDN;
import java.net.URI;
import java.util.Optional;

/**
 * Whether a URL's host and port are ones Vert.x can connect to: the one check behind OFAuth's base URL and the Redis
 * URL (the shared job store). Vert.x finds out only when it connects, in words that do not say what to fix: a port out
 * of range throws on its event loop, and a host name DNS cannot hold fails as if the connection broke.
 *
 * <pre>{@code
 * ServerAddress.problem(URI.create("http://h:99999")); // Optional[port must be from 1 to 65535]
 * }</pre>
 */
public final class ServerAddress {

    /** The longest name DNS holds, in its ASCII form. */
    static final int LONGEST_NAME = 253;

    private ServerAddress() {}

    /**
     * What is wrong with {@code uri}'s host and port, worded to follow "the URL's": a port of 0 or above 65535, a host
     * name with a label over 63 characters or over {@value #LONGEST_NAME} characters in all.
     *
     * @param uri a URL with a host (an IPv6 address in brackets is taken as it is)
     * @return the problem, or empty when there is none
     */
    public static Optional<String> problem(URI uri) {
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return Optional.of("port must be from 1 to 65535");
        }
        String host = uri.getHost();
        if (host == null || host.startsWith("[")) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host);
        } catch (IllegalArgumentException e) {
            return Optional.of("host is not a name DNS can look up (" + e.getMessage() + ")");
        }
        if (ascii.length() > LONGEST_NAME) {
            return Optional.of("host is " + ascii.length() + " characters long, more than the " + LONGEST_NAME
                    + " of a name DNS can look up");
        }
        return Optional.empty();
    }
}
