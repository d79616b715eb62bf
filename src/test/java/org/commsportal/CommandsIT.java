package org.commsportal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.commsportal.database.EmbeddedMariaDb;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The command line's commands share the machine with a running portal: they never open a port. The command runs in
 * its own JVM, as an operator would start it, against the test run's database.
 */
@PortalIntegrationTest
class CommandsIT {

    @Autowired
    TestTenants testTenants;

    @Autowired
    EmbeddedMariaDb database;

    @Autowired
    JdbcClient jdbc;

    @Test
    void verify_rollups_runs_while_the_web_and_management_ports_are_taken_even_when_set_explicitly() throws Exception {
        Tenant tenant = testTenants.newTenant("command");
        String schema = jdbc.sql("SELECT DATABASE()").query(String.class).single();
        Path output = Files.createTempFile("command", ".log");
        try (var web = new ServerSocket(0);
                var management = new ServerSocket(0)) {
            // as PORT / MANAGEMENT_SERVER_PORT of a portal running on the same machine would set them
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Dserver.port=" + web.getLocalPort(),
                            "-Dmanagement.server.port=" + management.getLocalPort(),
                            "-cp",
                            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                            Application.class.getName(),
                            "verify-rollups",
                            "--tenant=" + tenant.name(),
                            "--spring.datasource.url=" + database.jdbcUrl(schema),
                            "--spring.datasource.username=" + EmbeddedMariaDb.ROOT_USER))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("SPRING_DATASOURCE_PASSWORD", database.rootPassword());
            Process command = builder.start();

            assertThat(command.waitFor(180, TimeUnit.SECONDS)).as("finished").isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(command.exitValue()).as(printed).isZero();
            assertThat(printed)
                    .contains(tenant.name() + ": rollups equal a recomputation from raw sessions.")
                    .doesNotContain("could not start");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
