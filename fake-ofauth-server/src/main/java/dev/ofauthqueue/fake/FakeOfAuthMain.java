package dev.ofauthqueue.fake;

import dev.ofauthqueue.fake.internal.journal.RequestLog;
import dev.ofauthqueue.fake.internal.startup.StandaloneProcess;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar fake-ofauth-server.jar [--port N] [--host H] [--recordings DIR] [--rate-limit PER_MINUTE:BURST|off]
 * [--clock ISO_INSTANT|now] [--help]}.
 */
public final class FakeOfAuthMain {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    static final String USAGE = """
            Usage: java -jar fake-ofauth-server.jar [options]

            A fake OFAuth server for the mass-message endpoints, serving recorded queues.

              --port N                      port to listen on (default 8080; 0 picks a free port and prints it)
              --host H                      interface to bind (default 127.0.0.1). Any other than loopback exposes the
                                            fake to the network: it then needs --admin-token or --no-admin
              --recordings DIR              recording set to serve (default: the bundled demo set)
              --rate-limit PER_MINUTE:BURST token bucket per connection (default 60:90); 'off' disables it
              --clock ISO_INSTANT|now|recorded
                                            where the fake's clock starts (default: now, the machine's time;
                                            'recorded': the recordings' recordedAt); recorded dates move with it.
                                            From 2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z
              --admin-token TOKEN           require 'Authorization: Bearer TOKEN' on every admin request
                                            (at least 16 characters)
              --no-admin                    serve no admin API at all
              --header-timeout DURATION     close a connection whose request headers are not complete this long after
                                            accept (default 10s)
              --body-timeout DURATION       close a connection whose POST or PUT body is not complete this long after
                                            its headers (default 10s)
              --idle-timeout DURATION       close a keep-alive connection idle this long (default 60s)
              --max-in-flight N             requests served at once; more are answered 503 (default 512)
              --journal-capacity N          requests the journal keeps (default 1000)
              --record-from URL             record mode: proxy /v2/access to URL (a real OFAuth) ...
              --record-to DIR               ... and write what it sees there as recordings, with pseudonyms
              --mask-field NAME             in record mode, mask this JSON field everywhere (repeatable)
              --debug                       log one line per request (method, path, status, time) to stderr
              --help                        print this and exit

            Durations: <n>ms, <n>s, <n>m, <n>h or ISO-8601 (PT10S).

            Demo credentials: apiKey demo-api-key; connections conn_demo, conn_readonly (read only),
            conn_expired (expired session). Admin API: /__admin/clock, /__admin/reset, /__admin/faults,
            /__admin/requests, /__admin/connections/{connectionId}/queue; writes need
            Content-Type: application/json.
            """;

    // JUL holds loggers weakly: this strong reference keeps the configured one (and its handler) alive.
    @SuppressWarnings("unused")
    private static Logger requestLog;

    private FakeOfAuthMain() {}

    /**
     * Starts a fake as the flags say and serves until the process is stopped; {@code --help} lists the flags. Exits
     * with status 2 and a message naming the flag when a flag is wrong, 1 when the fake cannot start.
     *
     * @param args the command line
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        StandaloneProcess.configure();
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
        if (!options.bindsLoopbackOnly()) {
            System.err.println("fake-ofauth-server: WARNING: " + options.host() + " is not loopback: anyone who can "
                    + "reach this port can call the fake"
                    + (options.adminEnabled()
                            ? " (its admin API only with the admin token)"
                            : " (its admin API is off)")
                    + ". Bind 127.0.0.1 unless you mean it.");
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
        Logger log = Logger.getLogger(RequestLog.LOGGER);
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
     * @param args flags as on the command line, for example {@code "--port", "0"}
     * @return the options
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
        // The standalone fake's clock agrees with the machine's by default, so a client using its own clock sees the
        // demo queue as scheduled; --clock recorded starts it at the recordings' instant instead.
        Flags flags = new Flags(FakeServerOptions.builder().clockStart(new FakeServerOptions.AtWallClock()));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            try {
                i = flags.read(args, i);
            } catch (IllegalArgumentException e) {
                // Every message names the flag at fault, whichever check refused the value.
                throw e.getMessage() != null && e.getMessage().startsWith(arg)
                        ? e
                        : new IllegalArgumentException(arg + ": " + e.getMessage(), e);
            }
        }
        return flags.build();
    }

    /** The flags read so far. */
    private static final class Flags {
        private final FakeServerOptions.Builder b;
        private final Set<String> maskFields = new LinkedHashSet<>();
        private String recordFrom;
        private String recordTo;
        private boolean debug;

        Flags(FakeServerOptions.Builder b) {
            this.b = b;
        }

        /** Reads the flag at {@code i} (and its value); answers the index of the last argument read. */
        int read(String[] args, int i) {
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
                case "--clock" -> clock(value(args, ++i, arg));
                case "--admin-token" -> b.adminToken(value(args, ++i, arg));
                case "--no-admin" -> b.noAdmin();
                case "--header-timeout" -> b.headerTimeout(duration(value(args, ++i, arg), arg));
                case "--body-timeout" -> b.bodyTimeout(duration(value(args, ++i, arg), arg));
                case "--idle-timeout" -> b.idleTimeout(duration(value(args, ++i, arg), arg));
                case "--max-in-flight" -> b.maxInFlight(number(value(args, ++i, arg), arg));
                case "--journal-capacity" -> b.journalCapacity(number(value(args, ++i, arg), arg));
                case "--record-from" -> recordFrom = value(args, ++i, arg);
                case "--record-to" -> recordTo = value(args, ++i, arg);
                case "--mask-field" -> maskFields.add(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
            return i;
        }

        private void clock(String v) {
            if (v.equals("now")) {
                b.clockStart(new FakeServerOptions.AtWallClock());
            } else if (v.equals("recorded")) {
                b.clockStart(new FakeServerOptions.AtRecording());
            } else {
                try {
                    b.clockAt(Instant.parse(v));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--clock takes an ISO instant such as 2026-11-01T12:00:00Z, "
                            + "now or recorded; was '" + v + "'");
                }
            }
        }

        FakeServerOptions build() {
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
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT10S}). */
    static Duration duration(String text, String option) {
        Matcher m = DURATION.matcher(text);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(text);
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option + " takes a duration such as 500ms, 10s, 2m, 1h or PT10S; was '" + text + "'", e);
        }
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number; was '" + text + "'", e);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        if (args[i].isBlank()) {
            // As "--record-to $UNSET" gives: never taken to mean the working directory.
            throw new IllegalArgumentException(option + " needs a value, was empty");
        }
        return args[i];
    }
}
