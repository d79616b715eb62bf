package org.commsportal.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.commsportal.MariaDbServer;
import org.commsportal.SignOutAfterEach;
import org.commsportal.TestTenants;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditEvent;
import org.commsportal.audit.AuditLog;
import org.commsportal.security.AccountService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The portal on a MariaDB primary with {@code portal.read-datasource.url} pointing at a second server that replicates
 * from it, both started here on loopback: read-only transactions read the replica, everything else uses the primary.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "portal.admin.tenant=replica.example", "portal.admin.username=replica.admin",
        "portal.admin.password=replicated-secret-42"})
@ActiveProfiles("test")
@DirtiesContext
@ExtendWith(SignOutAfterEach.class)
class ReadReplicaIT {

    private static final String PRIMARY_ID = "1";
    private static final String REPLICA_ID = "2";

    static MariaDbServer primary;
    static MariaDbServer replica;

    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired AuditLog auditLog;
    @Autowired AccountService accounts;
    @Autowired TestTenants testTenants;

    @BeforeAll
    static void mariaDbInstalled() {
        MariaDbServer.requireInstalled();
    }

    @DynamicPropertySource
    static void primaryAndReplica(DynamicPropertyRegistry registry) throws Exception {
        primary = MariaDbServer.start("--server-id=" + PRIMARY_ID, "--log-bin=primary-bin", "--binlog-format=ROW");
        primary.sql("""
                CREATE USER 'repl'@'127.0.0.1' IDENTIFIED BY 'replication-secret';
                GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1';
                CREATE DATABASE portal;
                CREATE USER 'portal'@'127.0.0.1' IDENTIFIED BY 'portal-secret';
                GRANT ALL PRIVILEGES ON portal.* TO 'portal'@'127.0.0.1';
                """);
        replica = MariaDbServer.start("--server-id=" + REPLICA_ID, "--read-only");
        replica.sql("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port()
                + ", MASTER_USER='repl', MASTER_PASSWORD='replication-secret', MASTER_USE_GTID=slave_pos;"
                + " START SLAVE;");
        awaitReplicaCaughtUp();
        registry.add("spring.datasource.url", () -> primary.jdbcUrl("portal"));
        registry.add("spring.datasource.username", () -> "portal");
        registry.add("spring.datasource.password", () -> "portal-secret");
        registry.add("portal.read-datasource.url", () -> replica.jdbcUrl("portal"));
    }

    @AfterAll
    static void stopServers() {
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void read_only_transactions_run_on_the_replica_and_everything_else_on_the_primary() {
        var readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        var readWrite = new TransactionTemplate(transactionManager);

        String readOnlyServer = readOnly.execute(status -> serverId());
        String readWriteServer = readWrite.execute(status -> serverId());

        assertThat(readOnlyServer).isEqualTo(REPLICA_ID);
        assertThat(readWriteServer).isEqualTo(PRIMARY_ID);
        assertThat(serverId()).as("outside a transaction").isEqualTo(PRIMARY_ID);
    }

    @Test
    void report_reads_see_the_replica_while_writes_and_sign_in_checks_see_the_primary() throws Exception {
        awaitReplicaCaughtUp();
        testTenants.signIn("replica.admin");
        long tenantId = jdbc.sql("SELECT id FROM tenant WHERE name = 'replica.example'").query(Long.class).single();
        Instant since = Instant.now().minus(1, ChronoUnit.MINUTES);
        replica.sql("STOP SLAVE");
        try {
            auditLog.record(AuditAction.SETTING_CHANGED, "written while the replica waits");
            auditLog.record(tenantId, "replica.admin", AuditAction.SIGN_IN_FAILED, "bad password", "127.0.0.1");

            assertThat(auditLog.newestFirst(100)).extracting(AuditEvent::detail)
                    .doesNotContain("written while the replica waits");
            assertThat(auditLog.failedSignInsOf("replica.admin", since)).as("sign-in throttle reads the primary")
                    .isEqualTo(1);
            assertThat(accounts.stillEnabled("replica.admin")).isTrue();
        } finally {
            replica.sql("START SLAVE");
        }
        awaitReplicaCaughtUp();

        assertThat(auditLog.newestFirst(100)).extracting(AuditEvent::detail)
                .contains("written while the replica waits");
    }

    private String serverId() {
        return String.valueOf(jdbc.sql("SELECT @@server_id").query(Long.class).single());
    }

    private static void awaitReplicaCaughtUp() throws Exception {
        String position = primary.sql("SELECT @@gtid_binlog_pos");
        assertThat(replica.sql("SELECT MASTER_GTID_WAIT('" + position + "', 60)")).as("replica caught up").isEqualTo("0");
    }
}
