package org.commsportal.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.AuditQuery;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportFormat;
import org.commsportal.settings.SettingsService;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * docs/privacy-and-roles.md's role matrix at the service layer, where {@code @PreAuthorize} enforces it whatever view or
 * endpoint calls: every operation as every role. Views are walked in Chromium by RoleAndConcealmentWalkBrowserIT.
 */
@PortalIntegrationTest
class RoleMatrixIT {

    private static final Set<Role> CHARTS = EnumSet.of(
            Role.GLOBAL_ADMIN, Role.SFB_ADMIN, Role.REPORTS_READER, Role.GLOBAL_READER, Role.USAGE_SUMMARY_READER);
    private static final Set<Role> PER_USER =
            EnumSet.of(Role.GLOBAL_ADMIN, Role.SFB_ADMIN, Role.REPORTS_READER, Role.GLOBAL_READER);
    private static final Set<Role> ADMINISTRATION = EnumSet.of(Role.GLOBAL_ADMIN, Role.GLOBAL_READER);
    private static final Set<Role> GLOBAL_ADMIN = EnumSet.of(Role.GLOBAL_ADMIN);
    private static final Set<Role> EVERY_ROLE = EnumSet.allOf(Role.class);

    @Autowired
    ActivityService activity;

    @Autowired
    SettingsService settings;

    @Autowired
    AccountService accounts;

    @Autowired
    AuditLog auditLog;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ViewerTimeZone viewerTimeZone;

    @Autowired
    TestTenants testTenants;

    private interface Call {
        void run() throws Exception;
    }

    private record Operation(String name, Set<Role> allowed, Call call) {}

    private List<Operation> operations() {
        var d7 = UserTableQuery.of(ReportPeriod.D7);
        return List.of(
                new Operation("peer-to-peer charts", CHARTS, () -> activity.activity(ReportPeriod.D7)),
                new Operation("peer-to-peer per-user table", PER_USER, () -> activity.users(d7, 0, 10)),
                new Operation(
                        "peer-to-peer export",
                        PER_USER,
                        () -> activity.export(
                                d7,
                                List.of(UserActivityColumn.values()),
                                ExportFormat.CSV,
                                new ByteArrayOutputStream(),
                                rows -> {})),
                new Operation("read settings", ADMINISTRATION, settings::current),
                new Operation("change settings", GLOBAL_ADMIN, () -> settings.update(settings.current())),
                new Operation("list accounts", ADMINISTRATION, accounts::accounts),
                new Operation(
                        "create an account",
                        GLOBAL_ADMIN,
                        () -> accounts.create(
                                "x-" + System.nanoTime() + "@matrix.test",
                                "X",
                                "violet-kettle-sunrise",
                                Set.of(Role.REPORTS_READER))),
                new Operation("read the audit log", ADMINISTRATION, () -> auditLog.page(AuditQuery.ALL, 0, 10)),
                new Operation(
                        "export the audit log",
                        ADMINISTRATION,
                        () -> auditLog.export(
                                AuditQuery.ALL,
                                ExportFormat.CSV,
                                new ByteArrayOutputStream(),
                                ZoneId.of("UTC"),
                                rows -> {})),
                new Operation("own API tokens", EVERY_ROLE, () -> tokens.create("matrix", 1)),
                new Operation("own time zone", EVERY_ROLE, () -> viewerTimeZone.change(ZoneId.of("Asia/Kolkata"))),
                new Operation(
                        "own password",
                        EVERY_ROLE,
                        () -> accounts.changeOwnPassword(TestTenants.PASSWORD, "violet-kettle-sunrise")));
    }

    @Test
    void every_role_may_do_exactly_what_the_matrix_allows() {
        Tenant tenant = testTenants.newTenant("matrix");
        for (Role role : Role.values()) {
            for (Operation operation : operations()) {
                testTenants.signInAs(tenant, role);
                String what = role + " -> " + operation.name();
                if (operation.allowed().contains(role)) {
                    assertThatCode(operation.call()::run).as(what).doesNotThrowAnyException();
                } else {
                    assertThatThrownBy(operation.call()::run).as(what).isInstanceOf(AccessDeniedException.class);
                }
            }
        }
    }
}
