package org.commsportal.savedviews;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The saved_view table; every statement names its tenant. */
@Repository
class SavedViewRepository {

    /** A row as stored, with the saving account's name. */
    record Row(
            long id,
            long accountId,
            String name,
            String route,
            String query,
            boolean shared,
            String savedBy,
            Instant savedAt) {}

    private final JdbcClient jdbc;

    SavedViewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long countOf(long tenantId, long accountId) {
        return jdbc.sql("SELECT COUNT(*) FROM saved_view WHERE tenant_id = :t AND account_id = :a")
                .param("t", tenantId)
                .param("a", accountId)
                .query(Long.class)
                .single();
    }

    boolean exists(long tenantId, long accountId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM saved_view WHERE tenant_id = :t AND account_id = :a AND name = :n")
                        .param("t", tenantId)
                        .param("a", accountId)
                        .param("n", name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void insert(long tenantId, long accountId, String name, String route, String query, boolean shared, Instant at) {
        jdbc.sql("""
                INSERT INTO saved_view (tenant_id, account_id, name, route, query, shared, saved_at)
                VALUES (:t, :a, :n, :r, :q, :s, :at)
                """)
                .param("t", tenantId)
                .param("a", accountId)
                .param("n", name)
                .param("r", route)
                .param("q", query)
                .param("s", shared)
                .param("at", java.sql.Timestamp.from(at))
                .update();
    }

    /** The account's own views and those others of the tenant share, newest first, at most {@code limit}. */
    List<Row> visibleTo(long tenantId, long accountId, int limit) {
        return jdbc.sql("""
                SELECT v.id, v.account_id, v.name, v.route, v.query, v.shared, a.username, v.saved_at
                FROM saved_view v JOIN portal_account a ON a.id = v.account_id AND a.tenant_id = v.tenant_id
                WHERE v.tenant_id = :t AND (v.account_id = :a OR v.shared)
                ORDER BY v.saved_at DESC, v.id DESC
                LIMIT :limit
                """)
                .param("t", tenantId)
                .param("a", accountId)
                .param("limit", limit)
                .query((rs, row) -> new Row(
                        rs.getLong("id"),
                        rs.getLong("account_id"),
                        rs.getString("name"),
                        rs.getString("route"),
                        rs.getString("query"),
                        rs.getBoolean("shared"),
                        rs.getString("username"),
                        rs.getTimestamp("saved_at").toInstant()))
                .list();
    }

    /** Deletes the account's own view; the name of what was deleted, or null when it has no such view. */
    @org.jspecify.annotations.Nullable
    String deleteOwn(long tenantId, long accountId, long id) {
        List<String> names = jdbc.sql(
                        "SELECT name FROM saved_view WHERE tenant_id = :t AND account_id = :a AND id = :id FOR UPDATE")
                .param("t", tenantId)
                .param("a", accountId)
                .param("id", id)
                .query(String.class)
                .list();
        if (names.isEmpty()) {
            return null;
        }
        jdbc.sql("DELETE FROM saved_view WHERE tenant_id = :t AND account_id = :a AND id = :id")
                .param("t", tenantId)
                .param("a", accountId)
                .param("id", id)
                .update();
        return names.get(0);
    }
}
