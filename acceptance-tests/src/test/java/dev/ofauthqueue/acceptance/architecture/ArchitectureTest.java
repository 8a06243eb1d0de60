package dev.ofauthqueue.acceptance.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.ofauthqueue.UnplannedPublicType;
import dev.ofauthqueue.adapter.vertx.archfixture.AdapterCallingTheService;
import dev.ofauthqueue.adapter.vertx.archfixture.AdapterCreatingAPlainVertx;
import dev.ofauthqueue.adapter.vertx.archfixture.AdapterUsingRedis;
import dev.ofauthqueue.adapter.vertx.archfixture.AdapterUsingTheFake;
import dev.ofauthqueue.adapter.vertx.archfixture.PublicWireMapper;
import dev.ofauthqueue.domain.archfixture.DomainReadingTheClock;
import dev.ofauthqueue.domain.archfixture.DomainReadingTheClockThroughSystem;
import dev.ofauthqueue.domain.archfixture.DomainUsingVertx;
import dev.ofauthqueue.elsewhere.archfixture.AssemblyOutsideTheRoot;
import dev.ofauthqueue.elsewhere.archfixture.UsingTheFakesInsides;
import dev.ofauthqueue.fake.archfixture.FakeUsingClientTypes;
import dev.ofauthqueue.ports.archfixture.PortsReachingTheAdapter;
import dev.ofauthqueue.ports.archfixture.PortsUsingJackson;
import dev.ofauthqueue.ports.archfixture.ServiceUsingJdbc;
import dev.ofauthqueue.ports.in.archfixture.UseCaseAnsweringAPortType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule holds for the production classes of all modules, and every rule fails on a deliberately bad fixture
 * (proof that it can bite).
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // The fake's published jar carries Vert.x, Netty and Jackson relocated under fake.shaded: not ours.
                .withImportOption(location -> !location.contains("/dev/ofauthqueue/fake/shaded/"))
                .importPackages("dev.ofauthqueue");
    }

    static Stream<Arguments> rulesAndTheirBadFixtures() {
        return Stream.of(
                Arguments.of(ArchitectureRules.DOMAIN_DEPENDS_ON_JAVA_ONLY, DomainUsingVertx.class),
                Arguments.of(ArchitectureRules.DOMAIN_NEVER_READS_THE_CLOCK, DomainReadingTheClock.class),
                Arguments.of(ArchitectureRules.DOMAIN_NEVER_READS_THE_CLOCK, DomainReadingTheClockThroughSystem.class),
                Arguments.of(ArchitectureRules.PORTS_DEPEND_ON_DOMAIN_AND_JAVA_ONLY, PortsUsingJackson.class),
                Arguments.of(ArchitectureRules.NO_ADAPTER_OR_FAKE_FROM_THE_CORE, PortsReachingTheAdapter.class),
                Arguments.of(ArchitectureRules.FAKE_SHARES_NOTHING_WITH_THE_CLIENT, FakeUsingClientTypes.class),
                Arguments.of(ArchitectureRules.CLIENT_NEVER_USES_THE_FAKE, AdapterUsingTheFake.class),
                Arguments.of(
                        ArchitectureRules.USE_CASES_KNOW_NEITHER_THE_DRIVEN_SIDE_NOR_THE_SERVICE,
                        UseCaseAnsweringAPortType.class),
                Arguments.of(ArchitectureRules.NO_ADAPTER_DRIVES_THE_SERVICE, AdapterCallingTheService.class),
                Arguments.of(ArchitectureRules.NOTHING_OUTSIDE_THE_FAKE_USES_ITS_INSIDES, UsingTheFakesInsides.class),
                Arguments.of(
                        ArchitectureRules.ONLY_THE_COMPOSITION_ROOT_JOINS_SERVICE_AND_ADAPTER,
                        AssemblyOutsideTheRoot.class),
                Arguments.of(ArchitectureRules.ADAPTER_INSIDES_STAY_PACKAGE_PRIVATE, PublicWireMapper.class),
                Arguments.of(ArchitectureRules.THE_PUBLIC_SURFACE_CHANGES_ONLY_ON_PURPOSE, UnplannedPublicType.class),
                Arguments.of(ArchitectureRules.JDBC_ONLY_IN_THE_STORE_ADAPTER, ServiceUsingJdbc.class),
                Arguments.of(ArchitectureRules.REDIS_ONLY_IN_THE_REDIS_ADAPTER, AdapterUsingRedis.class),
                Arguments.of(ArchitectureRules.OUR_OWN_VERTX_COMES_FROM_ONE_PLACE, AdapterCreatingAPlainVertx.class));
    }

    @ParameterizedTest(name = "{0} holds for production code")
    @MethodSource("rulesAndTheirBadFixtures")
    void ruleHoldsForTheProductionClasses(ArchRule rule, Class<?> ignored) {
        assertThatCode(() -> rule.check(production)).doesNotThrowAnyException();
    }

    /** The surface loses a type only on purpose too: every type named as public is there. */
    @Test
    void everyTypeNamedAsPublicIsThere() {
        assertThat(ArchitectureRules.PUBLIC_TYPES)
                .allSatisfy(name -> assertThat(production.contain(ArchitectureRules.PUBLIC + "." + name))
                        .as(name)
                        .isTrue());
    }

    static Stream<String> topLevelPublicTypes() {
        return ArchitectureRules.PUBLIC_TYPES.stream()
                .filter(name -> !name.contains("$"))
                .sorted();
    }

    /** A newcomer reads the public types' Javadoc: each says what it is for with an example to copy. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("topLevelPublicTypes")
    void everyPublicTypeHasJavadocWithAnExample(String name) throws IOException {
        Path source;
        try (Stream<Path> modules = Files.list(Path.of(".."))) {
            source = modules.map(module -> module.resolve("src/main/java/dev/ofauthqueue/" + name + ".java"))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no module holds the source of " + name));
        }
        String text = Files.readString(source, StandardCharsets.UTF_8);
        Matcher declaration = Pattern.compile("(?m)^public [a-z ]*(class|interface|record|enum) " + name + "\\b")
                .matcher(text);
        assertThat(declaration.find()).as("%s declares %s", source, name).isTrue();
        String before = text.substring(0, declaration.start());
        String javadoc = before.substring(Math.max(0, before.lastIndexOf("/**")));

        assertThat(javadoc).as("%s's Javadoc", name).contains("<pre>{@code");
    }

    @ParameterizedTest(name = "{0} fails on {1}")
    @MethodSource("rulesAndTheirBadFixtures")
    void ruleFailsOnItsBadFixture(ArchRule rule, Class<?> badFixture) {
        JavaClasses fixture = new ClassFileImporter().importClasses(badFixture);

        assertThatThrownBy(() -> rule.check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(badFixture.getSimpleName());
    }
}
