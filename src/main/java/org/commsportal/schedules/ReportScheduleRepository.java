package org.commsportal.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.commsportal.common.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The report_schedule and report_send tables; every statement a person's request causes names its tenant. */
@Repository
class ReportScheduleRepository {

    /** A schedule as stored, with its view's name and route and its recipient's account. */
    record Row(
            long id,
            long tenantId,
            long savedViewId,
            String viewName,
            String route,
            long recipientId,
            String recipient,
            String recipientZone,
            String createdBy,
            ScheduleRule rule,
            Delivery delivery,
            Instant nextDueAt,
            @Nullable String suspendedReason,
            String unsubscribeKey,
            @Nullable String lastSend) {

        ReportSchedule shown() {
            return new ReportSchedule(
                    id,
                    savedViewId,
                    viewName,
                    route,
                    recipientId,
                    recipient,
                    zoneOf(recipientZone),
                    rule,
                    delivery,
                    nextDueAt,
                    suspendedReason,
                    lastSend,
                    createdBy);
        }
    }

    /** One due instant's send as stored. */
    record Send(String state, int attempts, Instant nextAttemptAt) {}

    private static final String SELECT = """
            SELECT s.id, s.tenant_id, s.saved_view_id, v.name AS view_name, v.route, s.recipient_id,
                   a.username AS recipient, a.time_zone, s.created_by, s.frequency, s.day_of_week, s.day_of_month,
                   s.time_of_day, s.delivery, s.next_due_at, s.suspended_reason, s.unsubscribe_key,
                   (SELECT CONCAT(d.state, ' ', DATE_FORMAT(COALESCE(d.finished_at, d.due_at), '%Y-%m-%d %H:%i'), ' UTC')
                      FROM report_send d WHERE d.schedule_id = s.id ORDER BY d.due_at DESC LIMIT 1) AS last_send
            FROM report_schedule s
            JOIN saved_view v ON v.id = s.saved_view_id AND v.tenant_id = s.tenant_id
            JOIN portal_account a ON a.id = s.recipient_id AND a.tenant_id = s.tenant_id
            """;

    private final JdbcClient jdbc;

    ReportScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static ZoneId zoneOf(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (java.time.DateTimeException unknown) {
            return java.time.ZoneOffset.UTC;
        }
    }

    Optional<Recipient> account(long tenantId, long accountId) {
        return jdbc.sql("""
                        SELECT id, username, display_name, time_zone, enabled FROM portal_account
                        WHERE tenant_id = :t AND id = :id
                        """)
                .param("t", tenantId)
                .param("id", accountId)
                .query((rs, n) -> new Recipient(
                        rs.getLong("id"),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getString("time_zone"),
                        rs.getBoolean("enabled")))
                .optional();
    }

    List<Recipient> accounts(long tenantId) {
        return jdbc.sql("""
                        SELECT id, username, display_name, time_zone, enabled FROM portal_account
                        WHERE tenant_id = :t ORDER BY username
                        """)
                .param("t", tenantId)
                .query((rs, n) -> new Recipient(
                        rs.getLong("id"),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getString("time_zone"),
                        rs.getBoolean("enabled")))
                .list();
    }

