package org.commsportal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.audit.AuditEvent;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.AuditQuery;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.Role;
import org.commsportal.sessiondetails.SearchForm;
import org.commsportal.sessiondetails.SessionDetailsService;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Audit entries about licensed users (a session search, a session details export, a peer-to-peer export filtered
 * on real names) hold no real name, and each reader of the audit log reads the subject as their own rights allow.
 */
@PortalIntegrationTest
class AuditSubjectIT {

    @Autowired
    SessionDetailsService sessionDetails;

    @Autowired
    ActivityService activity;

    @Autowired
    AuditLog auditLog;

    @Autowired
    TenantService tenants;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    private record Subject(long id, String upn, String alias, String pseudonym) {}

    @Test
    void the_audit_log_names_a_searched_and_exported_user_to_viewers_who_see_names_and_stores_only_its_pseudonym()
            throws Exception {
        Tenant contoso = tenants.findByName(DemoAccounts.CONTOSO).orElseThrow();
        Subject subject = jdbc.sql("""
                SELECT id, upn, alias, pseudonym FROM licensed_user WHERE tenant_id = :t ORDER BY id LIMIT 1
                """)
                .param("t", contoso.id())
                .query((rs, n) -> new Subject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
        String admin = testTenants.newAccount(contoso, Role.GLOBAL_ADMIN);
        String filter = subject.alias().substring(0, 4);

        testTenants.signIn(admin);
        var search = sessionDetails.search(
                new SearchForm(subject.id(), LocalDateTime.now(ZoneOffset.UTC).minusDays(30), null));
        sessionDetails.export(
                search,
                List.of(org.commsportal.sessiondetails.SessionColumn.values()),
                ExportFormat.CSV,
                new ByteArrayOutputStream(),
                rows -> {});
        activity.export(
                UserTableQuery.of(ReportPeriod.D30).withFilter(filter),
                List.of(UserActivityColumn.values()),
                ExportFormat.CSV,
                new ByteArrayOutputStream(),
                rows -> {});

        RealNames realNames = RealNames.of(jdbc, DemoAccounts.CONTOSO);
        List<String> stored = jdbc.sql(
                        "SELECT detail FROM audit_event WHERE actor = :a AND action <> 'ACCOUNT_CREATED' "
                                + "ORDER BY id")
                .param("a", admin)
                .query(String.class)
                .list();
        assertThat(stored).hasSize(3);
        assertThat(String.join("\n", stored)).doesNotContain(subject.upn(), "'" + filter + "'");
        assertThat(realNames.foundIn(String.join("\n", stored))).isEmpty();
        assertThat(stored.get(0)).startsWith("session details of " + subject.pseudonym() + " from ");
        assertThat(stored.get(1)).startsWith("exported session details of " + subject.pseudonym() + " from ");
        assertThat(stored.get(2)).contains("user name contains '" + AuditLog.NAMES_ONLY + "'");

        var query = new AuditQuery(admin, null, null, null);
        // the administrator of a tenant that shows names reads the names, in the page and in the export
        List<String> asAdmin = details(query);
        assertThat(asAdmin)
                .anySatisfy(d -> assertThat(d).startsWith("session details of " + subject.upn() + " from "))
                .anySatisfy(d -> assertThat(d).startsWith("exported session details of " + subject.upn() + " from "))
                .anySatisfy(d -> assertThat(d).contains("user name contains '" + filter + "'"))
                .noneSatisfy(d -> assertThat(d).contains(subject.pseudonym()));
        var out = new ByteArrayOutputStream();
        auditLog.export(query, ExportFormat.CSV, out, ZoneOffset.UTC, rows -> {});
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(subject.upn()).doesNotContain(subject.pseudonym());

        // a global reader reads pseudonyms and placeholders only, in the page and in the export
        testTenants.signIn(DemoAccounts.username(Role.GLOBAL_READER, DemoAccounts.CONTOSO));
        List<String> asReader = details(query);
        assertThat(realNames.foundIn(String.join("\n", asReader))).isEmpty();
        assertThat(asReader)
                .anySatisfy(d -> assertThat(d).startsWith("session details of " + subject.pseudonym()))
                .anySatisfy(d -> assertThat(d).contains(AuditLog.NAMES_ONLY))
                .noneSatisfy(d -> assertThat(d).contains("'" + filter + "'"));
        out = new ByteArrayOutputStream();
        auditLog.export(query, ExportFormat.CSV, out, ZoneOffset.UTC, rows -> {});
        assertThat(realNames.foundIn(out.toString(StandardCharsets.UTF_8))).isEmpty();

        // once the tenant conceals names, its administrators read pseudonyms as well
        try {
            jdbc.sql("UPDATE tenant SET display_concealed_names = TRUE WHERE id = :t")
                    .param("t", contoso.id())
                    .update();
            testTenants.signIn(admin);
            List<String> concealed = details(query);
            assertThat(realNames.foundIn(String.join("\n", concealed))).isEmpty();
            assertThat(concealed)
                    .anySatisfy(d -> assertThat(d).startsWith("session details of " + subject.pseudonym()));
        } finally {
            jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :t")
                    .param("t", contoso.id())
                    .update();
        }
    }

    private List<String> details(AuditQuery query) {
        return auditLog.page(query, 0, 100).stream().map(AuditEvent::detail).toList();
    }
}
