package dev.ofauthqueue.fake.internal.http;

import dev.ofauthqueue.fake.FakeServerOptions;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * What every connection and request passes before the router, so that a hostile or careless client gets a clear answer
 * in OFAuth's envelope and never holds the fake hostage:
 *
 * <ul>
 *   <li>a connection must deliver a request's headers within the header timeout counted from accept (a client
 *       trickling one byte at a time is cut off all the same), and may then wait for its next request at most the
 *       idle timeout;
 *   <li>a POST or PUT must deliver its body within the body timeout of its headers; until it has, it is counted
 *       apart from the requests in flight (at most as many again), so bodies trickling in never starve complete
 *       requests;
 *   <li>beyond {@link FakeServerOptions#maxInFlight()} requests at once, a request is answered 503;
 *   <li>an HTTP version other than 1.0 and 1.1 is answered 505 (in an {@code HTTP/1.1} status line); a request line
 *       or headers too long 414 or 431; any other request that is not HTTP 400 (instead of Vert.x's empty or
 *       plain-text answers); a request asking to upgrade (to WebSocket) is served as plain HTTP;
 *   <li>a path with a malformed percent-encoding, an empty segment ({@code //}) or a dot segment ({@code .},
 *       {@code ..}, encoded or not) is answered 400: no path is normalized into another route (the admin API above
 *       all);
 *   <li>bound to loopback, the fake answers only {@code Host} values naming loopback, which defeats DNS rebinding.
 * </ul>
 */
public final class ConnectionGuard implements Handler<HttpServerRequest> {

    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private final GuardTime time;
    private final FakeServerOptions options;
    private final Handler<HttpServerRequest> next;
    private final IntSupplier port;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger receiving = new AtomicInteger();
    private final Map<HttpConnection, Turn> turns = new ConcurrentHashMap<>();
    private volatile String portSuffix;

    private ConnectionGuard(
            GuardTime time, FakeServerOptions options, Handler<HttpServerRequest> next, IntSupplier port) {
        this.time = time;
        this.options = options;
        this.next = next;
        this.port = port;
    }

    /**
     * Puts the door in front of {@code next} on {@code server}.
     *
     * @param port the port the server is bound to, once it is
     */
    public static ConnectionGuard install(
            Vertx vertx,
            HttpServer server,
            FakeServerOptions options,
            Handler<HttpServerRequest> next,
            IntSupplier port) {
        ConnectionGuard door = new ConnectionGuard(GuardTime.of(vertx), options, next, port);
        server.connectionHandler(door::accepted)
                .requestHandler(door)
                .invalidRequestHandler(door::invalid)
                // With a handshake handler set, Vert.x hands requests of unknown HTTP versions to the request handler
                // (which answers 505 in the envelope) instead of answering an empty 501 itself. No WebSockets here.
                .webSocketHandshakeHandler(handshake -> handshake.reject(404));
        return door;
    }

    /** How many requests are being served now. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * The router's first handler: ends the request's turn when its answer is written or its connection breaks. (Each
     * HTTP/1.x connection serves one request at a time, so a connection's turn is its request's.)
     */
    public Handler<RoutingContext> tracker() {
        return ctx -> {
            HttpConnection connection = ctx.request().connection();
            ctx.addEndHandler(ended -> finished(connection));
            ctx.next();
        };
    }

    private void accepted(HttpConnection connection) {
        answerInHttp11(connection);
        Turn turn = new Turn(connection);
        turns.put(connection, turn);
        connection.closeHandler(closed -> {
            Turn gone = turns.remove(connection);
            if (gone != null) {
                gone.close();
            }
        });
        turn.deadline.arm(options.headerTimeout().toMillis());
    }

    /**
     * Plain HTTP/1.1 on the wire, both ways, by a handler just before Vert.x's own on the connection's channel (Vert.x
     * has no public way to do either): Vert.x answers in the request's protocol, so a request line ending
     * {@code FOO/1.1} would get {@code FOO/1.1 505}; an answer in a version this server does not speak is written
     * {@code HTTP/1.1} instead. And a request asking to upgrade (to WebSocket) is served as plain HTTP, as HTTP allows a
     * server to ignore {@code Upgrade}: its route answers it, in OFAuth's envelope when it fails, rather than Vert.x's
     * plain-text rejection of a handshake.
     */
    private static void answerInHttp11(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            ChannelHandlerContext vertx = base.channelHandlerContext();
            if (vertx.pipeline().get(HTTP11_ONLY) == null) {
                vertx.pipeline().addBefore(vertx.name(), HTTP11_ONLY, new Http11Only());
            }
        }
    }

    private static final String HTTP11_ONLY = "ofauth-fake-http11-only";

    /** Writes every answer in HTTP/1.0 or HTTP/1.1, and reads no request as an upgrade. */
    private static final class Http11Only extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest request && request.headers().contains(HttpHeaderNames.UPGRADE)) {
                request.headers().remove(HttpHeaderNames.UPGRADE);
                String tokens = request.headers().get(HttpHeaderNames.CONNECTION);
                if (tokens != null) {
                    StringBuilder kept = new StringBuilder();
                    for (String token : tokens.split(",", -1)) {
                        if (!token.strip().equalsIgnoreCase("upgrade") && !token.isBlank()) {
                            kept.append(kept.length() > 0 ? ", " : "").append(token.strip());
                        }
                    }
                    if (kept.length() == 0) {
                        request.headers().remove(HttpHeaderNames.CONNECTION);
                    } else {
                        request.headers().set(HttpHeaderNames.CONNECTION, kept.toString());
                    }
                }
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse answer
                    && !io.netty.handler.codec.http.HttpVersion.HTTP_1_0.equals(answer.protocolVersion())
                    && !io.netty.handler.codec.http.HttpVersion.HTTP_1_1.equals(answer.protocolVersion())) {
                answer.setProtocolVersion(io.netty.handler.codec.http.HttpVersion.HTTP_1_1);
            }
            super.write(ctx, msg, promise);
        }
    }

    private void finished(HttpConnection connection) {
        Turn turn = turns.get(connection);
        if (turn != null) {
            turn.end();
        }
    }

    @Override
    public void handle(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Turn turn = turns.computeIfAbsent(connection, Turn::new);
        boolean withBody = HttpMethod.POST.equals(request.method()) || HttpMethod.PUT.equals(request.method());
        if (!turn.begin(withBody)) {
            busy(request, connection);
            return;
        }
        if (request.version() == null) {
            refuse(
                    request,
                    connection,
                    505,
                    "HTTP_VERSION_NOT_SUPPORTED",
                    "Only HTTP/1.0 and HTTP/1.1 are served",
                    true);
            return;
        }
        String refusal = refusal(request);
        if (refusal != null) {
            refuse(request, connection, 400, "BAD_REQUEST", refusal, false);
            return;
        }
        if (options.bindsLoopbackOnly() && !hostNamesLoopback(request)) {
            refuse(
                    request,
                    connection,
                    421,
                    "MISDIRECTED_REQUEST",
                    "This fake answers only requests for 127.0.0.1, localhost or [::1]",
                    true);
            return;
        }
        next.handle(request);
    }

    /**
     * The router's handler right after each body handler: the request's body has arrived, so it now counts among the
     * requests in flight (and is answered 503 when there are already as many as the fake serves).
     */
    public Handler<RoutingContext> bodyArrived() {
        return ctx -> {
            HttpConnection connection = ctx.request().connection();
            Turn turn = turns.get(connection);
            if (turn != null && !turn.bodyArrived()) {
                busy(ctx.request(), connection);
                return;
            }
            ctx.next();
        };
    }

    private void busy(HttpServerRequest request, HttpConnection connection) {
        refuse(
                request,
                connection,
                503,
                "NETWORK_ERROR",
                "The fake serves at most " + options.maxInFlight() + " requests at once; retry shortly",
                false);
    }

    private void refuse(
            HttpServerRequest request,
            HttpConnection connection,
            int status,
            String type,
            String message,
            boolean close) {
        if (status == 503) {
            request.response().putHeader("Retry-After", "1");
        }
        Responses.error(request, status, type, message, close).onComplete(done -> finished(connection));
    }

    /** Why a request's target cannot be served as sent, or null. */
    private static String refusal(HttpServerRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if (!path.startsWith("/")) {
            return "The request target must be a path starting with /";
        }
        if (!wellEncoded(uri)) {
            return "The request target has a malformed percent-encoding";
        }
        if (path.contains("//")) {
            return "The path must not contain empty segments ('//')";
        }
        int from = 1; // each segment, after its slash, scanned in place: no strings per request
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                if (dotSegment(path, from, i)) {
                    return "The path must not contain dot segments ('.' or '..')";
                }
                from = i + 1;
            }
        }
        return null;
    }

    /**
     * Whether {@code path[from, to)} is {@code .} or {@code ..}, each dot as it is or encoded ({@code %2e},
     * {@code %2E}).
     */
    private static boolean dotSegment(String path, int from, int to) {
        int dots = 0;
        int i = from;
        while (i < to && dots <= 2) {
            if (path.charAt(i) == '.') {
                i++;
            } else if (i + 3 <= to && path.regionMatches(true, i, "%2e", 0, 3)) {
                i += 3;
            } else {
                return false;
            }
            dots++;
        }
        return i == to && (dots == 1 || dots == 2);
    }

    private static boolean wellEncoded(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '%') {
                if (i + 2 >= text.length() || !hex(text.charAt(i + 1)) || !hex(text.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private boolean hostNamesLoopback(HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host == null) {
            return request.version() == HttpVersion.HTTP_1_0; // HTTP/1.1 requires a Host; browsers always send one
        }
        String name = host.toLowerCase(Locale.ROOT); // the same string when it has no capitals
        String portSuffix = portSuffix();
        if (name.endsWith(portSuffix)) {
            name = name.substring(0, name.length() - portSuffix.length());
        }
        return LOOPBACK_NAMES.contains(name);
    }

    /** {@code :PORT} of the bound port, made once (the port is known once the server listens, before any request). */
    private String portSuffix() {
        String made = portSuffix;
        if (made == null) {
            made = ":" + port.getAsInt();
            portSuffix = made;
        }
        return made;
    }

    private void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            Responses.error(request, 414, "URI_TOO_LONG", "The request line is too long", true);
        } else if (cause instanceof TooLongHttpHeaderException) {
            Responses.error(request, 431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "The request headers are too large", true);
        } else {
            Responses.error(request, 400, "BAD_REQUEST", "The request is not valid HTTP/1.1", true);
        }
    }

    /**
     * A connection's state: whether a request of it is receiving its body (counted apart) or being served (counted in
     * the fake's in-flight requests), and its one deadline: until a request's headers arrive (from accept: the header
     * timeout; after an answer: the idle timeout), or until its body has (the body timeout), kept by a {@link
     * ConnectionDeadline}.
     */
    private final class Turn {
        /** What this connection's request is counted in: {@code receiving}, {@code inFlight}, or nothing (null). */
        private AtomicInteger countedIn;

        /** When the connection is closed unless a request arrives (or its body does). */
        private final ConnectionDeadline deadline;

        Turn(HttpConnection connection) {
            this.deadline = new ConnectionDeadline(time, connection::close);
        }

        /**
         * A request's headers arrived: false when the fake already serves (or receives bodies of) as many as it may
         * (the turn is taken anyway, and given back when the refusal is written).
         */
        synchronized boolean begin(boolean withBody) {
            deadline.cancel();
            if (countedIn != null) {
                return true;
            }
            if (withBody) {
                deadline.arm(options.bodyTimeout().toMillis());
            }
            return countIn(withBody ? receiving : inFlight);
        }

        /** The body arrived: the request is served now; false when the fake already serves as many as it may. */
        synchronized boolean bodyArrived() {
            if (countedIn != receiving) {
                return true;
            }
            deadline.cancel();
            release();
            return countIn(inFlight);
        }

        synchronized void end() {
            if (release()) {
                deadline.arm(options.idleTimeout().toMillis());
            }
        }

        /**
         * The connection closed: its timer goes too, so a closed connection holds nothing until the timer would fire.
         */
        synchronized void close() {
            deadline.stop();
            release();
        }

        private boolean countIn(AtomicInteger counter) {
            countedIn = counter;
            return counter.incrementAndGet() <= options.maxInFlight();
        }

        /** Gives back what this connection's request counted in; whether it counted in anything. */
        private boolean release() {
            if (countedIn == null) {
                return false;
            }
            countedIn.decrementAndGet();
            countedIn = null;
            return true;
        }
    }
}
