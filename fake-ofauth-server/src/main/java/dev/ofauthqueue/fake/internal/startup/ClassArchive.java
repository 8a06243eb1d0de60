package dev.ofauthqueue.fake.internal.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Writes {@code fake-ofauth-server.jsa} beside the jar at package time: a JVM started on the jar, by its real path
 * (the archive holds that path, and {@code bin/fake-ofauth} starts the jar by it), runs {@link StartupTraining} with
 * {@code -XX:ArchiveClassesAtExit} into a temporary file, which then replaces the archive in one rename, so that a fake
 * running on the old archive keeps it. A JVM that cannot write one leaves none, says why, and fails no build: the fake
 * only starts slower. Silent when it worked.
 */
public final class ClassArchive {

    /** The longest a training start may take, on a busy machine. */
    private static final long TRAINING_SECONDS = 120;

    private ClassArchive() {}

    /**
     * Writes the archive of {@code args[0]}, the fake's jar.
     *
     * @param args the jar
     * @throws Exception when interrupted
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ClassArchive JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toRealPath();
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path archive = jar.resolveSibling(name + ".jsa");
        Path written = jar.resolveSibling(name + ".jsa.tmp");
        Files.deleteIfExists(written);
        Optional<String> why = train(jar, written);
        if (why.isEmpty()) {
            // Quiet when it worked: README's quiet build prints nothing of its own.
            Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(written);
            Files.deleteIfExists(archive); // an archive of an older jar would be refused anyway
            System.err.println("no class-data archive (" + why.get() + "): the fake starts without it");
        }
    }

    /** Runs the training start; answers why no archive was written, if none was. */
    private static Optional<String> train(Path jar, Path written) throws InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder start = new ProcessBuilder(List.of(
                        java.toString(),
                        "-XX:ArchiveClassesAtExit=" + written,
                        "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off",
                        "-cp",
                        jar.toString(),
                        StartupTraining.class.getName()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process training;
        try {
            training = start.start();
        } catch (IOException e) {
            return Optional.of("cannot start " + java + ": " + e.getMessage());
        }
        if (!training.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS)) {
            training.destroyForcibly().waitFor();
            return Optional.of("the training start took longer than " + TRAINING_SECONDS + " s");
        }
        if (training.exitValue() != 0) {
            return Optional.of("the training start ended with " + training.exitValue());
        }
        return Files.isRegularFile(written) ? Optional.empty() : Optional.of("this JVM wrote none");
    }
}
