package org.commsportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.commsportal.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The jar that docker/Dockerfile packages, started with the Dockerfile's ENTRYPOINT and the environment that
 * docker/compose.yaml gives the portal container, against a separately started MariaDB server set up as the compose
 * file's db service sets it up. Only the two listening ports differ from the container: this machine is shared, so
 * they are free ones instead of 8080 and 8081.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedPortalIT {

    private static final String CONTEXT_PATH = "/portal";
    private static final String ADMIN_TENANT = "operator.example";
    private static final String ADMIN = "first.admin";
    private static final String ADMIN_PASSWORD = "operator-chosen-secret-42";

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper json = new ObjectMapper();

    private MariaDbServer db;
    private Process portal;
    private Path log;
    private int port;
    private int managementPort;
    private Map<String, String> dbEnvironment;

    @BeforeAll
    void startDatabaseAndPortal() throws Exception {
        db = MariaDbServer.start();
        Map<String, String> variables = new HashMap<>(Map.of(
                "PORTAL_DB_HOST",
                "127.0.0.1",
                "PORTAL_DB_PORT",
                String.valueOf(db.port()),
                "PORTAL_DB_PASSWORD",
                "db-secret-" + System.nanoTime(),
                "PORTAL_DB_ROOT_PASSWORD",
                "unused-here",
                "PORTAL_ADMIN_TENANT",
                ADMIN_TENANT,
                "PORTAL_ADMIN_USERNAME",
                ADMIN,
                "PORTAL_ADMIN_PASSWORD",
                ADMIN_PASSWORD,
                "PORTAL_CONTEXT_PATH",
                CONTEXT_PATH,
                "PORTAL_MANAGEMENT_ADDRESS",
                "127.0.0.1",
                "PORTAL_TRUSTED_PROXIES",
                "127\\.0\\.0\\.1"));
        ComposeFile compose = ComposeFile.load();
        dbEnvironment = compose.environment("db", variables);
        createDatabaseAsTheMariaDbImageDoes(dbEnvironment);

        Map<String, String> environment = new HashMap<>(compose.environment("portal", variables));
        port = MariaDbServer.freePort();
        managementPort = MariaDbServer.freePort();
        environment.put("PORT", String.valueOf(port));
        environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        environment.put("PATH", System.getenv("PATH"));
        environment.put("HOME", Files.createTempDirectory("portal-home").toString());

        log = Files.createTempFile("packaged-portal", ".log");
        var command = new ProcessBuilder(entrypoint()).redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().clear();
        command.environment().putAll(environment);
        portal = command.start();
        awaitHealthy();
    }

    @AfterAll
    void stop() throws Exception {
        if (portal != null) {
            portal.destroy();
            portal.waitFor(30, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void the_health_endpoint_on_the_management_port_reports_the_portal_and_its_database_up() throws Exception {
        HttpResponse<String> health = get(managementPort, "/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode())
                .isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health/liveness").statusCode())
                .isEqualTo(200);
    }

    @Test
    void the_containers_health_check_script_passes() throws Exception {
        var check =
                new ProcessBuilder("bash", Path.of("docker", "healthcheck.sh").toString()).redirectErrorStream(true);
        check.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        check.environment().put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        Process process = check.start();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(new String(process.getInputStream().readAllBytes()))
                .isZero();
    }

    @Test
    void the_first_administrator_from_the_environment_signs_in_under_the_context_path() throws Exception {
        HttpResponse<String> loginPage = get(port, CONTEXT_PATH + "/login");
        assertThat(loginPage.statusCode()).isEqualTo(200);

        HttpResponse<String> signedIn = postLogin(ADMIN, ADMIN_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(location ->
                        assertThat(location).contains(CONTEXT_PATH + "/").doesNotContain("error"));
        String session = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";", 2)[0])
                .findFirst()
                .orElseThrow();
        assertThat(get(port, CONTEXT_PATH + "/admin/settings", Map.of("Cookie", session))
                        .statusCode())
                .isEqualTo(200);
        assertThat(get(port, CONTEXT_PATH + "/admin/settings").statusCode())
                .as("anonymous")
                .isEqualTo(302);

        assertThat(postLogin(ADMIN, "not-" + ADMIN_PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
    }

    @Test
    void no_demo_data_or_demo_account_is_created_in_the_external_database() throws Exception {
        String database = dbEnvironment.get("MARIADB_DATABASE");
        assertThat(db.sql("SELECT name FROM " + database + ".tenant")).isEqualTo(ADMIN_TENANT);
        assertThat(db.sql("SELECT username FROM " + database + ".portal_account"))
                .isEqualTo(ADMIN);
        assertThat(db.sql("SELECT COUNT(*) FROM " + database + ".comm_session")).isEqualTo("0");
    }

    @Test
    void the_public_port_serves_no_actuator_endpoint() throws Exception {
        for (String path : List.of(
                "/actuator/health",
                "/actuator/prometheus",
                CONTEXT_PATH + "/actuator/health",
                CONTEXT_PATH + "/actuator/prometheus")) {
            HttpResponse<String> response = get(port, path);
            assertThat(response.statusCode()).as(path).isNotEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("\"status\"").doesNotContain("# TYPE");
        }
    }

    @Test
    void prometheus_metrics_include_request_timings_and_the_portals_own_meters() throws Exception {
        get(port, CONTEXT_PATH + "/login");
        // A request's timing is recorded when its filter chain unwinds, just after the client has the response.
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
        for (int attempt = 0;
                attempt < 50 && !metrics.body().contains("http_server_requests_seconds_bucket");
                attempt++) {
            Thread.sleep(100);
            metrics = get(managementPort, "/actuator/prometheus");
        }

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains(
                        "http_server_requests_seconds_bucket",
                        "portal_exports_total",
                        "portal_ingest_sessions_total",
                        "portal_ui_active",
                        "hikaricp_connections_active",
                        "application=\"comms-usage-portal\"");
    }

    @Test
    void behind_a_tls_proxy_the_session_cookie_is_secure() throws Exception {
        HttpResponse<String> response = get(port, CONTEXT_PATH + "/login", Map.of("X-Forwarded-Proto", "https"));

        assertThat(response.headers().allValues("Set-Cookie"))
                .filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement()
                .asString()
                .contains("Secure", "Path=" + CONTEXT_PATH);
    }

    @Test
    void logs_are_structured_json_lines() throws Exception {
        List<String> lines = Files.readAllLines(log).stream()
                .filter(line -> line.startsWith("{"))
                .toList();

        assertThat(lines).isNotEmpty();
        JsonNode started = null;
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertThat(event.has("@timestamp")).as(line).isTrue();
            if (event.path("message").asText().startsWith("Started Application")) {
                started = event;
            }
        }
        assertThat(started).as("the start-up event").isNotNull();
        assertThat(started.path("log").path("level").asText()).isEqualTo("INFO");
    }

    @Test
    void the_documented_backup_restores_into_an_empty_database_with_every_row() throws Exception {
        String database = dbEnvironment.get("MARIADB_DATABASE");
        Path dump = db.directory().resolve("portal-backup.sql");
        // docs/operations.md: mariadb-dump --single-transaction --routines --triggers --events <database>
        Process backup = new ProcessBuilder(
                        MariaDbServer.DUMP.toString(),
                        "--no-defaults",
                        "--socket=" + db.socket(),
                        "-uroot",
                        "--single-transaction",
                        "--routines",
                        "--triggers",
                        "--events",
                        database)
                .redirectOutput(dump.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(backup.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(backup.exitValue()).isZero();

        db.sql("CREATE DATABASE restored");
        Process restore = new ProcessBuilder(
                        MariaDbServer.CLIENT.toString(),
                        "--no-defaults",
                        "--socket=" + db.socket(),
                        "-uroot",
                        "restored")
                .redirectInput(dump.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertThat(restore.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(restore.exitValue()).isZero();

        List<String> tables = Arrays.asList(db.sql("SELECT table_name FROM information_schema.tables WHERE "
                        + "table_schema = '" + database + "' ORDER BY table_name")
                .split("\n"));
        assertThat(tables).contains("tenant", "portal_account", "audit_event", "DATABASECHANGELOG");
        for (String table : tables) {
            assertThat(db.sql("CHECKSUM TABLE restored." + table).split("\t")[1])
                    .as(table)
                    .isEqualTo(
                            db.sql("CHECKSUM TABLE " + database + "." + table).split("\t")[1]);
        }
    }

    private void createDatabaseAsTheMariaDbImageDoes(Map<String, String> environment) throws Exception {
        String user = environment.get("MARIADB_USER");
        db.sql("CREATE DATABASE `" + environment.get("MARIADB_DATABASE") + "`;\n"
                + "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + environment.get("MARIADB_PASSWORD")
                + "';\n"
                + "GRANT ALL PRIVILEGES ON `" + environment.get("MARIADB_DATABASE") + "`.* TO '" + user
                + "'@'127.0.0.1';");
    }

    /** The Dockerfile's ENTRYPOINT with this machine's java and the jar the build just packaged. */
    private static List<String> entrypoint() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("comms-usage-portal-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no packaged jar in target/: run ./mvnw verify"));
        }
        List<String> command = new ArrayList<>();
        for (String word : Dockerfile.load().entrypoint()) {
            command.add(
                    switch (word) {
                        case "java" ->
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString();
                        case "/app/portal.jar" -> jar.toString();
                        default -> word;
                    });
        }
        return command;
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!portal.isAlive()) {
                throw new AssertionError("The portal exited:\n" + Files.readString(log));
            }
            try {
                if (get(managementPort, "/actuator/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The portal did not become healthy in time:\n" + Files.readString(log));
    }

    private HttpResponse<String> get(int targetPort, String path) throws Exception {
        return get(targetPort, path, Map.of());
    }

    private HttpResponse<String> get(int targetPort, String path, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + path))
                .timeout(Duration.ofSeconds(20))
                .GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postLogin(String username, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CONTEXT_PATH + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
