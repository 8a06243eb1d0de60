package com.example.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The first example, built from the installed artifacts, against the fake as README starts it (the machine's clock). */
class FirstDeletionTest {

    @Test
    void deletesTheFreeMessageAndKeepsThePaidOneSayingWhy() {
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0"))) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();

            FirstDeletion.run(fake.baseUrl(), new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertEquals(
                    "5003 DELETED\n5001 kept: PROTECTED (never-delete-paid)\n",
                    printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        }
    }

    @Test
    void importsNothingOfOfAuthQueueButItsPublicPackage() throws IOException {
        List<String> ours;
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            ours = sources.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> {
                        try {
                            return Files.readAllLines(p, StandardCharsets.UTF_8).stream();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .filter(line -> line.startsWith("import dev.ofauthqueue."))
                    .toList();
        }

        assertEquals(4, ours.size(), ours.toString());
        assertTrue(ours.stream().allMatch(line -> line.matches("import dev\\.ofauthqueue\\.[A-Z]\\w*;")), ours.toString());
    }
}
