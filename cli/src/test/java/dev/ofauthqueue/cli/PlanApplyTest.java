package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    void listTellsEachMessagesStateByTheCommandLinesClockAsTheLibraryDoes() throws Exception {
        Cli.Result now = cli.run("list", "--connection", "conn_demo", "--text-contains", "zz-batch", "--json");
        Cli.Result later = cli.clockAhead(Duration.ofDays(3))
                .run("list", "--connection", "conn_demo", "--text-contains", "zz-batch", "--json");

        assertThat(now.exitCode()).as(now.err()).isZero();
        assertThat(later.exitCode()).as(later.err()).isZero();
        assertThat(states(now.out())).as("due in a day or two").containsOnly("SCHEDULED");
        assertThat(states(later.out()))
                .as("three days on, by the clock the command line was given, each is due")
                .hasSize(60)
                .containsOnly("SENDING");
    }

    private static java.util.List<String> states(String jsonLines) throws Exception {
        return CommandLineTest.jsonLines(jsonLines).stream()
                .filter(l -> l.get("type").asText().equals("message"))
                .map(l -> l.get("state").asText())
                .toList();
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
    void theJsonSummaryCountsTheRunsRequestsAsTheFakeSawThem() throws Exception {
        queue.fake.faults().add(Fault.matching("DELETE", ".*/800[0-4]").times(5).then(new FaultAction.Status(429, 0)));

        Cli.Result r = cli.run(
                "delete",
                "--connection",
                "conn_demo",
                "--text-contains",
                "zz-batch",
                "--yes",
                "--rate-limit",
                "off",
                "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode requests = CommandLineTest.JSON
                .readTree(r.outLines().get(r.outLines().size() - 1))
                .get("requests");
        assertThat(requests.get("attempts").asInt()).isEqualTo(queue.requests());
        assertThat(requests.get("listPages").asInt()).isEqualTo(queue.lists());
        assertThat(requests.get("rateLimited").asInt()).isEqualTo(5);
        assertThat(requests.get("perMessage").asDouble()).isEqualTo(Math.round(100.0 * queue.requests() / 60) / 100.0);
        assertThat(requests.get("p99Ms").asLong())
                .isGreaterThanOrEqualTo(requests.get("p50Ms").asLong());
        assertThat(requests.get("tokens").asInt())
                .as("a token of the rate budget for each DELETE sent, the five answered 429 included")
                .isGreaterThanOrEqualTo(queue.deletes());
        assertThat(requests.get("budgetWaitMs").asLong()).isNotNegative();
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
    void aNegativeMaxDeleteIsAUsageErrorBeforeAnythingIsListedEvenWithNothingToDelete() {
        int before = queue.requests();

        Cli.Result r = cli.run("delete", "--connection", "conn_demo", "--ids", "999999", "--yes", "--max-delete", "-1");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--max-delete").contains("0 or more").contains("-1");
        assertThat(queue.requests()).as("nothing listed").isEqualTo(before);
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

    Path planned() {
        Path file = home.resolve("plan.json");
        Cli.Result plan = cli.run(
                "plan",
                "--connection",
                "conn_demo",
                "--text-contains",
                "zz-batch",
                "--protect-paid",
                "--out",
                file.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("60 to delete, 0 kept").contains("delete --plan " + file);
        queue.fake.clearRequests();
        return file;
    }

    @Test
    void aFreshPlanFileIsAppliedWithoutListingOneDeletePerPlannedMessage() throws Exception {
        Path file = planned();

        Cli.Result r = cli.run("delete", "--plan", file.toString(), "--yes", "--rate-limit", "off", "--json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(queue.lists()).as("list requests").isZero();
        assertThat(queue.deletes()).isEqualTo(60);
        assertThat(queue.requests()).as("exactly 1.00 requests per message").isEqualTo(60);
        assertThat(r.err()).contains("plan: 60 to delete, 0 kept, on 1 connection(s) (from " + file);
        Cli.Result show = cli.run("jobs", "show", "1");
        assertThat(show.out()).contains("selection: text=zz-batch").contains("DELETED       60");
    }

    @Test
    void aStalePlanIsRefusedWithItsOwnCodeAndRefreshKeepsOnlyWhatIsStillThereNeverAddingOne() throws Exception {
        Path file = planned();
        long gone = queue.bulk.get(0);
        Cli.Result deleteOne = cli.run("delete", "--connection", "conn_demo", "--ids", Long.toString(gone), "--yes");
        assertThat(deleteOne.exitCode()).as(deleteOne.err()).isZero();
        long added = QueueOfSixty.schedule(queue.fake, "zz-batch added after the plan");
        queue.fake.clearRequests();
        Cli later = cli.clockAhead(Duration.ofMinutes(10));

        Cli.Result stale = later.run("delete", "--plan", file.toString(), "--yes", "--json");

        assertThat(stale.exitCode()).as(stale.err()).isEqualTo(5);
        assertThat(stale.err())
                .contains("was made 10m ago, more than --plan-max-age 5m")
                .contains("--refresh");
        assertThat(CommandLineTest.JSON
                        .readTree(stale.outLines().get(0))
                        .get("exitCode")
                        .asInt())
                .isEqualTo(5);
        assertThat(queue.requests()).as("nothing sent").isZero();

        Cli.Result refreshed =
                later.run("delete", "--plan", file.toString(), "--yes", "--refresh", "--rate-limit", "off");

        assertThat(refreshed.exitCode()).as(refreshed.err()).isZero();
        assertThat(queue.lists()).as("the stale plan is listed again").isPositive();
        assertThat(queue.deletes()).isEqualTo(59);
        assertThat(queue.fake.queueSnapshot("conn_demo").orElseThrow().stateOf(added))
                .as("a message added after the plan is never deleted")
                .contains("SCHEDULED");
    }

    @Test
    void anEditedForeignOrCappedPlanFileIsRefusedBeforeAnyRequest() throws Exception {
        Path file = planned();
        Path edited = home.resolve("edited.json");
        Files.writeString(edited, Files.readString(file).replaceFirst("\"id\" : 80\\d\\d", "\"id\" : 5003"));

        Cli.Result wasEdited = cli.run("delete", "--plan", edited.toString(), "--yes");
        Cli.Result otherKey =
                cli.env("OFAUTH_API_KEY", "another-api-key").run("delete", "--plan", file.toString(), "--yes");
        Cli.Result otherUrl = cli.env("OFAUTH_API_KEY", "demo-api-key")
                .env("OFAUTH_BASE_URL", "http://127.0.0.1:1")
                .run("delete", "--plan", file.toString(), "--yes");
        cli.env("OFAUTH_BASE_URL", queue.fake.baseUrl());
        Cli.Result capped = cli.run("delete", "--plan", file.toString(), "--yes", "--max-delete", "10");
        Cli.Result withFlags = cli.run("delete", "--plan", file.toString(), "--yes", "--free");
        Cli.Result notAFile =
                cli.run("delete", "--plan", home.resolve("missing.json").toString(), "--yes");
        Cli.Result nowhere = cli.run(
                "plan",
                "--connection",
                "conn_demo",
                "--all",
                "--out",
                home.resolve("no/such/dir/plan.json").toString());
        Cli.Result aDirectory = cli.run("plan", "--connection", "conn_demo", "--all", "--out", home.toString());

        assertThat(wasEdited.exitCode()).isEqualTo(2);
        assertThat(wasEdited.err()).contains("changed after it was written");
        assertThat(otherKey.exitCode()).isEqualTo(2);
        assertThat(otherKey.err()).contains("made with another API key").doesNotContain("another-api-key");
        assertThat(otherUrl.exitCode()).isEqualTo(2);
        assertThat(otherUrl.err()).contains("made for " + queue.fake.baseUrl());
        assertThat(capped.exitCode()).isEqualTo(6);
        assertThat(withFlags.exitCode()).isEqualTo(2);
        assertThat(withFlags.err()).contains("carries its own selection");
        assertThat(notAFile.exitCode()).isEqualTo(2);
        assertThat(notAFile.err()).contains("does not exist");
        assertThat(nowhere.exitCode()).isEqualTo(2);
        assertThat(nowhere.err()).contains("--out:").contains("its directory does not exist");
        assertThat(aDirectory.exitCode()).isEqualTo(2);
        assertThat(aDirectory.err()).contains("it is a directory");
        assertThat(queue.requests()).as("nothing sent").isZero();
        assertThat(Files.readString(file)).doesNotContain("conn_demo");
    }
}
