package io.embapi.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.embapi.platform.security.Access;
import io.embapi.platform.security.PublicAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The module and package rules of docs/architecture.md, checked on the compiled classes and the POMs. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.embapi");
    }

    @Test
    void theCommandSideNeverUsesTheQuerySide() {
        noClasses().that().resideInAPackage("io.embapi.command..")
                .should().dependOnClassesThat().resideInAPackage("io.embapi.query..")
                .check(classes);
    }

    @Test
    void theQuerySideNeverUsesTheCommandSide() {
        noClasses().that().resideInAPackage("io.embapi.query..")
                .should().dependOnClassesThat().resideInAPackage("io.embapi.command..")
                .check(classes);
    }

    @Test
    void theSharedKernelIsPlainJavaAndDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.embapi.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.embapi.platform..",
                        "io.embapi.command..", "io.embapi.query..", "io.embapi.app..")
                .check(classes);
    }

    @Test
    void thePlatformKnowsNeitherSide() {
        noClasses().that().resideInAPackage("io.embapi.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.embapi.command..", "io.embapi.query..",
                        "io.embapi.app..")
                .check(classes);
    }

    @Test
    void aggregatesAreNotPublic() {
        classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic().check(classes);
    }

    @Test
    void controllersNeverTouchTheDatabaseDirectly() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.jdbc.core.JdbcTemplate")
                .check(classes);
    }

    @Test
    void everyOperationDeclaresWhoMayCallIt() {
        methods().that().areDeclaredInClassesThat().resideInAPackage("io.embapi..")
                .and().areAnnotatedWith(GetMapping.class)
                .or().areAnnotatedWith(PostMapping.class)
                .or().areAnnotatedWith(PutMapping.class)
                .or().areAnnotatedWith(DeleteMapping.class)
                .or().areAnnotatedWith(PatchMapping.class)
                .or().areAnnotatedWith(RequestMapping.class)
                .should().beAnnotatedWith(Access.class).orShould().beAnnotatedWith(PublicAccess.class)
                .check(classes);
    }

    /** Events carry a revision from day one, so a later change of shape can be told apart and upcast (ADR 0012). */
    @Test
    void everyEventCarriesARevision() {
        classes().that().resideInAPackage("io.embapi.shared..").and().haveSimpleNameEndingWith("Event")
                .should().beAnnotatedWith(Revision.class)
                .check(classes);
    }

    @Test
    void theMavenModulesOfTheTwoSidesDoNotDependOnEachOther() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String commandPom = Files.readString(root.resolve("command-side/pom.xml"));
        String queryPom = Files.readString(root.resolve("query-side/pom.xml"));
        assertThat(commandPom).contains("<artifactId>command-side</artifactId>")
                .doesNotContain("<artifactId>query-side</artifactId>");
        assertThat(queryPom).contains("<artifactId>query-side</artifactId>")
                .doesNotContain("<artifactId>command-side</artifactId>");
    }
}
