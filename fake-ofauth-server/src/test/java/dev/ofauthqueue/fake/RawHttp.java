package dev.ofauthqueue.fake;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Bytes on a socket, for requests no HTTP client would send. */
final class RawHttp {

    private RawHttp() {}

    /** What came back: the status line's code, the headers and the body as text. */
    record Answer(int status, String head, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }

        boolean hasHeader(String line) {
            return head.toLowerCase(Locale.ROOT).contains(line.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code request} as is and reads one answer (until the connection closes or goes quiet for 3 s). */
    static Answer exchange(int port, byte[] request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return parse(readOne(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads one HTTP answer: headers, then Content-Length bytes (or until the connection closes or goes quiet). */
    static String readOne(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int headEnd = -1;
        int length = -1;
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
                if (headEnd < 0 && out.size() >= 4 && endsWithBlankLine(out.toByteArray())) {
                    headEnd = out.size();
                    length = contentLength(out.toString(StandardCharsets.ISO_8859_1));
                    if (length == 0) {
                        break;
                    }
                }
                if (headEnd >= 0 && length >= 0 && out.size() >= headEnd + length) {
                    break;
                }
            }
        } catch (SocketTimeoutException quiet) {
            // whatever arrived is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean endsWithBlankLine(byte[] b) {
        int n = b.length;
        return b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        return -1;
    }

    static Answer parse(String raw) {
        int split = raw.indexOf("\r\n\r\n");
        String head = split < 0 ? raw : raw.substring(0, split);
        String body = split < 0 ? "" : raw.substring(split + 4);
        int status = 0;
        if (head.startsWith("HTTP/")) {
            String[] parts = head.split(" ", 3);
            status = Integer.parseInt(parts[1]);
        }
        return new Answer(status, head, body);
    }
}
