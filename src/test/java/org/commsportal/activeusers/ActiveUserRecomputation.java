package org.commsportal.activeusers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commsportal.TestTenants;
import org.commsportal.common.UtcDateTime;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recomputes every listed period's ActiveUsers from a tenant's raw sessions with java.time's zone rules (not the
 * quarter-hour code under test) and compares.
 */
public final class ActiveUserRecomputation {

    /** Zones with 30- and 45-minute offsets, DST, a 30-minute DST change and both ends of the offset range. */
    public static final List<ZoneId> ZONES = List.of(
            ZoneOffset.UTC,
            ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("Australia/Lord_Howe"),
            ZoneId.of("Pacific/Chatham"),
            ZoneId.of("America/St_Johns"),
            ZoneId.of("Pacific/Kiritimati"),
            ZoneId.of("Etc/GMT+12"));

    private ActiveUserRecomputation() {}

    public static void assertReportsEqualRecomputation(
            ActiveUsersService service, JdbcClient jdbc, TestTenants testTenants, Tenant tenant) {
        List<RawSession> raw = rawSessions(jdbc, tenant);
        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        try {
            for (ZoneId zone : ZONES) {
                for (ActiveUserPeriod period : ActiveUserPeriod.values()) {
                    ActiveUserReport report = service.report(period, zone);
                    assertThat(report.tenantGuid()).isEqualTo(tenant.guid());
                    for (ActiveUserRow row : report.rows()) {
                        assertThat(row.activeUsers())
                                .as("%s %s ending %s", period, zone, row.date())
                                .isEqualTo(recomputed(raw, period, zone, row));
                    }
                }
            }
        } finally {
            TestTenants.signOut();
        }
    }

    /** Every stored active-user row of the tenant, in key order, for comparing two ways of computing them. */
    public static Map<String, Object> storedRows(JdbcClient jdbc, long tenantId) {
        Map<String, Object> rows = new java.util.TreeMap<>();
        rows.put("quarter-hours", jdbc.sql("""
                SELECT day, user_id, HEX(counts), mask_lo, mask_hi FROM user_quarter_hours WHERE tenant_id = :t ORDER BY day, user_id
                """).param("t", tenantId).query().listOfRows());
        rows.put("interior", jdbc.sql("""
                SELECT period_kind, period_start, user_id, active_days FROM active_user_interior
                WHERE tenant_id = :t AND active_days <> 0 ORDER BY 1, 2, 3
                """).param("t", tenantId).query().listOfRows());
        rows.put("counts", jdbc.sql("""
                SELECT period_kind, period_start, shift, active_users FROM active_user_count
                WHERE tenant_id = :t AND active_users <> 0 ORDER BY 1, 2, 3
                """).param("t", tenantId).query().listOfRows());
        return rows;
    }

    /** Deletes the tenant's active-user rows and has them built again from its raw sessions (by a first read). */
    public static void rebuildFromRawSessions(
            ActiveUsersService service, JdbcClient jdbc, TestTenants testTenants, Tenant tenant) {
        jdbc.sql("UPDATE active_user_state SET built = FALSE WHERE tenant_id = :t")
                .param("t", tenant.id())
                .update();
        for (String table : List.of("user_quarter_hours", "active_user_interior", "active_user_count")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t")
                    .param("t", tenant.id())
                    .update();
        }
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        try {
            service.report(ActiveUserPeriod.DAILY, ZoneOffset.UTC);
        } finally {
            TestTenants.signOut();
        }
    }

    private static int recomputed(List<RawSession> raw, ActiveUserPeriod period, ZoneId zone, ActiveUserRow row) {
        assertThat(row.date().toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        LocalDate endDate = row.date().toLocalDate();
        LocalDate startDate = switch (period) {
            case DAILY -> endDate.minusDays(1);
            case WEEKLY -> endDate.minusWeeks(1);
            case MONTHLY -> endDate.minusMonths(1);
            case YEARLY -> endDate.minusYears(1);
        };
        Instant from = startDate.atStartOfDay(zone).toInstant();
        Instant to = endDate.atStartOfDay(zone).toInstant();
        Set<Long> active = new HashSet<>();
        for (RawSession s : raw) {
            // in progress at some moment of [from, to); a session without duration at its start
            boolean overlaps = s.start().isBefore(to)
                    && (s.end().isAfter(from)
                            || s.end().equals(s.start()) && !s.start().isBefore(from));
            if (overlaps) {
                active.addAll(s.users());
            }
        }
        return active.size();
    }

    record RawSession(Instant start, Instant end, List<Long> users) {}

    private static List<RawSession> rawSessions(JdbcClient jdbc, Tenant tenant) {
        return jdbc.sql("""
                SELECT start_time, end_time, from_user_id, to_user_id FROM comm_session
                WHERE tenant_id = :t AND (media_mask & 48) <> 0
                """)
                .param("t", tenant.id())
                .query((rs, row) -> {
                    List<Long> users = new ArrayList<>();
                    Long from = rs.getObject("from_user_id", Long.class);
                    Long to = rs.getObject("to_user_id", Long.class);
                    if (from != null) {
                        users.add(from);
                    }
                    if (to != null) {
                        users.add(to);
                    }
                    return new RawSession(
                            UtcDateTime.fromColumn(rs.getObject("start_time", LocalDateTime.class)),
                            UtcDateTime.fromColumn(rs.getObject("end_time", LocalDateTime.class)),
                            users);
                })
                .list();
    }
}
