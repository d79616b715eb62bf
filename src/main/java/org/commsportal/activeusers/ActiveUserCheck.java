package org.commsportal.activeusers;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Compares a tenant's stored active-user rows with a build from its raw sessions, for the {@code verify-rollups}
 * command: it copies the stored rows aside, builds them again in the same transaction, lists every row that
 * differs and rolls the build back. Session writers of the tenant wait meanwhile (the build's exclusive lock).
 */
@Component
class ActiveUserCheck {

    /** The stored rows of each table, their key columns and the columns compared (rows of zeros are not kept). */
    private record Checked(String table, String keys, String values, String kept) {}

    private static final List<Checked> TABLES = List.of(
            new Checked("user_quarter_hours", "day, user_id", "HEX(counts)", "TRUE"),
            new Checked(
                    "active_user_interior", "period_kind, period_start, user_id", "active_days", "active_days <> 0"),
            new Checked("active_user_count", "period_kind, period_start, shift", "active_users", "active_users <> 0"));

    private final ActiveUserRepository repository;
    private final ActiveUserBuild build;
    private final JdbcClient jdbc;

    ActiveUserCheck(ActiveUserRepository repository, ActiveUserBuild build, JdbcClient jdbc) {
        this.repository = repository;
        this.build = build;
        this.jdbc = jdbc;
    }

    /** Human-readable differences, at most {@code limit}; none for a tenant whose rows are not built yet. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    List<String> differences(long tenantId, int limit) {
        if (!repository.lockExclusive(tenantId, true)) {
            return List.of();
        }
        for (Checked checked : TABLES) {
            jdbc.sql("DROP TEMPORARY TABLE IF EXISTS stored_" + checked.table()).update();
            jdbc.sql("CREATE TEMPORARY TABLE stored_" + checked.table() + " AS SELECT " + checked.keys() + ", "
                            + checked.values() + " AS v FROM " + checked.table() + " WHERE tenant_id = :t AND "
                            + checked.kept())
                    .param("t", tenantId)
                    .update();
        }
        build.rebuild(tenantId);
        List<String> differences = new ArrayList<>();
        for (Checked checked : TABLES) {
            String sameKey = String.join(
                    " AND ",
                    java.util.Arrays.stream(checked.keys().split(", "))
                            .map(key -> "r." + key + " = s." + key)
                            .toList());
            String keyText = "CONCAT_WS(' ', "
                    + java.util.Arrays.stream(checked.keys().split(", "))
                            .map(key -> "s." + key)
                            .reduce((a, b) -> a + ", " + b)
                            .orElseThrow()
                    + ")";
            String rebuilt = "(SELECT " + checked.keys() + ", " + checked.values() + " AS v FROM " + checked.table()
                    + " WHERE tenant_id = :t AND " + checked.kept() + ")";
            // a temporary table may appear only once per statement: one statement per direction
            differences.addAll(jdbc.sql("SELECT CONCAT('" + checked.table() + " ', " + keyText
                            + ", ': stored ', s.v, ', recomputed ', COALESCE(r.v, 'nothing')) FROM stored_"
                            + checked.table()
                            + " s LEFT JOIN " + rebuilt + " r ON " + sameKey
                            + " WHERE r.v IS NULL OR r.v <> s.v LIMIT :limit")
                    .param("t", tenantId)
                    .param("limit", limit)
                    .query(String.class)
                    .list());
            differences.addAll(jdbc.sql("SELECT CONCAT('" + checked.table() + " ', " + keyText
                            + ", ': stored nothing, recomputed ', s.v) FROM " + rebuilt + " s LEFT JOIN stored_"
                            + checked.table() + " r ON " + sameKey + " WHERE r.v IS NULL LIMIT :limit")
                    .param("t", tenantId)
                    .param("limit", limit)
                    .query(String.class)
                    .list());
            jdbc.sql("DROP TEMPORARY TABLE stored_" + checked.table()).update();
        }
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly(); // the stored rows stay as they were
        return differences.subList(0, Math.min(limit, differences.size()));
    }
}
