package org.commsportal.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.common.ReportPeriod;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@PortalIntegrationTest
class ActivityServiceIT {

    @Autowired
    ActivityService activity;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void every_chart_point_equals_a_count_of_raw_peer_to_peer_sessions() {
        testTenants.signIn("global.admin");
        long tenantId = jdbc.sql("SELECT id FROM tenant WHERE name = 'contoso.example'")
                .query(Long.class)
                .single();

        for (ReportPeriod period : ReportPeriod.values()) {
            ActivityReport report = activity.activity(period);
            LocalDate from = report.reportDate().minusDays(period.days() - 1L);
            Map<LocalDate, List<Long>> raw = rawCounts(tenantId, from, report.reportDate());

            assertThat(report.days()).hasSize(period.days());
            assertThat(report.days().get(0).day()).isEqualTo(from);
            for (DailyActivity day : report.days()) {
                assertThat(List.of(day.im(), day.audio(), day.video(), day.appSharing(), day.fileTransfer()))
                        .as("%s %s", period, day.day())
                        .isEqualTo(raw.getOrDefault(day.day(), List.of(0L, 0L, 0L, 0L, 0L)));
            }
        }
    }

    @Test
    void the_report_ends_on_the_last_complete_utc_day() {
        testTenants.signIn("usage.reader");
        assertThat(activity.activity(ReportPeriod.D7).reportDate())
                .isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1));
    }

    @Test
    void an_empty_tenant_gets_zero_days_not_an_error() {
        Tenant empty = testTenants.newTenant("empty");
        testTenants.signInAs(empty, Role.GLOBAL_ADMIN);

        assertThat(activity.activity(ReportPeriod.D30).days())
                .hasSize(30)
                .allSatisfy(
                        day -> assertThat(day.im() + day.audio() + day.video() + day.appSharing() + day.fileTransfer())
                                .isZero());
    }

    @Test
    void roles_without_usage_reports_are_refused() {
        testTenants.signIn("billing.admin");
        assertThatThrownBy(() -> activity.activity(ReportPeriod.D7)).isInstanceOf(AccessDeniedException.class);
    }

    /** Independent SQL over raw rows: P2P sessions per UTC start day that used each media type. */
    private Map<LocalDate, List<Long>> rawCounts(long tenantId, LocalDate from, LocalDate to) {
        return jdbc
                .sql("""
                SELECT DATE(s.start_time) AS day,
                       COUNT(DISTINCT IF(m.media_type_id = 1, s.id, NULL)) AS im,
                       COUNT(DISTINCT IF(m.media_type_id = 5, s.id, NULL)) AS audio,
                       COUNT(DISTINCT IF(m.media_type_id = 6, s.id, NULL)) AS video,
                       COUNT(DISTINCT IF(m.media_type_id = 4, s.id, NULL)) AS app_sharing,
                       COUNT(DISTINCT IF(m.media_type_id = 2, s.id, NULL)) AS file_transfer
                FROM comm_session s JOIN session_media m ON m.session_id = s.id
                WHERE s.tenant_id = :t AND s.conference_url IS NULL
                  AND s.start_time >= :from AND s.start_time < :toExclusive
                GROUP BY DATE(s.start_time)
                """)
                .param("t", tenantId)
                .param("from", from)
                .param("toExclusive", to.plusDays(1))
                .query((rs, row) -> Map.entry(
                        rs.getDate("day").toLocalDate(),
                        List.of(
                                rs.getLong("im"),
                                rs.getLong("audio"),
                                rs.getLong("video"),
                                rs.getLong("app_sharing"),
                                rs.getLong("file_transfer"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
