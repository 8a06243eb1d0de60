package dev.ofauthqueue.benchmarks;

import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.FakeServerOptions;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long the JUnit extension's in-process start of the fake takes: {@code FakeOfAuthServer.start} with the options
 * {@code FakeOfAuthExtension} builds (the bundled recordings, port 0), then a close, {@code N} times in one JVM, as
 * a suite that starts one fake per test class does. Prints {@code inprocess,FIRST_MS,MEDIAN_AFTER_MS,P90_AFTER_MS}.
 * {@code java -cp benchmarks.jar dev.ofauthqueue.benchmarks.InProcessStartRun [N]}
 */
public final class InProcessStartRun {

    private InProcessStartRun() {}

    public static void main(String[] args) {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 51;
        double[] ms = new double[starts];
        for (int i = 0; i < starts; i++) {
            long began = System.nanoTime();
            FakeOfAuthServer fake =
                    FakeOfAuthServer.start(FakeServerOptions.builder().port(0).build());
            ms[i] = (System.nanoTime() - began) / 1e6;
            fake.close();
        }
        double[] after = Arrays.copyOfRange(ms, 1, starts);
        Arrays.sort(after);
        System.out.printf(
                Locale.ROOT,
                "inprocess,%.1f,%.1f,%.1f%n",
                ms[0],
                after[after.length / 2],
                after[(int) Math.ceil(0.9 * after.length) - 1]);
    }
}
