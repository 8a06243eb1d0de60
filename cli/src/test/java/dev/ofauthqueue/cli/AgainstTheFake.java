package dev.ofauthqueue.cli;

import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import dev.ofauthqueue.fake.Journal;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of the command line against a fake of its own, with its bundled recordings, in a home of its own. */
abstract class AgainstTheFake {

    @TempDir
    Path home;

    FakeOfAuthServer fake;
    Cli cli;

    @BeforeEach
    void startTheFake() {
        fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0"));
        cli = Cli.against(fake.baseUrl(), home);
    }

    @AfterEach
    void stopTheFake() {
        fake.close();
    }

    /** Every request the fake received. */
    int requests() {
        return fake.journal().count(Journal.query());
    }

    /** The DELETEs the fake received. */
    int deletes() {
        return fake.journal().count(Journal.query().method("DELETE"));
    }
}
