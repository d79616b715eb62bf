package org.commsportal.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportFormat;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** Exports hold every matching row with the chosen columns, conceal names when the viewer must not see them, and are audited. */
@PortalIntegrationTest
class UserActivityExportIT {

    private static final List<UserActivityColumn> SOME_COLUMNS = List.of(
            UserActivityColumn.USER_NAME,
            UserActivityColumn.DELETED,
            UserActivityColumn.IM,
            UserActivityColumn.AUDIO_MINUTES);

    @Autowired
    ActivityService activity;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_csv_export_holds_every_row_of_the_query_with_the_chosen_columns_and_is_audited() throws Exception {
        testTenants.signIn("sfb.admin");
        var query = UserTableQuery.of(ReportPeriod.D30).sortedBy(UserActivityColumn.IM, false);
        var out = new ByteArrayOutputStream();
        List<Long> progress = new ArrayList<>();

        long rows = activity.export(query, SOME_COLUMNS, ExportFormat.CSV, out, progress::add);

        List<String> lines = new String(out.toByteArray(), StandardCharsets.UTF_8)
                .substring(1)
                .lines()
                .toList();
        // the vendor's dates of the report frame every row (docs/exports.md)
        assertThat(lines.get(0)).isEqualTo("Report Refresh Date,User name,Deleted,IM,Audio minutes,Report Period");
        List<String> expected = activity.users(query, 0, 10_000).stream()
                .map(r -> activity.reportDate() + "," + r.userName() + "," + (r.deleted() ? "Yes" : "No") + "," + r.im()
                        + "," + r.audioMinutes() + ",30")
                .toList();
        assertThat(lines.subList(1, lines.size())).isEqualTo(expected);
        assertThat(rows).isEqualTo(expected.size()).isEqualTo(activity.countUsers(query));
        assertThat(progress).last().isEqualTo(rows);
        assertThat(lastAudit("sfb.admin"))
                .contains("peer-to-peer activity per-user table as CSV")
                .contains("period 30 days")
                .contains("sorted by IM descending")
                .endsWith(rows + " rows");
    }

    @Test
    void an_xlsx_export_of_a_filtered_day_reads_back_as_the_same_rows() throws Exception {
        testTenants.signIn("global.admin");
        var query = UserTableQuery.of(ReportPeriod.D7)
                .withDay(activity.reportDate().minusDays(1))
                .withFilter("a");
        var out = new ByteArrayOutputStream();

        long rows = activity.export(query, List.of(UserActivityColumn.values()), ExportFormat.XLSX, out, written -> {});

        List<String> names = new ArrayList<>();
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Row> sheet = workbook.getFirstSheet().read();
            assertThat(sheet.get(0).getCellText(0)).isEqualTo("User name");
            assertThat(sheet.get(0).getCellText(3)).isEqualTo("Last activity date (UTC)");
            sheet.stream().skip(1).forEach(row -> names.add(row.getCellText(0)));
        }
        assertThat(names)
                .hasSize((int) rows)
                .isEqualTo(activity.users(query, 0, 10_000).stream()
                        .map(UserActivityRow::userName)
                        .toList());
        assertThat(lastAudit("global.admin"))
                .contains("as XLSX")
                .contains("day " + activity.reportDate().minusDays(1))
                .contains("user name contains '" + org.commsportal.audit.AuditLog.NAMES_ONLY + "'")
                .doesNotContain("user name contains 'a'"); // a filter over real names is kept apart (docs/privacy.md)
    }

    @Test
    void a_global_reader_exports_pseudonyms_never_real_names() throws Exception {
        testTenants.signIn("global.reader"); // contoso shows real names, but global readers always see concealed ones
        var out = new ByteArrayOutputStream();

        activity.export(UserTableQuery.of(ReportPeriod.D30), SOME_COLUMNS, ExportFormat.CSV, out, written -> {});

        String csv = new String(out.toByteArray(), StandardCharsets.UTF_8);
        List<String> realNames = jdbc.sql("SELECT upn FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id "
                        + "WHERE t.name = 'contoso.example'")
                .query(String.class)
                .list();
        assertThat(realNames).isNotEmpty().allSatisfy(upn -> assertThat(csv).doesNotContain(upn));
        assertThat(csv.lines().skip(1))
                .allSatisfy(line -> assertThat(line).matches("\\d{4}-\\d{2}-\\d{2},[0-9a-f]{32},.*"));
    }

    @Test
    void usage_summary_readers_cannot_export_per_user_data() {
        testTenants.signIn("usage.reader");
        assertThatThrownBy(() -> activity.export(
                        UserTableQuery.of(ReportPeriod.D7),
                        SOME_COLUMNS,
                        ExportFormat.CSV,
                        new ByteArrayOutputStream(),
                        written -> {}))
                .isInstanceOf(AccessDeniedException.class);
    }

    private String lastAudit(String actor) {
        return jdbc.sql(
                        "SELECT detail FROM audit_event WHERE actor = :actor AND action = 'EXPORT' ORDER BY id DESC LIMIT 1")
                .param("actor", actor)
                .query(String.class)
                .single();
    }
}
