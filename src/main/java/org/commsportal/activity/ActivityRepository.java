package org.commsportal.activity;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ActivityRepository {

    private final JdbcClient jdbc;

    ActivityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Days with activity in [from, to]; days without a rollup row had none. */
    List<DailyActivity> dailyActivity(long tenantId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT day, p2p_im, p2p_audio, p2p_video, p2p_app_sharing, p2p_file_transfer,
                       users_im, users_audio, users_video, users_app_sharing, users_file_transfer,
                       p2p_audio_ms, p2p_video_ms
                FROM tenant_daily_rollup
                WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to
                ORDER BY day
                """)
                .param("tenantId", tenantId)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> new DailyActivity(
                        rs.getDate("day").toLocalDate(),
                        rs.getLong("p2p_im"),
                        rs.getLong("p2p_audio"),
                        rs.getLong("p2p_video"),
                        rs.getLong("p2p_app_sharing"),
                        rs.getLong("p2p_file_transfer"),
                        rs.getLong("users_im"),
                        rs.getLong("users_audio"),
                        rs.getLong("users_video"),
                        rs.getLong("users_app_sharing"),
                        rs.getLong("users_file_transfer"),
                        rs.getLong("p2p_audio_ms"),
                        rs.getLong("p2p_video_ms")))
                .list();
    }
}
