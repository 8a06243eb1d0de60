package dev.ofauthqueue.adapter.sqlite;

import dev.ofauthqueue.ArchiveQuery;
import dev.ofauthqueue.ArchivedDeletion;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.DeletionJobRun;
import dev.ofauthqueue.JobItemState;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.ports.out.DeletionJobStore;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.DeletionJobStoreException.Kind;
import dev.ofauthqueue.ports.out.ExclusiveJobItemQueue;
import dev.ofauthqueue.ports.out.JobItemQueue;
import dev.ofauthqueue.ports.out.RestoreLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteJDBCLoader;

/**
 * The deletion-job store on SQLite: one file holds every job, its plan with a snapshot of each message (one column
 * per field the library models, plus OFAuth's JSON), the intent committed before each DELETE, each outcome, and the
 * archive of deleted messages. Open it with {@link #open(Path)}.
 *
 * <p>Durability: WAL journal (checked on open), {@code synchronous=FULL} (a commit survives a power cut), a busy
 * timeout, and {@code BEGIN IMMEDIATE} for every transaction. The file, its WAL and its lock file are readable by
 * their owner only: they hold connection ids, never the API key. A job's lock is an operating-system lock on a lock
 * file beside the database, released when its holder dies. Every call blocks and must never run on an event loop;
 * one that does is refused.
 *
 * <p>Query it by hand with {@code sqlite3 jobs.db 'select job_id, message_id, state from items'}.
 */
public final class SqliteDeletionJobStore implements DeletionJobStore {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final int BUSY_TIMEOUT_MS = 5_000;
    /** The states an item never leaves: an outcome is written only where none of these is. */
    private static final String FINAL_STATES = "('DELETED', 'ALREADY_GONE', 'REFUSED')";
    /** Writes take the write lock when they begin: two writers never both read and then collide on the upgrade. */
    static final String BEGIN_WRITE = "BEGIN IMMEDIATE";
    /** Reads of several tables see one snapshot; in WAL mode they never block writers. */
    static final String BEGIN_READ = "BEGIN DEFERRED";

    private final Path path;
    private final Connection db;
    private final JobLocks locks;

    private SqliteDeletionJobStore(Path path, Connection db, JobLocks locks) {
        this.path = path;
        this.db = db;
        this.locks = locks;
    }

    /**
     * Opens the store at {@code path}, creating the file (readable by its owner only) and its schema when missing,
     * and migrating an older schema.
     *
     * @param path the database file; its directory must exist
     * @return the open store; close it when done
     * @throws DeletionJobStoreException naming the path and the problem: a missing directory, a read-only location, a
     *     full disk, a file that is not a database, a native library that cannot load, or a schema newer than this
     *     library knows
     */
    public static SqliteDeletionJobStore open(Path path) {
        Path file = path.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new DeletionJobStoreException(
                    Kind.MISSING_DIRECTORY,
                    file + ": the directory " + dir + " does not exist; create it or choose another location",
                    null);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new DeletionJobStoreException(
                    Kind.NOT_A_DATABASE, file + ": is not a regular file (a directory?)", null);
        }
        if (!Files.isWritable(dir) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new DeletionJobStoreException(
                    Kind.READ_ONLY,
                    file + ": cannot be written (the store needs to write the file and, beside it, its -wal, -shm and"
                            + " .locks files); choose a writable location",
                    null);
        }
        loadNativeLibrary(file);
        if (Files.notExists(file)) {
            createWhole(file);
        }
        refuseEmpty(file);
        createOwnerOnly(file); // secures a file made by an older version, or by hand
        Connection db = connect(file);
        try {
            checkJournalMode(file, db);
            Schema.migrate(file, db, false);
            Path lockFile = file.resolveSibling(file.getFileName() + ".locks");
            createOwnerOnly(lockFile);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            return new SqliteDeletionJobStore(file, db, new JobLocks(lockFile, channel));
        } catch (SQLException e) {
            closeQuietly(db);
            throw SqliteFailures.classify(file, "opening it", e);
        } catch (IOException e) {
            closeQuietly(db);
            throw new DeletionJobStoreException(Kind.IO, file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            throw e;
        }
    }

