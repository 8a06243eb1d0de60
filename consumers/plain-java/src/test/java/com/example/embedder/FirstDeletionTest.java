package com.example.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ofauthqueue.fake.FakeOfAuthMain;
import dev.ofauthqueue.fake.FakeOfAuthServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * README's first example, compiled from its file against the installed artifacts, runs in a JVM of its own against the
 * fake as README starts it (the machine's clock), prints what README says, and exits by itself.
 */
class FirstDeletionTest {

    static final Path FIRST_EXAMPLE = Path.of("..", "..", "examples", "src", "main", "java", "dev", "ofauthqueue",
            "examples", "FirstExample.java");

    @Test
    void deletesTheFreeMessageAndKeepsThePaidOneSayingWhy() throws Exception {
        try (FakeOfAuthServer fake = FakeOfAuthServer.start(FakeOfAuthMain.options("--port", "0"))) {
            Path output = Files.createTempFile("first-example", ".txt");
            ProcessBuilder java = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.ofauthqueue.examples.FirstExample")
                    // stdout is what README shows; stderr carries SLF4J's note that the embedder chose no logger yet
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(output.toFile());
            java.environment().put("OFAUTH_BASE_URL", fake.baseUrl());
            Process process = java.start();

            boolean ended = process.waitFor(60, TimeUnit.SECONDS); // a hang guard only
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(ended, "the example's JVM did not exit by itself: " + printed);
            assertEquals(0, process.exitValue(), printed);
            assertEquals("5003 DELETED\n5001 kept: PROTECTED (never-delete-paid)\n", printed.replace("\r\n", "\n"));
        }
    }

    @Test
    void itsFileImportsFourTypesAllFromThePublicPackage() throws IOException {
        List<String> imports = Files.readAllLines(FIRST_EXAMPLE, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("import "))
                .toList();

        assertEquals(4, imports.size(), imports.toString());
        assertTrue(imports.stream().allMatch(line -> line.matches("import dev\\.ofauthqueue\\.[A-Z]\\w*;")), imports.toString());
    }
}
