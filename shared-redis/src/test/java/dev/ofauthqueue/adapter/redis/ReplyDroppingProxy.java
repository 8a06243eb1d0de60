package dev.ofauthqueue.adapter.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback TCP proxy in front of Redis that can lose Redis's replies: while {@link #dropReplies dropping}, what the
 * client sends still reaches Redis (and runs), but its answer is thrown away and the connection cut, as when a
 * connection breaks after the command ran. (Throwing a reply away on a connection left open would shift every later
 * reply onto the wrong request, which TCP never does.)
 */
final class ReplyDroppingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int upstreamPort;
    private final AtomicBoolean dropping = new AtomicBoolean();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ReplyDroppingProxy(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(this::accept, "reply-dropping-proxy");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** The proxy's URL: {@code redis://127.0.0.1:PORT}. */
    String url() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    /** From now on, a reply from Redis is thrown away and cuts its connection ({@code true}), or is passed on. */
    void dropReplies(boolean drop) {
        dropping.set(drop);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(ReplyDroppingProxy::closeQuietly);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, new AtomicBoolean(false));
                pump(upstream, client, dropping);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicBoolean dropWhen) {
        Thread pumping = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (InputStream in = from.getInputStream()) {
                        OutputStream out = to.getOutputStream();
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            if (dropWhen.get()) {
                                break;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException closed) {
                        // one side went away: so does the other
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "reply-dropping-proxy-pump " + from.getLocalSocketAddress());
        pumping.setDaemon(true);
        pumping.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
