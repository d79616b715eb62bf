package org.commsportal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@PortalIntegrationTest
class AuditLogIT {

    private static final Instant T0 = Instant.parse("2026-03-29T00:30:00Z"); // the night Berlin moves to summer time

    @Autowired
    AuditLog auditLog;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void filters_by_actor_action_and_time_match_an_independent_selection() {
        Tenant tenant = testTenants.newTenant("filters");
        Tenant other = testTenants.newTenant("other");
        for (int i = 0; i < 40; i++) {
            String actor = i % 3 == 0 ? "alice_admin" : i % 3 == 1 ? "bob%reader" : "carol";
            AuditAction action = AuditAction.values()[i % AuditAction.values().length];
            insert(tenant, T0.plusSeconds(i * 900L), actor, action);
            insert(other, T0.plusSeconds(i * 900L), actor, action);
        }
        testTenants.signInAs(tenant, Role.GLOBAL_READER);

        for (AuditQuery query : List.of(
                new AuditQuery("alice", null, null, null),
                new AuditQuery("b%r", null, null, null), // % is a literal, not a wildcard
                new AuditQuery("", AuditAction.EXPORT, null, null),
                new AuditQuery("", null, T0.plusSeconds(3600), T0.plusSeconds(4 * 3600)),
                new AuditQuery("CAROL", AuditAction.SIGN_IN_FAILED, T0, T0.plusSeconds(40 * 900)))) {
            List<Long> expected = independentSelection(tenant, query);
            List<Long> shown = new ArrayList<>();
            for (int offset = 0; offset < expected.size() + 7; offset += 7) {
                auditLog.page(query, offset, 7).forEach(event -> shown.add(event.id()));
            }
            assertThat(shown).as(query.toString()).isEqualTo(expected);
            assertThat(auditLog.count(query)).as(query.toString()).isEqualTo(expected.size());
        }
        assertThat(independentSelection(tenant, new AuditQuery("b%r", null, null, null)))
                .isNotEmpty();
        assertThat(auditLog.count(AuditQuery.ALL)).isEqualTo(40 + 1); // + the reader's account creation
    }

    @Test
    void the_export_holds_every_matching_event_with_times_in_the_viewers_zone_and_is_audited() throws Exception {
        Tenant tenant = testTenants.newTenant("export");
        for (int i = 0; i < 1203; i++) {
            insert(tenant, T0.plusSeconds(i * 10L), "=cmd|' /C calc'!A0", AuditAction.SIGN_IN_FAILED);
        }
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        var query = new AuditQuery("", AuditAction.SIGN_IN_FAILED, null, null);
        var out = new ByteArrayOutputStream();
        List<Long> progress = new ArrayList<>();

        long rows = auditLog.export(query, ExportFormat.CSV, out, ZoneId.of("Europe/Berlin"), progress::add);

        assertThat(rows).isEqualTo(1203);
        List<String> lines = new String(out.toByteArray(), StandardCharsets.UTF_8)
                .substring(1)
                .lines()
                .toList();
        assertThat(lines.get(0)).isEqualTo("Time (Europe/Berlin),Actor,Action,Detail,Address");
        assertThat(lines).hasSize(1204);
        assertThat(lines.get(lines.size() - 1)).startsWith("2026-03-29T01:30:00,'=cmd");
        assertThat(lines.get(1)).startsWith("2026-03-29T05:50:20,"); // newest first, in summer time
        assertThat(progress).last().isEqualTo(1203L);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :id AND action = 'EXPORT'")
                        .param("id", tenant.id())
                        .query(String.class)
                        .single())
                .contains("audit log as CSV", "1203 rows");
    }

    @Test
    void only_global_administrators_and_global_readers_read_the_audit_log() {
        Tenant tenant = testTenants.newTenant("roles");
        for (Role role : Role.values()) {
            testTenants.signInAs(tenant, role);
            if (role == Role.GLOBAL_ADMIN || role == Role.GLOBAL_READER) {
                assertThat(auditLog.count(AuditQuery.ALL)).as(role.name()).isPositive();
            } else {
                assertThatThrownBy(() -> auditLog.count(AuditQuery.ALL))
                        .as(role.name())
                        .isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> auditLog.page(AuditQuery.ALL, 0, 10))
                        .as(role.name())
                        .isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> auditLog.export(
                                AuditQuery.ALL,
                                ExportFormat.CSV,
                                new ByteArrayOutputStream(),
                                ZoneOffset.UTC,
                                rows -> {}))
                        .as(role.name())
                        .isInstanceOf(AccessDeniedException.class);
            }
        }
    }

    @Test
    void a_time_range_that_ends_before_it_starts_is_refused() {
        assertThatThrownBy(() -> new AuditQuery("", null, T0, T0))
                .hasMessage("The end of the time range must be after its start.");
    }

    private void insert(Tenant tenant, Instant at, String actor, AuditAction action) {
        jdbc.sql("""
                INSERT INTO audit_event (tenant_id, occurred_at, actor, action, detail)
                VALUES (:tenant, :at, :actor, :action, 'test event')
                """)
                .param("tenant", tenant.id())
                .param("at", LocalDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("actor", actor)
                .param("action", action.name())
                .update();
    }

    /** The same selection done in Java over all of the tenant's rows. */
    private List<Long> independentSelection(Tenant tenant, AuditQuery query) {
        record Row(long id, LocalDateTime at, String actor, String action) {}
        return jdbc
                .sql("SELECT id, occurred_at, actor, action FROM audit_event WHERE tenant_id = :id")
                .param("id", tenant.id())
                .query((rs, n) ->
                        new Row(rs.getLong(1), rs.getObject(2, LocalDateTime.class), rs.getString(3), rs.getString(4)))
                .list()
                .stream()
                .filter(r ->
                        r.actor().toLowerCase().contains(query.actorContains().toLowerCase()))
                .filter(r -> query.action() == null
                        || r.action().equals(query.action().name()))
                .filter(r -> query.from() == null
                        || !r.at().toInstant(ZoneOffset.UTC).isBefore(query.from()))
                .filter(r ->
                        query.to() == null || r.at().toInstant(ZoneOffset.UTC).isBefore(query.to()))
                .sorted(java.util.Comparator.comparing(Row::at)
                        .thenComparing(Row::id)
                        .reversed())
                .map(Row::id)
                .toList();
    }
}
