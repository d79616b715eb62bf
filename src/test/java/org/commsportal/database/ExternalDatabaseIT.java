package org.commsportal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal as a separate process pointed at a MariaDB server by {@code spring.datasource.url}: the test
 * run's embedded server plays the external one.
 */
@PortalIntegrationTest
class ExternalDatabaseIT {

    @Autowired
    EmbeddedMariaDb server;

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_external_database_gets_the_schema_and_the_first_administrator_but_no_demo_data() throws Exception {
        String database = "external_" + System.nanoTime();
        jdbc.sql("CREATE DATABASE " + database).update();
        String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/" + database;

        Path log = Files.createTempFile("portal-external", ".log");
        Process portal = startPortal(
                log,
                url,
                server.rootPassword(),
                "--portal.admin.tenant=first.example",
                "--portal.admin.username=first.admin",
                "--portal.admin.password=a-long-enough-secret");
        try {
            waitFor(log, "Started Application", portal);
        } finally {
            portal.destroy();
            portal.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertThat(output).doesNotContain("Embedded MariaDB started").doesNotContain("demo accounts");
        assertThat(jdbc.sql("SELECT name FROM " + database + ".tenant")
                        .query(String.class)
                        .list())
                .containsExactly("first.example");
        assertThat(jdbc.sql("SELECT CONCAT(a.username, ':', r.role) FROM " + database + ".portal_account a JOIN "
                                + database + ".portal_account_role r ON r.account_id = a.id")
                        .query(String.class)
                        .list())
                .containsExactly("first.admin:GLOBAL_ADMIN");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM " + database + ".comm_session")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void an_unreachable_external_database_stops_the_portal_with_one_line_naming_the_url() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:mariadb://127.0.0.1:" + closedPort + "/portal";
        Path log = Files.createTempFile("portal-unreachable", ".log");

        Process portal = startPortal(log, url, server.rootPassword());

        assertThat(portal.waitFor(120, TimeUnit.SECONDS)).as("portal exited").isTrue();
        assertThat(portal.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).contains("Cannot connect to the database at " + url + ": ");
    }

    @Test
    void a_missing_external_database_stops_the_portal_with_one_line_naming_the_url() throws Exception {
        String url = "jdbc:mariadb://127.0.0.1:" + server.port() + "/no_such_database_" + System.nanoTime();
        Path log = Files.createTempFile("portal-missing", ".log");

        Process portal = startPortal(log, url, server.rootPassword());

        assertThat(portal.waitFor(120, TimeUnit.SECONDS)).as("portal exited").isTrue();
        assertThat(portal.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log))
                .contains("Cannot connect to the database at " + url + ": ")
                .contains("Unknown database");
    }

    private static Process startPortal(Path log, String url, String password, String... extraArguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.commsportal.Application",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=root",
                "--server.port=0",
                "--management.server.port=0",
                "--vaadin.launch-browser=false"));
        command.addAll(List.of(extraArguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", password);
        return builder.start();
    }

    private static void waitFor(Path log, String line, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("The portal exited:\n" + Files.readString(log));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The portal did not start in time:\n" + Files.readString(log));
    }
}
