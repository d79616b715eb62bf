package org.commsportal.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.commsportal.MariaDbServer;

/**
 * The packaged jar under {@code -Xmx512m}, on a database of its own in a MariaDB server started for it, with its
 * first administrator from the environment, as docs/operations.md deploys it; healthy when started.
 */
final class PackagedPortal implements AutoCloseable {

    final MariaDbServer db;
    final int port;
    final int management;
    final Path log;
    private final Process process;

    private PackagedPortal(MariaDbServer db, Process process, int port, int management, Path log) {
        this.db = db;
        this.process = process;
        this.port = port;
        this.management = management;
        this.log = log;
    }

    static PackagedPortal start(String tenant, String admin, String adminPassword) throws Exception {
        MariaDbServer db = MariaDbServer.start();
        try {
            db.sql("""
                    CREATE DATABASE portal CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
                    CREATE USER 'portal'@'127.0.0.1' IDENTIFIED BY 'packaged-db-secret';
                    GRANT ALL PRIVILEGES ON portal.* TO 'portal'@'127.0.0.1';""");
            int port = MariaDbServer.freePort();
            int management = MariaDbServer.freePort();
            Path log = Files.createTempFile("packaged-portal", ".log");
            var command = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx512m",
                            "-jar",
                            jar().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            command.environment()
                    .putAll(Map.of(
                            "SPRING_DATASOURCE_URL",
                            db.jdbcUrl("portal"),
                            "SPRING_DATASOURCE_USERNAME",
                            "portal",
                            "SPRING_DATASOURCE_PASSWORD",
                            "packaged-db-secret",
                            "PORTAL_ADMIN_TENANT",
                            tenant,
                            "PORTAL_ADMIN_USERNAME",
                            admin,
                            "PORTAL_ADMIN_PASSWORD",
                            adminPassword,
                            "PORT",
                            String.valueOf(port),
                            "MANAGEMENT_SERVER_PORT",
                            String.valueOf(management)));
            var portal = new PackagedPortal(db, command.start(), port, management, log);
            portal.awaitHealthy();
            return portal;
        } catch (Exception | AssertionError e) {
            db.close();
            throw e;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void awaitHealthy() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The portal exited:\n" + Files.readString(log));
            }
            try {
                var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build();
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            Thread.sleep(500);
        }
        process.destroy();
        throw new AssertionError("The portal did not become healthy in time:\n" + Files.readString(log));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
        db.close();
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("comms-usage-portal-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no packaged jar in target/: run ./mvnw verify"));
        }
    }
}
