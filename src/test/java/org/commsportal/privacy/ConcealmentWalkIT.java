package org.commsportal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.ReportPeriod;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.Role;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every per-user answer of the services (table pages, CSV and XLSX exports) as every role of both demo tenants:
 * contoso shows real names to administrators and readers, fabrikam conceals them, and global readers never see
 * them. The browser walk ({@code RoleAndConcealmentWalkBrowserIT}) covers the pages themselves.
 */
@PortalIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ConcealmentWalkIT {

    @Autowired ActivityService activity;
    @Autowired TestTenants testTenants;
    @Autowired JdbcClient jdbc;

    @Test
    void per_user_tables_and_exports_show_real_names_only_where_the_tenant_and_role_allow(CapturedOutput output)
            throws Exception {
        for (String tenant : List.of(DemoAccounts.CONTOSO, DemoAccounts.FABRIKAM)) {
            RealNames realNames = RealNames.of(jdbc, tenant);
            boolean tenantConceals = tenant.equals(DemoAccounts.FABRIKAM);
            for (Role role : Role.values()) {
                testTenants.signIn(DemoAccounts.username(role, tenant));
                String who = role + " of " + tenant;
                if (!Role.READS_PER_USER_DATA.contains(role)) {
                    assertThat(activity.mayReadPerUserData()).as(who).isFalse();
                    continue;
                }
                String page = activity.users(UserTableQuery.of(ReportPeriod.D180), 0, 10_000).stream()
                        .map(UserActivityRow::userName).collect(Collectors.joining("\n"));
                String csv = export(ExportFormat.CSV);
                String xlsx = export(ExportFormat.XLSX);
                boolean shouldConceal = tenantConceals || role == Role.GLOBAL_READER;
                for (String answer : List.of(page, csv, xlsx)) {
                    if (shouldConceal) {
                        assertThat(realNames.foundIn(answer)).as(who).isEmpty();
                        assertThat(answer).as(who).containsPattern("[0-9a-f]{32}");
                    } else {
                        assertThat(realNames.foundIn(answer)).as(who + ": the walk must be able to see real names").isNotEmpty();
                    }
                }
            }
        }
        assertThat(RealNames.of(jdbc, DemoAccounts.FABRIKAM).foundIn(output.getAll())).as("log lines").isEmpty();
    }

    private String export(ExportFormat format) throws Exception {
        var out = new ByteArrayOutputStream();
        activity.export(UserTableQuery.of(ReportPeriod.D180), List.of(UserActivityColumn.values()), format, out, rows -> { });
        if (format == ExportFormat.CSV) {
            return out.toString(StandardCharsets.UTF_8);
        }
        var text = new StringBuilder();
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            workbook.getFirstSheet().openStream().forEach(row -> row.forEach(cell -> text.append(cell == null ? "" : cell.getText()).append('\n')));
        }
        return text.toString();
    }
}
