package dev.ofauthqueue.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upstream that misbehaves on purpose, for tests of a client or the command line pointed at it with
 * {@code --base-url}: answers far larger than any page, answers that never end or trickle in, text full of terminal
 * escapes, pages that repeat forever. Unlike the fake OFAuth server it keeps no state and checks nothing: each request
 * gets the answer of the first rule whose method and path prefix match it, or a 404 in OFAuth's error envelope. It
 * listens on a free loopback port, on the JDK's own HTTP server (no library).
 *
 * <pre>{@code
 * try (HostileUpstream upstream = HostileUpstream.start()
 *         .on("GET", "/v2/access/mass-messages", HostileUpstream.endless())) {
 *     // point the client at upstream.baseUrl(): it must fail naming its limit, not run out of memory
 * }
 * }</pre>
 */
public final class HostileUpstream implements AutoCloseable {

    /** What a matching request is answered with; made by this class's factories. */
    public static final class Answer {
        private final Writer writer;

        private Answer(Writer writer) {
            this.writer = writer;
        }
    }

    @FunctionalInterface
    private interface Writer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private record Rule(String method, String pathPrefix, Answer answer) {}

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private HostileUpstream(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts one on a free loopback port.
     *
     * @return the running upstream; close it
     */
    public static HostileUpstream start() {
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-upstream");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HostileUpstream upstream = new HostileUpstream(server, threads);
            server.createContext("/", upstream::handle);
            server.setExecutor(threads);
            server.start();
            return upstream;
        } catch (IOException e) {
            threads.shutdownNow();
            throw new UncheckedIOException("the hostile upstream could not listen on a loopback port", e);
        }
    }

    /**
     * Answers requests of {@code method} whose path starts with {@code pathPrefix} with {@code answer}; rules added
     * first are tried first.
     *
     * @param method     an HTTP method, such as {@code GET}
     * @param pathPrefix the start of the path, such as {@code /v2/access/mass-messages}
     * @param answer     what to answer
     * @return this upstream
     */
    public HostileUpstream on(String method, String pathPrefix, Answer answer) {
        rules.add(new Rule(method, pathPrefix, answer));
        return this;
    }

    /**
     * Where it listens.
     *
     * @return {@code http://127.0.0.1:PORT}
     */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort();
    }

    /**
     * How many requests arrived.
     *
     * @return the count so far
     */
    public int requests() {
        return requests.get();
    }

    /**
     * A complete JSON answer.
     *
     * @param status the HTTP status
     * @param body   the JSON body, sent as it is
     * @return the answer
     */
    public static Answer json(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Answer(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        });
    }

    /**
     * A 200 of {@code bytes} bytes with its {@code Content-Length} said first: a JSON page whose list is padded with
     * spaces. Written as fast as the client reads, until it has all or goes.
     *
     * @param bytes the body's size
     * @return the answer
     */
    public static Answer huge(long bytes) {
        return new Answer(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes);
            byte[] head = "{\"hasMore\":false,\"list\":[".getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "]}".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = exchange.getResponseBody();
            out.write(head);
            pad(out, bytes - head.length - tail.length);
            out.write(tail);
        });
    }

    /**
     * A 200 whose chunked body never ends: a JSON page that opens and then only pads, written until the client goes.
     *
     * @return the answer
     */
    public static Answer endless() {
        return new Answer(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"hasMore\":true,\"list\":[".getBytes(StandardCharsets.US_ASCII));
            pad(out, Long.MAX_VALUE);
        });
    }

    /**
     * A 200 whose headers come at once and whose chunked body then trickles in, one byte per {@code every}, never
     * ending: each byte arrives well within any idle timeout, so only a limit on the whole answer ends it.
     *
     * @param every the pause before each byte
     * @return the answer
     */
    public static Answer slow(Duration every) {
        long millis = every.toMillis();
        return new Answer(exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write('{');
            out.flush();
            try {
                while (true) {
                    Thread.sleep(millis); // the upstream's own pace: the client under test decides when to give up
                    out.write(' ');
                    out.flush();
                }
            } catch (InterruptedException closing) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void pad(OutputStream out, long count) throws IOException {
        byte[] spaces = new byte[64 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        for (long left = count; left > 0; left -= spaces.length) {
            out.write(spaces, 0, (int) Math.min(spaces.length, left));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            for (Rule rule : rules) {
                if (rule.method().equals(exchange.getRequestMethod()) && path.startsWith(rule.pathPrefix())) {
                    rule.answer().writer.answer(exchange);
                    return;
                }
            }
            json(404, "{\"error\":\"no rule for this request\",\"type\":\"RESOURCE_NOT_FOUND\"}")
                    .writer
                    .answer(exchange);
        } catch (IOException clientWentAway) {
            // the client closed the connection mid-answer: what these answers are for
        }
    }

    /** Stops listening and ends the answers still being written. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
