package dev.ofauthqueue.adapter.sqlite;

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
            """);

    /** The version a file has once every migration ran. */
    static int current() {
        return MIGRATIONS.size();
    }
}
