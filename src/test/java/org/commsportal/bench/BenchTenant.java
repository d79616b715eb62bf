package org.commsportal.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.Role;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A large tenant for benchmarks, loaded with set-based SQL (MariaDB's sequence engine) instead of the ingestion
 * path, which would take an hour for 15 million sessions. The rollups are built with the same definitions the
 * write path maintains (and that the integration tests recompute); the benchmark cross-checks a period's totals
 * against the raw rows. A data set is reused when a run finds it complete.
 */
final class BenchTenant {

    static final double SESSIONS_PER_USER_DAY = 8.3;

    private final JdbcClient jdbc;
    private final TenantService tenants;
    private final DirectoryService directory;
    private final CurrentTenant currentTenant;
    private final TestTenants testTenants;

    BenchTenant(JdbcClient jdbc, TenantService tenants, DirectoryService directory, CurrentTenant currentTenant,
                TestTenants testTenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.directory = directory;
        this.currentTenant = currentTenant;
        this.testTenants = testTenants;
    }

    /** The tenant for this size, loaded now unless an earlier run loaded it completely. */
    Tenant load(int users, int days, LocalDate lastDay) {
        String name = "bench-" + users + "x" + days + "-" + lastDay + ".example";
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_complete (tenant_id BIGINT PRIMARY KEY)").update();
        var existing = tenants.findByName(name);
        if (existing.isPresent() && complete(existing.get().id())) {
            System.out.println("Reusing data set " + name);
            return existing.get();
        }
        if (existing.isPresent()) {
            throw new IllegalStateException("Data set " + name + " is incomplete; delete " + System.getProperty(
                    "portal.embedded-db.data-dir") + " and run again");
        }
        long started = System.nanoTime();
        Tenant tenant = tenants.create(name, java.util.UUID.randomUUID(), false);
        loadUsers(tenant, users, lastDay.minusDays(days + 30L));
        int perDay = (int) Math.round(users * SESSIONS_PER_USER_DAY);
        for (int d = 0; d < days; d++) {
            LocalDate day = lastDay.minusDays(days - 1L - d);
            loadDay(tenant.id(), day, d, users, perDay);
            if ((d + 1) % 20 == 0 || d == days - 1) {
                System.out.printf("  loaded %d of %d days (%,d sessions/day) after %d s%n", d + 1, days, perDay,
                        (System.nanoTime() - started) / 1_000_000_000);
            }
        }
        jdbc.sql("INSERT INTO bench_complete (tenant_id) VALUES (:t)").param("t", tenant.id()).update();
        System.out.printf("Loaded %s in %d s%n", name, (System.nanoTime() - started) / 1_000_000_000);
        return tenant;
    }

    /** Signs in an administrator of the bench tenant in this thread. */
    void signInAdministrator(Tenant tenant) {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
    }

    private boolean complete(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM bench_complete WHERE tenant_id = :t").param("t", tenantId)
                .query(Long.class).single() > 0;
    }

    private void loadUsers(Tenant tenant, int users, LocalDate licensedFrom) {
        List<UserRecord> batch = new ArrayList<>();
        for (int n = 0; n < users; n++) {
            String alias = "user" + n;
            // every 50th user's license is removed during the period
            LocalDate deletedAt = n % 50 == 49 ? licensedFrom.plusDays(60 + n % 100) : null;
            batch.add(new UserRecord(alias + "@" + tenant.name(), alias, "User " + n, licensedFrom, deletedAt));
            if (batch.size() == 5_000 || n == users - 1) {
                List<UserRecord> chunk = List.copyOf(batch);
                currentTenant.runAs(tenant.id(), () -> directory.upsert(chunk));
                batch.clear();
            }
        }
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_user (tenant_id BIGINT, n INT, user_id BIGINT, upn VARCHAR(255), "
                + "PRIMARY KEY (tenant_id, n))").update();
        jdbc.sql("""
                INSERT INTO bench_user (tenant_id, n, user_id, upn)
                SELECT tenant_id, ROW_NUMBER() OVER (ORDER BY id) - 1, id, upn FROM licensed_user WHERE tenant_id = :t
                """).param("t", tenant.id()).update();
    }

    private void loadDay(long tenantId, LocalDate day, int dayNumber, int users, int perDay) {
        var start = day.atStartOfDay();
        jdbc.sql("""
                INSERT INTO comm_session (tenant_id, dialog_id, start_time, end_time, from_uri, to_uri, from_user_id,
                                          to_user_id, media_mask, im_message_count)
                SELECT :t, CONCAT(:day, '-', s.seq),
                       :start + INTERVAL ((s.seq * 7919) MOD 85000) SECOND,
                       :start + INTERVAL ((s.seq * 7919) MOD 85000 + 30 + (s.seq * 31) MOD 3600) SECOND,
                       CONCAT('sip:', f.upn), CONCAT('sip:', t.upn), f.user_id, t.user_id,
                       CASE s.seq MOD 10 WHEN 7 THEN 16 WHEN 8 THEN 48 WHEN 9 THEN IF(s.seq MOD 20 = 9, 8, 2) ELSE 1 END,
                       1 + s.seq MOD 20
                FROM seq_1_to_%d s
                JOIN bench_user f ON f.tenant_id = :t AND f.n = s.seq MOD :users
                JOIN bench_user t ON t.tenant_id = :t AND t.n = (s.seq * 13 + 1 + :dayNumber) MOD :users
                """.formatted(perDay))
                .param("t", tenantId).param("day", day.toString()).param("start", start).param("users", users)
                .param("dayNumber", dayNumber).update();
        var range = new Object[] {start, start.plusDays(1)};
        jdbc.sql("""
                INSERT INTO session_media (session_id, media_type_id, tenant_id, duration_ms)
                SELECT s.id, m.type, s.tenant_id, TIMESTAMPDIFF(SECOND, s.start_time, s.end_time) * 1000
                FROM comm_session s
                JOIN (SELECT 1 AS bit, 1 AS type UNION ALL SELECT 2, 2 UNION ALL SELECT 8, 4
                      UNION ALL SELECT 16, 5 UNION ALL SELECT 32, 6) m ON s.media_mask & m.bit
                WHERE s.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to
                """).param("t", tenantId).param("from", range[0]).param("to", range[1]).update();
        jdbc.sql("""
                INSERT INTO user_daily_rollup (tenant_id, user_id, day, p2p_im, p2p_audio, p2p_video, p2p_app_sharing,
                                               p2p_file_transfer, p2p_audio_ms, p2p_video_ms)
                SELECT :t, p.user_id, :day, SUM(s.media_mask & 1 > 0), SUM(s.media_mask & 16 > 0),
                       SUM(s.media_mask & 32 > 0), SUM(s.media_mask & 8 > 0), SUM(s.media_mask & 2 > 0),
                       SUM(IF(s.media_mask & 16, TIMESTAMPDIFF(SECOND, s.start_time, s.end_time) * 1000, 0)),
                       SUM(IF(s.media_mask & 32, TIMESTAMPDIFF(SECOND, s.start_time, s.end_time) * 1000, 0))
                FROM (SELECT id, from_user_id AS user_id FROM comm_session
                      WHERE tenant_id = :t AND start_time >= :from AND start_time < :to
                      UNION
                      SELECT id, to_user_id FROM comm_session
                      WHERE tenant_id = :t AND start_time >= :from AND start_time < :to) p
                JOIN comm_session s ON s.id = p.id
                GROUP BY p.user_id
                """).param("t", tenantId).param("day", day).param("from", range[0]).param("to", range[1]).update();
        jdbc.sql("""
                INSERT INTO tenant_daily_rollup (tenant_id, day, p2p_im, p2p_audio, p2p_video, p2p_app_sharing,
                    p2p_file_transfer, p2p_audio_ms, p2p_video_ms, users_im, users_audio, users_video,
                    users_app_sharing, users_file_transfer)
                SELECT :t, :day, SUM(s.media_mask & 1 > 0), SUM(s.media_mask & 16 > 0), SUM(s.media_mask & 32 > 0),
                       SUM(s.media_mask & 8 > 0), SUM(s.media_mask & 2 > 0),
                       SUM(IF(s.media_mask & 16, TIMESTAMPDIFF(SECOND, s.start_time, s.end_time) * 1000, 0)),
                       SUM(IF(s.media_mask & 32, TIMESTAMPDIFF(SECOND, s.start_time, s.end_time) * 1000, 0)),
                       u.im, u.audio, u.video, u.app, u.ft
                FROM comm_session s,
                     (SELECT SUM(p2p_im > 0) AS im, SUM(p2p_audio > 0) AS audio, SUM(p2p_video > 0) AS video,
                             SUM(p2p_app_sharing > 0) AS app, SUM(p2p_file_transfer > 0) AS ft
                      FROM user_daily_rollup WHERE tenant_id = :t AND day = :day) u
                WHERE s.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to
                """).param("t", tenantId).param("day", day).param("from", range[0]).param("to", range[1]).update();
    }
}
