package org.commsportal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

/**
 * The structure of docs/architecture.md: thin views over services, package-private repositories, no cycles, a write
 * core that names no report, and reports that do not know each other.
 */
class ArchitectureTest {

    private static final JavaClasses PORTAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.commsportal");

    @Test
    void views_call_services_never_repositories_or_the_database() {
        noClasses()
                .that()
                .resideInAPackage("..ui..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Repository.class)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "javax.sql..")
                .check(PORTAL);
    }

    @Test
    void repositories_are_package_private_and_used_only_inside_their_feature() {
        classes()
                .that()
                .areAnnotatedWith(Repository.class)
                .should()
                .notBePublic()
                .andShould()
                .haveSimpleNameEndingWith("Repository")
                .check(PORTAL);
    }

    @Test
    void services_live_in_a_feature_root_package_not_in_ui() {
        classes()
                .that()
                .areAnnotatedWith(Service.class)
                .should()
                .resideOutsideOfPackage("..ui..")
                .check(PORTAL);
    }

    @Test
    void views_are_package_private_in_ui_packages_and_say_who_may_open_them() {
        classes()
                .that()
                .areAnnotatedWith(Route.class)
                .should()
                .resideInAPackage("..ui..")
                .andShould()
                .notBePublic()
                .andShould(com.tngtech.archunit.lang.conditions.ArchConditions.beAnnotatedWith(RolesAllowed.class)
                        .or(com.tngtech.archunit.lang.conditions.ArchConditions.beAnnotatedWith(PermitAll.class))
                        .or(com.tngtech.archunit.lang.conditions.ArchConditions.beAnnotatedWith(
                                AnonymousAllowed.class)))
                .check(PORTAL);
    }

    @Test
    void nothing_outside_ui_depends_on_ui() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..ui..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..ui..")
                .check(PORTAL);
    }

    @Test
    void dependencies_are_injected_through_constructors() {
        noFields().should().beAnnotatedWith(Autowired.class).check(PORTAL);
    }

    @Test
    void features_do_not_depend_on_each_other_in_cycles() {
        slices().matching("org.commsportal.(**)").should().beFreeOfCycles().check(PORTAL);
    }

    @Test
    void top_level_packages_with_their_views_do_not_depend_on_each_other_in_cycles() {
        slices().matching("org.commsportal.(*)..").should().beFreeOfCycles().check(PORTAL);
    }

    /** The packages of reports, each owning its read model, its SQL and its views. */
    private static final List<String> REPORTS = List.of(
            "activity",
            "activeusers",
            "sessiondetails",
            "skypeactivity",
            "deviceusage",
            "quality",
            "reliability",
            "periodfigures",
            "locations",
            "usersblocked",
            "minutepools");

    @Test
    void the_write_core_names_no_report_and_no_door() {
        noClasses()
                .that()
                .resideInAPackage("org.commsportal.sessions..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        Stream.concat(REPORTS.stream(), Stream.of("ingest", "graphapi", "rws", "demo", "retention"))
                                .map(name -> "org.commsportal." + name + "..")
                                .toArray(String[]::new))
                .check(PORTAL);
    }

    /**
     * Session details' drill-through selects sessions by their streams through the quality package's public API
     * (docs/session-details.md, "Drill-through"), reliability splits as quality does (docs/reliability.md), and
     * locations links a subnet to its sessions with quality's drill-through link (docs/locations.md): they
     * may use that root package, never its views.
     */
    private static String forbidden(String report, String other) {
        return (report.equals("sessiondetails") || report.equals("reliability") || report.equals("locations"))
                        && other.equals("quality")
                ? "org.commsportal.quality.ui.."
                : "org.commsportal." + other + "..";
    }

    @Test
    void reports_do_not_depend_on_each_other() {
        for (String report : REPORTS) {
            noClasses()
                    .that()
                    .resideInAPackage("org.commsportal." + report + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(REPORTS.stream()
                            .filter(other -> !other.equals(report))
                            .map(other -> forbidden(report, other))
                            .toArray(String[]::new))
                    .check(PORTAL);
        }
    }

    @Test
    void only_the_write_core_writes_raw_session_rows() throws IOException {
        Path root = Path.of("src/main/java/org/commsportal");
        var writes = java.util.regex.Pattern.compile(
                "(INSERT INTO|UPDATE|DELETE FROM)\\s+(comm_session|session_media|session_dialog|qoe_\\w+)\\b");
        List<Path> writers;
        try (Stream<Path> files = Files.walk(root)) {
            writers = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> {
                        try {
                            return writes.matcher(Files.readString(file)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(root::relativize)
                    .toList();
        }
        assertThat(writers)
                .isNotEmpty()
                .allSatisfy(file -> assertThat(file.toString()).matches("sessions/.*"));
    }

    @Test
    void every_package_is_null_marked() throws IOException {
        Path root = Path.of("src/main/java/org/commsportal");
        List<Path> packages;
        try (Stream<Path> dirs = Files.walk(root)) {
            packages = dirs.filter(Files::isDirectory)
                    .filter(dir -> hasJavaFiles(dir))
                    .filter(dir -> !dir.equals(root))
                    .toList();
        }
        assertThat(packages)
                .isNotEmpty()
                .allSatisfy(dir -> assertThat(dir.resolve("package-info.java"))
                        .exists()
                        .content()
                        .contains("@NullMarked"));
    }

    private static boolean hasJavaFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
