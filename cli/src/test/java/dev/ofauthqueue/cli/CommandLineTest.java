package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line driven in this JVM against the fake, as a terminal or a script would drive it. */
class CommandLineTest extends AgainstTheFake {

    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Nested
    class Listing {

        @Test
        void listShowsTheQueueAsATableWithLocalAndUtcTimes() {
            Cli.Result r = cli.run("list", "--connection", "conn_demo", "--free", "--zone", "Asia/Tokyo");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.outLines().get(0)).isEqualTo("conn_**** #1: 12 of 26 messages");
            assertThat(r.outLines().get(1)).startsWith("ID").contains("SEND (Tokyo)", "SEND (UTC)", "PRICE", "MEDIA");
            assertThat(r.out()).contains("5003", "SCHEDULED", "0.00", "1 video").doesNotContain("5001 ");
            assertThat(r.out()).doesNotContain("conn_demo");
        }

        @Test
        void listAsJsonLinesHasATypeOnEveryLineAndASummary() throws Exception {
            Cli.Result r = cli.run("list", "--connection", "conn_demo", "--ids", "5001,5003", "--json");

            List<JsonNode> lines = jsonLines(r.out());
            assertThat(lines).allMatch(l -> l.has("type"));
            assertThat(lines).extracting(l -> l.get("type").asText()).containsExactly("message", "message", "summary");
            assertThat(lines.get(0).get("id").asLong()).isEqualTo(5001);
            assertThat(lines.get(0).get("price").asText()).isEqualTo("9.99");
            assertThat(lines.get(0).get("connection").asText()).isEqualTo("conn_****");
            assertThat(lines.get(2).get("exitCode").asInt()).isZero();
        }

