package dev.ofauthqueue.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.DeletionJobStoreException.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations, run on bare SQLite files: all in one transaction, at most once, never on a newer file. */
class SchemaTest {

    @TempDir
    Path dir;

    @Test
    void aNewFileGetsEveryTableAndTheCurrentVersion() throws Exception {
        try (Connection db = open("new.db")) {
            Schema.migrate(dir.resolve("new.db"), db, true);

            assertThat(version(db)).isEqualTo(Schema.current()).isEqualTo(Schema.MIGRATIONS.size());
            assertThat(tables(db))
                    .containsExactly("archive", "items", "jobs", "restores", "runs", "stopped_connections");
            assertThat(indexes(db)).contains("archive_by_time", "items_in_order");
        }
    }

    @Test
    void aFileAtTheCurrentVersionIsLeftAsItIs() throws Exception {
        try (Connection db = open("twice.db")) {
            Schema.migrate(dir.resolve("twice.db"), db, true);
            try (Statement s = db.createStatement()) {
                s.execute("INSERT INTO jobs VALUES (1, 'c', 'RUNNING', 't', 'r', 'l', 'p', 's', 1, 1, 1)");
            }

            Schema.migrate(dir.resolve("twice.db"), db, true);

            assertThat(version(db)).isEqualTo(Schema.current());
            assertThat(count(db, "jobs"))
                    .as("the second run created nothing anew")
                    .isEqualTo(1);
        }
    }

    @Test
    void aMigrationThatFailsLeavesNothingOfItAndTheVersionUnchanged() throws Exception {
        try (Connection db = open("clash.db")) {
            try (Statement s = db.createStatement()) {
                // A table the first migration creates after 'jobs': the migration fails midway.
                s.execute("CREATE TABLE items (x INTEGER)");
            }

            assertThatThrownBy(() -> Schema.migrate(dir.resolve("clash.db"), db, true))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("items");

            assertThat(version(db)).isZero();
            assertThat(tables(db))
                    .as("'jobs', created before the failure, was rolled back")
                    .containsExactly("items");
            assertThat(db.getAutoCommit()).as("no transaction is left open").isTrue();
        }
    }

    @Test
    void anExistingFileWithoutTheSchemaIsNotAStoreAndIsLeftAsItIs() throws Exception {
        try (Connection db = open("other.db")) {
            assertThatThrownBy(() -> Schema.migrate(dir.resolve("other.db"), db, false))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_DATABASE))
                    .hasMessageContaining("it has no ofauth-queue schema");
            assertThat(version(db)).isZero();
            assertThat(tables(db)).isEmpty();
        }
    }

    @Test
    void aFileOfTheFirstVersionGainsTheItemsSealsAndKeepsItsRows() throws Exception {
        try (Connection db = open("v1.db")) {
            try (Statement s = db.createStatement()) {
                for (String sql : Schema.MIGRATIONS.get(0).split(";", -1)) {
                    if (!sql.isBlank()) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version = 1");
                s.execute("INSERT INTO jobs VALUES (1, 'c', 'RUNNING', 't', 'r', 'l', 'p', 's', 1, 1, 1)");
            }

            Schema.migrate(dir.resolve("v1.db"), db, false);

            assertThat(version(db)).isEqualTo(Schema.current());
            assertThat(count(db, "jobs")).isEqualTo(1);
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT name FROM pragma_table_info('items') WHERE name = 'seal'")) {
                assertThat(r.next()).as("items has a seal column").isTrue();
            }
            assertThat(tables(db)).as("and every table of the later versions").contains("restores", "runs");
        }
    }

    @Test
    void aRunKeptBeforeTheAttemptFiguresExistedReadsThemAsZero() throws Exception {
        try (Connection db = open("v4.db")) {
            try (Statement s = db.createStatement()) {
                for (String migration : Schema.MIGRATIONS.subList(0, 4)) {
                    for (String sql : migration.split(";", -1)) {
                        if (!sql.isBlank()) {
                            s.execute(sql);
                        }
                    }
                }
                s.execute("PRAGMA user_version = 4");
                s.execute("INSERT INTO jobs VALUES (1, 'c', 'RUNNING', 't', 'r', 'l', 'p', 's', 1, 1, 1)");
                s.execute("INSERT INTO runs VALUES (1, 1, 's', 'e', 'COMPLETED', 2, 0, 2, 0, 0, 0, 1, 0, 0)");
            }

            Schema.migrate(dir.resolve("v4.db"), db, false);

            assertThat(version(db)).isEqualTo(Schema.current());
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery(
                            "SELECT settled, attempts, retries, attempt_p50_ns, attempt_p99_ns FROM runs")) {
                assertThat(r.next()).isTrue();
                assertThat(List.of(r.getInt(1), r.getInt(2), r.getInt(3), r.getInt(4), r.getInt(5)))
                        .as("the run kept, its new figures zero")
                        .containsExactly(2, 0, 0, 0, 0);
            }
        }
    }

    @Test
    void aNewerFileIsRefusedUntouchedNamingBothVersions() throws Exception {
        try (Connection db = open("newer.db")) {
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA user_version = " + (Schema.current() + 1));
            }

            assertThatThrownBy(() -> Schema.migrate(dir.resolve("newer.db"), db, true))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.NEWER_SCHEMA))
                    .hasMessage(dir.resolve("newer.db") + ": was written by a newer ofauth-queue (schema version "
                            + (Schema.current() + 1) + "; this one knows up to " + Schema.current()
                            + "); use that version or newer");
            assertThat(version(db)).isEqualTo(Schema.current() + 1);
            assertThat(tables(db)).isEmpty();
        }
    }

    private Connection open(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name));
    }

    private static int version(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : -1;
        }
    }

    private static List<String> tables(Connection db) throws SQLException {
        return names(db, "table");
    }

    private static List<String> indexes(Connection db) throws SQLException {
        return names(db, "index");
    }

    private static List<String> names(Connection db, String type) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = '" + type
                        + "' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }

    private static long count(Connection db, String table) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            return r.next() ? r.getLong(1) : -1;
        }
    }
}
