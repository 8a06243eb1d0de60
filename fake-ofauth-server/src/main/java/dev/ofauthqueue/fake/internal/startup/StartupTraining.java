package dev.ofauthqueue.fake.internal.startup;

import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One start of the fake as {@code java -jar} starts it, then the requests a first test sends (a message, a page of
 * the queue, a DELETE, an admin call), then a stop: every class those load goes into the archive. Spoken over a plain
 * socket, so that no HTTP client of its own joins them.
 */
public final class StartupTraining {

    private static final String[] REQUESTS = {
        "GET /v2/access/mass-messages/5001", "GET /v2/access/mass-messages?type=scheduled&limit=20",
        "DELETE /v2/access/mass-messages/scheduled/999999999", "GET /__admin/journal",
    };

    private StartupTraining() {}

    /**
     * Starts the fake on a free port, sends the requests, stops it.
     *
     * @param args none
     * @throws IOException when the fake cannot be reached
     */
    public static void main(String[] args) throws IOException {
        StandaloneProcess.configure();
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0"))) {
            for (String request : REQUESTS) {
                int status = send(fake.port(), request);
                if (status == 0 || status >= 500) {
                    throw new IOException(request + " answered " + status);
                }
            }
        }
    }

    /** Sends one request on a connection of its own and answers the status of the answer (0 when none came). */
    private static int send(int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write((request + " HTTP/1.1\r\nHost: 127.0.0.1\r\napiKey: " + FakeOfAuthServer.DEMO_API_KEY
                            + "\r\nx-connection-id: " + FakeOfAuthServer.DEMO_CONNECTION
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12); // "HTTP/1.1 200"
            in.transferTo(OutputStream.nullOutputStream());
            String line = new String(head, StandardCharsets.US_ASCII);
            return line.length() == 12 ? Integer.parseInt(line.substring(9, 12)) : 0;
        }
    }
}
