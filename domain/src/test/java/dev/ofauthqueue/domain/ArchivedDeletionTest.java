package dev.ofauthqueue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.MassMessageId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a job deleted, kept to audit and re-create it: the export line is what an operator reads and replays. */
class ArchivedDeletionTest {

    static final Instant T = Instant.parse("2026-11-01T12:00:00Z");
    static final ConnectionId CONNECTION = ConnectionId.of("conn_secret_creator");

    static ArchivedDeletion archived(String queueJson) {
        return new ArchivedDeletion(
                DeletionJobId.of(7),
                CONNECTION,
                MassMessageId.of(5001),
                T,
                ArchivedDeletion.Source.SNAPSHOT,
                queueJson);
    }

    @Test
    void theExportLineCarriesEveryFieldAndTheQueueObjectOnOneLine() {
        ArchivedDeletion a = archived("  {\r\n  \"id\": 5001,\n  \"text\": \"hi\"\n}\n");

        assertThat(a.toJsonLine())
                .isEqualTo("{\"job\":7,\"connection\":\"conn_secret_creator\",\"id\":5001,"
                        + "\"deletedAt\":\"2026-11-01T12:00:00Z\",\"source\":\"SNAPSHOT\",\"queue\":"
                        + "{  \"id\": 5001,  \"text\": \"hi\"}}")
                .doesNotContain("\n", "\r");
    }

    @Test
    void toStringMasksTheConnectionAndLeavesTheQueueOut() {
        String shown = archived("{\"text\":\"private words\"}").toString();

        assertThat(shown)
                .startsWith("ArchivedDeletion[job=7, connection=")
                .contains("id=5001", "deletedAt=2026-11-01T12:00:00Z", "source=SNAPSHOT")
                .doesNotContain("secret_creator", "private words");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "[]", "null", "\"{}\"", "{", "}", "x{}", "{}x"})
    void aQueueThatIsNotAJsonObjectIsRefused(String queueJson) {
        assertThatThrownBy(() -> archived(queueJson))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queueJson must be a JSON object");
    }

    @Test
    void anObjectWithSpaceAroundItIsAccepted() {
        assertThat(archived(" \n{}\t ").queueJson()).isEqualTo(" \n{}\t ");
    }

    @Test
    void noFieldMayBeNull() {
        DeletionJobId job = DeletionJobId.of(1);
        MassMessageId id = MassMessageId.of(1);
        ArchivedDeletion.Source answer = ArchivedDeletion.Source.ANSWER;
        assertThatThrownBy(() -> new ArchivedDeletion(null, CONNECTION, id, T, answer, "{}"))
                .hasMessage("job");
        assertThatThrownBy(() -> new ArchivedDeletion(job, null, id, T, answer, "{}"))
                .hasMessage("connection");
        assertThatThrownBy(() -> new ArchivedDeletion(job, CONNECTION, null, T, answer, "{}"))
                .hasMessage("id");
        assertThatThrownBy(() -> new ArchivedDeletion(job, CONNECTION, id, null, answer, "{}"))
                .hasMessage("deletedAt");
        assertThatThrownBy(() -> new ArchivedDeletion(job, CONNECTION, id, T, null, "{}"))
                .hasMessage("source");
        assertThatThrownBy(() -> new ArchivedDeletion(job, CONNECTION, id, T, answer, null))
                .hasMessage("queueJson");
    }
}
