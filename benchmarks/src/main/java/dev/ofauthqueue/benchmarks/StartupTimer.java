package dev.ofauthqueue.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Process start to first 200: starts {@code command...}, asks {@code url} every millisecond until it answers 200,
 * prints the milliseconds, and stops the process.
 * {@code java -cp benchmarks.jar dev.ofauthqueue.benchmarks.StartupTimer URL HEADER=VALUE,... -- command...}
 */
public final class StartupTimer {

    private StartupTimer() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String[] headers = args[1].isEmpty() ? new String[0] : args[1].split(",");
        String[] command = Arrays.copyOfRange(args, 3, args.length);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(200))
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2));
        for (String h : headers) {
            String[] kv = h.split("=", 2);
            request.header(kv[0], kv[1]);
        }
        try {
            // Warm the client up first (nothing listens yet), so that only the server's start-up is measured.
            client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException expected) {
            // connection refused: the point was to load the client's classes
        }
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
                try {
                    if (client.send(request.build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        System.out.println(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                        return;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(1); // polling an external process that is starting up: there is no signal to wait on
                }
            }
            throw new IllegalStateException("no 200 from " + url + " within 60 s");
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
