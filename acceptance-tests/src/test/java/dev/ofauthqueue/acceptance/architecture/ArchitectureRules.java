package dev.ofauthqueue.acceptance.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.stream.Collectors;

/** The architecture, stated once. Each rule is proven to bite by a bad fixture in {@link ArchitectureTest}. */
final class ArchitectureRules {

    static final String DOMAIN = "dev.ofauthqueue.domain..";
    static final String PORTS = "dev.ofauthqueue.ports..";
    static final String ADAPTER = "dev.ofauthqueue.adapter..";
    static final String PORTS_IN = "dev.ofauthqueue.ports.in..";
    static final String PORTS_OUT = "dev.ofauthqueue.ports.out..";
    static final String PORTS_SERVICE = "dev.ofauthqueue.ports.service..";
    /** The one package an embedder imports from (the public surface), split over the modules. */
    static final String PUBLIC = "dev.ofauthqueue";

    static final String FAKE = "dev.ofauthqueue.fake..";
    static final String FAKE_INTERNAL = "dev.ofauthqueue.fake.internal..";
    /** JSpecify's annotations (no code): domain and ports are @NullMarked for NullAway. */
    static final String NULLNESS_ANNOTATIONS = "org.jspecify.annotations..";

    private static final Set<String> CLOCK_OWNERS = Set.of(
            "java.time.Instant",
            "java.time.LocalDateTime",
            "java.time.LocalDate",
            "java.time.LocalTime",
            "java.time.OffsetDateTime",
            "java.time.OffsetTime",
            "java.time.ZonedDateTime",
            "java.time.Year",
            "java.time.YearMonth",
            "java.time.MonthDay");

    /** Calls that read the machine's clock: {@code X.now(..)}, {@code Clock.system*()}, {@code System.currentTimeMillis/nanoTime()}. */
    static final DescribedPredicate<JavaCall<?>> WALL_CLOCK_READ = new DescribedPredicate<>("read the wall clock") {
        @Override
        public boolean test(JavaCall<?> call) {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            return (CLOCK_OWNERS.contains(owner) && name.equals("now"))
                    || (owner.equals("java.time.Clock") && name.startsWith("system"))
                    || (owner.equals("java.lang.System")
                            && (name.equals("currentTimeMillis") || name.equals("nanoTime")))
                    || (owner.equals("java.util.Date")
                            && name.equals("<init>")
                            && call.getTarget().getRawParameterTypes().isEmpty());
        }
    };

    /**
     * A class of {@code packageIdentifier}, or of the public package's part that {@code module} holds: the public
     * package {@value #PUBLIC} is split over the modules, and each of its types keeps the ring of the module it lives in.
     */
    static DescribedPredicate<JavaClass> ring(String packageIdentifier, String module) {
        DescribedPredicate<JavaClass> inPackage = JavaClass.Predicates.resideInAPackage(packageIdentifier);
        return new DescribedPredicate<>("are in " + packageIdentifier + " or " + module + "'s part of " + PUBLIC) {
            @Override
            public boolean test(JavaClass c) {
                JavaClass type = c.getBaseComponentType(); // an array belongs where its elements do
                return inPackage.test(type) || (type.getPackageName().equals(PUBLIC) && fromModule(type, module));
            }
        };
    }

    /** Read from the module's classes folder or from its jar (in the reactor's target or the local repository). */
    static boolean fromModule(JavaClass c, String module) {
        return c.getSource()
                .map(source -> source.getUri().toString())
                .filter(uri -> uri.matches(".*/" + module + "(/target/[a-z-]*classes/|-[^/!]*\\.jar!/).*"))
                .isPresent();
    }

    static final DescribedPredicate<JavaClass> DOMAIN_RING = ring(DOMAIN, "domain");
    static final DescribedPredicate<JavaClass> PORTS_RING = ring(PORTS, "ports");
    /** The public package's types from {@code ports} are all use-case types: outcomes, reports and commands. */
    static final DescribedPredicate<JavaClass> USE_CASES_RING = ring(PORTS_IN, "ports");

