package dev.ofauthqueue.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs the command line in this JVM with an environment, an input and a terminal of the test's choosing. */
final class Cli {

    private final Map<String, String> env = new HashMap<>();
    private String input = "";
    private boolean terminal;
    private Duration clockAhead = Duration.ZERO;

    /** What one run printed and how it ended. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static Cli against(String baseUrl, Path home) {
        Cli cli = new Cli();
        cli.env.put("OFAUTH_API_KEY", "demo-api-key");
        cli.env.put("OFAUTH_BASE_URL", baseUrl);
        cli.env.put("HOME", home.toString());
        cli.env.put("TZ", "UTC"); // tables of jobs show times in the operator's zone
        return cli;
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli without(String name) {
        env.remove(name);
        return this;
    }

    Cli onATerminal(String typed) {
        this.terminal = true;
        this.input = typed;
        return this;
    }

    /** Runs as if the time were {@code ahead} later than it is. */
    Cli clockAhead(Duration ahead) {
        this.clockAhead = ahead;
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal t = new Terminal(
                Map.copyOf(env),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new BufferedReader(new StringReader(input)),
                terminal,
                Clock.offset(Clock.systemUTC(), clockAhead),
                new AtomicBoolean(),
                new RequestFigures());
        int code = OfAuthQueueCli.run(t, args);
        return new Result(code, out.toString(), err.toString());
    }
}
