package org.commsportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The container files, checked without a Docker engine (none runs on the build machines). */
class DeploymentFilesTest {

    private static final Map<String, String> SECRETS =
            Map.of("PORTAL_DB_PASSWORD", "db-secret", "PORTAL_DB_ROOT_PASSWORD", "root-secret");

    @Test
    void compose_runs_the_portal_and_mariadb_11_with_its_data_in_a_named_volume() throws Exception {
        ComposeFile compose = ComposeFile.load();

        assertThat(compose.service("db").get("image")).asString().startsWith("mariadb:11");
        assertThat(compose.service("db").get("volumes")).asList().contains("portal-db:/var/lib/mysql");
        assertThat(compose.root.get("volumes"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKey("portal-db");
        assertThat(compose.service("portal").get("build"))
                .isEqualTo(Map.of("context", "..", "dockerfile", "docker/Dockerfile"));
    }

    @Test
    void both_services_have_health_checks_and_the_portal_waits_for_a_healthy_database() throws Exception {
        ComposeFile compose = ComposeFile.load();

        for (String service : List.of("db", "portal")) {
            assertThat(compose.service(service).get("healthcheck"))
                    .as(service)
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsKeys("test", "interval");
        }
        assertThat(compose.service("portal").get("depends_on"))
                .isEqualTo(Map.of("db", Map.of("condition", "service_healthy")));
        assertThat(healthTest(compose, "portal")).containsExactly("CMD", "/app/healthcheck.sh");
        assertThat(Path.of("docker", "healthcheck.sh")).isExecutable();
    }

    @Test
    void no_secret_is_written_in_the_compose_file_and_missing_ones_stop_it_with_a_message() throws Exception {
        ComposeFile compose = ComposeFile.load();
        Pattern secretName = Pattern.compile("PASSWORD|SECRET|TOKEN|KEY");

        for (String service : List.of("db", "portal")) {
            compose.rawEnvironment(service).forEach((name, value) -> {
                if (secretName.matcher(name).find()) {
                    assertThat(value).as(service + " " + name).matches("\\$\\{[A-Z_]+(:\\?[^}]*|:-)?}");
                }
            });
        }
        assertThatThrownBy(() -> compose.environment("db", Map.of())).hasMessageContaining("PORTAL_DB_PASSWORD");
        assertThatThrownBy(() -> compose.environment("portal", Map.of())).hasMessageContaining("PORTAL_DB_PASSWORD");
    }

    @Test
    void the_portal_connects_to_the_database_the_db_service_creates_with_the_same_account() throws Exception {
        ComposeFile compose = ComposeFile.load();
        Map<String, String> db = compose.environment("db", SECRETS);
        Map<String, String> portal = compose.environment("portal", SECRETS);

        assertThat(portal.get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:mariadb://db:3306/" + db.get("MARIADB_DATABASE"));
        assertThat(portal.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(db.get("MARIADB_USER"));
        assertThat(portal.get("SPRING_DATASOURCE_PASSWORD"))
                .isEqualTo(db.get("MARIADB_PASSWORD"))
                .isEqualTo("db-secret");
        assertThat(db.get("MARIADB_ROOT_PASSWORD")).isEqualTo("root-secret");
    }

    @Test
    void the_operator_settings_are_environment_variables_with_safe_defaults() throws Exception {
        Map<String, String> portal = ComposeFile.load().environment("portal", SECRETS);

        assertThat(portal)
                .containsKeys(
                        "PORTAL_ADMIN_TENANT",
                        "PORTAL_ADMIN_USERNAME",
                        "PORTAL_ADMIN_PASSWORD",
                        "SERVER_SERVLET_CONTEXTPATH",
                        "LOGGING_STRUCTURED_FORMAT_CONSOLE",
                        "PORTAL_READDATASOURCE_URL");
        assertThat(portal.get("PORTAL_ADMIN_PASSWORD")).isEmpty();
        assertThat(portal.get("PORTAL_READDATASOURCE_URL")).isEmpty();
        assertThat(portal.get("LOGGING_STRUCTURED_FORMAT_CONSOLE")).isEqualTo("ecs");

        Map<String, String> variables = new HashMap<>(SECRETS);
        variables.put("PORTAL_LOG_FORMAT", "");
        variables.put("PORTAL_CONTEXT_PATH", "/portal");
        Map<String, String> chosen = ComposeFile.load().environment("portal", variables);
        assertThat(chosen.get("LOGGING_STRUCTURED_FORMAT_CONSOLE"))
                .as("plain text logs on request")
                .isEmpty();
        assertThat(chosen.get("SERVER_SERVLET_CONTEXTPATH")).isEqualTo("/portal");
    }

    @Test
    void only_the_portal_port_is_published_and_by_default_on_loopback_for_a_reverse_proxy() throws Exception {
        ComposeFile compose = ComposeFile.load();

        assertThat(compose.service("db")).doesNotContainKey("ports");
        List<?> ports = (List<?>) compose.service("portal").get("ports");
        assertThat(ports).hasSize(1);
        String published = ComposeFile.interpolate(String.valueOf(ports.get(0)), Map.of());
        assertThat(published).isEqualTo("127.0.0.1:8080:8080");
        assertThat(compose.service("portal").get("expose")).asList().containsExactly("8081");
    }

    @Test
    void compose_interpolation_follows_the_compose_rules() {
        assertThat(ComposeFile.interpolate("${A:-x}/${B-y}/${C}/$${D}", Map.of("B", "")))
                .isEqualTo("x//" + "/${D}");
        assertThat(ComposeFile.interpolate("${A:-x}", Map.of("A", "set"))).isEqualTo("set");
        assertThatThrownBy(() -> ComposeFile.interpolate("${A:?tell me}", Map.of("A", "")))
                .hasMessageContaining("A")
                .hasMessageContaining("tell me");
    }

    @Test
    void the_image_is_built_in_one_stage_and_runs_on_a_java_17_runtime_as_a_non_root_user() throws Exception {
        Dockerfile dockerfile = Dockerfile.load();

        assertThat(dockerfile.stages()).hasSizeGreaterThanOrEqualTo(2);
        String build = String.join("\n", dockerfile.stages().get(0));
        assertThat(build).contains("./mvnw").contains(" package").contains("openjdk-17-jdk");
        Matcher profiles = Pattern.compile("-P\\s*([\\w,-]+)").matcher(build);
        String pom = Files.readString(Path.of("pom.xml"));
        while (profiles.find()) {
            for (String profile : profiles.group(1).split(",")) {
                assertThat(pom).as("profile " + profile + " exists in pom.xml").contains("<id>" + profile + "</id>");
            }
        }
        List<String> run = dockerfile.finalStage();
        assertThat(Dockerfile.last(run, "FROM")).startsWith("eclipse-temurin:17-jre");
        String user = Dockerfile.last(run, "USER");
        assertThat(user.split(":")[0]).isNotIn("root", "0");
        assertThat(dockerfile.entrypoint()).startsWith("java").endsWith("-jar", "/app/portal.jar");
        assertThat(Dockerfile.last(run, "HEALTHCHECK")).contains("/app/healthcheck.sh");
        assertThat(run).anyMatch(i -> i.startsWith("COPY ") && i.contains("docker/healthcheck.sh /app/healthcheck.sh"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthTest(ComposeFile compose, String service) {
        return (List<String>) ((Map<String, Object>) compose.service(service).get("healthcheck")).get("test");
    }
}
