package org.commsportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The command line's import and verify-rollups, against MariaDB. */
@PortalIntegrationTest
class IngestCommandsIT {

    @Autowired
    IngestCommands commands;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path files;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void a_file_of_users_and_sessions_is_imported_in_batches_and_the_rollups_verify() throws Exception {
        Tenant tenant = testTenants.newTenant("import");
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
        Path users = Files.writeString(files.resolve("users.json"), """
                [{"upn":"ann@%1$s","alias":"ann","displayName":"Ann","licensedFrom":"2025-01-01"},
                 {"upn":"bob@%1$s","alias":"bob","displayName":"Bob","licensedFrom":"2025-01-01"}]""".formatted(tenant.name()));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            lines.add(("{\"dialogId\":\"file-%d\",\"startTime\":\"%sT10:00:00Z\",\"endTime\":\"%sT10:01:00Z\","
                            + "\"fromUri\":\"sip:%s@%s\",\"toUri\":\"sip:bob@%s\",\"media\":[{\"type\":\"%s\",\"durationMs\":60000}]}")
                    .formatted(
                            i % 2_000,
                            day,
                            day,
                            i % 3 == 0 ? "ann" : "carol",
                            tenant.name(),
                            tenant.name(),
                            i % 2 == 0 ? "IM" : "AUDIO"));
        }
        Path sessions = Files.write(files.resolve("sessions.ndjson"), lines);

        assertThat(run("import", "users", users.toString(), "--tenant=" + tenant.name()))
                .isZero();
        assertThat(run("import", "sessions", sessions.toString(), "--tenant=" + tenant.name()))
                .isZero();

        assertThat(output()).contains("Imported 2 users", "Imported 2345 sessions (345 replaced)");
        assertThat(count(tenant, "comm_session")).isEqualTo(2_000); // file-0 .. file-1999, the later copies won
        assertThat(RollupRecomputation.normalized(RollupRecomputation.storedUserRollups(jdbc, tenant.id())))
                .isEqualTo(
                        RollupRecomputation.normalized(RollupRecomputation.recomputedUserRollups(jdbc, tenant.id())));
        assertThat(run("verify-rollups", "--tenant=" + tenant.name())).isZero();
        assertThat(output()).contains(tenant.name() + ": rollups equal a recomputation from raw sessions.");
    }

    @Test
    void a_file_with_a_bad_record_imports_nothing_and_names_the_record() throws Exception {
        Tenant tenant = testTenants.newTenant("bad-file");
        Path sessions = Files.writeString(files.resolve("bad.ndjson"), """
                {"dialogId":"good","startTime":"2026-11-01T10:00:00Z","endTime":"2026-11-01T10:01:00Z","fromUri":"sip:a@x.test","media":[{"type":"IM"}]}
                {"dialogId":"bad","startTime":"2026-11-01T10:00:00Z","endTime":"2026-11-01T09:01:00Z","fromUri":"sip:a@x.test","media":[{"type":"IM"}]}
                not json at all
                """);

        assertThat(run("import", "sessions", sessions.toString(), "--tenant=" + tenant.name()))
                .isEqualTo(2);

        assertThat(output())
                .contains(
                        "record 1, endTime: is before startTime",
                        "record 2, record: not valid JSON",
                        "2 problem(s) in 3 records; nothing was imported.");
        assertThat(count(tenant, "comm_session")).isZero();
    }

    @Test
    void verify_rollups_reports_a_tampered_rollup_and_fails() throws Exception {
        Tenant tenant = testTenants.newTenant("tamper");
        Path users = Files.writeString(files.resolve("u.json"), """
                [{"upn":"ann@%s","alias":"ann","displayName":"Ann","licensedFrom":"2025-01-01"}]""".formatted(tenant.name()));
        Path sessions = Files.writeString(files.resolve("s.ndjson"), """
                {"dialogId":"t1","startTime":"2026-11-01T10:00:00Z","endTime":"2026-11-01T10:01:00Z","fromUri":"sip:ann@%s","toUri":"sip:z@y.test","media":[{"type":"IM"}]}
                """.formatted(tenant.name()));
        run("import", "users", users.toString(), "--tenant=" + tenant.name());
        run("import", "sessions", sessions.toString(), "--tenant=" + tenant.name());
        jdbc.sql("UPDATE user_daily_rollup SET p2p_audio = 7 WHERE tenant_id = :t")
                .param("t", tenant.id())
                .update();

        assertThat(run("verify-rollups", "--tenant=" + tenant.name())).isEqualTo(3);
        assertThat(output())
                .contains(
                        "user_daily_rollup user ",
                        " day 2026-11-01: stored 1/7/0/0/0/0/0/0, recomputed 1/0/0/0/0/0/0/0");
        assertThat(run("import", "sessions", "x", "--tenant=no-such-tenant.test"))
                .isEqualTo(1);
        assertThat(run("bogus")).isEqualTo(1);
        assertThat(output()).contains("No tenant named no-such-tenant.test", "Usage:");
    }

    private int run(String... args) {
        return commands.execute(List.of(args), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private long count(Tenant tenant, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }
}
