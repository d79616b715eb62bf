package org.commsportal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

/** The embedded server keeps its data across restarts, even in a checkout under the system temp directory. */
class EmbeddedMariaDbIT {

    @Test
    void rows_written_before_a_restart_are_there_after_it_even_under_the_temp_directory() throws Exception {
        Path dataDir = Files.createTempDirectory("portal-restart").resolve("mariadb");
        Path baseDir = Path.of("target", "it-mariadb", "restart-server");

        EmbeddedMariaDb first = EmbeddedMariaDb.start(dataDir, baseDir, "portal", "64M");
        try (var connection = DriverManager.getConnection(first.jdbcUrl("portal"), "root", "")) {
            connection.createStatement().execute("CREATE TABLE kept (id INT PRIMARY KEY)");
            connection.createStatement().execute("INSERT INTO kept VALUES (42)");
        } finally {
            first.stop();
        }

        EmbeddedMariaDb second = EmbeddedMariaDb.start(dataDir, baseDir, "portal", "64M");
        try (var connection = DriverManager.getConnection(second.jdbcUrl("portal"), "root", "");
                var rows = connection.createStatement().executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        } finally {
            second.stop();
        }
    }
}
