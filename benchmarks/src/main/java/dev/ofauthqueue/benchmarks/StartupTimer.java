package dev.ofauthqueue.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Process start to first 200: starts {@code command...}, tries to connect to {@code url}'s port every millisecond and,
 * once it connects, sends {@code GET url} with the headers and reads the status line, until one says 200; prints the
 * milliseconds and stops the process.
 * {@code java -cp benchmarks.jar dev.ofauthqueue.benchmarks.StartupTimer URL HEADER=VALUE,... -- command...}
 *
 * <p>The probe is a plain socket: a refused connection costs one system call, so on two cores the prober takes almost
 * no CPU from the server that is starting. (An HTTP client polling every millisecond did: each refusal built futures
 * and an exception, and the starts it timed were slower by a tenth or more, for every server alike.)
 */
public final class StartupTimer {

    private StartupTimer() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String[] headers = args[1].isEmpty() ? new String[0] : args[1].split(",");
        String[] command = Arrays.copyOfRange(args, 3, args.length);
        StringBuilder request = new StringBuilder("GET ")
                .append(url.getRawPath())
                .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                .append(" HTTP/1.1\r\nHost: ")
                .append(url.getHost())
                .append(':')
                .append(url.getPort())
                .append("\r\nConnection: close\r\n");
        for (String h : headers) {
            String[] kv = h.split("=", 2);
            request.append(kv[0]).append(": ").append(kv[1]).append("\r\n");
        }
        byte[] bytes = request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());
        // Run the probe once before the server exists, so that its own first use is not timed.
        status(address, bytes);

        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
                if (status(address, bytes) == 200) {
                    System.out.println(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return;
                }
                // Polling an external process that is starting up: there is no signal to wait on.
                Thread.sleep(1);
            }
            throw new IllegalStateException("no 200 from " + url + " within 60 s");
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The status of one request on a connection of its own; 0 when nothing listens yet or no status line came. */
    private static int status(InetSocketAddress address, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 200);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12); // "HTTP/1.1 200"
            return head.length == 12 ? Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII)) : 0;
        } catch (ConnectException notListening) {
            return 0;
        }
    }
}