    private static Connection connect(Path file) {
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            config.enforceForeignKeys(true);
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw SqliteFailures.classify(file, "opening it", e);
        }
    }

    /**
     * Creates the store whole: a file beside it gets the schema, then takes the store's name only if nobody took it
     * first (a hard link, which never replaces). So a store file always has its schema, and an empty one is damaged,
     * never a store another process is creating.
     */
    private static void createWhole(Path file) {
        Path fresh = createFreshBeside(file);
        try {
            Connection db = connect(fresh);
            try {
                checkJournalMode(fresh, db);
                Schema.migrate(fresh, db, true);
            } catch (SQLException e) {
                throw SqliteFailures.classify(file, "creating it", e);
            } finally {
                closeQuietly(db);
            }
            try {
                Files.createLink(file, fresh);
            } catch (FileAlreadyExistsException takenFirst) {
                // Another process created the store meanwhile: this one opens theirs.
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                try {
                    Files.move(fresh, file);
                } catch (FileAlreadyExistsException takenFirst) {
                    // As above.
                } catch (IOException e) {
                    throw new DeletionJobStoreException(Kind.IO, file + ": cannot be created: " + e.getMessage(), e);
                }
            }
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                try {
                    Files.deleteIfExists(fresh.resolveSibling(fresh.getFileName() + suffix));
                } catch (IOException ignored) {
                    // A leftover beside the store is harmless.
                }
            }
        }
    }

    /**
     * A new, owner-only file beside the store that no other opener can share: the file system picks its name and
     * creates it atomically. (A name made from the clock was not enough: threads released together can read the same
     * nanosecond, and two openers preparing one file break each other.)
     */
    private static Path createFreshBeside(Path file) {
        Path dir = Objects.requireNonNull(file.getParent());
        String prefix = file.getFileName() + ".";
        try {
            return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, prefix, ".new", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, prefix, ".new");
        } catch (IOException e) {
            throw cannotCreate(file, "cannot be created", e);
        }
    }

    /** The one classification of a file the store could not create: a full disk, a read-only place, or other I/O. */
    private static DeletionJobStoreException cannotCreate(Path file, String what, IOException e) {
        String reason = e instanceof FileSystemException fse ? String.valueOf(fse.getReason()) : "";
        Kind kind = reason.contains("space") ? Kind.DISK_FULL : reason.contains("Read-only") ? Kind.READ_ONLY : Kind.IO;
        return new DeletionJobStoreException(kind, file + ": " + what + ": " + e.getMessage(), e);
    }

    /** An empty file where the store should be is a damaged one (a truncated copy, a full disk): never "no jobs". */
    private static void refuseEmpty(Path file) {
        try {
            if (Files.size(file) == 0) {
                throw notAJobStore(file, "the file is empty", null);
            }
        } catch (IOException e) {
            throw new DeletionJobStoreException(Kind.IO, file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** The one wording of a file that is not a job store, or one that is damaged; {@code why} says what was found. */
    static DeletionJobStoreException notAJobStore(Path file, String why, @Nullable Throwable cause) {
        return new DeletionJobStoreException(
                Kind.NOT_A_DATABASE,
                file + ": is not an ofauth-queue job store (or is damaged): " + why
                        + "; restore it from a backup, or choose another location",
                cause);
    }

    private static void createOwnerOnly(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            try {
                if (posix) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createFile(file);
                }
            } catch (FileAlreadyExistsException there) {
                // Made earlier, or by another process opening the store at the same moment: secure it all the same.
                if (posix) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY);
                }
            }
        } catch (FileSystemException e) {
            throw cannotCreate(file, "cannot be created or secured", e);
        } catch (IOException e) {
            throw cannotCreate(file, "cannot be created", e);
        }
    }

    private static void loadNativeLibrary(Path file) {
        try {
            if (!SQLiteJDBCLoader.initialize()) {
                throw new IllegalStateException("the loader answered false");
            }
        } catch (Exception | LinkageError e) {
            throw new DeletionJobStoreException(
                    Kind.NATIVE_LIBRARY,
                    file + ": SQLite's native library could not be loaded (" + e.getMessage() + "). sqlite-jdbc"
                            + " extracts it into a temporary directory that must allow running code (not mounted"
                            + " noexec); point it at another with -Dorg.sqlite.tmpdir=<directory>",
                    e);
        }
    }

    private static void checkJournalMode(Path file, Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
            String mode = r.next() ? r.getString(1) : "unknown";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new DeletionJobStoreException(
                        Kind.IO,
                        file + ": the journal mode is " + mode + ", not wal (a filesystem without shared memory, such"
                                + " as some network mounts?); choose a local location",
                        null);
            }
        }
    }

    /**
     * Where the store is.
     *
     * @return the database file's absolute path
     */
    public Path path() {
        return path;
    }

    @Override
    public String location() {
        return path.toString();
    }

    // ---- jobs

    @Override
    public DeletionJobId create(Instant createdAt, JobSettings settings, List<PlannedItem> items) {
        return write("creating a job", () -> {
            long id;
            try (PreparedStatement s = db.prepareStatement(
                    "INSERT INTO jobs (created_at, state, target, delete_route, rate_limit, policy, selection,"
                            + " max_plan_age_ms, read_before_delete, concurrency) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, createdAt.toString());
                s.setString(2, DeletionJobState.RUNNING.name());
                s.setString(3, settings.target());
                s.setString(4, settings.deleteRoute());
                s.setString(5, settings.rateLimit());
                s.setString(6, settings.policy());
                s.setString(7, settings.selection().toString());
                s.setLong(8, settings.maxPlanAge().toMillis());
                s.setInt(9, settings.readBeforeDelete() ? 1 : 0);
                s.setInt(10, settings.concurrency());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement s =
                    db.prepareStatement("INSERT INTO items (job_id, connection, message_id, position," + " state, "
                            + Snapshots.COLUMNS + ") VALUES (?,?,?,?,?," + Snapshots.PLACEHOLDERS + ")")) {
                for (int i = 0; i < items.size(); i++) {
                    PlannedItem item = items.get(i);
                    s.setLong(1, id);
                    s.setString(2, item.connection().value());
                    s.setLong(3, item.id().value());
                    s.setInt(4, i);
                    s.setString(5, JobItemState.PENDING.name());
                    Snapshots.bind(s, 6, item);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return DeletionJobId.of(id);
        });
    }

    @Override
    public Optional<StoredJob> load(DeletionJobId id) {
        return read("reading job " + id, () -> {
            Instant createdAt;
            JobSettings settings;
            DeletionJobState state;
            try (PreparedStatement s = db.prepareStatement("SELECT created_at, state, target, delete_route, rate_limit,"
                    + " policy, selection, max_plan_age_ms, read_before_delete, concurrency FROM jobs WHERE id = ?")) {
                s.setLong(1, id.value());
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<StoredJob>empty();
                    }
                    createdAt = Instant.parse(r.getString(1));
                    state = DeletionJobState.valueOf(r.getString(2));
                    settings = new JobSettings(
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getString(6),
                            Selection.parse(r.getString(7)),
                            Duration.ofMillis(r.getLong(8)),
                            r.getInt(9) == 1,
                            r.getInt(10));
                }
            }
            List<StoredItem> items = new ArrayList<>();
            try (PreparedStatement s = db.prepareStatement("SELECT connection, position, state, intent_at,"
                    + " outcome_reason, outcome_rule, outcome_detail, outcome_at, message_id, " + Snapshots.COLUMNS
                    + " FROM items WHERE job_id = ? ORDER BY position")) {
                s.setLong(1, id.value());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ConnectionId connection = ConnectionId.of(r.getString(1));
                        JobItemState itemState = JobItemState.valueOf(r.getString(3));
                        Optional<Instant> intentAt = instant(r.getString(4));
                        PlannedItem planned = Snapshots.read(r, 10, connection, MassMessageId.of(r.getLong(9)));
                        Optional<Outcome> outcome = Optional.empty();
                        String outcomeAt = r.getString(8);
                        // A deletion's outcome lives on in the archive; pending and in-flight items have none now.
                        boolean described = itemState != JobItemState.PENDING
                                && itemState != JobItemState.IN_FLIGHT
                                && itemState != JobItemState.DELETED;
                        if (outcomeAt != null && described) {
                            String reason = r.getString(5);
                            outcome = Optional.of(new Outcome(
                                    itemState,
                                    Optional.ofNullable(reason).map(RefusalReason::valueOf),
                                    Optional.ofNullable(r.getString(6)),
                                    String.valueOf(r.getString(7)),
                                    Instant.parse(outcomeAt),
                                    Optional.empty()));
                        }
                        items.add(new StoredItem(planned, r.getInt(2), itemState, outcome, intentAt));
                    }
                }
            }
            Map<ConnectionId, String> stopped = new LinkedHashMap<>();
            try (PreparedStatement s =
                    db.prepareStatement("SELECT connection, reason FROM stopped_connections WHERE job_id = ?")) {
                s.setLong(1, id.value());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        stopped.put(ConnectionId.of(r.getString(1)), r.getString(2));
                    }
                }
            }
            return Optional.of(new StoredJob(id, createdAt, settings, state, items, stopped));
        });
    }

    @Override
    public List<DeletionJobId> jobs() {
        return read("listing jobs", () -> {
            List<DeletionJobId> ids = new ArrayList<>();
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT id FROM jobs ORDER BY id DESC")) {
                while (r.next()) {
                    ids.add(DeletionJobId.of(r.getLong(1)));
                }
            }
            return ids;
        });
    }

    /** The item writes of this store's {@link ExclusiveJobItemQueue}, by position, each in one transaction. */
    private final class Writes implements ExclusiveJobItemQueue.ItemWrites {

        @Override
        public JobItemQueue.Intent recordIntent(DeletionJobId job, int position, Instant at) {
            return write("recording the intent to delete item " + position + " of job " + job, () -> {
                try (PreparedStatement s = db.prepareStatement("SELECT state FROM jobs WHERE id = ?")) {
                    s.setLong(1, job.value());
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next() || !DeletionJobState.RUNNING.name().equals(r.getString(1))) {
                            return JobItemQueue.Intent.JOB_NOT_RUNNING;
                        }
                    }
                }
                try (PreparedStatement s =
                        db.prepareStatement("UPDATE items SET state = ?, intent_at = ? WHERE job_id = ?"
                                + " AND position = ? AND state NOT IN " + FINAL_STATES)) {
                    s.setString(1, JobItemState.IN_FLIGHT.name());
                    s.setString(2, at.toString());
                    s.setLong(3, job.value());
                    s.setInt(4, position);
                    return s.executeUpdate() == 1 ? JobItemQueue.Intent.RECORDED : JobItemQueue.Intent.ALREADY_SETTLED;
                }
            });
        }

        @Override
        public void withdrawIntent(DeletionJobId job, int position) {
            write("withdrawing the intent to delete item " + position + " of job " + job, () -> {
                try (PreparedStatement s = db.prepareStatement(
                        "UPDATE items SET state = ? WHERE job_id = ? AND" + " position = ? AND state = 'IN_FLIGHT'")) {
                    s.setString(1, JobItemState.PENDING.name());
                    s.setLong(2, job.value());
                    s.setInt(3, position);
                    s.executeUpdate();
                }
                return Boolean.TRUE;
            });
        }

        @Override
        public boolean recordOutcome(DeletionJobId job, int position, Outcome outcome) {
            return write("recording the outcome of item " + position + " of job " + job, () -> {
                int updated;
                try (PreparedStatement s = db.prepareStatement("UPDATE items SET state = ?, outcome_reason = ?,"
                        + " outcome_rule = ?, outcome_detail = ?, outcome_at = ? WHERE job_id = ? AND position = ?"
                        + " AND state NOT IN " + FINAL_STATES)) {
                    s.setString(1, outcome.state().name());
                    s.setString(2, outcome.reason().map(Enum::name).orElse(null));
                    s.setString(3, outcome.rule().orElse(null));
                    s.setString(4, outcome.detail());
                    s.setString(5, outcome.at().toString());
                    s.setLong(6, job.value());
                    s.setInt(7, position);
                    updated = s.executeUpdate();
                }
                if (updated == 0) {
                    return false;
                }
                if (outcome.archived().isPresent()) {
                    ArchivedDeletion a = outcome.archived().get();
                    try (PreparedStatement s = db.prepareStatement("INSERT INTO archive (job_id, connection,"
                            + " message_id, deleted_at, deleted_at_ms, source, queue_json) VALUES (?,?,?,?,?,?,?)")) {
                        s.setLong(1, a.job().value());
                        s.setString(2, a.connection().value());
                        s.setLong(3, a.id().value());
                        s.setString(4, a.deletedAt().toString());
                        s.setLong(5, a.deletedAt().toEpochMilli());
                        s.setString(6, a.source().name());
                        s.setString(7, a.queueJson());
                        s.executeUpdate();
                    }
                }
                return true;
            });
        }

        @Override
        public void replaceSnapshot(DeletionJobId job, int position, PlannedItem item) {
            write("replacing the snapshot of item " + position + " of job " + job, () -> {
                try (PreparedStatement s = db.prepareStatement("UPDATE items SET (" + Snapshots.COLUMNS + ") = ("
                        + Snapshots.PLACEHOLDERS + ") WHERE job_id = ? AND position = ? AND connection = ? AND"
                        + " message_id = ?")) {
                    int next = Snapshots.bind(s, 1, item);
                    s.setLong(next, job.value());
                    s.setInt(next + 1, position);
                    s.setString(next + 2, item.connection().value());
                    s.setLong(next + 3, item.id().value());
                    if (s.executeUpdate() != 1) {
                        throw new DeletionJobStoreException(
                                Kind.IO,
                                path + ": job " + job + " has no item " + position + " for message " + item.id(),
                                null);
                    }
                }
                return Boolean.TRUE;
            });
        }
    }

    @Override
    public void setStopped(DeletionJobId job, ConnectionId connection, Optional<String> reason) {
        write("marking a connection stopped", () -> {
            try (PreparedStatement s =
                    db.prepareStatement("DELETE FROM stopped_connections WHERE job_id = ? AND connection = ?")) {
                s.setLong(1, job.value());
                s.setString(2, connection.value());
                s.executeUpdate();
            }
            if (reason.isPresent()) {
                try (PreparedStatement s = db.prepareStatement(
                        "INSERT INTO stopped_connections (job_id, connection, reason) VALUES (?,?,?)")) {
                    s.setLong(1, job.value());
                    s.setString(2, connection.value());
                    s.setString(3, reason.get());
                    s.executeUpdate();
                }
            }
            return Boolean.TRUE;
        });
    }

    @Override
    public Optional<DeletionJobState> state(DeletionJobId job) {
        return read("reading the state of job " + job, () -> {
            try (PreparedStatement s = db.prepareStatement("SELECT state FROM jobs WHERE id = ?")) {
                s.setLong(1, job.value());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(DeletionJobState.valueOf(r.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void setState(DeletionJobId job, DeletionJobState state) {
        write("writing the state of job " + job, () -> {
            try (PreparedStatement s = db.prepareStatement("UPDATE jobs SET state = ? WHERE id = ?")) {
                s.setString(1, state.name());
                s.setLong(2, job.value());
                if (s.executeUpdate() == 0) {
                    throw new DeletionJobStoreException(Kind.NO_SUCH_JOB, "no job " + job + " in " + path, null);
                }
            }
            return Boolean.TRUE;
        });
    }

    @Override
    public void recordRun(DeletionJobId job, DeletionJobRun run) {
        write("keeping a run of job " + job, () -> {
            requireJob(job);
            long seq;
            try (PreparedStatement s =
                    db.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM runs WHERE job_id = ?")) {
                s.setLong(1, job.value());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    seq = r.getLong(1);
                }
            }
            try (PreparedStatement s = db.prepareStatement("INSERT INTO runs (job_id, seq, started_at, ended_at, state,"
                    + " settled, failed, tokens, budget_wait_ns, rate_limited, retry_after_ns, list_pages, takeovers,"
                    + " dead_letters, attempts, retries, attempt_p50_ns, attempt_p99_ns)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                s.setLong(1, job.value());
                s.setLong(2, seq);
                s.setString(3, run.startedAt().toString());
                s.setString(4, run.endedAt().toString());
                s.setString(5, run.state().name());
                s.setInt(6, run.settled());
                s.setInt(7, run.failed());
                s.setInt(8, run.tokens());
                s.setLong(9, run.budgetWait().toNanos());
                s.setInt(10, run.rateLimited());
                s.setLong(11, run.retryAfter().toNanos());
                s.setInt(12, run.listPages());
                s.setInt(13, run.takeovers());
                s.setInt(14, run.deadLetters());
                s.setInt(15, run.attempts());
                s.setInt(16, run.retries());
                s.setLong(17, run.attemptP50().toNanos());
                s.setLong(18, run.attemptP99().toNanos());
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement("DELETE FROM runs WHERE job_id = ? AND seq <= ?")) {
                s.setLong(1, job.value());
                s.setLong(2, seq - MAX_RUNS);
                s.executeUpdate();
            }
            return Boolean.TRUE;
        });
    }

    @Override
    public List<DeletionJobRun> runs(DeletionJobId job) {
        return read("reading the runs of job " + job, () -> {
            requireJob(job);
            List<DeletionJobRun> runs = new ArrayList<>();
            try (PreparedStatement s =
                    db.prepareStatement("SELECT started_at, ended_at, state, settled, failed, tokens,"
                            + " budget_wait_ns, rate_limited, retry_after_ns, list_pages, takeovers, dead_letters,"
                            + " attempts, retries, attempt_p50_ns, attempt_p99_ns FROM runs"
                            + " WHERE job_id = ?"
                            + " ORDER BY seq")) {
                s.setLong(1, job.value());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        runs.add(new DeletionJobRun(
                                Instant.parse(r.getString(1)),
                                Instant.parse(r.getString(2)),
                                DeletionJobState.valueOf(r.getString(3)),
                                r.getInt(4),
                                r.getInt(5),
                                r.getInt(6),
                                Duration.ofNanos(r.getLong(7)),
                                r.getInt(8),
                                Duration.ofNanos(r.getLong(9)),
                                r.getInt(10),
                                r.getInt(13),
                                r.getInt(14),
                                Duration.ofNanos(r.getLong(15)),
                                Duration.ofNanos(r.getLong(16)),
                                r.getInt(11),
                                r.getInt(12)));
                    }
                }
            }
            return runs;
        });
    }

    /** Inside a transaction: fails with {@link Kind#NO_SUCH_JOB} when {@code job} is not in the file. */
    private void requireJob(DeletionJobId job) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM jobs WHERE id = ?")) {
            s.setLong(1, job.value());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new DeletionJobStoreException(Kind.NO_SUCH_JOB, "no job " + job + " in " + path, null);
                }
            }
        }
    }

    /** Takes the job's lock (an operating-system lock, released when this process dies), then opens its queue. */
    @Override
    public RestoreLog restores(DeletionJobId job) {
        guardEventLoop();
        if (state(job).isEmpty()) {
            throw new DeletionJobStoreException(Kind.NO_SUCH_JOB, "no job " + job + " in " + path, null);
        }
        return new RestoreLog() {
            @Override
            public Optional<Restore> get(ConnectionId connection, MassMessageId original) {
                return read("reading the restore of message " + original + " of job " + job, () -> {
                    try (PreparedStatement s = db.prepareStatement("SELECT intent_at, created_id, created_at FROM"
                            + " restores WHERE job_id = ? AND connection = ? AND message_id = ?")) {
                        s.setLong(1, job.value());
                        s.setString(2, connection.value());
                        s.setLong(3, original.value());
                        try (ResultSet r = s.executeQuery()) {
                            if (!r.next()) {
                                return Optional.<Restore>empty();
                            }
                            long created = r.getLong(2);
                            boolean known = !r.wasNull();
                            String createdAt = r.getString(3);
                            return Optional.of(new Restore(
                                    Instant.parse(r.getString(1)),
                                    known ? Optional.of(MassMessageId.of(created)) : Optional.empty(),
                                    Optional.ofNullable(createdAt).map(Instant::parse)));
                        }
                    }
                });
            }

            @Override
            public boolean recordIntent(ConnectionId connection, MassMessageId original, Instant at) {
                return write("recording the intent to restore message " + original + " of job " + job, () -> {
                    try (PreparedStatement s = db.prepareStatement("INSERT OR IGNORE INTO restores (job_id,"
                            + " connection, message_id, intent_at) VALUES (?,?,?,?)")) {
                        s.setLong(1, job.value());
                        s.setString(2, connection.value());
                        s.setLong(3, original.value());
                        s.setString(4, at.toString());
                        return s.executeUpdate() == 1;
                    }
                });
            }

            @Override
            public void recordCreated(
                    ConnectionId connection, MassMessageId original, MassMessageId created, Instant at) {
                write("recording the restore of message " + original + " of job " + job, () -> {
                    try (PreparedStatement s = db.prepareStatement("INSERT INTO restores (job_id, connection,"
                            + " message_id, intent_at, created_id, created_at) VALUES (?,?,?,?,?,?) ON CONFLICT (job_id, connection, message_id) DO"
                            + " UPDATE SET created_id = excluded.created_id, created_at = excluded.created_at")) {
                        s.setLong(1, job.value());
                        s.setString(2, connection.value());
                        s.setLong(3, original.value());
                        s.setString(4, at.toString());
                        s.setLong(5, created.value());
                        s.setString(6, at.toString());
                        s.executeUpdate();
                    }
                    return Boolean.TRUE;
                });
            }

            @Override
            public void withdrawIntent(ConnectionId connection, MassMessageId original) {
                write("withdrawing the intent to restore message " + original + " of job " + job, () -> {
                    try (PreparedStatement s = db.prepareStatement("DELETE FROM restores WHERE job_id = ? AND"
                            + " connection = ? AND message_id = ? AND created_id IS NULL")) {
                        s.setLong(1, job.value());
                        s.setString(2, connection.value());
                        s.setLong(3, original.value());
                        s.executeUpdate();
                    }
                    return Boolean.TRUE;
                });
            }
        };
    }

    @Override
    public JobItemQueue workQueue(DeletionJobId job) {
        guardEventLoop();
        if (load(job).isEmpty()) {
            throw new DeletionJobStoreException(Kind.NO_SUCH_JOB, "no job " + job + " in " + path, null);
        }
        JobLock lock = locks.lock(job);
        try {
            StoredJob stored = load(job)
                    .orElseThrow(() ->
                            new DeletionJobStoreException(Kind.NO_SUCH_JOB, "no job " + job + " in " + path, null));
            return ExclusiveJobItemQueue.open(stored, new Writes(), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public boolean isRunning(DeletionJobId job) {
        guardEventLoop();
        return locks.isLocked(job);
    }

    @Override
    public List<ArchivedDeletion> archive(ArchiveQuery query) {
        return read("reading the archive", () -> {
            StringBuilder sql = new StringBuilder("SELECT job_id, connection, message_id, deleted_at, source,"
                    + " queue_json FROM archive WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            query.job().ifPresent(j -> {
                sql.append(" AND job_id = ?");
                args.add(j.value());
            });
            query.connection().ifPresent(c -> {
                sql.append(" AND connection = ?");
                args.add(c.value());
            });
            query.from().ifPresent(f -> {
                sql.append(" AND deleted_at_ms >= ?");
                args.add(f.toEpochMilli());
            });
            query.until().ifPresent(u -> {
                sql.append(" AND deleted_at_ms < ?");
                args.add(u.toEpochMilli());
            });
            sql.append(" ORDER BY deleted_at_ms, job_id, message_id");
            List<ArchivedDeletion> out = new ArrayList<>();
            try (PreparedStatement s = db.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new ArchivedDeletion(
                                DeletionJobId.of(r.getLong(1)),
                                ConnectionId.of(r.getString(2)),
                                MassMessageId.of(r.getLong(3)),
                                Instant.parse(r.getString(4)),
                                ArchivedDeletion.Source.valueOf(r.getString(5)),
                                r.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public synchronized void close() {
        locks.close();
        closeQuietly(db);
    }

    @Override
    public String toString() {
        return "SqliteDeletionJobStore[" + path + "]";
    }

    /** A pragma's value on the store's own connection, for tests. */
    synchronized String pragmaForTests(String name) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getString(1) : "";
        }
    }

    /** Caps the file's size in pages: past it SQLite answers SQLITE_FULL, as a full disk does. For tests. */
    synchronized void limitPagesForTests(int pages) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA max_page_count = " + pages);
        }
    }

    // ---- transactions and failures

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one IMMEDIATE transaction, committed (and forced to disk) before this returns. */
    private <T> T write(String what, Work<T> work) {
        return inTransaction(BEGIN_WRITE, what, work);
    }

    /** Runs {@code work} in one read transaction: one consistent snapshot of every table it reads. */
    private <T> T read(String what, Work<T> work) {
        return inTransaction(BEGIN_READ, what, work);
    }

    private synchronized <T> T inTransaction(String begin, String what, Work<T> work) {
        guardEventLoop();
        try (Statement s = db.createStatement()) {
            s.execute(begin);
            T result;
            try {
                result = work.run();
            } catch (DeletionJobStoreException e) {
                rollbackQuietly(db);
                throw e;
            } catch (RuntimeException e) {
                // Only a value this store never writes fails to decode: a date, a state, a number edited by hand.
                rollbackQuietly(db);
                throw notAJobStore(path, "a value this store never writes was found while " + what, e);
            } catch (SQLException e) {
                rollbackQuietly(db);
                throw e;
            }
            s.execute("COMMIT");
            return result;
        } catch (SQLException e) {
            rollbackQuietly(db);
            throw SqliteFailures.classify(path, what, e);
        }
    }

    static void rollbackQuietly(Connection db) {
        try (Statement s = db.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // No transaction was active, or the failure that led here is the one to report.
        }
    }

    /** JDBC blocks: on a Vert.x event loop it would stall every connection served there. */
    private static void guardEventLoop() {
        String thread = Thread.currentThread().getName();
        if (thread.startsWith("vert.x-eventloop-thread")) {
            throw new IllegalStateException("the job store blocks and must not be called on a Vert.x event loop ("
                    + thread + "); call it from a worker or the job service's own thread");
        }
    }

    private static void closeQuietly(Connection db) {
        try {
            db.close();
        } catch (SQLException ignored) {
            // Nothing more to release.
        }
    }

    static Optional<Instant> instant(@Nullable String text) {
        return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
    }
}
