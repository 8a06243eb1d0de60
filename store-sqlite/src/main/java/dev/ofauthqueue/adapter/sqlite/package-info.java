/**
 * The deletion-job store on SQLite: {@link dev.ofauthqueue.adapter.sqlite.SqliteDeletionJobStore}. One file holds
 * every job, its plan, intents, outcomes and the archive of deleted messages; {@code sqlite3} can query it.
 */
@NullMarked
package dev.ofauthqueue.adapter.sqlite;

import org.jspecify.annotations.NullMarked;
