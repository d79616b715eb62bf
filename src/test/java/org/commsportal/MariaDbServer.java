package org.commsportal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A MariaDB server from the machine's Debian {@code mariadb-server} package, started in a temporary data directory
 * on loopback and a free port: the "separately started" database of the deployment tests. Statements run as root
 * through its Unix socket with the {@code mariadb} client, as an operator would set it up. Required when
 * {@code CI=true} or {@code -Dmariadb.tests.required=true}; otherwise a machine without the package skips those
 * tests with a loud message.
 */
public final class MariaDbServer implements AutoCloseable {

    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    public static final Path CLIENT = Path.of("/usr/bin/mariadb");
    public static final Path DUMP = Path.of("/usr/bin/mariadb-dump");

    private final Path dir;
    private final int port;
    private final Process process;

    private MariaDbServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts a fresh server; extra mariadbd options such as {@code --server-id=1} come last. */
    public static MariaDbServer start(String... options) throws Exception {
        requireInstalled();
        Path dir = Files.createTempDirectory("portal-mariadb-");
        Path data = dir.resolve("data");
        List<String> install = new ArrayList<>(List.of(
                INSTALL_DB.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        install.addAll(asRoot());
        run(install, dir.resolve("install.log"), 120);

        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                MARIADBD.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mariadb.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"),
                "--log-error=" + dir.resolve("error.log"),
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--innodb-buffer-pool-size=64M"));
        command.addAll(asRoot());
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mariadbd.out").toFile())
                .start();
        var server = new MariaDbServer(dir, port, process);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.awaitReady();
        return server;
    }

    public static void requireInstalled() {
        if (Files.isExecutable(MARIADBD) && Files.isExecutable(INSTALL_DB) && Files.isExecutable(CLIENT)) {
            return;
        }
        String message = "\n!!!!!!!! MARIADB SERVER TESTS SKIPPED: " + MARIADBD + " is missing. "
                + "Install it with: apt-get install mariadb-server !!!!!!!!\n";
        if (Boolean.getBoolean("mariadb.tests.required") || "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        System.err.println(message);
        Assumptions.abort(message);
    }

    /** Runs statements as root and returns the client's tab-separated output without column names. */
    public String sql(String statements) throws Exception {
        Path log = Files.createTempFile(dir, "client", ".out");
        Path input = Files.writeString(Files.createTempFile(dir, "client", ".sql"), statements);
        Process client = new ProcessBuilder(
                        CLIENT.toString(),
                        "--no-defaults",
                        "--socket=" + socket(),
                        "-uroot",
                        "--batch",
                        "--skip-column-names")
                .redirectErrorStream(true)
                .redirectInput(input.toFile())
                .redirectOutput(log.toFile())
                .start();
        if (!client.waitFor(60, TimeUnit.SECONDS) || client.exitValue() != 0) {
            throw new IllegalStateException("mariadb client failed on: " + statements + "\n" + Files.readString(log));
        }
        return Files.readString(log).strip();
    }

    public int port() {
        return port;
    }

    public Path socket() {
        return dir.resolve("mariadb.sock");
    }

    public Path directory() {
        return dir;
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited:\n" + errorLog());
            }
            if (Files.exists(socket())) {
                try {
                    sql("SELECT 1");
                    return;
                } catch (IllegalStateException notYet) {
                    // still starting
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("mariadbd did not start in time:\n" + errorLog());
    }

    private String errorLog() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no error log)";
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // a temporary directory; the system cleans it eventually
        }
    }

    /** mariadbd and mariadb-install-db refuse to run as root unless told to. */
    private static List<String> asRoot() {
        return "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
    }

    private static void run(List<String> command, Path log, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
