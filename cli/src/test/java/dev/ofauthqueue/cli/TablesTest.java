package dev.ofauthqueue.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.domain.MediaSummary;
import dev.ofauthqueue.domain.MediaType;
import dev.ofauthqueue.domain.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables people read: aligned, summarised, in their zone; ids named but absent reported, never dropped silently. */
class TablesTest extends AgainstTheFake {

    @Test
    void listRowsStayWithin120ColumnsWithEveryMediaTypeAndALongZoneName() {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");
        ScheduledMassMessage busy = ScheduledMassMessage.builder(1234567890L)
                .text("x".repeat(300))
                .sendAt(now.plusSeconds(3600))
                .price(Money.parse("199.99"))
                .media(new MediaSummary(
                        Map.of(MediaType.PHOTO, 12, MediaType.VIDEO, 3, MediaType.GIF, 2, MediaType.AUDIO, 1),
                        18,
                        List.of(),
                        List.of()))
                .build();
        ZoneId zone = ZoneId.of("America/Argentina/ComodRivadavia");

        String header = Render.header(zone);
        String row = Render.row(busy, now, zone);

        assertThat(row.length()).isLessThanOrEqualTo(120);
        assertThat(header.length()).isLessThanOrEqualTo(120);
        assertThat(row.indexOf("199.99") + "199.99".length())
                .as("PRICE stays right-aligned under its header")
                .isEqualTo(header.indexOf("PRICE") + "PRICE".length());
        assertThat(row).contains("…");
    }

    @Test
    void idsNamedButNotInTheQueueAreReportedAsKeptOut() throws Exception {
        Cli.Result plan = cli.run("plan", "--connection", "conn_demo", "--ids", "5003,5999", "--json");
        Cli.Result text = cli.run("plan", "--connection", "conn_demo", "--ids", "5003,5999");
        Cli.Result delete = cli.run("delete", "--connection", "conn_demo", "--ids", "5003,5999", "--yes");

        List<JsonNode> lines = CommandLineTest.jsonLines(plan.out());
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.get("id").asLong()).isEqualTo(5999);
            assertThat(l.get("decision").asText()).isEqualTo("keep");
            assertThat(l.get("reason").asText()).isEqualTo("NOT_IN_QUEUE");
            assertThat(l.get("detail").asText()).isEqualTo("not in the scheduled queue");
        });
        assertThat(lines.get(lines.size() - 1).get("kept").asInt()).isEqualTo(1);
        assertThat(text.out()).contains("KEEP   5999 NOT_IN_QUEUE: not in the scheduled queue");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.err()).contains("kept out: 5999 not in the scheduled queue");
    }

    @Test
    void deleteAsJsonNamesTheIdsNotInTheQueueInItsSummaryOnStandardOutput() throws Exception {
        Cli.Result some = cli.run("delete", "--connection", "conn_demo", "--ids", "5003,5999,5998", "--yes", "--json");
        Cli.Result none = cli.run("delete", "--connection", "conn_demo", "--ids", "5997", "--yes", "--json");
        Cli.Result all = cli.run("delete", "--connection", "conn_demo", "--ids", "5004", "--yes", "--json");

        assertThat(some.exitCode()).as(some.err()).isZero();
        List<JsonNode> lines = CommandLineTest.jsonLines(some.out());
        JsonNode summary = lines.get(lines.size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("deleted").asInt()).isEqualTo(1);
        assertThat(summary.get("notInQueue")).extracting(JsonNode::asLong).containsExactly(5998L, 5999L);
        assertThat(none.exitCode()).as(none.err()).isZero();
        JsonNode nothing = CommandLineTest.jsonLines(none.out()).get(0);
        assertThat(nothing.get("type").asText()).isEqualTo("summary");
        assertThat(nothing.get("notInQueue")).extracting(JsonNode::asLong).containsExactly(5997L);
        List<JsonNode> allLines = CommandLineTest.jsonLines(all.out());
        JsonNode whole = allLines.get(allLines.size() - 1);
        assertThat(whole.has("notInQueue")).as("only when --ids named some").isFalse();
    }

    @Test
    void jobsListSummarisesTheSelectionAndShowsSecondsInTheOperatorsZone() throws Exception {
        cli.run("delete", "--connection", "conn_demo", "--ids", "5003,5004,5005,5006,5007", "--yes");
        cli.run("delete", "--connection", "conn_demo", "--free", "--yes");

        Cli.Result list = cli.env("TZ", "Asia/Tokyo").run("jobs", "list");
        Cli.Result show = cli.run("jobs", "show", "1");
        Cli.Result json = cli.run("jobs", "list", "--json");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.outLines().get(0)).contains("CREATED (Tokyo)");
        assertThat(list.outLines().get(1)).contains("--free").doesNotContain("paid=");
        assertThat(list.outLines().get(2)).contains("--ids 5 ids").doesNotContain("5003,5004");
        assertThat(list.outLines().get(2)).containsPattern(" \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ");
        assertThat(list.out()).doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d");
        assertThat(CommandLineTest.jsonLines(json.out()).get(1).get("selection").asText())
                .as("JSON keeps the whole selection")
                .isEqualTo("ids=5003,5004,5005,5006,5007");
        assertThat(show.out()).contains("(Asia/Tokyo)").contains("selection: ids=5003,5004,5005,5006,5007");
    }
}
