package org.commsportal.directory;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.commsportal.common.Chunks;
import org.commsportal.common.SqlLike;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class DirectoryRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    DirectoryRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Inserts new users and updates known ones (by UPN, case-insensitively). */
    void upsert(long tenantId, List<UserRecord> users, UnaryOperator<String> pseudonym) {
        List<Object[]> rows = new ArrayList<>(users.size());
        for (UserRecord u : users) {
            String upn = u.upn().toLowerCase(Locale.ROOT);
            rows.add(new Object[] {
                tenantId,
                upn,
                u.alias(),
                u.displayName(),
                pseudonym.apply(upn),
                Date.valueOf(u.licensedFrom()),
                u.deletedAt() != null,
                u.deletedAt() == null ? null : Date.valueOf(u.deletedAt()),
                u.objectId() == null ? null : u.objectId().toLowerCase(Locale.ROOT),
                u.usageLocation() == null ? null : u.usageLocation().toUpperCase(Locale.ROOT)
            });
        }
        batch.batchUpdate("""
                INSERT INTO licensed_user (tenant_id, upn, alias, display_name, pseudonym, licensed_from, deleted,
                    deleted_at, object_id, usage_location)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE alias = VALUES(alias), display_name = VALUES(display_name),
                    licensed_from = VALUES(licensed_from), deleted = VALUES(deleted), deleted_at = VALUES(deleted_at),
                    object_id = COALESCE(VALUES(object_id), object_id),
                    usage_location = COALESCE(VALUES(usage_location), usage_location)
                """, rows);
    }

    /** The licence dates of those of these users (lower-case UPNs) that exist, by lower-case UPN. */
    Map<String, List<Object>> licences(long tenantId, List<String> upns) {
        Map<String, List<Object>> licences = new HashMap<>();
        for (int from = 0; from < upns.size(); from += 1000) {
            jdbc.sql("""
                    SELECT LOWER(upn) AS upn, licensed_from, deleted_at FROM licensed_user
                    WHERE tenant_id = :t AND upn IN (:upns)
                    """)
                    .param("t", tenantId)
                    .param("upns", upns.subList(from, Math.min(upns.size(), from + 1000)))
                    .query((rs, row) -> licences.put(
                            rs.getString("upn"),
                            java.util.Arrays.asList(
                                    rs.getObject("licensed_from", LocalDate.class),
                                    rs.getObject("deleted_at", LocalDate.class))))
                    .list();
        }
        return licences;
    }

    /** The usage locations of those of these users (lower-case UPNs) that exist, by lower-case UPN; null when none. */
    Map<String, Optional<String>> usageLocations(long tenantId, List<String> upns) {
        Map<String, Optional<String>> locations = new HashMap<>();
        for (List<String> chunk : Chunks.of(upns)) {
            jdbc.sql(
                            "SELECT LOWER(upn) AS upn, usage_location FROM licensed_user WHERE tenant_id = :t AND upn IN (:upns)")
                    .param("t", tenantId)
                    .param("upns", chunk)
                    .query((rs, row) ->
                            locations.put(rs.getString("upn"), Optional.ofNullable(rs.getString("usage_location"))))
                    .list();
        }
        return locations;
    }

    /**
     * Users whose alias or UPN starts with the prefix; when {@code pseudonymsOnly}, users whose pseudonym starts
     * with it instead, and never a match on a real name (docs/privacy.md). Uses ix_licensed_user_pseudonym then.
     */
    List<LicensedUser> findByAliasOrUpnPrefix(long tenantId, String prefix, int limit, boolean pseudonymsOnly) {
        String where = pseudonymsOnly
                ? "pseudonym LIKE :pattern ORDER BY pseudonym"
                : "(alias LIKE :pattern OR upn LIKE :pattern) ORDER BY alias";
        return jdbc.sql("""
                SELECT id, upn, alias, display_name, licensed_from, deleted_at
                FROM licensed_user
                WHERE tenant_id = :tenantId AND %s LIMIT :limit
                """.formatted(where))
                .param("tenantId", tenantId)
                .param("pattern", SqlLike.startsWith(prefix))
                .param("limit", limit)
                .query((rs, row) -> new LicensedUser(
                        rs.getLong("id"),
                        rs.getString("upn"),
                        rs.getString("alias"),
                        rs.getString("display_name"),
                        rs.getDate("licensed_from").toLocalDate(),
                        rs.getDate("deleted_at") == null
                                ? null
                                : rs.getDate("deleted_at").toLocalDate()))
                .list();
    }

    boolean exists(long tenantId, long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM licensed_user WHERE tenant_id = :tenantId AND id = :userId")
                        .param("tenantId", tenantId)
                        .param("userId", userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long count(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM licensed_user WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query(Long.class)
                .single();
    }

    /**
     * The UPNs of the users with these directory object ids (lower case), by object id; an id that two users share
     * matches neither. Uses ix_licensed_user_object_id.
     */
    Map<String, String> upnsByObjectId(long tenantId, List<String> objectIds) {
        Map<String, String> upns = new HashMap<>();
        for (int from = 0; from < objectIds.size(); from += 1000) {
            jdbc.sql("""
                    SELECT object_id, MIN(upn) AS upn FROM licensed_user
                    WHERE tenant_id = :t AND object_id IN (:ids)
                    GROUP BY object_id HAVING COUNT(*) = 1
                    """)
                    .param("t", tenantId)
                    .param("ids", objectIds.subList(from, Math.min(objectIds.size(), from + 1000)))
                    .query((rs, row) -> upns.put(rs.getString("object_id"), rs.getString("upn")))
                    .list();
        }
        return upns;
    }
}
