package dev.ofauthqueue.fake;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar fake-ofauth-server.jar [--port N] [--host H] [--recordings DIR] [--rate-limit PER_MINUTE:BURST|off]
 * [--clock ISO_INSTANT|now] [--help]}.
 */
public final class FakeOfAuthMain {

    static final String USAGE = """
            Usage: java -jar fake-ofauth-server.jar [options]

            A fake OFAuth server for the mass-message endpoints, serving recorded queues.

              --port N                      port to listen on (default 8080; 0 picks a free port and prints it)
              --host H                      interface to bind (default 127.0.0.1)
              --recordings DIR              recording set to serve (default: the bundled demo set)
              --rate-limit PER_MINUTE:BURST token bucket per connection (default 60:90); 'off' disables it
              --clock ISO_INSTANT|now       where the fake's clock starts (default: the recordings' recordedAt);
                                            recorded dates move with it
              --record-from URL             record mode: proxy /v2/access to URL (a real OFAuth) ...
              --record-to DIR               ... and write what it sees there as recordings, with pseudonyms
              --mask-field NAME             in record mode, mask this JSON field everywhere (repeatable)
              --debug                       log one line per request (method, path, status, time) to stderr
              --help                        print this and exit

            Demo credentials: apiKey demo-api-key; connections conn_demo, conn_readonly (read only),
            conn_expired (expired session). Admin API: /__admin/clock, /__admin/reset,
            /__admin/connections/{connectionId}/queue.
            """;

    // JUL holds loggers weakly: this strong reference keeps the configured one (and its handler) alive.
    @SuppressWarnings("unused")
    private static Logger requestLog;

    private FakeOfAuthMain() {}

    public static void main(String[] args) throws InterruptedException {
        // The fake binds loopback and proxies (record mode) to one host: the JDK resolver serves, and skipping Vert.x's
        // own DNS resolver takes a good part of start-up time away.
        if (System.getProperty("vertx.disableDnsResolver") == null) {
            System.setProperty("vertx.disableDnsResolver", "true");
        }
        // It serves no files: no class-path file resolver (and its cache directory) to set up either.
        if (System.getProperty("vertx.disableFileCPResolving") == null) {
            System.setProperty("vertx.disableFileCPResolving", "true");
        }
        FakeServerOptions options;
        try {
            options = parse(args);
        } catch (HelpRequested e) {
            System.out.print(USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("fake-ofauth-server: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.debugLog()) {
            enableRequestLog();
        }
        FakeOfAuthServer server;
        try {
            server = FakeOfAuthServer.start(options);
        } catch (InvalidRecordingsException | IllegalStateException e) {
            System.err.println("fake-ofauth-server: " + e.getMessage());
            System.exit(1);
            return;
        }
        announce(server, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "fake-ofauth-shutdown"));
        stopped.await();
    }

    /** Quiet by default; with --debug, the per-request lines (logged at FINE) go to stderr. */
    static void enableRequestLog() {
        Logger log = Logger.getLogger("dev.ofauthqueue.fake");
        requestLog = log;
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.FINE);
        log.setLevel(Level.FINE);
        log.addHandler(handler);
    }

    static void announce(FakeOfAuthServer server, PrintStream out) {
        out.println("fake-ofauth-server listening on " + server.baseUrl() + " (port " + server.port() + "), clock at "
                + server.clock().instant());
        out.flush();
    }

    /** Thrown by {@link #parse} for {@code --help}. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("help", null, false, false);
        }
    }

    /**
     * The options the command line {@code args} describe, exactly as the standalone jar reads them; for starting a
     * fake in-process with the same flags.
     *
     * @throws IllegalArgumentException naming the flag at fault ({@code --help} is refused here)
     */
    public static FakeServerOptions options(String... args) {
        try {
            return parse(args);
        } catch (HelpRequested e) {
            throw new IllegalArgumentException("--help prints usage; it starts nothing");
        }
    }

    static FakeServerOptions parse(String[] args) {
        FakeServerOptions.Builder b = FakeServerOptions.builder();
        String recordFrom = null;
        String recordTo = null;
        Set<String> maskFields = new LinkedHashSet<>();
        boolean debug = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--debug" -> debug = true;
                case "--port" -> {
                    String v = value(args, ++i, arg);
                    try {
                        b.port(Integer.parseInt(v));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port takes a number from 0 to 65535, was '" + v + "'");
                    }
                }
                case "--host" -> b.host(value(args, ++i, arg));
                case "--recordings" -> {
                    Path dir = Path.of(value(args, ++i, arg));
                    if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
                        throw new IllegalArgumentException("--recordings " + dir + " holds no manifest.json");
                    }
                    b.recordings(dir);
                }
                case "--rate-limit" -> {
                    String v = value(args, ++i, arg);
                    if (v.equals("off")) {
                        b.rateLimitOff();
                    } else {
                        b.rateLimit(RateLimit.parse(v));
                    }
                }
                case "--clock" -> {
                    String v = value(args, ++i, arg);
                    if (v.equals("now")) {
                        b.clockStart(new FakeServerOptions.AtWallClock());
                    } else {
                        try {
                            b.clockAt(Instant.parse(v));
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException(
                                    "--clock takes an ISO instant such as 2026-11-01T12:00:00Z, or now; was '" + v
                                            + "'");
                        }
                    }
                }
                case "--record-from" -> recordFrom = value(args, ++i, arg);
                case "--record-to" -> recordTo = value(args, ++i, arg);
                case "--mask-field" -> maskFields.add(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        if ((recordFrom == null) != (recordTo == null)) {
            throw new IllegalArgumentException("--record-from and --record-to go together");
        }
        if (recordFrom != null) {
            try {
                b.recordMode(new RecordMode(URI.create(recordFrom), Path.of(recordTo), maskFields));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        e.getMessage().startsWith("--")
                                ? e.getMessage()
                                : "--record-from must be an http(s) URL, was '" + recordFrom + "'");
            }
        } else if (!maskFields.isEmpty()) {
            throw new IllegalArgumentException("--mask-field only applies in record mode");
        }
        return b.debugLog(debug).build();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