    static final DescribedPredicate<JavaClass> ADAPTER_RING = ring(ADAPTER, "adapter-vertx");
    static final DescribedPredicate<JavaClass> COMPOSITION_ROOT_RING = ring("dev.ofauthqueue.library..", "library")
            .or(JavaClass.Predicates.resideInAPackage("dev.ofauthqueue.cli.."));

    static final ArchRule DOMAIN_DEPENDS_ON_JAVA_ONLY = classes()
            .that(DOMAIN_RING)
            .should()
            .onlyDependOnClassesThat(
                    DOMAIN_RING.or(JavaClass.Predicates.resideInAnyPackage("java..", NULLNESS_ANNOTATIONS)))
            .as("domain depends on java.. (and JSpecify's annotations) only");

    static final ArchRule DOMAIN_NEVER_READS_THE_CLOCK = noClasses()
            .that(DOMAIN_RING)
            .should()
            .callCodeUnitWhere(WALL_CLOCK_READ)
            .as("domain never reads the wall clock: 'now' is a parameter");

    static final ArchRule PORTS_DEPEND_ON_DOMAIN_AND_JAVA_ONLY = classes()
            .that(PORTS_RING)
            .should()
            .onlyDependOnClassesThat(PORTS_RING
                    .or(DOMAIN_RING)
                    .or(JavaClass.Predicates.resideInAnyPackage("java..", "javax.crypto..", NULLNESS_ANNOTATIONS)))
            .as("ports depend on domain and java.. (and the JDK's javax.crypto, and JSpecify's annotations) only");

    static final ArchRule NO_ADAPTER_OR_FAKE_FROM_THE_CORE = noClasses()
            .that(DOMAIN_RING.or(PORTS_RING))
            .should()
            .dependOnClassesThat(ADAPTER_RING.or(JavaClass.Predicates.resideInAPackage(FAKE)))
            .as("no adapter or fake type is reachable from domain or ports");

    static final ArchRule FAKE_SHARES_NOTHING_WITH_THE_CLIENT = noClasses()
            .that()
            .resideInAPackage(FAKE)
            .should()
            .dependOnClassesThat(DOMAIN_RING.or(PORTS_RING).or(ADAPTER_RING))
            .as("the fake shares no classes with the client side");

    static final ArchRule CLIENT_NEVER_USES_THE_FAKE = noClasses()
            .that(ADAPTER_RING)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(FAKE)
            .as("the client side never uses the fake's classes");

    /**
     * The adapter's public face, named one by one: whatever else it holds (wire types, mappers, the sender, the
     * interpreter) stays package-private, whatever it is called.
     */
    static final Set<String> ADAPTER_PUBLIC_TYPES = Set.of(
            "dev.ofauthqueue.adapter.vertx.VertxOfAuthClient",
            "dev.ofauthqueue.adapter.vertx.VertxOfAuthClient$Collaborators",
            "dev.ofauthqueue.OfAuthClientOptions",
            "dev.ofauthqueue.OfAuthClientOptions$Builder",
            "dev.ofauthqueue.ApiKey",
            "dev.ofauthqueue.RetryPolicy",
            "dev.ofauthqueue.ClientRateLimit",
            "dev.ofauthqueue.DeleteRoute",
            "dev.ofauthqueue.adapter.vertx.Timers",
            "dev.ofauthqueue.adapter.vertx.OwnVertx",
            "dev.ofauthqueue.adapter.vertx.ServerAddress", // the one check of a URL's host and port, Redis's too
            "dev.ofauthqueue.RequestListener",
            "dev.ofauthqueue.RequestListener$Attempt",
            "dev.ofauthqueue.RequestListener$Outcome",
            "dev.ofauthqueue.adapter.vertx.RateBudgetFactory",
            "dev.ofauthqueue.adapter.vertx.RateBudgetFactory$Local",
            "dev.ofauthqueue.adapter.vertx.MessageJson",
            "dev.ofauthqueue.adapter.sqlite.SqliteDeletionJobStore",
            "dev.ofauthqueue.adapter.redis.RedisRateBudget",
            "dev.ofauthqueue.adapter.redis.RedisRateBudget$Settings",
            "dev.ofauthqueue.adapter.redis.RedisDeletionJobStore",
            "dev.ofauthqueue.adapter.redis.RedisDeletionJobStore$Settings",
            "dev.ofauthqueue.adapter.redis.RedisUrl");

