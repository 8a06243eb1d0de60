package dev.ofauthqueue.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Text from the network made safe for a terminal. An upstream controls a message's text, an error's wording and
 * names; printed raw, an escape sequence in them can clear the screen, retitle the window or forge a line such as
 * {@code ofauth-queue: job 1 COMPLETED}. Every character a terminal acts on instead of showing is replaced by a
 * visible escape: C0 controls but tab, DEL, C1 controls, and the bidirectional overrides and isolates that reorder
 * what follows them.
 */
final class TerminalText {

    private TerminalText() {}

    /** {@code s} as one visible line: newlines and carriage returns too become escapes. */
    static String line(String s) {
        return escape(s, false);
    }

    /**
     * A writer that escapes what {@link #line} escapes but newlines, so that lines written whole keep their breaks.
     * Everything the command line prints goes through one; strings from the network also go through {@link #line},
     * so that they cannot add lines of their own.
     */
    static Writer printable(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                out.write(escape(String.valueOf((char) c), true));
            }

            @Override
            public void write(char[] chars, int off, int len) throws IOException {
                out.write(escape(new String(chars, off, len), true));
            }

            @Override
            public void write(String s, int off, int len) throws IOException {
                String part = s.substring(off, off + len);
                out.write(part.equals(System.lineSeparator()) ? part : escape(part, true));
            }
        };
    }

    private static String escape(String s, boolean keepNewlines) {
        int first = 0;
        while (first < s.length() && !acted(s.charAt(first), keepNewlines)) {
            first++;
        }
        if (first == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!acted(c, keepNewlines)) {
                b.append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c <= 0xFF) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** Whether a terminal acts on {@code c} rather than showing it. */
    private static boolean acted(char c, boolean keepNewlines) {
        if (c == '\t' || (keepNewlines && c == '\n')) {
            return false;
        }
        return c < 0x20
                || (c >= 0x7F && c <= 0x9F)
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
