package dev.ofauthqueue.fake.internal.startup;

/**
 * The settings a process that is only the fake starts with: the standalone jar's {@code main} and the training start
 * that makes the class-data archive both call {@link #configure()}, so the archive holds the classes the real start
 * loads. An in-process fake never calls it: a test's JVM keeps its own settings. A property the user set on the command
 * line is left as they set it.
 */
public final class StandaloneProcess {

    private StandaloneProcess() {}

    /** Sets the start-up properties the user did not set. Call it first thing in {@code main}. */
    public static void configure() {
        // The fake binds loopback and proxies (record mode) to one host: the JDK resolver serves, and skipping Vert.x's
        // own DNS resolver takes a good part of start-up time away.
        setUnlessSet("vertx.disableDnsResolver", "true");
        // Netty's buffer allocator registers Flight Recorder events on its first allocation, which sets up JFR's event
        // machinery (proxies, generated handlers): about 100 ms on the first request, measured with -Xlog:class+load.
        // The name is Netty's, relocated by the shaded jar along with Netty itself, so only the fake's Netty reads it.
        setUnlessSet("io.netty.jfr.enabled", "false");
    }

    private static void setUnlessSet(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
