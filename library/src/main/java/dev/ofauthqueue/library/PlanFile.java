package dev.ofauthqueue.library;

import dev.ofauthqueue.ApiKey;
import dev.ofauthqueue.ConnectionId;
import dev.ofauthqueue.DeletionPlan;
import dev.ofauthqueue.MassMessageId;
import dev.ofauthqueue.OfAuthClientOptions;
import dev.ofauthqueue.ScheduledMassMessage;
import dev.ofauthqueue.Selection;
import dev.ofauthqueue.StartDeletionJobCommand;
import dev.ofauthqueue.adapter.vertx.MessageJson;
import dev.ofauthqueue.domain.DeletionDecision;
import dev.ofauthqueue.domain.RefusalReason;
import dev.ofauthqueue.ports.sealing.ConnectionIdCipher;
import dev.ofauthqueue.ports.sealing.Digests;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A deletion plan kept in a file between review and apply, as Terraform's {@code plan -out} and {@code apply FILE}:
 * {@code ofauth-queue plan --out FILE}, then {@code delete --plan FILE}. Applying it lists nothing: the job starts
 * from the file's items and their snapshots, and the policy the file names decides again on each snapshot just before
 * its DELETE.
 *
 * <p>The file is one JSON object (version {@value #VERSION}): {@code format}, {@code version}, {@code createdAt}, the
 * {@code baseUrl} and {@code deleteRoute} it was made against, the {@code selection} and {@code policy} as given, a
 * {@code keyCheck}, one entry per connection in {@code plans} (its id sealed with AES-256-GCM under a key derived
 * from the API key, never in clear; when it was planned; its items, each with its id, the {@code decision}
 * ({@code delete} or {@code keep} with reason, rule and detail), the {@code snapshot} it was decided on and that
 * snapshot's SHA-256), and last a {@code digest}: HMAC-SHA256, under another key derived from the API key, of the
 * whole object without it. Reading refuses a file that was edited, made with another API key or for another base URL
 * before anything is sent.
 */
public final class PlanFile {

    /** The format version this library writes and reads. */
    public static final int VERSION = 1;

    /** The largest file read: a plan of many thousands of messages fits; a runaway file is refused unread. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    static final String FORMAT = "ofauth-queue deletion plan";

    private final Instant createdAt;
    private final String baseUrl;
    private final String deleteRoute;
    private final Selection selection;
    private final String policy;
    private final List<DeletionPlan> plans;

    private PlanFile(
            Instant createdAt,
            String baseUrl,
            String deleteRoute,
            Selection selection,
            String policy,
            List<DeletionPlan> plans) {
        this.createdAt = createdAt;
        this.baseUrl = baseUrl;
        this.deleteRoute = deleteRoute;
        this.selection = selection;
        this.policy = policy;
        this.plans = List.copyOf(plans);
    }

    /**
     * The plan of {@code plans}, made against {@code target}.
     *
     * @param plans     one per connection, each of another connection
     * @param selection the selection they were made with
     * @param policy    the policy they were made with, as {@code DeletionPolicy.describe()} writes it
     * @param target    the client they were made with: its base URL and delete route are written down
     * @return the plan, created when its earliest connection was planned
     * @throws IllegalArgumentException when there is no plan or a connection has two
     */
    public static PlanFile of(
            List<DeletionPlan> plans, Selection selection, String policy, OfAuthClientOptions target) {
        if (plans.isEmpty()) {
            throw new IllegalArgumentException("a plan file holds at least one connection's plan");
        }
        if (plans.stream().map(DeletionPlan::connection).distinct().count() != plans.size()) {
            throw new IllegalArgumentException("a plan file holds one plan per connection");
        }
        Instant created = plans.stream()
                .map(DeletionPlan::plannedAt)
                .min(Instant::compareTo)
                .orElseThrow();
        return new PlanFile(
                created,
                target.baseUrl(),
                target.deleteRoute().template(),
                Objects.requireNonNull(selection, "selection"),
                Objects.requireNonNull(policy, "policy"),
                plans);
    }

    /**
     * When the plan was made: its earliest connection's planning instant.
     *
     * @return the instant
     */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * How old the plan is at {@code now}.
     *
     * @param now the instant
     * @return its age, never negative
     */
    public Duration age(Instant now) {
        Duration age = Duration.between(createdAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /**
     * The selection it was made with.
     *
     * @return the selection
     */
    public Selection selection() {
        return selection;
    }

    /**
     * The policy it was made with, as {@code DeletionPolicy.describe()} wrote it ({@code DeletionPolicy.parse} reads
     * it back).
     *
     * @return the description
     */
    public String policy() {
        return policy;
    }

    /**
     * The plans, one per connection, in the order they were written.
     *
     * @return the plans
     */
    public List<DeletionPlan> plans() {
        return plans;
    }

    /**
     * The connections, in order.
     *
     * @return their ids
     */
    public List<ConnectionId> connections() {
        return plans.stream().map(DeletionPlan::connection).toList();
    }

    /**
     * How many messages the plan deletes.
     *
     * @return the count over every connection
     */
    public int toDelete() {
        return plans.stream().mapToInt(p -> p.toDelete().size()).sum();
    }

    /**
     * The command that starts a deletion job of exactly this plan, listing nothing.
     *
     * @return the command, with the default concurrency and no listener
     */
    public StartDeletionJobCommand startCommand() {
        return StartDeletionJobCommand.fromPlans(plans, selection);
    }

    /**
     * Writes the plan to {@code file}, readable by its owner only, whole or not at all (a new file renamed into
     * place).
     *
     * @param file   where
     * @param apiKey the key it is sealed under: only the same key reads it back
     * @throws PlanFileException of kind {@link PlanFileException.Kind#IO} when it cannot be written
     */
    public void write(Path file, ApiKey apiKey) {
        Keys keys = new Keys(apiKey);
        JsonObject doc = new JsonObject()
                .put("format", FORMAT)
                .put("version", VERSION)
                .put("createdAt", createdAt.toString())
                .put("baseUrl", baseUrl)
                .put("deleteRoute", deleteRoute)
                .put("selection", selection.toString())
                .put("policy", policy)
                .put("keyCheck", keys.check());
        JsonArray blocks = new JsonArray();
        for (int i = 0; i < plans.size(); i++) {
            DeletionPlan plan = plans.get(i);
            JsonArray items = new JsonArray();
            plan.toDelete().forEach(m -> items.add(item(m, "delete")));
            plan.refused()
                    .forEach(r -> items.add(item(r.message(), "keep")
                            .put("reason", r.decision().reason().name())
                            .put("rule", r.decision().rule())
                            .put("detail", r.decision().detail())));
            blocks.add(new JsonObject()
                    .put("connection", keys.cipher.seal(plan.connection(), place(i)))
                    .put("plannedAt", plan.plannedAt().toString())
                    .put("items", items));
        }
        doc.put("plans", blocks);
        doc.put("digest", keys.digest(doc.encode()));
        Path target = file.toAbsolutePath().normalize();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, doc.encodePrettily() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temporary file is named as ours; nothing else to do
            }
            throw new PlanFileException(
                    PlanFileException.Kind.IO, file + ": the plan cannot be written: " + describe(e), e);
        }
    }

    private static JsonObject item(ScheduledMassMessage m, String decision) {
        JsonObject snapshot = MessageJson.write(m);
        return new JsonObject()
                .put("id", m.id().value())
                .put("decision", decision)
                .put("snapshotDigest", sha256(snapshot.encode()))
                .put("snapshot", snapshot);
    }

    /**
     * Reads a plan {@link #write} wrote, checking it against {@code client} before anything is sent.
     *
     * @param file   the file
     * @param client the options of the client that will apply it: its API key opens the file, its base URL and delete
     *     route must be the file's
     * @return the plan
     * @throws PlanFileException when the file cannot be read, is not a plan, is newer than this library, was made with
     *     another API key, was edited, or was made for another base URL or route
     */
    public static PlanFile read(Path file, OfAuthClientOptions client) {
        String text = text(file);
        JsonObject doc;
        try {
            doc = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw notAPlan(file, "it is not JSON");
        }
        if (!FORMAT.equals(doc.getValue("format"))) {
            throw notAPlan(file, "it is not an ofauth-queue plan file");
        }
        Object version = doc.getValue("version");
        if (!(version instanceof Number n) || n.intValue() != VERSION) {
            if (version instanceof Number n && n.intValue() > VERSION) {
                throw new PlanFileException(
                        PlanFileException.Kind.NEWER_VERSION,
                        file + ": the plan is of format version " + n + ", written by a newer ofauth-queue; this one"
                                + " reads version " + VERSION + ": plan again with this version",
                        null);
            }
            throw notAPlan(file, "its version is missing or unknown");
        }
        Keys keys = new Keys(client.apiKey());
        if (!keys.check().equals(doc.getValue("keyCheck"))) {
            throw new PlanFileException(
                    PlanFileException.Kind.OTHER_API_KEY,
                    file + ": the plan was made with another API key; plan again with this one",
                    null);
        }
        Object digest = doc.remove("digest");
        if (!(digest instanceof String d)
                || !MessageDigest.isEqual(
                        d.getBytes(StandardCharsets.UTF_8),
                        keys.digest(doc.encode()).getBytes(StandardCharsets.UTF_8))) {
            throw new PlanFileException(
                    PlanFileException.Kind.EDITED,
                    file + ": the plan was changed after it was written (its digest does not match); plan again"
                            + " rather than editing the file",
                    null);
        }
        try {
            String baseUrl = string(doc, "baseUrl");
            String route = string(doc, "deleteRoute");
            if (!baseUrl.equals(client.baseUrl())
                    || !route.equals(client.deleteRoute().template())) {
                throw new PlanFileException(
                        PlanFileException.Kind.OTHER_TARGET,
                        file + ": the plan was made for " + baseUrl + " (" + route + "), not " + client.baseUrl() + " ("
                                + client.deleteRoute().template() + ")",
                        null);
            }
            JsonArray blocks = doc.getJsonArray("plans");
            List<DeletionPlan> plans = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                plans.add(plan(file, keys, blocks.getJsonObject(i), i));
            }
            return new PlanFile(
                    Instant.parse(string(doc, "createdAt")),
                    baseUrl,
                    route,
                    Selection.parse(string(doc, "selection")),
                    string(doc, "policy"),
                    plans);
        } catch (ClassCastException | NullPointerException | DateTimeParseException | IllegalArgumentException e) {
            // Sealed and undamaged, yet unreadable: written by hand with this key, or by a buggy writer.
            throw notAPlan(file, "a field is missing or malformed (" + e.getMessage() + ")");
        }
    }

    private static DeletionPlan plan(Path file, Keys keys, JsonObject block, int index) {
        ConnectionId connection = keys.cipher
                .open(string(block, "connection"), place(index))
                .orElseThrow(() -> notAPlan(file, "plan " + (index + 1) + "'s connection does not open"));
        List<ScheduledMassMessage> toDelete = new ArrayList<>();
        List<DeletionPlan.RefusedItem> refused = new ArrayList<>();
        JsonArray items = block.getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            JsonObject snapshot = item.getJsonObject("snapshot");
            if (!sha256(snapshot.encode()).equals(item.getString("snapshotDigest"))) {
                throw new PlanFileException(
                        PlanFileException.Kind.EDITED,
                        file + ": the snapshot of message " + item.getValue("id") + " does not match its digest",
                        null);
            }
            ScheduledMassMessage m = MessageJson.read(snapshot);
            if (!m.id().equals(MassMessageId.of(item.getLong("id")))) {
                throw notAPlan(file, "item " + item.getValue("id") + " holds the snapshot of another message");
            }
            switch (string(item, "decision")) {
                case "delete" -> toDelete.add(m);
                case "keep" ->
                    refused.add(new DeletionPlan.RefusedItem(
                            m,
                            new DeletionDecision.Refused(
                                    RefusalReason.valueOf(string(item, "reason")),
                                    string(item, "rule"),
                                    string(item, "detail"))));
                default -> throw notAPlan(file, "a decision is neither delete nor keep");
            }
        }
        return new DeletionPlan(connection, Instant.parse(string(block, "plannedAt")), toDelete, refused);
    }

    private static String text(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new PlanFileException(
                        PlanFileException.Kind.IO,
                        file + ": " + (Files.exists(file) ? "is not a regular file" : "does not exist"),
                        null);
            }
            if (Files.size(file) > MAX_BYTES) {
                throw notAPlan(file, "it is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PlanFileException(PlanFileException.Kind.IO, file + ": does not exist", e);
        } catch (AccessDeniedException e) {
            throw new PlanFileException(PlanFileException.Kind.IO, file + ": cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new PlanFileException(
                    PlanFileException.Kind.IO,
                    file + ": cannot be read: "
                            + (e instanceof CharacterCodingException ? "it is not UTF-8 text" : describe(e)),
                    e);
        }
    }

    private static String string(JsonObject o, String field) {
        Object value = o.getValue(field);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("'" + field + "' is not text");
        }
        return s;
    }

    private static String place(int index) {
        return "plan file connection " + index;
    }

    private static PlanFileException notAPlan(Path file, String why) {
        return new PlanFileException(PlanFileException.Kind.NOT_A_PLAN, file + ": not a plan file: " + why, null);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(Digests.sha256(text));
    }

    @Override
    public String toString() {
        return "PlanFile[" + plans.size() + " connection(s), " + toDelete() + " to delete, created " + createdAt + "]";
    }

    /** The keys of one API key's plan files, derived from it as the Redis store derives its own. */
    private static final class Keys {
        private final byte[] secret;
        final ConnectionIdCipher cipher;

        Keys(ApiKey apiKey) {
            this.secret =
                    Digests.hmacSha256(apiKey.value().getBytes(StandardCharsets.UTF_8), "ofauth-queue plan files v1");
            this.cipher = new ConnectionIdCipher(Digests.hmacSha256(secret, "derived:connection-id cipher v1"));
        }

        /** Names the key without revealing it: equal in every file of one API key. */
        String check() {
            return HexFormat.of().formatHex(Digests.hmacSha256(secret, "derived:key check v1"), 0, 12);
        }

        String digest(String content) {
            return HexFormat.of()
                    .formatHex(Digests.hmacSha256(Digests.hmacSha256(secret, "derived:digest v1"), content));
        }
    }
}