    /**
     * The public surface: the types an embedder imports, all in {@value #PUBLIC}. A type joins or leaves it only on
     * purpose, by changing this list (and README's and the Javadoc's examples with it).
     */
    static final Set<String> PUBLIC_TYPES = Set.of(
            // the entry point and its capabilities, blocking and async
            "OfAuthQueue",
            "OfAuthQueue$Builder",
            "Messages",
            "Plans",
            "Jobs",
            "AsyncOfAuthQueue",
            "AsyncMessages",
            "AsyncPlans",
            "AsyncJobs",
            // its options and API key
            "OfAuthClientOptions",
            "OfAuthClientOptions$Builder",
            "ApiKey",
            "RetryPolicy",
            "ClientRateLimit",
            "DeleteRoute",
            "RequestListener",
            "RequestListener$Attempt",
            "RequestListener$AttemptStart",
            "RequestListener$AttemptEnd",
            "RequestListener$Outcome",
            "Observability",
            "Observability$DeletionEnd",
            // connections, messages and their ids
            "ConnectionId",
            "MassMessageId",
            "ScheduledMassMessage",
            "ScheduledMassMessage$Builder",
            "ScheduledQueue",
            "MassMessageDraft",
            "Audience",
            "MassMessageReceipt",
            // the policy, its rules, selections and plans
            "DeletionPolicy",
            "DeletionRule",
            "DeletionRules",
            "MessageSelector",
            "Selection",
            "DeletionPlan",
            "DeletionPlan$RefusedItem",
            // outcomes
            "DeletionOutcome",
            "DeletionOutcome$Kind",
            "DeletionOutcome$Deleted",
            "DeletionOutcome$AlreadyGone",
            "DeletionOutcome$Refused",
            "DeletionOutcome$Failed",
            "DeletionOutcome$Failed$Step",
            "DeletionOutcome$Unconfirmed",
            "DeletionReport",
            // jobs and their commands
            "StartDeletionJobCommand",
            "DeletionJobId",
            "DeletionJobRun",
            "DeletionJobStatus",
            "DeletionJobListener",
            "DeletionJobEvent",
            "JobItemState",
            "ArchiveQuery",
            "ArchivedDeletion",
            "ArchivedDeletion$Source",
            "RestoreDeletedCommand",
            "RestoreOutcome",
            "RestoreOutcome$Kind");

    /** Public, and, for a nested type, inside types that are reachable too (a public record in a hidden interface is not). */
    static final DescribedPredicate<JavaClass> REACHABLE_FROM_OTHER_PACKAGES =
            new DescribedPredicate<>("are reachable from other packages") {
                @Override
                public boolean test(JavaClass c) {
                    return c.getModifiers().contains(JavaModifier.PUBLIC)
                            && c.getEnclosingClass().map(this::test).orElse(true);
                }
            };

    static final ArchRule ADAPTER_INSIDES_STAY_PACKAGE_PRIVATE = classes()
            .that()
            .resideInAPackage(ADAPTER)
            .and(REACHABLE_FROM_OTHER_PACKAGES)
            .should(beOneOf(ADAPTER_PUBLIC_TYPES))
            .as("the adapter makes public only its factory, options, hooks and their parts, and the snapshot codec of"
                    + " plans kept outside the process");

    static final ArchRule THE_PUBLIC_SURFACE_CHANGES_ONLY_ON_PURPOSE = classes()
            .that()
            .resideInAPackage(PUBLIC)
            .and(REACHABLE_FROM_OTHER_PACKAGES)
            .should(beOneOf(
                    PUBLIC_TYPES.stream().map(name -> PUBLIC + "." + name).collect(Collectors.toSet())))
            .as("the public package " + PUBLIC + " holds only the types named as its surface");