        @Test
        void planShowsEachKeptMessageWithItsReasonAndRuleAndDeletesNothing() throws Exception {
            Cli.Result r =
                    cli.run("plan", "--connection", "conn_demo", "--ids", "5001,5003", "--protect-paid", "--json");

            List<JsonNode> lines = jsonLines(r.out());
            assertThat(r.exitCode()).isZero();
            assertThat(lines.get(0).get("decision").asText()).isEqualTo("delete");
            assertThat(lines.get(0).get("id").asLong()).isEqualTo(5003);
            assertThat(lines.get(1).get("decision").asText()).isEqualTo("keep");
            assertThat(lines.get(1).get("reason").asText()).isEqualTo("PROTECTED");
            assertThat(lines.get(1).get("rule").asText()).isEqualTo("never-delete-paid");
            assertThat(lines.get(2).get("toDelete").asInt()).isEqualTo(1);
            assertThat(deletes()).isZero();
        }
    }

    @Nested
    class Deleting {

        @Test
        void deleteRunsAJobWhoseFirstJsonLineComesBeforeAnyDelete() throws Exception {
            Cli.Result r = cli.run("delete", "--connection", "conn_demo", "--free", "--yes", "--json");

            List<JsonNode> lines = jsonLines(r.out());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(lines.get(0).get("type").asText()).isEqualTo("job");
            assertThat(lines.get(0).get("items").asInt()).isEqualTo(12);
            assertThat(lines.subList(1, 13)).allSatisfy(l -> {
                assertThat(l.get("type").asText()).isEqualTo("item");
                assertThat(l.get("outcome").asText()).isEqualTo("DELETED");
            });
            assertThat(lines.get(13).get("type").asText()).isEqualTo("summary");
            assertThat(lines.get(13).get("deleted").asInt()).isEqualTo(12);
            assertThat(deletes()).isEqualTo(12);
            assertThat(r.err()).contains("plan: 12 to delete, 0 kept");
        }

        @Test
        void withRedisTheBudgetIsSharedThereUnderNamesThatHideTheConnection() throws Exception {
            try (RedisServer redis = RedisServer.start("--requirepass", "hunter2-secret")) {
                String url = "redis://:hunter2-secret@127.0.0.1:" + redis.port();

                Cli.Result r = cli.env("OFAUTH_REDIS_URL", url)
                        .run("delete", "--connection", "conn_demo", "--free", "--yes", "--json");

                assertThat(r.exitCode()).as(r.err()).isZero();
                assertThat(deletes()).isEqualTo(12);
                List<String> keys = redis.cli("--scan").lines().toList();
                assertThat(keys).anyMatch(k -> k.startsWith("ofauth-queue:budget:"));
                assertThat(String.join(" ", keys)).doesNotContain("conn_demo");
                assertThat(r.out() + r.err()).doesNotContain("hunter2");

                Cli.Result typed = cli.run("list", "--connection", "conn_demo", "--redis", url);
                assertThat(typed.exitCode()).as(typed.err()).isZero();
                assertThat(typed.err()).contains("prefer OFAUTH_REDIS_URL").doesNotContain("hunter2");
            }
        }

        @Test
        void withRedisJobsAreKeptThereAndAJobDirBesideItIsAUsageError() throws Exception {
            try (RedisServer redis = RedisServer.start()) {
                cli.env("OFAUTH_REDIS_URL", redis.url());

                Cli.Result r = cli.run("delete", "--connection", "conn_demo", "--free", "--yes", "--json");
                Cli.Result listed = cli.run("jobs", "list", "--json");
                Cli.Result both = cli.run("jobs", "list", "--job-dir", home.toString());

                assertThat(r.exitCode()).as(r.err()).isZero();
                assertThat(deletes()).isEqualTo(12);
                assertThat(redis.cli("--scan", "--pattern", "ofauth-queue:job:*"))
                        .isNotEmpty()
                        .doesNotContain("conn_demo");
                assertThat(home.resolve(".ofauth-queue").resolve("jobs.db")).doesNotExist();
                assertThat(listed.exitCode()).as(listed.err()).isZero();
                assertThat(jsonLines(listed.out()).get(0).get("type").asText()).isEqualTo("job");
                assertThat(both.exitCode()).isEqualTo(2);
                assertThat(both.err())
                        .contains("OFAUTH_REDIS_URL keeps deletion jobs on Redis")
                        .contains("give one or the other");
            }
        }

        @Test
        void aRedisThatDoesNotWriteToDiskIsRefusedBeforeAnythingIsSentUnlessAllowed() {
            try (RedisServer redis = RedisServer.start("--appendonly", "no")) {
                cli.env("OFAUTH_REDIS_URL", redis.url());

                Cli.Result refused = cli.run("delete", "--connection", "conn_demo", "--free", "--yes");

                assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
                assertThat(refused.err())
                        .contains("appendonly yes")
                        .contains("appendfsync")
                        .contains("--allow-volatile-redis");
                assertThat(deletes()).as("refused before anything is sent").isZero();

                Cli.Result allowed =
                        cli.run("delete", "--connection", "conn_demo", "--free", "--yes", "--allow-volatile-redis");

                assertThat(allowed.exitCode()).as(allowed.err()).isZero();
                assertThat(deletes()).isEqualTo(12);
            }
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "delete --connection conn_demo --free --yes --lease 30s        | apply to jobs kept on Redis",
                    "jobs resume 1 --allow-volatile-redis                           | apply to jobs kept on Redis",
                    "delete --connection conn_demo --free --yes --redis-connect-timeout 5s | apply to jobs kept on Redis",
                    "delete --connection conn_demo --free --yes --lease 10ms --redis redis://127.0.0.1:1 | --lease: the"
                            + " lease must be at least",
                    "delete --connection conn_demo --free --yes --lease soon --redis redis://127.0.0.1:1 | not a duration",
                    "delete --connection conn_demo --free --yes --lease 61m --redis redis://127.0.0.1:1 | --lease: the"
                            + " lease must be at most PT1H",
                    "delete --connection conn_demo --free --yes --lease 99999999h --redis redis://127.0.0.1:1 | --lease:"
                            + " the lease must be at most PT1H",
                })
        void redisJobSettingsWithoutRedisOrOutOfRangeAreUsageErrors(String args, String message) {
            Cli.Result r = cli.run(args.split(" "));

            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains(message);
            assertThat(fake.journal().count(Journal.query())).isZero();
        }

        @Test
        void aJobWhoseStateVanishesFromRedisWhileItRunsExitsFourSayingWhatMayBeUnrecorded() throws Exception {
            try (RedisServer redis = RedisServer.start()) {
                cli.env("OFAUTH_REDIS_URL", redis.url());
                fake.faults()
                        .add(Fault.matching("DELETE", null)
                                .times(100)
                                .then(new FaultAction.Latency(Duration.ofMillis(300), Duration.ofMillis(300))));
                CompletableFuture<Cli.Result> run = CompletableFuture.supplyAsync(
                        () -> cli.run("delete", "--connection", "conn_demo", "--free", "--yes", "--concurrency", "1"));

                // The signal: a DELETE's intent is on record, so the job runs; its state then vanishes.
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (redis.cli("--scan", "--pattern", "ofauth-queue:job:*:intents")
                                .isBlank()
                        && !run.isDone()
                        && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                redis.cli("FLUSHALL");
                Cli.Result r = run.get(120, TimeUnit.SECONDS);

                assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(4);
                assertThat(r.err()).contains("vanished").contains("may have deleted messages that no record shows");
                assertThat(deletes()).isLessThan(12);
            }
        }

        @Test
        void withRedisAwayJobCommandsExitFourNamingRedisWithoutItsPassword() {
            int port;
            try (RedisServer gone = RedisServer.start()) {
                port = gone.port();
            }
            cli.env("OFAUTH_REDIS_URL", "redis://:hunter2-secret@127.0.0.1:" + port);

            Cli.Result listed = cli.run("jobs", "list", "--redis-connect-timeout", "300ms");
            Cli.Result deleting = cli.run(
                    "delete", "--connection", "conn_demo", "--free", "--yes", "--redis-connect-timeout", "300ms");

            for (Cli.Result r : List.of(listed, deleting)) {
                assertThat(r.exitCode()).as(r.err()).isEqualTo(4);
                assertThat(r.err())
                        .contains("Redis at redis://:****@127.0.0.1:" + port + " is unavailable")
                        .doesNotContain("hunter2-secret");
            }
            assertThat(deletes())
                    .as("nothing is deleted without a store to record it")
                    .isZero();
        }

        @Test
        void deleteNeedsASelectionOrAll() {
            Cli.Result r = cli.run("delete", "--connection", "conn_demo", "--yes");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("needs a selection flag").contains("--all");
            assertThat(fake.journal().count(Journal.query())).isZero();
        }

        @Test
        void onATerminalItAsksAndOnlyYesDeletes() {
            Cli.Result no = cli.onATerminal("n\n").run("delete", "--connection", "conn_demo", "--ids", "5003");
            assertThat(no.err()).contains("Delete 1 message(s)? [y/N]").contains("Nothing was deleted");
            assertThat(deletes()).isZero();

            Cli.Result yes = cli.onATerminal("y\n").run("delete", "--connection", "conn_demo", "--ids", "5003");

            assertThat(yes.exitCode()).as(yes.err()).isZero();
            assertThat(deletes()).isEqualTo(1);
        }

        @Test
        void refusalsAreASuccessAndFailuresExitOne() {
            fake.faults().add(Fault.matching("DELETE", ".*/5004").then(new FaultAction.Status(500, 0)));

            Cli.Result r = cli.run(
                    "delete", "--connection", "conn_demo", "--ids", "5001,5003,5004", "--protect-paid", "--yes");

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains("REFUSED      5001 PROTECTED (never-delete-paid)");
            assertThat(r.out()).contains("DELETED      5003");
            assertThat(r.out()).contains("FAILED       5004 could not delete message 5004: failed while deleting it");
            assertThat(r.out()).contains("1 deleted, 0 already gone, 1 kept, 1 failed");
        }

        @Test
        void aConnectionWithoutPermissionStopsTheJobWithExitThree() {
            Cli.Result r = cli.run("delete", "--connection", "conn_readonly", "--all", "--yes");

            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.err()).contains("stopped").contains("jobs resume 1");
            assertThat(r.out()).contains("job 1 STOPPED");
        }
    }

    @Nested
    class Jobs {

        @Test
        void jobsAreListedShownArchivedCanceledAndResumed() throws Exception {
            Cli.Result delete = cli.run("delete", "--connection", "conn_demo", "--ids", "5003,5004", "--yes", "--json");

            Cli.Result list = cli.run("jobs", "list", "--json");
            Cli.Result show = cli.run("jobs", "show", "1");
            Cli.Result archive = cli.run("jobs", "archive", "1");

            assertThat(jsonLines(list.out()).get(0).get("state").asText()).isEqualTo("COMPLETED");
            assertThat(show.out()).contains("job 1: COMPLETED").contains("DELETED       2");
            List<JsonNode> archived = jsonLines(archive.out());
            assertThat(archived).hasSize(2);
            assertThat(archived.get(0).get("queue").get("isCanceled").asBoolean())
                    .isTrue();
            assertThat(archived.get(0).get("connection").asText()).isEqualTo("conn_demo");
            assertThat(cli.run("jobs", "resume", "1").out()).contains("job 1 COMPLETED: 2 deleted");

            JsonNode requests = jsonLines(delete.out())
                    .get(jsonLines(delete.out()).size() - 1)
                    .get("requests");
            assertThat(show.out())
                    .as("the run's figures, as the delete's summary counted them")
                    .containsPattern(
                            "  run \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d COMPLETED after \\d+ s: 2 settled, 0 failed; "
                                    + requests.get("tokens").asInt()
                                    + " tokens, waited \\d+ s; 0 answered 429; \\d+ list"
                                    + " pages");
            JsonNode shown =
                    jsonLines(cli.run("jobs", "show", "1", "--json").out()).get(0);
            assertThat(shown.get("runs"))
                    .as("the first run, then the resume that found nothing left")
                    .hasSize(2);
            JsonNode first = shown.get("runs").get(0);
            assertThat(first.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(first.get("settled").asInt()).isEqualTo(2);
            assertThat(first.get("tokens").asInt())
                    .isEqualTo(requests.get("tokens").asInt());
            assertThat(first.get("budgetWaitMs").asLong())
                    .isEqualTo(requests.get("budgetWaitMs").asLong());
            assertThat(first.get("rateLimited").asInt())
                    .isEqualTo(requests.get("rateLimited").asInt());
            assertThat(first.get("attempts").asInt())
                    .as("the DELETE attempts: the summary's attempts less its list pages")
                    .isEqualTo(requests.get("attempts").asInt()
                            - requests.get("listPages").asInt());
            assertThat(first.get("retries").asInt())
                    .isEqualTo(requests.get("retries").asInt());
            assertThat(first.get("p99Ms").asLong())
                    .isGreaterThanOrEqualTo(first.get("p50Ms").asLong());
            assertThat(show.out())
                    .containsPattern(
                            "      DELETE attempts: " + first.get("attempts").asInt()
                                    + " \\(0 retries; p50 \\d+ ms, p99 \\d+ ms\\); 1.0 requests per message");
            assertThat(shown.get("runs").get(1).get("settled").asInt()).isZero();
        }

        @Test
        void aJobWhoseMessageIdWasEditedInTheFileIsRefusedWithExitTwoAndNoRequest() throws Exception {
            fake.faults().add(Fault.matching("DELETE", ".*/5004").then(new FaultAction.Status(500, 0)));
            assertThat(cli.run("delete", "--connection", "conn_demo", "--ids", "5003,5004", "--yes")
                            .exitCode())
                    .as("5004 failed: a resume would try it again")
                    .isEqualTo(1);
            fake.faults().clear();
            Path file = home.resolve(".ofauth-queue").resolve("jobs.db");
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = db.createStatement()) {
                // 5006 is scheduled on the same connection, and outside the job's selection.
                assertThat(s.executeUpdate("UPDATE items SET message_id = 5006 WHERE message_id = 5004"))
                        .isEqualTo(1);
            }
            int requests = fake.journal().count(Journal.query());

            Cli.Result resumed = cli.run("jobs", "resume", "1");

            assertThat(resumed.exitCode()).isEqualTo(2);
            assertThat(resumed.err())
                    .startsWith("ofauth-queue: job 1 in " + file + ": item 2 of its plan does not match its seal: the"
                            + " job store was changed outside ofauth-queue")
                    .doesNotContain("Exception");
            assertThat(fake.journal().count(Journal.query())).as("no request").isEqualTo(requests);
        }

        @Test
        void anArchiveEditedToHoldAnotherMessageIsRefusedWithExitTwo() throws Exception {
            assertThat(cli.run("delete", "--connection", "conn_demo", "--ids", "5003", "--yes")
                            .exitCode())
                    .isZero();
            Path file = home.resolve(".ofauth-queue").resolve("jobs.db");
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = db.createStatement()) {
                assertThat(s.executeUpdate("UPDATE archive SET message_id = 5006"))
                        .isEqualTo(1);
            }

            Cli.Result archive = cli.run("jobs", "archive", "1");

            assertThat(archive.exitCode()).isEqualTo(2);
            assertThat(archive.err())
                    .isEqualTo("ofauth-queue: job 1 in " + file + ": its archive holds message 5006, which its plan"
                            + " does not: the job store was changed outside ofauth-queue\n");
            assertThat(archive.out()).isEmpty();
        }

        @Test
        void anEmptyJobStoreFileIsDamagedWithExitTwoNeverNoJobs() throws Exception {
            Path file = home.resolve(".ofauth-queue").resolve("jobs.db");
            Files.createDirectories(file.getParent());
            Files.createFile(file);

            Cli.Result list = cli.run("jobs", "list");

            assertThat(list.exitCode()).isEqualTo(2);
            assertThat(list.err())
                    .isEqualTo("ofauth-queue: " + file + ": is not an ofauth-queue job store (or is damaged): the file"
                            + " is empty; restore it from a backup, or choose another location\n");
            assertThat(list.out()).doesNotContain("No jobs");
        }

        @Test
        void aStoppedJobCanBeCanceledAndResumedWithTheSettingsItWasCreatedWith() {
            Cli.Result stopped =
                    cli.run("delete", "--connection", "conn_readonly", "--all", "--yes", "--rate-limit", "30:5");
            Cli.Result canceled = cli.run("jobs", "cancel", "1");
            Cli.Result shown = cli.run("jobs", "show", "1");
            Cli.Result elsewhere = cli.run("jobs", "resume", "1", "--base-url", "http://127.0.0.1:1");
            Cli.Result resumed = cli.run("jobs", "resume", "1");

            assertThat(stopped.exitCode()).isEqualTo(3);
            assertThat(canceled.out()).contains("job 1: CANCELED");
            assertThat(shown.out()).contains("job 1: CANCELED").contains("resume it with: ofauth-queue jobs resume 1");
            assertThat(elsewhere.exitCode()).as("a job keeps its own base URL").isEqualTo(2);
            assertThat(elsewhere.err()).contains("Unknown option").contains("'--base-url'");
            assertThat(resumed.exitCode())
                    .as("still no permission: stopped again")
                    .isEqualTo(3);
            assertThat(resumed.out()).contains("job 1 STOPPED");
        }

        @Test
        void aConnectionIdWithAStraySpaceIsNamedWithoutPrintingIt() {
            Cli.Result r = cli.run("list", "--connection", "conn_demo ");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("the connection id ends with a space").doesNotContain("conn_demo");
        }
    }

    @Nested
    class BadInput {

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "list --connection conn_demo --bogus                   | Unknown option: '--bogus'",
                    "list --connection conn_demo --send-between 2026-13-01..2026-12-02 | is not a date or time",
                    "list --connection conn_demo --send-between 2026-12-01 | takes FROM..TO",
                    "list --connection conn_demo --send-between 2026-12-01..+999999999-12-31 | is out of range",
                    "list --connection conn_demo --ids 12a                 | --ids: massMessageId must be a positive",
                    "list --connection conn_demo --ids 5001,               | --ids: an empty item",
                    "list --connection conn_demo --ids ,                   | --ids: an empty item",
                    "list --connection conn_demo --ids 5001,,5002          | --ids: an empty item",
                    "delete --connection conn_demo --ids 5001, --yes       | --ids: an empty item",
                    "list --connection conn_demo --state scheduled,        | --state: an empty item",
                    "list --connection conn_demo --price-between 9..1      | is below",
                    "list --connection conn_demo --paid --free             | exclude each other",
                    "list --connection conn_demo --has-media hologram      | is not photo, video, gif or audio",
                    "list --connection conn_demo --state maybe             | is not scheduled, sending, sent",
                    "plan --connection conn_demo --safety-margin soon      | is not a duration",
                    "plan --connection conn_demo --safety-margin -5s       | is not a duration",
                    "list --connection conn_demo --rate-limit 60           | is not PER_MINUTE:BURST",
                    "list --connection conn_demo --rate-limit 6x:90        | --rate-limit: '6x' is not a whole number",
                    "list --connection conn_demo --zone Mars/Olympus       | 'Mars/Olympus' is not a time zone",
                    "delete --connection conn_demo --all --concurrency many | 'many' is not a whole number",
                    "list --connection conn_demo --base-url 127.0.0.1:8080 | write http://127.0.0.1:8080",
                    "list --connection conn_demo --redis 127.0.0.1:6379    | write redis://127.0.0.1:6379",
                    "list --connection conn_demo --redis http://127.0.0.1  | must start with redis:// or rediss://",
                    "jobs show seven                                       | job id must be a positive decimal",
                    "jobs                                                  | needs a subcommand",
                })
        void badInputIsOneLineNamingTheFixExitTwoAndNothingSent(String args, String message) {
            Cli.Result r = cli.run(args.strip().split(" +"));

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err())
                    .contains(message)
                    .doesNotContain("Exception", "\tat ", "For input string", "java.")
                    .hasLineCount(2 - (r.err().contains("Try '") ? 0 : 1));
            assertThat(fake.journal().count(Journal.query())).isZero();
        }

        @Test
        void aBadRedisUrlInTheEnvironmentIsNamedWithItsVariableWithoutItsPassword() {
            Cli.Result r = cli.env("OFAUTH_REDIS_URL", "redis://:hunter2-secret@127.0.0.1:6379/x")
                    .run("list", "--connection", "conn_demo");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err())
                    .contains("OFAUTH_REDIS_URL:")
                    .contains("database number")
                    .doesNotContain("hunter2");
            assertThat(fake.journal().count(Journal.query())).isZero();
        }

        @Test
        void aMissingKeyIsNamedWithTheVariableToSet() {
            Cli.Result r = cli.without("OFAUTH_API_KEY").run("list", "--connection", "conn_demo");

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("set OFAUTH_API_KEY");
        }

        @Test
        void aKeyOnTheCommandLineWorksWithAWarning() {
            Cli.Result r =
                    cli.without("OFAUTH_API_KEY").run("list", "--connection", "conn_demo", "--api-key", "demo-api-key");

            assertThat(r.exitCode()).isZero();
            assertThat(r.err()).contains("shell history");
        }

        @Test
        void anUnusableJobDirectoryIsNamed() throws Exception {
            Path file = Files.writeString(home.resolve("not-a-dir"), "x");

            Cli.Result r = cli.run("jobs", "list", "--job-dir", file.toString());

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains(file.toString()).contains("is not a directory");
        }

        @Test
        void anEmptyPathOrOneWithAControlCharacterIsRefusedBeforeAnythingIsCreated() {
            // As when a script writes --job-dir "$UNSET": the store must not land in the working directory.
            Cli.Result empty = cli.run("jobs", "list", "--job-dir", "");
            Cli.Result blank = cli.run("jobs", "list", "--job-dir", "  ");
            Cli.Result control = cli.run(
                    "jobs", "list", "--job-dir", home.resolve("x\u001b[2Jy").toString());
            Cli.Result out = cli.run("plan", "--connection", "conn_demo", "--all", "--out", "");
            Cli.Result plan = cli.run("delete", "--plan", "plan\t.json", "--yes");

            assertThat(List.of(empty, blank, control, out, plan))
                    .allSatisfy(r -> assertThat(r.exitCode()).as(r.err()).isEqualTo(2));
            assertThat(empty.err()).contains("--job-dir").contains("the path is empty");
            assertThat(out.err()).contains("--out").contains("the path is empty");
            assertThat(control.err()).contains("carries a control character").doesNotContain("\u001b");
            assertThat(plan.err()).contains("--plan").contains("carries a control character");
            assertThat(Path.of("jobs.db")).doesNotExist();
            assertThat(home.resolve("x\u001b[2Jy")).doesNotExist();
        }

        @Test
        void anEmptyBaseUrlOrRedisUrlIsAUsageErrorNeverProductionOrThisProcessAlone() {
            Cli.Result emptyFlag = cli.run("list", "--connection", "conn_demo", "--base-url", "");
            Cli.Result emptyEnv = cli.env("OFAUTH_BASE_URL", "").run("list", "--connection", "conn_demo");
            Cli.Result emptyRedis = cli.run("jobs", "list", "--redis", " ");
            Cli.Result emptyRedisEnv = cli.env("OFAUTH_REDIS_URL", "").run("jobs", "list");

            assertThat(List.of(emptyFlag, emptyEnv, emptyRedis, emptyRedisEnv))
                    .allSatisfy(r -> assertThat(r.exitCode()).as(r.err()).isEqualTo(2));
            assertThat(emptyFlag.err()).contains("--base-url is empty");
            assertThat(emptyEnv.err())
                    .contains("OFAUTH_BASE_URL is set but empty: unset it for https://api.ofauth.com");
            assertThat(emptyRedis.err()).contains("--redis is empty");
            assertThat(emptyRedisEnv.err()).contains("OFAUTH_REDIS_URL is set but empty");
        }

        @Test
        void aWrongKeyExitsThreeAndAnUnreachableOfAuthFour() {
            Cli.Result wrongKey = cli.env("OFAUTH_API_KEY", "wrong-key").run("list", "--connection", "conn_demo");
            Cli.Result nowhere = cli.env("OFAUTH_API_KEY", "demo-api-key")
                    .env("OFAUTH_BASE_URL", "http://127.0.0.1:1")
                    .run("list", "--connection", "conn_demo");

            assertThat(wrongKey.exitCode()).isEqualTo(3);
            assertThat(wrongKey.err())
                    .contains("401")
                    .doesNotContain("wrong-key")
                    .doesNotContain("\tat ");
            assertThat(nowhere.exitCode()).isEqualTo(4);
            assertThat(nowhere.err()).contains("127.0.0.1:1");
        }

        @Test
        void debugShowsTheStackTrace() {
            Cli.Result r = cli.env("OFAUTH_BASE_URL", "http://127.0.0.1:1")
                    .run("list", "--connection", "conn_demo", "--debug");

            assertThat(r.err()).contains("\tat ");
        }
    }

    @Test
    void versionAndCompletionAreThere() {
        assertThat(cli.run("--version").out()).startsWith("ofauth-queue ");
        assertThat(cli.run("generate-completion").out()).contains("complete").contains("ofauth-queue");
        assertThat(cli.run("--help").out())
                .contains("Exit codes")
                .contains("130")
                .contains("OFAUTH_API_KEY");
    }
}
