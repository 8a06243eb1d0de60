package dev.ofauthqueue.testkit;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@code redis-server} for tests: started on a free loopback port with a temporary directory of its own, ready
 * when it says it accepts connections, and stopped on {@link #close()}. {@link #kill()} and {@link #restart()} let a
 * test take it away mid-run and bring it back on the same port with the same data.
 *
 * <p>Without the binary it fails, saying how to install it: a test run never skips these tests silently. On Debian,
 * run as root with {@code apt-get} available (a fresh CI machine), it installs the {@code redis-server} package
 * first, saying so on standard error.
 *
 * <p>The server is configured as jobs need it: an append-only file synced at every write
 * ({@code appendfsync always}, so a kill loses nothing a test relies on), no RDB snapshots, and
 * {@code maxmemory-policy noeviction}.
 */
public final class RedisServer implements AutoCloseable {

    private static final long READY_TIMEOUT_SECONDS = 20;

    private final Path binary;
    private final Path dir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;

    private RedisServer(Path binary, Path dir, int port, List<String> extraArgs) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        this.process = launch();
    }

    /**
     * Starts a server on a free loopback port in a new temporary directory.
     *
     * @param extraArgs more {@code redis-server} arguments, for example {@code "--requirepass", "s3cret"}
     * @return the running server
     * @throws IllegalStateException when {@code redis-server} is missing and cannot be installed, or does not start
     */
    public static RedisServer start(String... extraArgs) {
        Path binary = binary();
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // another process may take the free port first
            try {
                Path dir = Files.createTempDirectory("redis-test-");
                return new RedisServer(binary, dir, freePort(), List.of(extraArgs));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * The port it listens on (loopback only).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Its URL without a password: {@code redis://127.0.0.1:PORT}.
     *
     * @return the URL
     */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Its working directory, where the append-only file lives.
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    /** Kills it with SIGKILL, as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Freezes it with SIGSTOP: it keeps its connections open and answers nothing, as a hung server or a lost network
     * would, until {@link #thaw()}.
     */
    public void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen server go on with SIGCONT. */
    public void thaw() {
        signal("-CONT");
    }

    private void signal(String which) {
        exec(List.of("kill", which, Long.toString(process.pid())), "kill " + which + " " + process.pid());
    }

    /** Starts it again on the same port and directory, after {@link #kill()}; returns when it accepts connections. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is still running; kill() it first");
        }
        process = launch();
    }

    /**
     * Runs {@code redis-cli} against it, for what a test checks from outside the code under test.
     *
     * @param args the command, for example {@code "KEYS", "*"}
     * @return what {@code redis-cli} printed, trimmed
     */
    public String cli(String... args) {
        List<String> command = new ArrayList<>(List.of(
                binary.resolveSibling("redis-cli").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        password().ifPresent(p -> command.addAll(List.of("--no-auth-warning", "-a", p)));
        command.addAll(List.of(args));
        return exec(command, "redis-cli " + String.join(" ", args));
    }

    /**
     * Starts {@code redis-cli MONITOR}, writing every command Redis runs to {@code output} until the returned process
     * is destroyed. A command a script runs shows as {@code [0 lua]}; every other line is a client's round trip.
     *
     * @param output where the lines go
     * @return the monitor, to destroy when done
     */
    public Process monitor(Path output) {
        List<String> command = new ArrayList<>(List.of(
                binary.resolveSibling("redis-cli").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        password().ifPresent(p -> command.addAll(List.of("--no-auth-warning", "-a", p)));
        command.add("MONITOR");
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it (frozen or not) and deletes its directory. */
    @Override
    public void close() {
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + url() + ", " + dir + "]";
    }

    private Optional<String> password() {
        int i = extraArgs.indexOf("--requirepass");
        return i >= 0 && i + 1 < extraArgs.size() ? Optional.of(extraArgs.get(i + 1)) : Optional.empty();
    }

    private Process launch() {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--daemonize",
                "no",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--maxmemory-policy",
                "noeviction",
                "--loglevel",
                "notice"));
        command.addAll(extraArgs);
        try {
            Process started =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<Void> ready = new CompletableFuture<>();
            StringBuilder log = new StringBuilder();
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader lines = new BufferedReader(
                                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                            String line;
                            while ((line = lines.readLine()) != null) {
                                synchronized (log) {
                                    log.append(line).append('\n');
                                }
                                if (line.contains("Ready to accept connections")) {
                                    ready.complete(null);
                                }
                            }
                        } catch (IOException e) {
                            // the process ended
                        }
                        ready.completeExceptionally(new IllegalStateException("redis-server exited"));
                    },
                    "redis-server-" + port);
            reader.setDaemon(true);
            reader.start();
            try {
                ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                started.destroyForcibly();
                synchronized (log) {
                    throw new IllegalStateException(
                            "redis-server did not start on 127.0.0.1:" + port + ": "
                                    + log.toString().strip(),
                            e);
                }
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redis-server started", e);
        }
    }

    /** {@code redis-server} on the PATH (or Debian's place), installed first when this is a root Debian machine. */
    static Path binary() {
        Optional<Path> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (isRootWithAptGet()) {
            System.err.println("redis-server is missing; installing Debian's redis-server package for the tests");
            exec(List.of("apt-get", "update", "-q"), "apt-get update");
            exec(List.of("apt-get", "install", "-y", "-q", "redis-server"), "apt-get install redis-server");
            found = find();
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("redis-server is not installed, and these tests need a real one: install it"
                + " (Debian: apt-get install redis-server; .ci/run does this) and run the tests again");
    }

    private static Optional<Path> find() {
        List<Path> places = new ArrayList<>();
        String path = System.getenv().getOrDefault("PATH", "");
        for (int start = 0; start <= path.length(); ) {
            int end = path.indexOf(File.pathSeparatorChar, start);
            String dir = path.substring(start, end < 0 ? path.length() : end);
            if (!dir.isEmpty()) {
                places.add(Path.of(dir, "redis-server"));
            }
            start = end < 0 ? path.length() + 1 : end + 1;
        }
        places.add(Path.of("/usr/bin/redis-server"));
        return places.stream().filter(Files::isExecutable).findFirst();
    }

    private static boolean isRootWithAptGet() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"));
    }

    /**
     * Runs a command to its end and answers what it printed, trimmed.
     *
     * @param what the command as error messages name it (without a password)
     * @throws IllegalStateException when it fails or runs longer than ten minutes
     */
    private static String exec(List<String> command, String what) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = builder.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " failed: " + out.strip());
            }
            return out.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