    static final ArchRule USE_CASES_KNOW_NEITHER_THE_DRIVEN_SIDE_NOR_THE_SERVICE = noClasses()
            .that(USE_CASES_RING)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(PORTS_OUT, PORTS_SERVICE)
            .as("ports.in depends on neither ports.out nor ports.service");

    static final ArchRule NO_ADAPTER_DRIVES_THE_SERVICE = noClasses()
            .that(ADAPTER_RING)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(PORTS_SERVICE)
            .as("no adapter depends on ports.service");

    static final ArchRule ONLY_THE_COMPOSITION_ROOT_JOINS_SERVICE_AND_ADAPTER = classes()
            .that(DescribedPredicate.not(COMPOSITION_ROOT_RING))
            .should(notDependOnBoth(PORTS_SERVICE, ADAPTER_RING))
            .as("only the composition root (library) and the command line depend on both ports.service and an adapter");

    private static ArchCondition<JavaClass> beOneOf(Set<String> names) {
        return new ArchCondition<>("be one of the " + names.size() + " types named as public") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!names.contains(c.getName())) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is public but not named as public"));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> notDependOnBoth(String first, DescribedPredicate<JavaClass> second) {
        return new ArchCondition<>("not depend on both " + first + " and classes that " + second.getDescription()) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (dependsOn(c, first)
                        && c.getDirectDependenciesFromSelf().stream().anyMatch(d -> second.test(d.getTargetClass()))) {
                    events.add(SimpleConditionEvent.violated(
                            c, c.getName() + " depends on both " + first + " and an adapter"));
                }
            }

            private boolean dependsOn(JavaClass c, String packageIdentifier) {
                String prefix = packageIdentifier.replace("..", "");
                return c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> d.getTargetClass().getPackageName().startsWith(prefix));
            }
        };
    }

    /** Blocking JDBC lives in one adapter, which the job service calls from its own thread, never an event loop. */
    static final ArchRule JDBC_ONLY_IN_THE_STORE_ADAPTER = noClasses()
            .that()
            .resideOutsideOfPackage("dev.ofauthqueue.adapter.sqlite..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "org.sqlite..")
            .as("only the SQLite job store uses JDBC");

    /** Shared state lives in one adapter: nothing else talks to Redis, so keys, scripts and secrets stay in one place. */
    static final ArchRule REDIS_ONLY_IN_THE_REDIS_ADAPTER = noClasses()
            .that()
            .resideOutsideOfPackage("dev.ofauthqueue.adapter.redis..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.vertx.redis..")
            .as("only the Redis adapter uses the Redis client");

    /** A call that creates a Vert.x instance: {@code Vertx.vertx(..)}, {@code Vertx.builder()}, clustered or not. */
    static final DescribedPredicate<JavaCall<?>> CREATES_A_VERTX =
            new DescribedPredicate<>("create a Vert.x instance") {
                @Override
                public boolean test(JavaCall<?> call) {
                    return call.getTargetOwner().getName().equals("io.vertx.core.Vertx")
                            && Set.of("vertx", "builder", "clusteredVertx").contains(call.getName());
                }
            };

    static final ArchRule OUR_OWN_VERTX_COMES_FROM_ONE_PLACE = noClasses()
            .that()
            .resideInAPackage("dev.ofauthqueue..")
            .and()
            .resideOutsideOfPackages(FAKE, "dev.ofauthqueue.examples..", "dev.ofauthqueue.benchmarks..")
            .and()
            .doNotHaveFullyQualifiedName("dev.ofauthqueue.adapter.vertx.OwnVertx")
            .should()
            .callCodeUnitWhere(CREATES_A_VERTX)
            .as("a Vert.x instance of our own comes from OwnVertx, which sets up no file cache to leave behind (the"
                    + " fake, which shares nothing with the client, decides the same in FakeOfAuthServer)");

    static final ArchRule NOTHING_OUTSIDE_THE_FAKE_USES_ITS_INSIDES = noClasses()
            .that()
            .resideOutsideOfPackage(FAKE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(FAKE_INTERNAL)
            .as("nothing outside the fake uses dev.ofauthqueue.fake.internal");

    private ArchitectureRules() {}
}
