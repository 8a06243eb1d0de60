package dev.ofauthqueue.cli;

import dev.ofauthqueue.library.PlanFileException;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.OfAuthException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code ofauth-queue}: the library's use cases from a terminal. */
@Command(
        name = "ofauth-queue",
        mixinStandardHelpOptions = true,
        versionProvider = OfAuthQueueCli.Version.class,
        description = {
            "Inspect a creator's scheduled mass messages on OFAuth and delete them safely: never one going out, with a"
                    + " reason for every message kept, within OFAuth's rate limits, in jobs that survive a crash.",
            "",
            "Configuration: OFAUTH_API_KEY (required), OFAUTH_BASE_URL, OFAUTH_CONNECTION_ID.",
            "Try it against the fake: java -jar fake-ofauth-server/target/fake-ofauth-server.jar, then",
            "  OFAUTH_API_KEY=demo-api-key OFAUTH_BASE_URL=http://127.0.0.1:8080 ofauth-queue list --connection conn_demo"
        },
        footer = {"", ExitCode.HELP},
        subcommands = {
            ListCommand.class,
            PlanCommand.class,
            DeleteCommand.class,
            JobsCommand.class,
            AutoComplete.GenerateCompletion.class
        })
public final class OfAuthQueueCli {

    private final Terminal terminal;

    OfAuthQueueCli(Terminal terminal) {
        this.terminal = terminal;
    }

    Terminal terminal() {
        return terminal;
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Terminal t = new Terminal(
                System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                onATerminal());
        System.exit(run(t, args));
    }

    /**
     * Whether a person sits at this process: its standard input and output are a terminal. On JDK 22 and newer
     * {@code System.console()} is never null, so {@code Console.isTerminal()} (found by reflection, absent on 17)
     * decides there.
     */
    @SuppressWarnings("SystemConsoleNull") // checked for null on JDK 17-21, where null means "not a terminal"
    static boolean onATerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Runs {@code args} with the given terminal; answers the exit code. */
    static int run(Terminal raw, String... args) {
        quietLogs(args);
        // Commands print through escaping writers; only picocli's own help writes raw, for its colours.
        Terminal t = raw.printable();
        CommandLine cli = new CommandLine(new OfAuthQueueCli(t), new Factory(t));
        cli.setOut(raw.out());
        cli.setErr(raw.err());
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(
                raw.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cli.setExitCodeExceptionMapper(failure -> ExitCode.of(failure));
        // Values picocli converts itself, refused in our words rather than Java's.
        cli.registerConverter(Integer.class, OfAuthQueueCli::wholeNumber);
        cli.registerConverter(int.class, OfAuthQueueCli::wholeNumber);
        cli.registerConverter(ZoneId.class, OfAuthQueueCli::zone);
        cli.registerConverter(Path.class, OfAuthQueueCli::path);
        boolean json = List.of(args).contains("--json");
        cli.setParameterExceptionHandler((e, a) -> {
            t.err().println(failure(e.getMessage()));
            t.err().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return failed(t, json, ExitCode.USAGE, e.getMessage());
        });
        cli.setExecutionExceptionHandler((thrown, command, parsed) -> {
            Throwable e = thrown;
            while (e instanceof CompletionException && e.getCause() != null) {
                e = e.getCause();
            }
            boolean debug = List.of(args).contains("--debug");
            if (debug) {
                e.printStackTrace(t.err());
            }
            DeletionJobStoreException store = storeFailure(e);
            int code = ExitCode.honest(ExitCode.of(e), t.sent().get(), store != null);
            String message;
            if (e instanceof UsageError || e instanceof IllegalArgumentException || e instanceof PlanFileException) {
                message = e.getMessage();
            } else if (store != null) {
                message = store.getMessage();
            } else {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof OfAuthException)) {
                    cause = cause.getCause();
                }
                message = cause.getMessage();
                t.err().println(failure(message) + (debug ? "" : " (--debug shows the stack trace)"));
                return failed(t, json, code, message);
            }
            t.err().println(failure(message));
            return failed(t, json, code, message);
        });
        return ExitCode.honest(cli.execute(args), t.sent().get(), false);
    }

    /**
     * Ends a run that failed before its command could: with {@code --json}, standard output still ends with a
     * {@code summary} line carrying the exit code and the error.
     */
    static int failed(Terminal t, boolean json, int code, @Nullable String message) {
        if (json) {
            Map<String, Object> summary = Json.line("summary");
            summary.put("exitCode", code);
            summary.put("error", String.valueOf(message));
            t.out().println(Json.write(summary));
        }
        return code;
    }

    /** A failure as the command line says it: one line, its text (often the network's) made safe for a terminal. */
    private static String failure(@Nullable String message) {
        return "ofauth-queue: " + TerminalText.line(String.valueOf(message));
    }

    static Integer wholeNumber(String text) {
        try {
            return TargetOptions.wholeNumber(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a time zone: write a region such as Europe/Paris, UTC, or an offset such as +02:00");
        }
    }

    /**
     * A file or directory named on the command line. Empty (as {@code --out "$UNSET"} gives) is refused rather than
     * taken as the working directory, and so is a name with a control character, which no terminal shows as typed.
     */
    static Path path(String text) {
        if (text.isBlank()) {
            throw new CommandLine.TypeConversionException("the path is empty: name a file or directory");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw new CommandLine.TypeConversionException(
                    "'" + TerminalText.line(text) + "' carries a control character; name a file or directory without");
        }
        return Path.of(text);
    }

    /** The job store's failure behind {@code e}, however wrapped (a job's future fails with it), or {@code null}. */
    private static @Nullable DeletionJobStoreException storeFailure(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof DeletionJobStoreException store) {
                return store;
            }
        }
        return null;
    }

    /**
     * The client logs each request at DEBUG; without --debug nothing below WARN of ours reaches the terminal, and
     * nothing at all of Vert.x's or Netty's (their warnings, such as a blocked thread's, carry stack traces and are in
     * their words, not ours: {@code --debug} shows them).
     */
    static void quietLogs(String[] args) {
        boolean debug = false;
        for (String a : args) {
            debug |= a.equals("--debug");
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.log.dev.ofauthqueue", debug ? "debug" : "warn");
        for (String library : LIBRARIES) {
            System.setProperty("org.slf4j.simpleLogger.log." + library, debug ? "debug" : "off");
        }
        for (Logger jul : LIBRARY_JUL_LOGGERS) {
            jul.setLevel(debug ? Level.FINE : Level.OFF);
        }
    }

    private static final List<String> LIBRARIES = List.of("io.vertx", "io.netty");

    /** Held here: java.util.logging keeps its loggers weakly, and a collected one would forget its level. */
    private static final List<Logger> LIBRARY_JUL_LOGGERS =
            LIBRARIES.stream().map(Logger::getLogger).toList();

    /** Gives every command the terminal. */
    private record Factory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Terminal.class).newInstance(terminal);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** The version, from the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Version.class.getResourceAsStream("/ofauth-queue-cli.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "ofauth-queue " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
