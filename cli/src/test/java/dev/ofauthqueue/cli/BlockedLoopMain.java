package dev.ofauthqueue.cli;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A process with the command line's logging set up as {@code ofauth-queue ARGS} sets it, whose Vert.x event loop then
 * stays blocked while a timer ticks 50 times at the blocked-thread checker's own period (so the checker has run many
 * times): what reaches standard error? Run by {@link CliJarIT} on the jar's classpath.
 */
final class BlockedLoopMain {

    private BlockedLoopMain() {}

    public static void main(String[] args) throws Exception {
        OfAuthQueueCli.quietLogs(args);
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(1)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(1)
                .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
        CountDownLatch ticks = new CountDownLatch(50);
        Timer timer = new Timer("ticks", true);
        timer.schedule(
                new TimerTask() {
                    @Override
                    public void run() {
                        ticks.countDown();
                    }
                },
                10,
                10);
        CountDownLatch unblocked = new CountDownLatch(1);
        vertx.runOnContext(onLoop -> {
            try {
                ticks.await(); // blocks the event loop on purpose
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            unblocked.countDown();
        });
        unblocked.await();
        timer.cancel();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("unblocked");
    }
}
