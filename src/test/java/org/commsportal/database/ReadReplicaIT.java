package org.commsportal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.commsportal.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The portal, as a separate process (a second Spring context in the test JVM would replace Vaadin's global security
 * context strategy under the shared one), on a MariaDB primary with {@code portal.read-datasource.url} pointing at a
 * second server that replicates from it, both started here on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaIT {

    private static final String ADMIN = "replica.admin";
    private static final String PASSWORD = "replicated-secret-42";

    private final HttpClient http = HttpClient.newHttpClient();
    private MariaDbServer primary;
    private MariaDbServer replica;
    private Process portal;
    private Path log;
    private int port;
    private int managementPort;

    @BeforeAll
    void primaryReplicaAndPortal() throws Exception {
        primary = MariaDbServer.start("--server-id=1", "--log-bin=primary-bin", "--binlog-format=ROW");
        primary.sql("""
                CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'replication-secret';
                GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';
                CREATE DATABASE portal;
                CREATE USER 'portal'@'127.0.0.1' IDENTIFIED BY 'portal-secret';
                GRANT ALL PRIVILEGES ON portal.* TO 'portal'@'127.0.0.1';
                """);
        replica = MariaDbServer.start("--server-id=2", "--read-only");
        replica.sql("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                + ", MASTER_USER='repl', MASTER_PASSWORD='replication-secret', MASTER_USE_GTID=slave_pos;"
                + " START SLAVE;");

        port = MariaDbServer.freePort();
        managementPort = MariaDbServer.freePort();
        log = Files.createTempFile("portal-replica", ".log");
        portal = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.commsportal.Application",
                        "--spring.datasource.url=" + primary.jdbcUrl("portal"),
                        "--spring.datasource.username=portal",
                        "--spring.datasource.password=portal-secret",
                        "--portal.read-datasource.url=" + replica.jdbcUrl("portal"),
                        "--portal.admin.tenant=replica.example",
                        "--portal.admin.username=" + ADMIN,
                        "--portal.admin.password=" + PASSWORD,
                        "--server.port=" + port,
                        "--management.server.port=" + managementPort)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitStarted();
        awaitReplicaCaughtUp();
    }

    @AfterAll
    void stop() throws Exception {
        if (portal != null) {
            portal.destroy();
            portal.waitFor(30, TimeUnit.SECONDS);
        }
        for (MariaDbServer server : new MariaDbServer[] {replica, primary}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    void health_reports_the_primary_and_the_replica_pool() throws Exception {
        String health = send("http://127.0.0.1:" + managementPort + "/actuator/health", null)
                .body();

        assertThat(health)
                .contains(
                        "\"status\":\"UP\"",
                        "\"primaryDataSource\":{\"status\":\"UP\"",
                        "\"readDataSource\":{\"status\":\"UP\"");
    }

    @Test
    @Order(2)
    void reports_are_read_from_the_replica() throws Exception {
        // A day of activity that exists only on the replica: the counts report can only show it if it reads there.
        // (The per-user tables read the primary: they must see the period totals that their first read of a day
        // moves there, which a lagging replica may not have yet.)
        replica.sql("""
                INSERT INTO portal.tenant_daily_rollup (tenant_id, day, p2p_im)
                SELECT id, UTC_DATE() - INTERVAL 1 DAY, 42 FROM portal.tenant WHERE name = 'replica.example';
                """);
        assertThat(primary.sql("SELECT COUNT(*) FROM portal.tenant_daily_rollup"))
                .isEqualTo("0");

        HttpResponse<String> counts = send(
                "http://127.0.0.1:" + port
                        + "/v1.0/reports/getSkypeForBusinessPeerToPeerActivityCounts(period=%27D7%27)",
                PASSWORD);

        assertThat(counts.statusCode()).as(counts.body()).isEqualTo(200);
        List<String> rows =
                counts.body().lines().filter(line -> !line.isBlank()).toList();
        assertThat(rows).as("header and 7 days").hasSize(8);
        assertThat(rows.get(1)).as("the newest day, only on the replica").endsWith(",7,42,0,0,0,0");
    }

    @Test
    @Order(3)
    void sign_in_checks_count_failures_on_the_primary_even_while_the_replica_lags() throws Exception {
        replica.sql("STOP SLAVE");
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(send(apiRoot(), "wrong-password-" + i).statusCode()).isEqualTo(401);
            }
            assertThat(primary.sql("SELECT COUNT(*) FROM portal.audit_event WHERE action = 'SIGN_IN_FAILED'"))
                    .isEqualTo("5");
            assertThat(replica.sql("SELECT COUNT(*) FROM portal.audit_event WHERE action = 'SIGN_IN_FAILED'"))
                    .as("the replica has not seen them")
                    .isEqualTo("0");

            assertThat(send(apiRoot(), PASSWORD).statusCode())
                    .as("locked by the primary's count")
                    .isEqualTo(401);
        } finally {
            replica.sql("START SLAVE");
        }
    }

    private String apiRoot() {
        return "http://127.0.0.1:" + port + "/ecp/reportingwebservice/reporting.svc/";
    }

    private HttpResponse<String> send(String url, String password) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (password != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((ADMIN + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStarted() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && !Files.readString(log).contains("Started Application")) {
            if (!portal.isAlive()) {
                throw new AssertionError("The portal exited:\n" + Files.readString(log));
            }
            Thread.sleep(500);
        }
        assertThat(Files.readString(log)).contains("Started Application");
    }

    private void awaitReplicaCaughtUp() throws Exception {
        String position = primary.sql("SELECT @@gtid_binlog_pos");
        assertThat(replica.sql("SELECT MASTER_GTID_WAIT('" + position + "', 60)"))
                .as("replica caught up")
                .isEqualTo("0");
    }
}
