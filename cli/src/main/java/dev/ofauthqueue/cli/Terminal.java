package dev.ofauthqueue.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a command reads and writes: the environment variables, standard output (data only, JSON lines with
 * {@code --json}), standard error (everything else), standard input (the confirmation), and whether a person sits at
 * a terminal. Tests pass their own.
 *
 * @param env      the environment variables
 * @param out      standard output
 * @param err      standard error
 * @param in       standard input
 * @param terminal whether standard input and output are a terminal (progress bars, confirmation prompts)
 * @param clock    what the command line reads the time from (a plan file's age); the library is given it too
 * @param sent     whether this run has sent anything to OFAuth yet: the exit code says "nothing was sent" only when
 *     true ({@link ExitCode#honest})
 * @param figures  what this run's HTTP attempts add up to, for its summary
 */
record Terminal(
        Map<String, String> env,
        PrintWriter out,
        PrintWriter err,
        BufferedReader in,
        boolean terminal,
        Clock clock,
        AtomicBoolean sent,
        RequestFigures figures) {

    /** A terminal of a run that has sent nothing yet. */
    Terminal(Map<String, String> env, PrintWriter out, PrintWriter err, BufferedReader in, boolean terminal) {
        this(env, out, err, in, terminal, Clock.systemUTC(), new AtomicBoolean(), new RequestFigures());
    }

    /**
     * This terminal with standard output and error escaping what a terminal would act on ({@link TerminalText}):
     * what the command line prints never moves the cursor, clears the screen or reorders text.
     */
    Terminal printable() {
        return new Terminal(
                env,
                new PrintWriter(TerminalText.printable(out), true),
                new PrintWriter(TerminalText.printable(err), true),
                in,
                terminal,
                clock,
                sent,
                figures);
    }

    /** Colour only on a terminal, and never when {@code NO_COLOR} is set. */
    boolean colour() {
        return terminal && !env.containsKey("NO_COLOR");
    }
}