    boolean exists(long tenantId, long savedViewId, long recipientId, long exceptId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM report_schedule
                        WHERE tenant_id = :t AND saved_view_id = :v AND recipient_id = :r AND id <> :id
                        """)
                        .param("t", tenantId)
                        .param("v", savedViewId)
                        .param("r", recipientId)
                        .param("id", exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long countFor(long tenantId, long recipientId) {
        return jdbc.sql("SELECT COUNT(*) FROM report_schedule WHERE tenant_id = :t AND recipient_id = :r")
                .param("t", tenantId)
                .param("r", recipientId)
                .query(Long.class)
                .single();
    }

    long insert(
            long tenantId,
            long savedViewId,
            long recipientId,
            String createdBy,
            ScheduleRule rule,
            Delivery delivery,
            Instant nextDue,
            String unsubscribeKey,
            Instant now) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO report_schedule (tenant_id, saved_view_id, recipient_id, created_by, frequency,
                            day_of_week, day_of_month, time_of_day, delivery, next_due_at, unsubscribe_key, created_at)
                        VALUES (:t, :v, :r, :by, :f, :dow, :dom, :time, :d, :due, :key, :now)
                        """)
                .param("t", tenantId)
                .param("v", savedViewId)
                .param("r", recipientId)
                .param("by", createdBy)
                .param("f", rule.frequency().name())
                .param("dow", rule.dayOfWeek() == null ? null : rule.dayOfWeek().getValue())
                .param("dom", rule.dayOfMonth())
                .param("time", java.sql.Time.valueOf(rule.timeOfDay()))
                .param("d", delivery.name())
                .param("due", UtcDateTime.toColumn(nextDue))
                .param("key", unsubscribeKey)
                .param("now", UtcDateTime.toColumn(now))
                .update(keys);
        return keys.getKeyAs(java.math.BigInteger.class).longValue();
    }

    /** Changes the rule and delivery and lifts a suspension; false when the tenant has no such schedule. */
    boolean update(long tenantId, long id, long recipientId, ScheduleRule rule, Delivery delivery, Instant nextDue) {
        return jdbc.sql("""
                        UPDATE report_schedule SET recipient_id = :r, frequency = :f, day_of_week = :dow,
                            day_of_month = :dom, time_of_day = :time, delivery = :d, next_due_at = :due,
                            suspended_reason = NULL
                        WHERE tenant_id = :t AND id = :id
                        """)
                        .param("t", tenantId)
                        .param("id", id)
                        .param("r", recipientId)
                        .param("f", rule.frequency().name())
                        .param(
                                "dow",
                                rule.dayOfWeek() == null
                                        ? null
                                        : rule.dayOfWeek().getValue())
                        .param("dom", rule.dayOfMonth())
                        .param("time", java.sql.Time.valueOf(rule.timeOfDay()))
                        .param("d", delivery.name())
                        .param("due", UtcDateTime.toColumn(nextDue))
                        .update()
                > 0;
    }

    boolean delete(long tenantId, long id) {
        return jdbc.sql("DELETE FROM report_schedule WHERE tenant_id = :t AND id = :id")
                        .param("t", tenantId)
                        .param("id", id)
                        .update()
                > 0;
    }

    Optional<Row> find(long tenantId, long id) {
        return jdbc.sql(SELECT + " WHERE s.tenant_id = :t AND s.id = :id")
                .param("t", tenantId)
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** By id alone: for the scheduler and the unsubscribe link, which learn the tenant from the row. */
    Optional<Row> findAnyTenant(long id) {
        return jdbc.sql(SELECT + " WHERE s.id = :id")
                .param("id", id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** The tenant's schedules, or those whose recipient is the account, by view name. */
    List<Row> list(long tenantId, @Nullable Long recipientId) {
        return jdbc.sql(SELECT + """
                         WHERE s.tenant_id = :t AND (:r IS NULL OR s.recipient_id = :r)
                        ORDER BY v.name, a.username, s.id
                        """)
                .param("t", tenantId)
                .param("r", recipientId)
                .query((rs, n) -> row(rs))
                .list();
    }

    /** Schedules due at {@code now} over every tenant, earliest first; uses ix_report_schedule_due. */
    List<Long> due(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT id FROM report_schedule
                        WHERE next_due_at <= :now AND suspended_reason IS NULL
                        ORDER BY next_due_at, id LIMIT :limit
                        """)
                .param("now", UtcDateTime.toColumn(now))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    void moveDue(long id, Instant expected, Instant next) {
        jdbc.sql("UPDATE report_schedule SET next_due_at = :next WHERE id = :id AND next_due_at = :expected")
                .param("id", id)
                .param("expected", UtcDateTime.toColumn(expected))
                .param("next", UtcDateTime.toColumn(next))
                .update();
    }

    void suspend(long id, String reason) {
        jdbc.sql("UPDATE report_schedule SET suspended_reason = :reason WHERE id = :id")
                .param("id", id)
                .param("reason", reason.length() > 300 ? reason.substring(0, 300) : reason)
                .update();
    }

    /** The send of one due instant, created PENDING if it is new. */
    Send send(long tenantId, long scheduleId, Instant dueAt) {
        jdbc.sql("""
                        INSERT IGNORE INTO report_send (schedule_id, due_at, tenant_id, state, next_attempt_at)
                        VALUES (:s, :due, :t, 'PENDING', :due)
                        """)
                .param("s", scheduleId)
                .param("due", UtcDateTime.toColumn(dueAt))
                .param("t", tenantId)
                .update();
        return jdbc.sql(
                        "SELECT state, attempts, next_attempt_at FROM report_send WHERE schedule_id = :s AND due_at = :due")
                .param("s", scheduleId)
                .param("due", UtcDateTime.toColumn(dueAt))
                .query((rs, n) -> new Send(
                        rs.getString("state"),
                        rs.getInt("attempts"),
                        UtcDateTime.fromColumn(rs.getObject("next_attempt_at", java.time.LocalDateTime.class))))
                .single();
    }

    /** Moves a send from one state to another; false when it was not in the expected state (another node moved it). */
    boolean moveSend(
            long scheduleId,
            Instant dueAt,
            String from,
            String to,
            int attempts,
            Instant nextAttemptAt,
            @Nullable String error,
            @Nullable Instant finishedAt) {
        return jdbc.sql("""
                        UPDATE report_send SET state = :to, attempts = :attempts, next_attempt_at = :next,
                            last_error = :error, finished_at = :finished
                        WHERE schedule_id = :s AND due_at = :due AND state = :from
                        """)
                        .param("s", scheduleId)
                        .param("due", UtcDateTime.toColumn(dueAt))
                        .param("from", from)
                        .param("to", to)
                        .param("attempts", attempts)
                        .param("next", UtcDateTime.toColumn(nextAttemptAt))
                        .param("error", error == null ? null : error.length() > 500 ? error.substring(0, 500) : error)
                        .param("finished", finishedAt == null ? null : UtcDateTime.toColumn(finishedAt))
                        .update()
                == 1;
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        int dow = rs.getInt("day_of_week");
        DayOfWeek dayOfWeek = rs.wasNull() ? null : DayOfWeek.of(dow);
        int dom = rs.getInt("day_of_month");
        Integer dayOfMonth = rs.wasNull() ? null : dom;
        LocalTime time = rs.getTime("time_of_day").toLocalTime();
        return new Row(
                rs.getLong("id"),
                rs.getLong("tenant_id"),
                rs.getLong("saved_view_id"),
                rs.getString("view_name"),
                rs.getString("route"),
                rs.getLong("recipient_id"),
                rs.getString("recipient"),
                rs.getString("time_zone"),
                rs.getString("created_by"),
                new ScheduleRule(Frequency.valueOf(rs.getString("frequency")), dayOfWeek, dayOfMonth, time),
                Delivery.valueOf(rs.getString("delivery")),
                UtcDateTime.fromColumn(rs.getObject("next_due_at", java.time.LocalDateTime.class)),
                rs.getString("suspended_reason"),
                rs.getString("unsubscribe_key"),
                rs.getString("last_send"));
    }
}
