package org.commsportal.minutepools;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.commsportal.common.Chunks;
import org.commsportal.common.UtcDateTime;
import org.commsportal.directory.CallingPlan;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the users' calling plans ({@code user_calling_plan}) and the tenant's allowances
 * ({@code calling_plan_allowance}, changeset 037), which this package owns, and the month's pools, which read the
 * PSTN usage read model's month rollup {@code pstn_outbound_month} (docs/pstn-usage.md) and never write it, as locations/ reads the quality
 * rollups (docs/architecture.md).
 */
@Repository
class MinutePoolRepository {

    /** When a user's first known plans begin: as far back as known (changeset 041). */
    private static final LocalDateTime SINCE_EVER = LocalDateTime.of(1000, 1, 1, 0, 0);

    /**
     * The month's counted users (for {@link MonthPlans}): each user licensed on some day of the month who has a usage
     * location, with the plans in force at the month's end (for the current month: now) as a bit per plan, grouped by
     * the user id in the plans' primary key order. The allowances are applied in memory ({@link MonthPlans.Pricing}):
     * a change of them then prices the kept plans again instead of reading them. At 100,000 users with plans, a row
     * per plan and capability, grouped by UPN in temporary tables and joined twice, took 2 to 2.6 s; this, about 0.3 s
     * (docs/pstn-minute-pools.md, "How it is read").
     */
    private static final String PLAN_USERS = planUsersSql("");

    /**
     * {@link #PLAN_USERS} of some users only, by id: those a write of the directory named. By UPN, MariaDB read every
     * plan of the tenant and looked each user up (120 ms at 100,000 users for 100 of them); by id, 1 ms.
     */
    private static final String PLAN_USERS_OF = planUsersSql("AND p.user_id IN (:ids)");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    MinutePoolRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    private static String planUsersSql(String condition) {
        return """
                SELECT p.user_id, MAX(u.upn) AS upn, MAX(u.usage_location) AS country,
                    BIT_OR(CASE p.plan %1$s ELSE 0 END) AS plans
                FROM user_calling_plan p
                JOIN licensed_user u ON u.id = p.user_id
                WHERE p.tenant_id = :t AND p.assigned_from < :to
                    AND (p.assigned_until IS NULL OR p.assigned_until >= :to) AND u.usage_location IS NOT NULL
                    AND u.licensed_from <= :last AND (u.deleted_at IS NULL OR u.deleted_at >= :first)
                    %2$s
                GROUP BY p.user_id
                """.formatted(
                        Arrays.stream(CallingPlan.values())
                                .map(plan -> "WHEN '" + plan.wireName() + "' THEN " + MonthPlans.bit(plan))
                                .collect(Collectors.joining(" ")),
                        condition);
    }

    // --- plans ------------------------------------------------------------------------------------------------------

    /** The ids of these users (lower-case UPNs), by UPN. */
    Map<String, Long> userIds(long tenantId, List<String> upns) {
        Map<String, Long> ids = new HashMap<>();
        for (List<String> chunk : Chunks.of(upns)) {
            jdbc.sql("SELECT id, upn FROM licensed_user WHERE tenant_id = :t AND upn IN (:upns)")
                    .param("t", tenantId)
                    .param("upns", chunk)
                    .query((rs, row) -> ids.put(rs.getString("upn"), rs.getLong("id")))
                    .list();
        }
        return ids;
    }

    /**
     * Makes the given plans these users' plans in force from {@code now}: a plan no longer listed ends now, a newly
     * listed one begins now, one still listed goes on. A user's first plans begin as far back as known
     * (docs/pstn-minute-pools.md, "Which plans a month counts").
     */
    void replacePlans(long tenantId, Map<Long, List<CallingPlan>> plans, Instant now) {
        List<Long> ids = plans.keySet().stream().sorted().toList();
        LocalDateTime at = UtcDateTime.toColumn(now);
        Set<Long> known = new HashSet<>();
        Map<Long, Set<String>> open = new HashMap<>();
        for (List<Long> chunk : Chunks.of(ids)) {
            jdbc.sql("""
                            SELECT user_id, plan, assigned_until FROM user_calling_plan
                            WHERE tenant_id = :t AND user_id IN (:ids) ORDER BY user_id FOR UPDATE
                            """)
                    .param("t", tenantId)
                    .param("ids", chunk)
                    .query((rs, row) -> {
                        long id = rs.getLong("user_id");
                        known.add(id);
                        if (rs.getObject("assigned_until") == null) {
                            open.computeIfAbsent(id, i -> new HashSet<>()).add(rs.getString("plan"));
                        }
                        return id;
                    })
                    .list();
        }
        List<Object[]> ended = new ArrayList<>();
        List<Object[]> begun = new ArrayList<>();
        for (Long id : ids) {
            Set<String> listed =
                    plans.get(id).stream().map(CallingPlan::wireName).collect(Collectors.toSet());
            Set<String> inForce = open.getOrDefault(id, Set.of());
            inForce.stream()
                    .filter(plan -> !listed.contains(plan))
                    .forEach(plan -> ended.add(new Object[] {at, tenantId, id, plan}));
            listed.stream()
                    .filter(plan -> !inForce.contains(plan))
                    .sorted()
                    .forEach(
                            plan -> begun.add(new Object[] {tenantId, id, plan, known.contains(id) ? at : SINCE_EVER}));
        }
        if (!ended.isEmpty()) {
            batch.batchUpdate("""
                    UPDATE user_calling_plan SET assigned_until = ?
                    WHERE tenant_id = ? AND user_id = ? AND plan = ? AND assigned_until IS NULL
                    """, ended);
        }
        if (!begun.isEmpty()) {
            // a plan ended and listed again within one millisecond goes on instead of beginning twice
            batch.batchUpdate("""
                    INSERT INTO user_calling_plan (tenant_id, user_id, plan, assigned_from) VALUES (?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE assigned_until = NULL
                    """, begun);
        }
    }

