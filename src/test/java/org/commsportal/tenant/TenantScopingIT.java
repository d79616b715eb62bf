package org.commsportal.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.LicensedUser;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.Role;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Queries return the signed-in tenant's rows only, even when another tenant's rows match just as well. */
@PortalIntegrationTest
class TenantScopingIT {

    @Autowired
    TestTenants testTenants;

    @Autowired
    DirectoryService directory;

    @Autowired
    SessionWriter writer;

    @Autowired
    ActivityService activity;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    JdbcClient jdbc;

    private Tenant alpha;
    private Tenant beta;

    @BeforeEach
    void twoTenantsWithTheSameAliases() {
        alpha = testTenants.newTenant("alpha");
        beta = testTenants.newTenant("beta");
        for (Tenant tenant : List.of(alpha, beta)) {
            currentTenant.runAs(
                    tenant.id(),
                    () -> directory.upsert(List.of(
                            new UserRecord(
                                    "shared.alias@" + tenant.name(),
                                    "shared.alias",
                                    "Shared",
                                    LocalDate.parse("2025-01-01"),
                                    null),
                            new UserRecord(
                                    "other@" + tenant.name(), "other", "Other", LocalDate.parse("2025-01-01"), null))));
        }
    }

    @Test
    void a_directory_search_finds_only_the_signed_in_tenants_users() {
        testTenants.signInAs(alpha, Role.REPORTS_READER);

        List<LicensedUser> found = directory.findByAliasOrUpnPrefix("shared", 10, false);

        assertThat(found).extracting(LicensedUser::upn).containsExactly("shared.alias@" + alpha.name());
    }

    @Test
    void activity_figures_come_from_the_signed_in_tenants_sessions_only() {
        String yesterday = activity.reportDate() + "T12:00:00Z";
        currentTenant.runAs(
                beta.id(), () -> writer.write(List.of(session("b1", yesterday, beta), session("b2", yesterday, beta))));
        currentTenant.runAs(alpha.id(), () -> writer.write(List.of(session("a1", yesterday, alpha))));

        testTenants.signInAs(alpha, Role.REPORTS_READER);
        var lastDay = activity.activity(ReportPeriod.D7).days().get(6);

        assertThat(lastDay.day()).isEqualTo(activity.reportDate());
        assertThat(lastDay.im()).isEqualTo(1);
    }

    @Test
    void a_uri_of_another_tenants_user_never_resolves_to_that_user() {
        currentTenant.runAs(
                alpha.id(),
                () -> writer.write(
                        List.of(session("cross", "2026-11-02T10:00:00Z", alpha, "sip:shared.alias@" + beta.name()))));

        assertThat(jdbc.sql("SELECT to_user_id IS NULL FROM comm_session WHERE tenant_id = :t AND dialog_id = 'cross'")
                        .param("t", alpha.id())
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void without_a_signed_in_tenant_queries_are_refused() {
        TestTenants.signOut();
        assertThatThrownBy(() -> currentTenant.id()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> directory.count()).isInstanceOf(AccessDeniedException.class);
    }

    private static SessionRecord session(String dialogId, String start, Tenant tenant) {
        return session(dialogId, start, tenant, "sip:other@" + tenant.name());
    }

    private static SessionRecord session(String dialogId, String start, Tenant tenant, String toUri) {
        Instant begin = Instant.parse(start);
        return new SessionRecord(
                dialogId,
                begin,
                begin.plusSeconds(60),
                "sip:shared.alias@" + tenant.name(),
                toUri,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                List.of(new MediaUsage(Modality.IM, 60_000)),
                3,
                Quality.Report.none());
    }
}
