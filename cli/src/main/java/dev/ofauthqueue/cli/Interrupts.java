package dev.ofauthqueue.cli;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C: the first stops the job gracefully (the caller's handler), the second exits at once with 130. Reached
 * through {@code sun.misc.Signal} by reflection (the JDK's only way to handle SIGINT without shutting down, exported
 * by {@code jdk.unsupported}); where it is missing, the JVM's own handling (exit 130) stays.
 */
final class Interrupts {

    private Interrupts() {}

    /** Installs {@code first} for the first SIGINT; answers whether it could. */
    static boolean onFirstInterrupt(Runnable first) {
        AtomicInteger count = new AtomicInteger();
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (p, m, args) -> {
                if (m.getName().equals("handle")) {
                    if (count.incrementAndGet() == 1) {
                        Thread t = new Thread(first, "ofauth-queue-interrupt");
                        t.setDaemon(true);
                        t.start();
                    } else {
                        Runtime.getRuntime().halt(ExitCode.INTERRUPTED);
                    }
                    return null;
                }
                if (m.getName().equals("toString")) {
                    return "ofauth-queue Ctrl-C handler";
                }
                if (m.getName().equals("hashCode")) {
                    return System.identityHashCode(p);
                }
                if (m.getName().equals("equals")) {
                    return p == args[0];
                }
                return null;
            });
            Object sigint = signal.getConstructor(String.class).newInstance("INT");
            signal.getMethod("handle", signal, handler).invoke(null, sigint, proxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }
}
