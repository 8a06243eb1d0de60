package dev.ofauthqueue.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.DeletionJobStoreException.Kind;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQLite's result codes as the store's typed errors: each kind, its primary and extended codes, and its message. */
class SqliteFailuresTest {

    static final Path FILE = Path.of("/data/jobs.db");

    @ParameterizedTest(name = "code {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            8    | READ_ONLY      | /data/jobs.db: cannot be written while creating a job (sqlite says: attempt to write)
            1032 | READ_ONLY      | /data/jobs.db: cannot be written while creating a job
            13   | DISK_FULL      | /data/jobs.db: the disk is full while creating a job; free space and resume the job
            26   | NOT_A_DATABASE | /data/jobs.db: is not an ofauth-queue job store (or is damaged): sqlite says: attempt to write; choose another location
            11   | NOT_A_DATABASE | is not an ofauth-queue job store (or is damaged)
            267  | NOT_A_DATABASE | is not an ofauth-queue job store
            5    | LOCKED         | /data/jobs.db: stayed busy for 5000 ms while creating a job (another process is writing it)
            6    | LOCKED         | stayed busy for 5000 ms
            517  | LOCKED         | stayed busy
            14   | IO             | /data/jobs.db: cannot be opened while creating a job: sqlite says: attempt to write
            10   | IO             | /data/jobs.db: failed while creating a job: sqlite says: attempt to write
            0    | IO             | failed while creating a job
            """)
    void eachPrimaryCodeIsAKindWhoseMessageNamesTheFileAndWhatTheStoreWasDoing(int code, Kind kind, String message) {
        SQLException cause = new SQLException("sqlite says: attempt to write", "", code);

        DeletionJobStoreException e = SqliteFailures.classify(FILE, "creating a job", cause);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e).hasMessageContaining(message).hasCause(cause);
    }

    @ParameterizedTest(name = "code {0}")
    @CsvSource({"8", "14", "26", "10"})
    void aFailureWithoutAMessageSaysNullRatherThanThrowing(int code) {
        DeletionJobStoreException e = SqliteFailures.classify(FILE, "reading", new SQLException(null, "", code));

        assertThat(e).hasMessageContaining("null").hasMessageStartingWith("/data/jobs.db: ");
    }
}
