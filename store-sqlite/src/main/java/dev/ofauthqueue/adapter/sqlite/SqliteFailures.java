package dev.ofauthqueue.adapter.sqlite;

import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.DeletionJobStoreException.Kind;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The one place where SQLite's failures become the store's typed errors: by SQLite's primary result code (the low byte
 * of {@link SQLException#getErrorCode()}, so an extended code counts as its primary), each naming the file, what the
 * store was doing and what the operator can do.
 */
final class SqliteFailures {

    private SqliteFailures() {}

    /**
     * The typed error for a failure of SQLite.
     *
     * @param file the database file
     * @param what what the store was doing, as in "while {@code what}"
     * @param e SQLite's failure
     * @return the error to throw, with {@code e} as its cause
     */
    static DeletionJobStoreException classify(Path file, String what, SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        String detail = String.valueOf(e.getMessage());
        return switch (primary) {
            case 8 ->
                new DeletionJobStoreException(
                        Kind.READ_ONLY, file + ": cannot be written while " + what + " (" + detail + ")", e);
            case 13 ->
                new DeletionJobStoreException(
                        Kind.DISK_FULL,
                        file + ": the disk is full while " + what + "; free space and resume the job",
                        e);
            case 26, 11 ->
                new DeletionJobStoreException(
                        Kind.NOT_A_DATABASE,
                        file + ": is not an ofauth-queue job store (or is damaged): " + detail
                                + "; choose another location",
                        e);
            case 5, 6 ->
                new DeletionJobStoreException(
                        Kind.LOCKED,
                        file + ": stayed busy for " + SqliteDeletionJobStore.BUSY_TIMEOUT_MS + " ms while " + what
                                + " (another process is" + " writing it)",
                        e);
            case 14 ->
                new DeletionJobStoreException(Kind.IO, file + ": cannot be opened while " + what + ": " + detail, e);
            default -> new DeletionJobStoreException(Kind.IO, file + ": failed while " + what + ": " + detail, e);
        };
    }
}
