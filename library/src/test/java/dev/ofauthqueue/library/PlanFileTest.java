package dev.ofauthqueue.library;

import static dev.ofauthqueue.testkit.TestMessages.aScheduledMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.Money;
import dev.ofauthqueue.domain.RefusalReason;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanFileTest {

    static final ApiKey KEY = new ApiKey("sk_test_plan_file_key");
    static final ConnectionId A = ConnectionId.of("conn_secret_creator_a");
    static final ConnectionId B = ConnectionId.of("conn_secret_creator_b");
    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    static final OfAuthClientOptions CLIENT = options(KEY, "http://127.0.0.1:8080");

    @TempDir
    Path dir;

    static OfAuthClientOptions options(ApiKey key, String baseUrl) {
        return OfAuthClientOptions.builder(key).baseUrl(baseUrl).build();
    }

    static PlanFile aPlan() {
        ScheduledMassMessage paid = aScheduledMessage(5001, T0.plus(Duration.ofHours(3)))
                .price(Money.parse("9.99"))
                .free(false)
                .build();
        DeletionPlan a = new DeletionPlan(
                A,
                T0,
                List.of(aScheduledMessage(5003, T0.plus(Duration.ofHours(2))).build()),
                List.of(new DeletionPlan.RefusedItem(
                        paid,
                        new DeletionDecision.Refused(
                                RefusalReason.PROTECTED, "never-delete-paid", "message 5001 is protected"))));
        DeletionPlan b = new DeletionPlan(
                B,
                T0.plusSeconds(1),
                List.of(aScheduledMessage(7001, T0.plus(Duration.ofDays(1))).build()),
                List.of());
        return PlanFile.of(
                List.of(a, b),
                Selection.all()
                        .onlyIds(List.of(MassMessageId.of(5001), MassMessageId.of(5003), MassMessageId.of(7001))),
                "never-delete-paid",
                CLIENT);
    }

    @Test
    void aWrittenPlanReadsBackAsTheSamePlanWithNoConnectionInClear() throws Exception {
        PlanFile plan = aPlan();
        Path file = dir.resolve("plan.json");

        plan.write(file, KEY);
        PlanFile read = PlanFile.read(file, CLIENT);

        assertThat(read.plans()).isEqualTo(plan.plans());
        assertThat(read.selection()).isEqualTo(plan.selection());
        assertThat(read.policy()).isEqualTo("never-delete-paid");
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(read.toDelete()).isEqualTo(2);
        assertThat(read.connections()).containsExactly(A, B);
        assertThat(read.age(T0.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        String text = Files.readString(file);
        assertThat(text)
                .doesNotContain("conn_secret")
                .doesNotContain(KEY.value())
                .contains("\"decision\" : \"keep\"", "\"rule\" : \"never-delete-paid\"", "\"snapshotDigest\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(plan.toString()).doesNotContain("conn_");
        assertThat(dir.toFile().list()).as("no temporary file left").containsExactly("plan.json");
    }

    @Test
    void anEditedFileIsRefusedAsEdited() throws Exception {
        Path file = dir.resolve("plan.json");
        aPlan().write(file, KEY);
        String text = Files.readString(file);

        for (String edited : List.of(
                text.replace("\"id\" : 5003", "\"id\" : 5004"),
                text.replace("\"decision\" : \"keep\"", "\"decision\" : \"delete\""),
                text.replace("never-delete-paid\",\n", "\",\n"))) {
            assertThat(edited).isNotEqualTo(text);
            Files.writeString(file, edited);
            assertThatThrownBy(() -> PlanFile.read(file, CLIENT))
                    .isInstanceOfSatisfying(
                            PlanFileException.class, e -> assertThat(e.kind()).isEqualTo(PlanFileException.Kind.EDITED))
                    .hasMessageContaining("changed after it was written");
        }
    }

    @Test
    void aFileOfAnotherApiKeyOrBaseUrlIsRefusedNamingWhich() {
        Path file = dir.resolve("plan.json");
        aPlan().write(file, KEY);

        assertThatThrownBy(
                        () -> PlanFile.read(file, options(new ApiKey("sk_test_another_key"), "http://127.0.0.1:8080")))
                .isInstanceOfSatisfying(
                        PlanFileException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlanFileException.Kind.OTHER_API_KEY))
                .hasMessageNotContaining("sk_test");
        assertThatThrownBy(() -> PlanFile.read(file, options(KEY, "https://api.ofauth.com")))
                .isInstanceOfSatisfying(
                        PlanFileException.class,
                        e -> assertThat(e.kind()).isEqualTo(PlanFileException.Kind.OTHER_TARGET))
                .hasMessageContaining("made for http://127.0.0.1:8080");
    }

    @Test
    void filesThatAreNotPlansAreRefusedWithATypedError() throws Exception {
        Path notJson = Files.writeString(dir.resolve("a.json"), "hello");
        Path other = Files.writeString(dir.resolve("b.json"), "{\"format\":\"something else\"}");
        Path newer =
                Files.writeString(dir.resolve("c.json"), "{\"format\":\"ofauth-queue deletion plan\",\"version\":9}");
        Path binary = Files.write(dir.resolve("d.json"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Path array = Files.writeString(dir.resolve("e.json"), "[1,2]");

        assertThat(kindOf(notJson)).isEqualTo(PlanFileException.Kind.NOT_A_PLAN);
        assertThat(kindOf(other)).isEqualTo(PlanFileException.Kind.NOT_A_PLAN);
        assertThat(kindOf(newer)).isEqualTo(PlanFileException.Kind.NEWER_VERSION);
        assertThat(kindOf(binary)).isIn(PlanFileException.Kind.NOT_A_PLAN, PlanFileException.Kind.IO);
        assertThat(kindOf(array)).isEqualTo(PlanFileException.Kind.NOT_A_PLAN);
        assertThat(kindOf(dir.resolve("missing.json"))).isEqualTo(PlanFileException.Kind.IO);
        assertThat(kindOf(dir)).isEqualTo(PlanFileException.Kind.IO);
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedUnread() throws Exception {
        Path huge = dir.resolve("huge.json");
        try (SeekableByteChannel out =
                Files.newByteChannel(huge, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.position(PlanFile.MAX_BYTES); // sparse: no disk used
            out.write(ByteBuffer.wrap(new byte[] {'}'}));
        }

        assertThatThrownBy(() -> PlanFile.read(huge, CLIENT)).hasMessageContaining("larger than 64 MiB");
    }

    /** Any byte of a plan file changed or cut: a typed refusal, never another exception, never a different plan. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void damagedFilesAreRefusedOrReadAsTheSamePlan(int seed) throws Exception {
        Random random = new Random(seed);
        PlanFile plan = aPlan();
        Path file = dir.resolve("plan.json");
        plan.write(file, KEY);
        byte[] bytes = Files.readAllBytes(file);
        byte[] damaged =
                random.nextBoolean() ? Arrays.copyOf(bytes, random.nextInt(bytes.length)) : flip(bytes, random);
        Files.write(file, damaged);

        try {
            PlanFile read = PlanFile.read(file, CLIENT);
            // Only whitespace can change and leave the same plan.
            assertThat(read.plans()).isEqualTo(plan.plans());
            assertThat(new String(damaged, StandardCharsets.ISO_8859_1).replaceAll("\\s", ""))
                    .isEqualTo(new String(bytes, StandardCharsets.ISO_8859_1).replaceAll("\\s", ""));
        } catch (PlanFileException refused) {
            assertThat(refused.getMessage()).doesNotContain("conn_secret");
        }
    }

    private static byte[] flip(byte[] bytes, Random random) {
        byte[] copy = bytes.clone();
        copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    private static PlanFileException.Kind kindOf(Path file) {
        try {
            PlanFile.read(file, CLIENT);
        } catch (PlanFileException e) {
            return e.kind();
        }
        throw new AssertionError(file + " was read as a plan");
    }
}
