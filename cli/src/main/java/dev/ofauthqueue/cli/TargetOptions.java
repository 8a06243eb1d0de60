package dev.ofauthqueue.cli;

import dev.ofauthqueue.ClientRateLimit;
import dev.ofauthqueue.ConnectionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which OFAuth, which connections, at what pace: the commands that plan or list take these. */
final class TargetOptions {

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "Where OFAuth is (default: $OFAUTH_BASE_URL, else https://api.ofauth.com).")
    String baseUrl;

    @Option(
            names = "--connection",
            paramLabel = "ID",
            description = "A connection (conn_...) to act for; repeat it for several (default: $OFAUTH_CONNECTION_ID).")
    List<String> connections = new ArrayList<>();

    @Option(
            names = "--rate-limit",
            paramLabel = "PER_MINUTE:BURST",
            description = "The client's budget per connection, or 'off' (default: 60:90, OFAuth's).")
    String rateLimit;

    /** The connections named, or {@code OFAUTH_CONNECTION_ID}; at least one. */
    List<ConnectionId> connections(Terminal t) {
        List<String> raw = new ArrayList<>(connections);
        if (raw.isEmpty()) {
            String fromEnv = t.env().get("OFAUTH_CONNECTION_ID");
            if (fromEnv == null || fromEnv.isBlank()) {
                throw new UsageError("no connection: pass --connection conn_... or set OFAUTH_CONNECTION_ID");
            }
            raw.add(fromEnv.strip());
        }
        List<ConnectionId> out = new ArrayList<>();
        for (String c : raw) {
            Optional<String> problem = ConnectionId.problemWith(c);
            if (problem.isPresent()) {
                throw new UsageError("--connection: the connection id " + problem.get());
            }
            ConnectionId id = ConnectionId.of(c);
            if (out.contains(id)) {
                throw new UsageError("--connection: the same connection is named twice");
            }
            out.add(id);
        }
        return out;
    }

    /** {@code PER_MINUTE:BURST} or {@code off}; also reads a job's written form {@code 60/min burst 90}. */
    static Optional<ClientRateLimit> parseRateLimit(String text) {
        String t = text.strip();
        if (t.equals("off") || t.equals("unlimited")) {
            return Optional.empty();
        }
        String[] parts = t.contains("/min burst ") ? t.split("/min burst ", -1) : t.split(":", -1);
        try {
            if (parts.length == 2) {
                return Optional.of(new ClientRateLimit(wholeNumber(parts[0]), wholeNumber(parts[1])));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageError("--rate-limit: " + e.getMessage() + "; write PER_MINUTE:BURST such as 60:90, or off");
        }
        throw new UsageError("--rate-limit: '" + text + "' is not PER_MINUTE:BURST (such as 60:90) or off");
    }

    /** {@code text} as an int, or an IllegalArgumentException in our words (never "For input string"). */
    static int wholeNumber(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a whole number", e);
        }
    }
}
