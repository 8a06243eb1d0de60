package dev.ofauthqueue.adapter.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.domain.DeletionJobState;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobSettings;
import dev.ofauthqueue.ports.out.DeletionJobStore.PlannedItem;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import dev.ofauthqueue.ports.out.DeletionJobStoreException.Kind;
import dev.ofauthqueue.ports.out.JobItemQueue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDeletionJobStoreTest {

    static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");
    static final ConnectionId A = ConnectionId.of("conn_a");

    @TempDir
    Path dir;

    static JobSettings settings() {
        return new JobSettings(
                "http://127.0.0.1:8080",
                "scheduled",
                "60/min burst 90",
                "not-already-deleted, not-sent, not-sending, safety-margin=PT1M",
                Selection.all().paid(false),
                Duration.ofMinutes(5),
                true,
                6);
    }

    static List<PlannedItem> items(int n) {
        List<PlannedItem> items = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            items.add(new PlannedItem(
                    A,
                    ScheduledMassMessage.builder(i).text("x".repeat(200)).build(),
                    Optional.of("{\"id\":" + i + "}"),
                    T0));
        }
        return items;
    }

    /** Runs {@code statement} on the file as another program (or a hand with {@code sqlite3}) would. */
    static void sql(Path db, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static String pragma(Path db, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getString(1) : "";
        }
    }

    @Test
    void theFileIsInWalModeAtASchemaVersionAndSurvivesReopening() throws Exception {
        Path db = dir.resolve("jobs.db");
        DeletionJobId id;
        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(db)) {
            id = store.create(T0, settings(), items(3));
            try (JobItemQueue queue = store.workQueue(id)) {
                queue.recordIntent((JobItemQueue.Claimed) queue.claim(A), T0);
            }
        }

        try (SqliteDeletionJobStore again = SqliteDeletionJobStore.open(db)) {
            assertThat(again.load(id).orElseThrow().items()).hasSize(3);
            assertThat(again.path()).isEqualTo(db.toAbsolutePath());
        }
        assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
        assertThat(pragma(db, "user_version")).isEqualTo(Integer.toString(Schema.current()));
    }

    @Test
    void everyCommitIsForcedToDiskAndAWriterWaitsItsTurnWhileReadersNeverDo() throws Exception {
        Path db = dir.resolve("jobs.db");
        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(db);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement holder = other.createStatement()) {
            DeletionJobId id = store.create(T0, settings(), items(1));
            assertThat(store.pragmaForTests("synchronous")).isEqualTo("2"); // FULL
            assertThat(store.pragmaForTests("busy_timeout")).isEqualTo("5000");
            holder.execute("BEGIN IMMEDIATE"); // another writer holds the write lock

            assertThat(store.jobs()).containsExactly(id);
            assertThatThrownBy(() -> store.setState(id, DeletionJobState.CANCELED))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.LOCKED))
                    .hasMessageContaining("stayed busy for 5000 ms");
            holder.execute("ROLLBACK");
            store.setState(id, DeletionJobState.CANCELED);
            assertThat(store.load(id).orElseThrow().state()).isEqualTo(DeletionJobState.CANCELED);
        }
    }

    @Test
    void theDatabaseAndItsLockFileAreReadableByTheirOwnerOnly() throws Exception {
        Path db = dir.resolve("jobs.db");
        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(db)) {
            store.create(T0, settings(), items(1));
        }
        Path old = dir.resolve("old.db");
        SqliteDeletionJobStore.open(old).close();
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--")); // as a copy may leave it
        try (SqliteDeletionJobStore loose = SqliteDeletionJobStore.open(old)) {
            assertThat(loose.jobs()).isEmpty();
        }

        for (String name : List.of("jobs.db", "jobs.db.locks", "old.db")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                    .as(name)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aMissingDirectoryIsNamedBeforeAnythingIsCreated() {
        Path db = dir.resolve("nowhere/jobs.db");

        assertThatThrownBy(() -> SqliteDeletionJobStore.open(db))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.MISSING_DIRECTORY))
                .hasMessageContaining(db.toString())
                .hasMessageContaining("does not exist");
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void aFileThatIsNotADatabaseIsNamedAndLeftAlone() throws Exception {
        Path notes = dir.resolve("notes.txt");
        String text = "these are my notes, not a database\n".repeat(200);
        Files.writeString(notes, text);

        assertThatThrownBy(() -> SqliteDeletionJobStore.open(notes))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_DATABASE))
                .hasMessageStartingWith(notes.toString());
        assertThat(Files.readString(notes)).isEqualTo(text);
        assertThatThrownBy(() -> SqliteDeletionJobStore.open(dir))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_DATABASE));
    }

    @Test
    void anEmptyFileIsADamagedStoreNeverOneWithNoJobsAndIsLeftEmpty() throws Exception {
        Path db = dir.resolve("jobs.db");
        Files.createFile(db);

        assertThatThrownBy(() -> SqliteDeletionJobStore.open(db))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_DATABASE))
                .hasMessage(db + ": is not an ofauth-queue job store (or is damaged): the file is empty; restore it"
                        + " from a backup, or choose another location");
        assertThat(Files.size(db)).isZero();
    }

    @Test
    void anotherProgramsSqliteFileIsNotAStore() throws Exception {
        Path db = dir.resolve("jobs.db");
        sql(db, "CREATE TABLE notes (body TEXT)");

        assertThatThrownBy(() -> SqliteDeletionJobStore.open(db))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_DATABASE))
                .hasMessageContaining(
                        "is not an ofauth-queue job store (or is damaged): it has no ofauth-queue schema");
        assertThat(pragma(db, "user_version")).isEqualTo("0");
    }

    @Test
    void processesOpeningANewStoreAtOnceAllOpenTheSameWholeStore() throws Exception {
        Path db = dir.resolve("jobs.db");
        int openers = 8;
        CyclicBarrier together = new CyclicBarrier(openers);
        List<CompletableFuture<SqliteDeletionJobStore>> opened = new ArrayList<>();
        for (int i = 0; i < openers; i++) {
            opened.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            together.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return SqliteDeletionJobStore.open(db);
                    },
                    runnable -> new Thread(runnable).start()));
        }
        List<SqliteDeletionJobStore> stores = new ArrayList<>();
        for (CompletableFuture<SqliteDeletionJobStore> o : opened) {
            stores.add(o.get(1, TimeUnit.MINUTES));
        }
        try {
            DeletionJobId id = stores.get(0).create(T0, settings(), items(1));
            assertThat(stores).allSatisfy(store -> assertThat(store.jobs()).containsExactly(id));
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("nothing left of the files each opener prepared")
                        .noneMatch(name -> name.endsWith(".new"));
            }
        } finally {
            for (SqliteDeletionJobStore store : stores) {
                store.close();
            }
        }
    }

    @Test
    void aRowEditedToAValueTheStoreNeverWritesIsADamagedStoreNamingWhatWasRead() throws Exception {
        Path db = dir.resolve("jobs.db");
        DeletionJobId id;
        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(db)) {
            id = store.create(T0, settings(), items(2));
        }
        sql(db, "UPDATE items SET state = 'WHATEVER' WHERE position = 1");

        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(db)) {
            assertThatThrownBy(() -> store.load(id))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.NOT_A_DATABASE))
                    .hasMessage(db + ": is not an ofauth-queue job store (or is damaged): a value this store never"
                            + " writes was found while reading job " + id + "; restore it from a backup, or choose"
                            + " another location");
            assertThat(store.jobs()).as("what is not damaged still reads").containsExactly(id);
        }
    }

    @Test
    void aFileWrittenByANewerSchemaIsRefusedUntouched() throws Exception {
        Path db = dir.resolve("jobs.db");
        SqliteDeletionJobStore.open(db).close();
        sql(db, "PRAGMA user_version = 99");

        assertThatThrownBy(() -> SqliteDeletionJobStore.open(db))
                .isInstanceOfSatisfying(
                        DeletionJobStoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.NEWER_SCHEMA))
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("knows up to " + Schema.current());
        assertThat(pragma(db, "user_version")).isEqualTo("99");
    }

    @Test
    void aFullDiskIsATypedErrorAndTheFailedTransactionLeavesNothingBehind() throws Exception {
        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(dir.resolve("jobs.db"))) {
            store.limitPagesForTests(12);

            assertThatThrownBy(() -> store.create(T0, settings(), items(5_000)))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.DISK_FULL))
                    .hasMessageContaining("the disk is full while creating a job");
            assertThat(store.jobs()).isEmpty();
        }
    }

    @Test
    void aReadOnlyLocationIsNamed() throws Exception {
        Path db = dir.resolve("jobs.db");
        SqliteDeletionJobStore.open(db).close();

        AutoCloseable undo = readOnly(db);
        try {
            assertThatThrownBy(() -> SqliteDeletionJobStore.open(db))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.READ_ONLY))
                    .hasMessageStartingWith(db.toString() + ": cannot be written");
        } finally {
            undo.close();
        }
    }

    /**
     * Makes {@code file} read-only even for root, who writes through permission bits: as root the file is marked
     * immutable ({@code chattr +i}), otherwise its write permission is taken away.
     */
    static AutoCloseable readOnly(Path file) throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
            return () -> Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Process chattr = new ProcessBuilder("chattr", "+i", file.toString())
                .redirectErrorStream(true)
                .start();
        assumeThat(chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0)
                .as("chattr +i is available to make a file read-only for root")
                .isTrue();
        return () -> new ProcessBuilder("chattr", "-i", file.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void theStoreRefusesToBlockAVertxEventLoop() throws Exception {
        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(dir.resolve("jobs.db"))) {
            CompletableFuture<Throwable> seen = new CompletableFuture<>();
            Thread loop = new Thread(
                    () -> {
                        try {
                            store.jobs();
                            seen.complete(null);
                        } catch (RuntimeException e) {
                            seen.complete(e);
                        }
                    },
                    "vert.x-eventloop-thread-0");
            loop.start();

            assertThat(seen.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must not be called on a Vert.x event loop");
        }
    }

    @Test
    void anotherProcessRunningAJobHoldsItsLockUntilItDiesEvenByKill9() throws Exception {
        Path db = dir.resolve("jobs.db");
        DeletionJobId id;
        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(db)) {
            id = store.create(T0, settings(), items(1));
        }
        Process child = java("lock", db.toString(), id.toString());
        try (SqliteDeletionJobStore store = SqliteDeletionJobStore.open(db)) {
            assertThat(lineStartingWith(child, "locked")).isEqualTo("locked");

            assertThat(store.isRunning(id)).isTrue();
            assertThatThrownBy(() -> store.workQueue(id))
                    .isInstanceOfSatisfying(
                            DeletionJobStoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.LOCKED))
                    .hasMessageContaining("another process");

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(store.isRunning(id)).isFalse();
            store.workQueue(id).close();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aNativeLibraryThatCannotLoadNamesTheSettingThatFixesIt() throws Exception {
        Path notADirectory = dir.resolve("file-not-dir");
        Files.writeString(notADirectory, "x");
        Path db = dir.resolve("jobs.db");

        Process child = javaWith(List.of("-Dorg.sqlite.tmpdir=" + notADirectory.resolve("sub")), "open", db.toString());
        String line = lineStartingWith(child, "DeletionJobStoreException");
        child.waitFor(20, TimeUnit.SECONDS);

        assertThat(line)
                .startsWith("DeletionJobStoreException: " + db.toAbsolutePath())
                .contains("native library")
                .contains("-Dorg.sqlite.tmpdir=");
    }

    Process java(String... args) throws IOException {
        return javaWith(List.of(), args);
    }

    Process javaWith(List<String> jvmArgs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The driver's native library, extracted per process, goes with the test's folder: a child killed with SIGKILL
        // cannot remove it, and the driver keeps any copy whose lock file is left.
        command.add("-Djava.io.tmpdir=" + dir);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StoreProcess.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The first line of the child's output that starts with {@code prefix} (libraries may log before it). */
    static String lineStartingWith(Process p, String prefix) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    if (l.startsWith(prefix)) {
                        return l;
                    }
                    seen.add(l);
                }
                return "(no line starting with " + prefix + "; output: " + seen + ")";
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        });
        return line.get(30, TimeUnit.SECONDS);
    }
}
