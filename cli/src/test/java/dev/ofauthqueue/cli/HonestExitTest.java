package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.testkit.RedisServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Exit codes and summaries say what happened: 2 only when nothing was sent to OFAuth, a summary line with
 * {@code --json} on every path, a job canceled elsewhere or left with failures never reported as a plain success.
 */
class HonestExitTest extends AgainstTheFake {

    static JsonNode lastLine(Cli.Result r) throws Exception {
        List<String> lines = r.outLines();
        assertThat(lines).as(r.err()).isNotEmpty();
        return CommandLineTest.JSON.readTree(lines.get(lines.size() - 1));
    }

    @Test
    void anEvictingRedisIsRefusedBeforeTheQueueIsListed() {
        try (RedisServer redis = RedisServer.start("--maxmemory-policy", "allkeys-lru")) {
            Cli.Result r = cli.env("OFAUTH_REDIS_URL", redis.url())
                    .run("delete", "--connection", "conn_demo", "--free", "--yes");

            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("maxmemory-policy");
            assertThat(requests()).as("nothing sent, not even a list page").isZero();
        }
    }

    @Test
    void withoutATerminalAndWithoutYesNothingIsSentAtAll() {
        Cli.Result r = cli.run("delete", "--connection", "conn_demo", "--all");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to delete without --yes").contains("Nothing was sent");
        assertThat(requests()).isZero();
    }

    @Test
    void aStoreThatFailsToRecordAfterDeletesWentOutIsNeverAUsageError() throws Exception {
        // The first outcome the store records fails (as a full disk would), after the first DELETE was answered.
        cli.run("jobs", "list"); // creates the store
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(".ofauth-queue/jobs.db"));
                Statement s = db.createStatement()) {
            s.execute("CREATE TRIGGER full BEFORE UPDATE ON items WHEN NEW.state <> OLD.state"
                    + " AND NEW.state = 'DELETED' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
        }

        Cli.Result r = cli.run("delete", "--connection", "conn_demo", "--ids", "5003", "--yes", "--json");

        assertThat(deletes()).as("the DELETE went out").isEqualTo(1);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
        assertThat(lastLine(r).get("type").asText()).isEqualTo("summary");
        assertThat(lastLine(r).get("exitCode").asInt()).isEqualTo(4);
    }

    @Test
    void withJsonAFailureBeforeTheJobStartsStillEndsWithASummaryLine() throws Exception {
        Cli.Result wrongKey = cli.env("OFAUTH_API_KEY", "not-the-key")
                .run("delete", "--connection", "conn_demo", "--free", "--yes", "--json");
        Cli.Result badFlag = cli.run("delete", "--connection", "conn_demo", "--free", "--yes", "--json", "--nope");
        Cli.Result noSelection = cli.run("delete", "--connection", "conn_demo", "--yes", "--json");
        Cli.Result noYes = cli.run("delete", "--connection", "conn_demo", "--free", "--json");

        assertThat(wrongKey.exitCode()).isEqualTo(3);
        assertThat(lastLine(wrongKey).get("type").asText()).isEqualTo("summary");
        assertThat(lastLine(wrongKey).get("exitCode").asInt()).isEqualTo(3);
        assertThat(lastLine(wrongKey).get("error").asText()).isNotBlank();
        for (Cli.Result r : List.of(badFlag, noSelection, noYes)) {
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(lastLine(r).get("exitCode").asInt()).isEqualTo(2);
        }
        assertThat(wrongKey.out() + wrongKey.err()).doesNotContain("not-the-key");
    }

    @Test
    void aJobCanceledFromAnotherProcessExitsWithTheCanceledCode() throws Exception {
        fake.faults()
                .add(Fault.matching("DELETE", null)
                        .times(100)
                        .then(new FaultAction.Latency(Duration.ofMillis(200), Duration.ofMillis(200))));
        CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
                () -> cli.run("delete", "--connection", "conn_demo", "--free", "--yes", "--concurrency", "1"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (deletes() == 0 && !run.isDone() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        Cli.Result cancel = cli.run("jobs", "cancel", "1");
        Cli.Result r = run.get(120, TimeUnit.SECONDS);

        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(131);
        assertThat(r.out()).contains("CANCELED");
        assertThat(r.err()).contains("canceled").contains("jobs resume 1");
        assertThat(deletes()).isLessThan(12);
    }

    @Test
    void aJobThatEndedWithFailedItemsIsNotShownAsPlainCompleted() throws Exception {
        fake.faults().add(Fault.matching("DELETE", ".*/5004").then(new FaultAction.Status(500, 0)));
        Cli.Result r = cli.run("delete", "--connection", "conn_demo", "--ids", "5003,5004", "--yes");

        Cli.Result show = cli.run("jobs", "show", "1");
        Cli.Result list = cli.run("jobs", "list");
        Cli.Result json = cli.run("jobs", "show", "1", "--json");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("job 1 PARTIAL:").doesNotContain("COMPLETED");
        assertThat(show.out())
                .contains("job 1: PARTIAL, 1 of 2 failed or unconfirmed")
                .contains("jobs resume 1")
                .doesNotContain("COMPLETED");
        assertThat(list.outLines().get(1)).contains("PARTIAL").doesNotContain("COMPLETED");
        assertThat(CommandLineTest.JSON
                        .readTree(json.outLines().get(0))
                        .get("state")
                        .asText())
                .isEqualTo("PARTIAL");
    }

    @Test
    void httpsAgainstAPlainHttpServerExitsFourWithAHint() {
        Cli.Result r = cli.env("OFAUTH_BASE_URL", fake.baseUrl().replace("http://", "https://"))
                .run("list", "--connection", "conn_demo");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(4);
        assertThat(r.err()).contains("is this http:// rather than https://?").doesNotContain("Exception");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "list         | --connection --rate-limit --redis --json | --concurrency --job-dir --lease --max-delete",
                "plan         | --connection --out --plan-max-age          | --concurrency --job-dir --yes",
                "delete       | --concurrency --job-dir --plan --max-delete --refresh | --out",
                "jobs show    | --job-dir --redis --json                  | --rate-limit --concurrency --connection --base-url",
                "jobs cancel  | --job-dir --redis                         | --rate-limit --concurrency --connection",
                "jobs archive | --job-dir --api-key                       | --rate-limit --concurrency --base-url",
                "jobs resume  | --job-dir --lease --max-delete            | --rate-limit --base-url --connection --concurrency",
                "jobs list    | --job-dir --redis                         | --rate-limit --concurrency --connection",
            })
    void eachCommandsHelpListsOnlyTheOptionsItUses(String command, String shown, String absent) {
        List<String> args = new java.util.ArrayList<>(List.of(command.strip().split(" ")));
        args.add("--help");

        Cli.Result r = cli.run(args.toArray(String[]::new));

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).as("the exit codes").contains("131  the job was canceled");
        for (String option : shown.strip().split(" +")) {
            assertThat(r.out()).as(command + " shows " + option).contains(option);
        }
        for (String option : absent.strip().split(" +")) {
            assertThat(r.out()).as(command + " does not show " + option).doesNotContain(option + " ", option + "=");
        }
    }
}
