package dev.ofauthqueue.acceptance.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/** The architecture, stated once. Each rule is proven to bite by a bad fixture in {@link ArchitectureTest}. */
final class ArchitectureRules {

    static final String DOMAIN = "dev.ofauthqueue.domain..";
    static final String PORTS = "dev.ofauthqueue.ports..";
    static final String ADAPTER = "dev.ofauthqueue.adapter..";
    static final String FAKE = "dev.ofauthqueue.fake..";
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

    static final ArchRule DOMAIN_DEPENDS_ON_JAVA_ONLY = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(DOMAIN, "java..", NULLNESS_ANNOTATIONS)
            .as("domain depends on java.. (and JSpecify's annotations) only");

    static final ArchRule DOMAIN_NEVER_READS_THE_CLOCK = noClasses()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .callCodeUnitWhere(WALL_CLOCK_READ)
            .as("domain never reads the wall clock: 'now' is a parameter");

    static final ArchRule PORTS_DEPEND_ON_DOMAIN_AND_JAVA_ONLY = classes()
            .that()
            .resideInAPackage(PORTS)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(PORTS, DOMAIN, "java..", NULLNESS_ANNOTATIONS)
            .as("ports depend on domain and java.. (and JSpecify's annotations) only");

    static final ArchRule NO_ADAPTER_OR_FAKE_FROM_THE_CORE = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN, PORTS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ADAPTER, FAKE)
            .as("no adapter or fake type is reachable from domain or ports");

    static final ArchRule FAKE_SHARES_NOTHING_WITH_THE_CLIENT = noClasses()
            .that()
            .resideInAPackage(FAKE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DOMAIN, PORTS, ADAPTER)
            .as("the fake shares no classes with the client side");

    static final ArchRule CLIENT_NEVER_USES_THE_FAKE = noClasses()
            .that()
            .resideInAPackage(ADAPTER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(FAKE)
            .as("the client side never uses the fake's classes");

    /** Wire types, mappers and the HTTP engine are the adapter's insides: only factories and options are public. */
    static final ArchRule ADAPTER_INSIDES_STAY_PACKAGE_PRIVATE = classes()
            .that()
            .resideInAPackage(ADAPTER)
            .and(new DescribedPredicate<JavaClass>("are wire types, mappers or engines") {
                @Override
                public boolean test(JavaClass c) {
                    String name = c.getSimpleName();
                    return name.startsWith("Wire") || name.endsWith("Mapper") || name.endsWith("Engine");
                }
            })
            .should()
            .notBePublic()
            .as("the adapter's wire types, mappers and engine stay package-private");

    private ArchitectureRules() {}
}
