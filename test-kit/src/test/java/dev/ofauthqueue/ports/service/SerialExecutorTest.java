package dev.ofauthqueue.ports.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void aTaskThatThrowsReachesTheThreadsHandlerAndTheTasksBehindItStillRun() {
        List<String> ran = new ArrayList<>();
        List<Throwable> reported = new ArrayList<>();
        List<Runnable> handedOver = new ArrayList<>();
        SerialExecutor serial = new SerialExecutor(handedOver::add);
        IllegalStateException boom = new IllegalStateException("boom");
        serial.execute(() -> {
            ran.add("first");
            throw boom;
        });
        serial.execute(() -> ran.add("second"));
        assertThat(handedOver)
                .as("one drain for tasks queued while it is pending")
                .hasSize(1);

        Thread self = Thread.currentThread();
        Thread.UncaughtExceptionHandler before = self.getUncaughtExceptionHandler();
        self.setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            handedOver.get(0).run();
        } finally {
            self.setUncaughtExceptionHandler(before);
        }

        assertThat(ran).containsExactly("first", "second");
        assertThat(reported).containsExactly(boom);
        serial.execute(() -> ran.add("third"));
        assertThat(handedOver)
                .as("drained, so the next task starts a new drain")
                .hasSize(2);
    }
}