    // --- allowances -------------------------------------------------------------------------------------------------

    /** The tenant's own allowances, by plan and capability name ("MCOPSTN1 DOMESTIC"). */
    Map<String, Integer> allowances(long tenantId) {
        Map<String, Integer> minutes = new HashMap<>();
        jdbc.sql("SELECT plan, capability, minutes FROM calling_plan_allowance WHERE tenant_id = :t")
                .param("t", tenantId)
                .query((rs, row) ->
                        minutes.put(rs.getString("plan") + " " + rs.getString("capability"), rs.getInt("minutes")))
                .list();
        return minutes;
    }

    void setAllowance(long tenantId, CallingPlan plan, PoolCapability capability, int minutes) {
        jdbc.sql("""
                INSERT INTO calling_plan_allowance (tenant_id, plan, capability, minutes)
                VALUES (:t, :plan, :capability, :minutes)
                ON DUPLICATE KEY UPDATE minutes = VALUES(minutes)
                """)
                .param("t", tenantId)
                .param("plan", plan.wireName())
                .param("capability", capability.name())
                .param("minutes", minutes)
                .update();
    }

    void resetAllowance(long tenantId, CallingPlan plan, PoolCapability capability) {
        jdbc.sql("DELETE FROM calling_plan_allowance WHERE tenant_id = :t AND plan = :plan AND capability = :c")
                .param("t", tenantId)
                .param("plan", plan.wireName())
                .param("c", capability.name())
                .update();
    }

    // --- pools ------------------------------------------------------------------------------------------------------

    /** The month's counted users with their plans (docs/pstn-minute-pools.md, "How it is read"). */
    MonthPlans monthPlans(long tenantId, YearMonth month) {
        MonthPlans plans = new MonthPlans(MonthPlans.Pricing.of(allowances(tenantId)));
        jdbc.sql(PLAN_USERS).params(parameters(tenantId, month)).query(rs -> {
            plans.add(planUser(rs));
        });
        return plans;
    }

    /** The rows of these users (lower-case UPNs) that the month counts: none for a user it does not count. */
    List<MonthPlans.PlanUser> planUsers(long tenantId, YearMonth month, Collection<String> upns) {
        List<MonthPlans.PlanUser> users = new ArrayList<>();
        List<Long> ids =
                userIds(tenantId, List.copyOf(upns)).values().stream().sorted().toList();
        for (List<Long> chunk : Chunks.of(ids)) {
            jdbc.sql(PLAN_USERS_OF)
                    .params(parameters(tenantId, month))
                    .param("ids", chunk)
                    .query(rs -> {
                        users.add(planUser(rs));
                    });
        }
        return users;
    }

    private static MonthPlans.PlanUser planUser(ResultSet rs) throws SQLException {
        return new MonthPlans.PlanUser(rs.getString("upn"), rs.getString("country"), rs.getInt("plans"));
    }

    /**
     * Every pool of the month, in no particular order: the month's outbound milliseconds of each user, read from
     * pstn/'s month rollup pstn_outbound_month in its primary key's order (a call is domestic when its country is the
     * user's usage location, which pstn/ keeps equal to the directory's), summed into the plans' pools.
     */
    List<MinutePool> pools(long tenantId, YearMonth month, MonthPlans plans) {
        MonthPlans.Used used = plans.used();
        jdbc.sql("""
                        SELECT user_upn, domestic_ms, international_ms FROM pstn_outbound_month
                        WHERE tenant_id = :t AND month = :first
                        """).param("t", tenantId).param("first", month.atDay(1)).query(rs -> {
            used.add(rs.getString("user_upn"), rs.getLong("domestic_ms"), rs.getLong("international_ms"));
        });
        return used.pools();
    }

    private static Map<String, Object> parameters(long tenantId, YearMonth month) {
        LocalDate first = month.atDay(1);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("t", tenantId);
        parameters.put("first", first);
        parameters.put("last", month.atEndOfMonth());
        parameters.put("from", first.atStartOfDay());
        parameters.put("to", first.plusMonths(1).atStartOfDay());
        return parameters;
    }
}
