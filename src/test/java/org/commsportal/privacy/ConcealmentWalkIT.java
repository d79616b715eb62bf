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
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.common.ReportPeriod;
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

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    ActivityService activity;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

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
                        .map(UserActivityRow::userName)
                        .collect(Collectors.joining("\n"));
                String csv = export(ExportFormat.CSV);
                String xlsx = export(ExportFormat.XLSX);
                boolean shouldConceal = tenantConceals || role == Role.GLOBAL_READER;
                for (String answer : List.of(page, csv, xlsx)) {
                    if (shouldConceal) {
                        assertThat(realNames.foundIn(answer)).as(who).isEmpty();
                        assertThat(answer).as(who).containsPattern("[0-9a-f]{32}");
                    } else {
                        assertThat(realNames.foundIn(answer))
                                .as(who + ": the walk must be able to see real names")
                                .isNotEmpty();
                    }
                }
            }
        }
        assertThat(RealNames.of(jdbc, DemoAccounts.FABRIKAM).foundIn(output.getAll()))
                .as("log lines")
                .isEmpty();
    }

    @Test
    void every_graph_api_answer_as_every_role_shows_real_names_only_where_allowed() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (String tenant : List.of(DemoAccounts.CONTOSO, DemoAccounts.FABRIKAM)) {
            RealNames realNames = RealNames.of(jdbc, tenant);
            for (Role role : Role.values()) {
                String account = DemoAccounts.username(role, tenant);
                boolean counts = role != Role.BILLING_ADMIN
                        && role != Role.PASSWORD_ADMIN
                        && role != Role.USER_MANAGEMENT_ADMIN
                        && role != Role.SERVICE_ADMIN;
                boolean perUser = Role.READS_PER_USER_DATA.contains(role);
                boolean namesShown = tenant.equals(DemoAccounts.CONTOSO) && Role.SEES_REAL_NAMES.contains(role);
                for (String call : List.of(
                        "getSkypeForBusinessPeerToPeerActivityCounts(period=%27D30%27)",
                        "getSkypeForBusinessActivityUserDetail(period=%27D30%27)",
                        "getSkypeForBusinessActivityUserDetail(period=%27D30%27)?%24format=application/json")) {
                    var request = java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://localhost:" + port + "/v1.0/reports/" + call))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + java.util.Base64.getEncoder()
                                                    .encodeToString((account + ":" + DemoAccounts.PASSWORD)
                                                            .getBytes(StandardCharsets.UTF_8)))
                            .build();
                    var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                    String who = role + " of " + tenant + " on " + call;
                    boolean allowed = call.contains("UserDetail") ? perUser : counts;
                    assertThat(response.statusCode()).as(who).isEqualTo(allowed ? 200 : 403);
                    if (!allowed || !call.contains("UserDetail")) {
                        assertThat(realNames.foundIn(response.body())).as(who).isEmpty();
                    } else if (namesShown) {
                        assertThat(realNames.foundIn(response.body())).as(who).isNotEmpty();
                    } else {
                        assertThat(realNames.foundIn(response.body())).as(who).isEmpty();
                        assertThat(response.body()).as(who).containsPattern("[0-9a-f]{32}");
                    }
                }
            }
        }
    }

    private String export(ExportFormat format) throws Exception {
        var out = new ByteArrayOutputStream();
        activity.export(
                UserTableQuery.of(ReportPeriod.D180), List.of(UserActivityColumn.values()), format, out, rows -> {});
        if (format == ExportFormat.CSV) {
            return out.toString(StandardCharsets.UTF_8);
        }
        var text = new StringBuilder();
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            workbook.getFirstSheet()
                    .openStream()
                    .forEach(row -> row.forEach(cell ->
                            text.append(cell == null ? "" : cell.getText()).append('\n')));
        }
        return text.toString();
    }
}
