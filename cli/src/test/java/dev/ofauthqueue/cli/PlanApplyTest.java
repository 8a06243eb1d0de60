package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
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

    @Test
    void maxDeleteBelowThePlansSizeRefusesBeforeAnyDelete() throws Exception {
        Cli.Result r = cli.run(
                "delete",
                "--connection",
                "conn_demo",
                "--text-contains",
                "zz-batch",
                "--yes",
                "--max-delete",
                "59",
                "--json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(6);
        assertThat(r.err()).contains("would delete 60 message(s), more than --max-delete 59");
        assertThat(queue.deletes()).isZero();
        JsonNode summary =
                CommandLineTest.JSON.readTree(r.outLines().get(r.outLines().size() - 1));
        assertThat(summary.get("exitCode").asInt()).isEqualTo(6);
        assertThat(summary.get("toDelete").asInt()).isEqualTo(60);

        Cli.Result atTheCap = cli.run(
                "delete", "--connection", "conn_demo", "--text-contains", "zz-batch", "--yes", "--max-delete", "60");
        assertThat(atTheCap.exitCode()).as(atTheCap.err()).isZero();
        assertThat(queue.deletes()).isEqualTo(60);
    }

    @Test
    void maxDeleteOnResumeCountsWhatTheJobStillHasToDelete() {
        queue.fake.faults().add(Fault.matching("DELETE", ".*/80[0-9][0-9]").then(new FaultAction.Status(500, 0)));
        Cli.Result failed = cli.run(
                "delete", "--connection", "conn_demo", "--text-contains", "zz-batch", "--yes", "--rate-limit", "off");
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
        queue.fake.clearFaults();
        int before = queue.requests();

        Cli.Result refused = cli.run("jobs", "resume", "1", "--max-delete", "59");
        Cli.Result negative = cli.run("jobs", "resume", "1", "--max-delete", "-1");

        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(6);
        assertThat(refused.err()).contains("job 1 would delete 60 message(s)");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(queue.requests()).as("nothing sent").isEqualTo(before);
    }
}
