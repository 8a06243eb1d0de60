package dev.ofauthqueue.adapter.sqlite;

import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.DeletionJobStoreException.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's schema as versioned migrations: migration {@code i} takes a file from {@code user_version = i} to
 * {@code i + 1}. Only ever append: a released migration never changes.
 */
final class Schema {

    private Schema() {}

    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE jobs (
              id                 INTEGER PRIMARY KEY AUTOINCREMENT,
              created_at         TEXT    NOT NULL,
              state              TEXT    NOT NULL,
              target             TEXT    NOT NULL,
              delete_route       TEXT    NOT NULL,
              rate_limit         TEXT    NOT NULL,
              policy             TEXT    NOT NULL,
              selection          TEXT    NOT NULL,
              max_plan_age_ms    INTEGER NOT NULL,
              read_before_delete INTEGER NOT NULL,
              concurrency        INTEGER NOT NULL
            );
            CREATE TABLE stopped_connections (
              job_id     INTEGER NOT NULL REFERENCES jobs(id),
              connection TEXT    NOT NULL,
              reason     TEXT    NOT NULL,
              PRIMARY KEY (job_id, connection)
            );
            CREATE TABLE items (
              job_id          INTEGER NOT NULL REFERENCES jobs(id),
              connection      TEXT    NOT NULL,
              message_id      INTEGER NOT NULL,
              position        INTEGER NOT NULL,
              state           TEXT    NOT NULL,
              intent_at       TEXT,
              outcome_reason  TEXT,
              outcome_rule    TEXT,
              outcome_detail  TEXT,
              outcome_at      TEXT,
              snapshot_at     TEXT    NOT NULL,
              snapshot_json   TEXT,
              queue_id        INTEGER,
              text            TEXT    NOT NULL,
              text_cropped    TEXT    NOT NULL,
              send_at         TEXT,
              created_at      TEXT,
              changed_at      TEXT,
              price           TEXT    NOT NULL,
              is_free         INTEGER NOT NULL,
              locked_text     INTEGER NOT NULL,
              is_tip          INTEGER NOT NULL,
              media_counts    TEXT    NOT NULL,
              media_count     INTEGER NOT NULL,
              media_ids       TEXT    NOT NULL,
              preview_ids     TEXT    NOT NULL,
              sent_count      INTEGER NOT NULL,
              viewed_count    INTEGER NOT NULL,
              purchased_count INTEGER NOT NULL,
              can_unsend      INTEGER NOT NULL,
              unsend_seconds  INTEGER NOT NULL,
              cancel_seconds  INTEGER NOT NULL,
              is_canceled     INTEGER NOT NULL,
              has_error       INTEGER NOT NULL,
              sender_id       INTEGER,
              sender_name     TEXT,
              reply_to        INTEGER,
              PRIMARY KEY (job_id, connection, message_id)
            );
            CREATE INDEX items_in_order ON items (job_id, position);
            CREATE TABLE archive (
              job_id        INTEGER NOT NULL REFERENCES jobs(id),
              connection    TEXT    NOT NULL,
              message_id    INTEGER NOT NULL,
              deleted_at    TEXT    NOT NULL,
              deleted_at_ms INTEGER NOT NULL,
              source        TEXT    NOT NULL,
              queue_json    TEXT    NOT NULL,
              PRIMARY KEY (job_id, connection, message_id)
            );
            CREATE INDEX archive_by_time ON archive (deleted_at_ms);
            """, """
            ALTER TABLE items ADD COLUMN seal TEXT;
            """, """
            CREATE TABLE restores (
              job_id      INTEGER NOT NULL REFERENCES jobs(id),
              connection  TEXT    NOT NULL,
              message_id  INTEGER NOT NULL,
              intent_at   TEXT    NOT NULL,
              created_id  INTEGER,
              created_at  TEXT,
              PRIMARY KEY (job_id, connection, message_id)
            );
            """, """
            CREATE TABLE runs (
              job_id         INTEGER NOT NULL REFERENCES jobs(id),
              seq            INTEGER NOT NULL,
              started_at     TEXT    NOT NULL,
              ended_at       TEXT    NOT NULL,
              state          TEXT    NOT NULL,
              settled        INTEGER NOT NULL,
              failed         INTEGER NOT NULL,
              tokens         INTEGER NOT NULL,
              budget_wait_ns INTEGER NOT NULL,
              rate_limited   INTEGER NOT NULL,
              retry_after_ns INTEGER NOT NULL,
              list_pages     INTEGER NOT NULL,
              takeovers      INTEGER NOT NULL,
              dead_letters   INTEGER NOT NULL,
              PRIMARY KEY (job_id, seq)
            );
            """, """
            ALTER TABLE runs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE runs ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE runs ADD COLUMN attempt_p50_ns INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE runs ADD COLUMN attempt_p99_ns INTEGER NOT NULL DEFAULT 0;
            """);

    /** The version a file has once every migration ran. */
    static int current() {
        return MIGRATIONS.size();
    }

    /**
     * Brings the file to the {@linkplain #current() current} version in one write transaction: every migration from
     * the file's {@code user_version} on, then the new version; nothing of it stays if one fails. A file written by a
     * newer version is refused untouched.
     *
     * @param file the database file, for messages
     * @param db a connection to it, outside any transaction
     * @param created whether this process just created the file (an existing file at version 0 is not a store)
     * @throws SQLException when SQLite fails (the transaction is rolled back)
     * @throws DeletionJobStoreException of kind {@link Kind#NEWER_SCHEMA} for a newer file, {@link
     *     Kind#NOT_A_DATABASE} for an existing file without the store's schema
     */
    static void migrate(Path file, Connection db, boolean created) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(SqliteDeletionJobStore.BEGIN_WRITE);
            try {
                int version;
                try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
                    version = r.next() ? r.getInt(1) : 0;
                }
                if (version > current()) {
                    throw new DeletionJobStoreException(
                            Kind.NEWER_SCHEMA,
                            file + ": was written by a newer ofauth-queue (schema version " + version + "; this one"
                                    + " knows up to " + current() + "); use that version or newer",
                            null);
                }
                if (version == 0 && !created) {
                    throw SqliteDeletionJobStore.notAJobStore(file, "it has no ofauth-queue schema", null);
                }
                for (int v = version; v < current(); v++) {
                    for (String sql : MIGRATIONS.get(v).split(";", -1)) {
                        if (!sql.isBlank()) {
                            s.execute(sql);
                        }
                    }
                    s.execute("PRAGMA user_version = " + (v + 1));
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                SqliteDeletionJobStore.rollbackQuietly(db);
                throw e;
            }
        }
    }
}
