package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's workflow on a queue longer than a page: list once, plan, review, apply, cap. */
class PlanApplyTest {

    @TempDir
    Path home;

    QueueOfSixty queue;
    Cli cli;

    @BeforeEach
    void start() {
        queue = QueueOfSixty.start(60);
        cli = Cli.against(queue.fake.baseUrl(), home);
    }

    @AfterEach
    void stop() {
        queue.close();
    }

    @Test
    void deleteListsTheQueueOnceAndStartsTheJobFromThatListing() {
        Cli.Result r = cli.run(
                "delete", "--connection", "conn_demo", "--text-contains", "zz-batch", "--yes", "--rate-limit", "off");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(queue.deletes()).isEqualTo(60);
        // 86 messages, 20 to a page: one listing is 5 pages (the last one short).
        assertThat(queue.lists()).as("list pages").isLessThanOrEqualTo(5);
        assertThat(queue.requests()).isEqualTo(60 + queue.lists());
    }
}
