package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ofauthqueue.fake.Fault;
import dev.ofauthqueue.fake.FaultAction;
import dev.ofauthqueue.fake.Journal;
import dev.ofauthqueue.fake.QueueSnapshot;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code jobs restore}: the undo of a job, against the fake. */
class RestoreTest extends AgainstTheFake {

    @BeforeEach
    void aJobDeletes5003And5004() {
        Cli.Result deleted = cli.run("delete", "--connection", "conn_demo", "--ids", "5003,5004", "--yes");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        fake.clearRequests();
    }

    int posts() {
        return fake.journal().count(Journal.query().method("POST"));
    }

    List<QueueSnapshot.Item> restoredCopies() {
        QueueSnapshot queue = fake.queueSnapshot("conn_demo").orElseThrow();
        return queue.items().stream().filter(i -> i.id() > 6000).toList();
    }

    @Test
    void aJobsDeletedMessagesAreCreatedAgainOnceAndARerunCreatesNothing() throws Exception {
        Cli.Result first = cli.run("jobs", "restore", "1", "--lists", "vip,1234", "--json");
        Cli.Result again = cli.run("jobs", "restore", "1", "--lists", "vip,1234");

        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        List<JsonNode> lines = CommandLineTest.jsonLines(first.out());
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(0, 2)).allSatisfy(l -> {
            assertThat(l.get("type").asText()).isEqualTo("restore");
            assertThat(l.get("outcome").asText()).isEqualTo("CREATED");
            assertThat(l.get("created").asLong()).isPositive();
            assertThat(l.get("connection").asText()).isEqualTo("conn_****");
        });
        assertThat(lines.get(2).get("created").asInt()).isEqualTo(2);
        assertThat(posts()).isEqualTo(2);
        assertThat(restoredCopies())
                .hasSize(2)
                .allSatisfy(i -> assertThat(i.state()).isEqualTo("SCHEDULED"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("ALREADY_RESTORED 5003 -> ").contains("2 already restored");
        assertThat(posts()).as("a rerun sends no POST").isEqualTo(2);
        assertThat(restoredCopies()).hasSize(2);
    }

    @Test
    void aPostThatGotNoAnswerIsNeverSentAgain() {
        fake.faults()
                .add(Fault.matching("POST", "/v2/access/mass-messages").times(1).then(new FaultAction.CloseMidBody()));

        Cli.Result first = cli.run("jobs", "restore", "1", "--lists", "vip");
        Cli.Result again = cli.run("jobs", "restore", "1", "--lists", "vip");

        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(first.out()).contains("UNCONFIRMED      5003").contains("CREATED          5004");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).contains("UNCONFIRMED      5003").contains("never sent again automatically");
        assertThat(posts()).as("the unanswered POST is not repeated").isEqualTo(2);
        assertThat(fake.journal().count(Journal.query().method("GET")))
                .as("the rerun looked in the queue")
                .isPositive();
    }

    @Test
    void withoutAnAudienceOrWithBadFlagsNothingIsSent() {
        Cli.Result noAudience = cli.run("jobs", "restore", "1");
        Cli.Result both =
                cli.run("jobs", "restore", "1", "--lists", "vip", "--at", "2030-01-01T00:00Z", "--keep-dates");
        Cli.Result badAt = cli.run("jobs", "restore", "1", "--lists", "vip", "--at", "tomorrow");
        Cli.Result notDeleted = cli.run("jobs", "restore", "1", "--lists", "vip", "--ids", "5001");
        Cli.Result control = cli.run("jobs", "restore", "1", "--lists", "vip\u001b[2J");
        Cli.Result trailingComma = cli.run("jobs", "restore", "1", "--lists", "vip,");
        Cli.Result emptyUser = cli.run("jobs", "restore", "1", "--lists", "vip", "--users", ",42");
        Cli.Result yearTenThousand = cli.run("jobs", "restore", "1", "--lists", "vip", "--at", "+10000-01-01T00:00Z");
        Cli.Result farthest = cli.run("jobs", "restore", "1", "--lists", "vip", "--at", "+999999999-12-31T00:00Z");

        assertThat(noAudience.exitCode()).isEqualTo(2);
        assertThat(noAudience.err()).contains("needs --lists or --users");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(badAt.exitCode()).isEqualTo(2);
        assertThat(badAt.err()).contains("--at: 'tomorrow' is not a date or time");
        assertThat(notDeleted.exitCode()).isEqualTo(2);
        assertThat(notDeleted.err()).contains("did not delete message(s) 5001");
        assertThat(control.exitCode()).isEqualTo(2);
        assertThat(control.err()).contains("control character").doesNotContain("\u001b");
        assertThat(trailingComma.exitCode()).isEqualTo(2);
        assertThat(trailingComma.err()).contains("--lists: an empty item");
        assertThat(emptyUser.exitCode()).isEqualTo(2);
        assertThat(emptyUser.err()).contains("--users: an empty item");
        assertThat(yearTenThousand.exitCode())
                .as(yearTenThousand.out() + yearTenThousand.err())
                .isEqualTo(2);
        assertThat(yearTenThousand.err()).contains("--at: ").contains("9999-12-31");
        assertThat(farthest.exitCode()).as(farthest.out() + farthest.err()).isEqualTo(2);
        assertThat(fake.journal().count(Journal.query())).isZero();
    }
}
