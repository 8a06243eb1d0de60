package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The production schedulers: tasks one at a time and in order, on the threads given or on a daemon thread of their own,
 * time from {@link System#nanoTime()}. Completion is awaited by signal (with a hang guard), never by elapsed time.
 */
class JobSchedulerTest {

    static final long HANG_GUARD_S = 30;

    @Test
    void ownThreadRunsTasksInOrderOnOneDaemonThreadOfTheGivenName() throws Exception {
        try (JobScheduler.OwnThread scheduler = JobScheduler.ownThread("job-7-scheduler")) {
            List<String> ran = new ArrayList<>();
            CompletableFuture<Thread> thread = new CompletableFuture<>();
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 100; i++) {
                int n = i;
                scheduler.execute(() -> ran.add("task " + n));
            }
            scheduler.execute(() -> thread.complete(Thread.currentThread()));
            scheduler.schedule(Duration.ofMillis(-5), () -> ran.add("late"));
            scheduler.schedule(Duration.ZERO, done::countDown);

            assertThat(done.await(HANG_GUARD_S, TimeUnit.SECONDS)).isTrue();
            Thread t = thread.get(HANG_GUARD_S, TimeUnit.SECONDS);
            assertThat(t.getName()).isEqualTo("job-7-scheduler");
            assertThat(t.isDaemon()).as("it never keeps a JVM alive").isTrue();
            assertThat(ran).hasSize(101).startsWith("task 0", "task 1").contains("late");
            assertThat(ran.subList(0, 100))
                    .isSortedAccordingTo((a, b) ->
                            Integer.compare(Integer.parseInt(a.substring(5)), Integer.parseInt(b.substring(5))));
        }
    }

    @Test
    void aClosedOwnThreadRefusesNothingLoudly() {
        JobScheduler.OwnThread scheduler = JobScheduler.ownThread("closed");
        scheduler.close();

        assertThatCode(() -> {
                    scheduler.execute(() -> {});
                    scheduler.schedule(Duration.ofSeconds(1), () -> {});
                })
                .as("a canceled job's late tasks are dropped, not thrown at their caller")
                .doesNotThrowAnyException();
    }

    @Test
    void bothMeasureTimeOnTheMonotonicClock() {
        try (JobScheduler.OwnThread own = JobScheduler.ownThread("clock")) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                JobScheduler serial = JobScheduler.serialOn(pool);
                long before = System.nanoTime();
                long a = own.nanoTime();
                long b = serial.nanoTime();
                long after = System.nanoTime();

                assertThat(a).isBetween(before, after);
                assertThat(b).isBetween(a, after);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void serialOnAPoolNeverRunsTwoTasksAtOnceAndKeepsTheirOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            JobScheduler scheduler = JobScheduler.serialOn(pool);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger mostAtOnce = new AtomicInteger();
            List<Integer> order = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            for (int i = 0; i < 500; i++) {
                int n = i;
                scheduler.execute(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    order.add(n);
                    running.decrementAndGet();
                });
            }
            scheduler.schedule(Duration.ofMillis(-1), () -> order.add(-1));
            scheduler.schedule(Duration.ofMillis(1), done::countDown);

            assertThat(done.await(HANG_GUARD_S, TimeUnit.SECONDS)).isTrue();
            assertThat(mostAtOnce.get()).isEqualTo(1);
            assertThat(order).hasSize(501).contains(-1);
            assertThat(order.stream().filter(n -> n >= 0).toList()).isSorted();
        } finally {
            pool.shutdownNow();
        }
    }
}
