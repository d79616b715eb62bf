package org.commsportal.alerts;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commsportal.common.UtcDateTime;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Rules, their recipients and states, and the alert history (changeset 036); every query scoped to a tenant. */
@Repository
class AlertRuleRepository {

    /** A series' state: whether it is firing, and when it last fired. */
    record State(boolean firing, @Nullable Instant lastFiredAt) {}

    /** A recipient: an enabled account of the tenant. */
    record Recipient(long accountId, String username) {}

    private final JdbcClient jdbc;

    AlertRuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The enabled accounts of the tenant with these sign-in names. */
    List<Recipient> accounts(long tenantId, List<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id, username FROM portal_account
                        WHERE tenant_id = :tenantId AND enabled AND username IN (:usernames)
                        ORDER BY username
                        """)
                .param("tenantId", tenantId)
                .param("usernames", usernames)
                .query((rs, row) -> new Recipient(rs.getLong("id"), rs.getString("username")))
                .list();
    }

    boolean nameTaken(long tenantId, String name, @Nullable Long exceptId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM alert_rule
                        WHERE tenant_id = :tenantId AND name = :name AND id <> :exceptId
                        """)
                        .param("tenantId", tenantId)
                        .param("name", name)
                        .param("exceptId", exceptId == null ? -1L : exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    boolean webhookOfTenant(long tenantId, long endpointId) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM webhook_endpoint
                        WHERE tenant_id = :tenantId AND id = :id AND kind = 'ALERTS'
                        """)
                        .param("tenantId", tenantId)
                        .param("id", endpointId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long insert(long tenantId, AlertRule rule, String createdBy, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO alert_rule (tenant_id, name, metric, modality, split, time_window, threshold_percent,
                            min_sample, cooldown_minutes, webhook_endpoint_id, enabled, created_by, created_at)
                        VALUES (:tenantId, :name, :metric, :modality, :split, :window, :threshold, :minSample,
                            :cooldown, :webhook, :enabled, :createdBy, :at)
                        """)
                .params(ruleParams(tenantId, rule))
                .param("createdBy", createdBy)
                .param("at", UtcDateTime.toColumn(at))
                .update(keys);
        return keys.getKey().longValue();
    }

    boolean update(long tenantId, AlertRule rule) {
        return jdbc.sql("""
                        UPDATE alert_rule SET name = :name, metric = :metric, modality = :modality, split = :split,
                            time_window = :window, threshold_percent = :threshold, min_sample = :minSample,
                            cooldown_minutes = :cooldown, webhook_endpoint_id = :webhook, enabled = :enabled
                        WHERE tenant_id = :tenantId AND id = :id
                        """)
                        .params(ruleParams(tenantId, rule))
                        .param("id", rule.id())
                        .update()
                > 0;
    }

    private static Map<String, Object> ruleParams(long tenantId, AlertRule rule) {
        Map<String, Object> params = new HashMap<>();
        params.put("tenantId", tenantId);
        params.put("name", rule.name());
        params.put("metric", rule.metric().name());
        params.put("modality", rule.modality() == null ? null : rule.modality().id());
        params.put("split", rule.split() == null ? null : rule.split().name());
        params.put("window", rule.window().name());
        params.put("threshold", rule.thresholdPercent());
        params.put("minSample", rule.minSample());
        params.put("cooldown", rule.cooldownMinutes());
        params.put("webhook", rule.webhookEndpointId());
        params.put("enabled", rule.enabled());
        return params;
    }

    void setRecipients(long ruleId, List<Recipient> recipients) {
        jdbc.sql("DELETE FROM alert_recipient WHERE rule_id = :ruleId")
                .param("ruleId", ruleId)
                .update();
        for (Recipient r : recipients) {
            jdbc.sql("INSERT INTO alert_recipient (rule_id, account_id) VALUES (:ruleId, :accountId)")
                    .param("ruleId", ruleId)
                    .param("accountId", r.accountId())
                    .update();
        }
    }

    /** The rule's recipients that are still enabled accounts. */
    List<Recipient> recipients(long ruleId) {
        return jdbc.sql("""
                        SELECT a.id, a.username FROM alert_recipient r JOIN portal_account a ON a.id = r.account_id
                        WHERE r.rule_id = :ruleId AND a.enabled ORDER BY a.username
                        """)
                .param("ruleId", ruleId)
                .query((rs, row) -> new Recipient(rs.getLong("id"), rs.getString("username")))
                .list();
    }

    boolean delete(long tenantId, long id) {
        return jdbc.sql("DELETE FROM alert_rule WHERE tenant_id = :tenantId AND id = :id")
                        .param("tenantId", tenantId)
                        .param("id", id)
                        .update()
                > 0;
    }

    List<AlertRule> rules(long tenantId) {
        List<AlertRule> rules = jdbc.sql("SELECT * FROM alert_rule WHERE tenant_id = :tenantId ORDER BY name")
                .param("tenantId", tenantId)
                .query((rs, row) -> rule(rs))
                .list();
        List<AlertRule> withRecipients = new ArrayList<>();
        for (AlertRule r : rules) {
            withRecipients.add(new AlertRule(
                    r.id(),
                    r.name(),
                    r.metric(),
                    r.modality(),
                    r.split(),
                    r.window(),
                    r.thresholdPercent(),
                    r.minSample(),
                    r.cooldownMinutes(),
                    r.webhookEndpointId(),
                    recipients(r.id()).stream().map(Recipient::username).toList(),
                    r.enabled()));
        }
        return withRecipients;
    }

    Optional<AlertRule> rule(long tenantId, long id) {
        return rules(tenantId).stream().filter(r -> r.id() == id).findFirst();
    }

    /** The tenants that have an enabled rule. */
    List<Long> tenantsWithRules() {
        return jdbc.sql("SELECT DISTINCT tenant_id FROM alert_rule WHERE enabled ORDER BY tenant_id")
                .query(Long.class)
                .list();
    }

    Map<String, State> states(long ruleId) {
        Map<String, State> states = new HashMap<>();
        jdbc.sql("SELECT series, firing, last_fired_at FROM alert_state WHERE rule_id = :ruleId")
                .param("ruleId", ruleId)
                .query((rs, row) -> states.put(
                        rs.getString("series"),
                        new State(
                                rs.getBoolean("firing"),
                                UtcDateTime.fromNullableColumn(rs.getObject("last_fired_at", LocalDateTime.class)))))
                .list();
        return states;
    }

    void setState(long ruleId, String series, State state) {
        jdbc.sql("""
                        INSERT INTO alert_state (rule_id, series, firing, last_fired_at)
                        VALUES (:ruleId, :series, :firing, :lastFiredAt)
                        ON DUPLICATE KEY UPDATE firing = VALUES(firing), last_fired_at = VALUES(last_fired_at)
                        """)
                .param("ruleId", ruleId)
                .param("series", series)
                .param("firing", state.firing())
                .param("lastFiredAt", state.lastFiredAt() == null ? null : UtcDateTime.toColumn(state.lastFiredAt()))
                .update();
    }

    void insertEvent(long tenantId, long ruleId, AlertEvent event) {
        jdbc.sql("""
                        INSERT INTO alert_event (tenant_id, rule_id, rule_name, series, series_label, kind, occurred_at, window_from,
                            window_to, percent, numerator, denominator, threshold, email_status, webhook_status)
                        VALUES (:tenantId, :ruleId, :ruleName, :series, :seriesLabel, :kind, :occurredAt, :windowFrom, :windowTo,
                            :percent, :numerator, :denominator, :threshold, :emailStatus, :webhookStatus)
                        """)
                .param("tenantId", tenantId)
                .param("ruleId", ruleId)
                .param("ruleName", event.ruleName())
                .param("series", event.series())
                .param("seriesLabel", event.seriesLabel())
                .param("kind", event.kind().name())
                .param("occurredAt", UtcDateTime.toColumn(event.occurredAt()))
                .param("windowFrom", UtcDateTime.toColumn(event.windowFrom()))
                .param("windowTo", UtcDateTime.toColumn(event.windowTo()))
                .param("percent", event.percent())
                .param("numerator", event.numerator())
                .param("denominator", event.denominator())
                .param("threshold", event.threshold())
                .param("emailStatus", truncate(event.emailStatus()))
                .param("webhookStatus", truncate(event.webhookStatus()))
                .update();
    }

    /** The history newest first; ix_alert_event_tenant. */
    List<AlertEvent> events(long tenantId, int offset, int limit) {
        return jdbc.sql("""
                        SELECT * FROM alert_event WHERE tenant_id = :tenantId
                        ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset
                        """)
                .param("tenantId", tenantId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new AlertEvent(
                        rs.getLong("id"),
                        rs.getString("rule_name"),
                        rs.getString("series"),
                        rs.getString("series_label"),
                        AlertEvent.Kind.valueOf(rs.getString("kind")),
                        instant(rs, "occurred_at"),
                        instant(rs, "window_from"),
                        instant(rs, "window_to"),
                        rs.getBigDecimal("percent"),
                        rs.getLong("numerator"),
                        rs.getLong("denominator"),
                        rs.getBigDecimal("threshold"),
                        rs.getString("email_status"),
                        rs.getString("webhook_status")))
                .list();
    }

    long countEvents(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM alert_event WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(Long.class)
                .single();
    }

    private static String truncate(String text) {
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }

    private static AlertRule rule(ResultSet rs) throws SQLException {
        Integer modality = rs.getObject("modality", Integer.class);
        String split = rs.getString("split");
        return new AlertRule(
                rs.getLong("id"),
                rs.getString("name"),
                AlertMetric.valueOf(rs.getString("metric")),
                modality == null ? null : Modality.ofId(modality),
                split == null ? null : AlertScope.valueOf(split),
                AlertWindow.valueOf(rs.getString("time_window")),
                rs.getBigDecimal("threshold_percent"),
                rs.getInt("min_sample"),
                rs.getInt("cooldown_minutes"),
                rs.getObject("webhook_endpoint_id", Long.class),
                List.of(),
                rs.getBoolean("enabled"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return UtcDateTime.fromColumn(rs.getObject(column, LocalDateTime.class));
    }

    static BigDecimal percent(double value) {
        return BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP);
    }
}
