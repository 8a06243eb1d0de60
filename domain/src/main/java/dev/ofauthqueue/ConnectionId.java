package dev.ofauthqueue;

import java.util.Optional;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * An OFAuth connection id ({@code conn_…}): which creator account a call acts for.
 *
 * <p>OFAuth asks integrators to treat connection ids like credentials, so {@link #toString()} never shows the
 * value; only {@link #value()} does, for the one place that must send it (the {@code x-connection-id} header). A
 * malformed id is refused with a message saying what is wrong and where, never the id itself.
 *
 * <pre>{@code
 * ConnectionId creator = ConnectionId.of("conn_demo"); // throws IllegalArgumentException for "demo"
 * System.out.println(creator); // conn_****: never the id in logs
 * }</pre>
 *
 * @param value the raw id, {@code conn_} followed by 1 to {@value #MAX_SUFFIX_LENGTH} letters, digits, {@code _} or
 *     {@code -}
 */
@NullMarked
public record ConnectionId(String value) {

    /** The prefix every connection id starts with. */
    public static final String PREFIX = "conn_";

    /** The most characters allowed after {@link #PREFIX}. */
    public static final int MAX_SUFFIX_LENGTH = 120;

    /**
     * Checks the shape of {@code value}.
     *
     * @param value the raw id, {@code conn_} followed by 1 to {@value #MAX_SUFFIX_LENGTH} letters, digits, {@code _} or {@code -}
     * @throws IllegalArgumentException saying what is wrong (see {@link #problemWith(String)})
     */
    public ConnectionId {
        Optional<String> problem = problemWith(value);
        if (problem.isPresent()) {
            // The value itself is never echoed: it may be a real credential with a typo.
            throw new IllegalArgumentException("connectionId " + problem.get());
        }
    }

    /**
     * Reads a connection id.
     *
     * @param value the raw id
     * @return the id
     * @throws IllegalArgumentException saying what is wrong with {@code value}, without printing it
     */
    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    /**
     * What is wrong with {@code value} as a connection id, in words that never contain the value: for example
     * "ends with a space", "must start with 'conn_'" or "has a '/' at position 9; only letters, digits, '_' and '-'
     * may follow 'conn_'".
     *
     * @param value a candidate id, possibly {@code null}
     * @return the problem, or empty when {@code value} is a well-formed id
     */
    public static Optional<String> problemWith(@Nullable String value) {
        if (value == null) {
            return Optional.of("is missing (null)");
        }
        if (value.isEmpty()) {
            return Optional.of("is empty");
        }
        if (value.isBlank()) {
            return Optional.of("is blank (" + value.length() + " whitespace characters)");
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isSpaceChar(value.charAt(0))) {
            return Optional.of("starts with " + describe(value.charAt(0)));
        }
        char last = value.charAt(value.length() - 1);
        if (Character.isWhitespace(last) || Character.isSpaceChar(last)) {
            return Optional.of("ends with " + describe(last));
        }
        if (!value.startsWith(PREFIX)) {
            return Optional.of("must start with '" + PREFIX + "'"
                    + (value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) ? " in lower case" : ""));
        }
        int suffix = value.length() - PREFIX.length();
        if (suffix == 0) {
            return Optional.of("has nothing after '" + PREFIX + "'");
        }
        if (suffix > MAX_SUFFIX_LENGTH) {
            return Optional.of("is too long: " + value.length() + " characters, at most "
                    + (PREFIX.length() + MAX_SUFFIX_LENGTH) + " allowed");
        }
        for (int i = PREFIX.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isAllowed(c)) {
                return Optional.of("has " + describe(c) + " at position " + (i + 1) + "; only letters, digits, '_'"
                        + " and '-' may follow '" + PREFIX + "'");
            }
        }
        return Optional.empty();
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** Names a character by its kind; a printable ASCII symbol is safe to show, letters and digits never fail. */
    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (c == '\t') {
            return "a tab";
        }
        if (c == '\n' || c == '\r') {
            return "a line break";
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return "a whitespace character (U+" + String.format("%04X", (int) c) + ")";
        }
        if (Character.isISOControl(c)) {
            return "a control character (U+" + String.format("%04X", (int) c) + ")";
        }
        if (c > 0x7e) {
            return "a non-ASCII character (U+" + String.format("%04X", (int) c) + ")";
        }
        return "'" + c + "'";
    }

    /** Masked: a connection id is a credential. */
    @Override
    public String toString() {
        return "conn_****";
    }
}
