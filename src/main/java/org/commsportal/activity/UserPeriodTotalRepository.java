package org.commsportal.activity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.commsportal.common.Chunks;
import org.commsportal.common.PeriodTotalsState;
import org.commsportal.sessions.RollupContribution;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-user totals of each report period (user_period_total) and the report date they end on (the report_date
 * of user_period_state, whose row is the tenant's write lock, see {@link org.commsportal.sessions.TenantWriteLock}),
 * derived from the write core's user_daily_rollup with set-based SQL.
 */
@Repository
class UserPeriodTotalRepository implements PeriodTotalsState.Steps {

    private static final String P2P_ACTIVITY =
            "r.p2p_im + r.p2p_audio + r.p2p_video + r.p2p_app_sharing + r.p2p_file_transfer > 0";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final PeriodTotalsState state;

    UserPeriodTotalRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.state = new PeriodTotalsState(jdbc, "user_period_state");
    }

    /** The report date the totals end on, without locking; null when not built yet. */
    @Nullable
    LocalDate reportDate(long tenantId) {
        return state.reportDate(tenantId);
    }

    List<Integer> periodDays() {
        return state.periodDays();
    }

    /** Moves the totals to the report date in the caller's transaction; false when they already ended there. */
    boolean moveTo(long tenantId, LocalDate reportDate, LongConsumer lockExclusive) {
        return state.move(tenantId, reportDate, lockExclusive, this);
    }

    int longestPeriodDays() {
        return jdbc.sql("SELECT MAX(days) FROM report_period")
                .query(Integer.class)
                .single();
    }

    /** Recomputes every licensed user's totals for the periods ending on the report date. */
    @Override
    public void rebuild(long tenantId, LocalDate reportDate) {
        jdbc.sql("""
                INSERT IGNORE INTO user_period_total (tenant_id, user_id, period_days)
                SELECT u.tenant_id, u.id, p.days FROM licensed_user u CROSS JOIN report_period p
                WHERE u.tenant_id = :t
                """).param("t", tenantId).update();
        jdbc.sql("""
                UPDATE user_period_total SET p2p_im = 0, p2p_audio = 0, p2p_video = 0, p2p_app_sharing = 0,
                    p2p_file_transfer = 0, p2p_audio_ms = 0, p2p_video_ms = 0, last_activity = NULL
                WHERE tenant_id = :t
                """).param("t", tenantId).update();
        // one pass over the longest period's rollup rows, each row summed into every period that contains its day
        jdbc.sql("""
                UPDATE user_period_total t JOIN (
                    SELECT r.user_id, p.days,
                           SUM(r.p2p_im) AS im, SUM(r.p2p_audio) AS audio, SUM(r.p2p_video) AS video,
                           SUM(r.p2p_app_sharing) AS app_sharing, SUM(r.p2p_file_transfer) AS file_transfer,
                           SUM(r.p2p_audio_ms) AS audio_ms, SUM(r.p2p_video_ms) AS video_ms
                    FROM user_daily_rollup r
                    JOIN report_period p ON r.day > :reportDate - INTERVAL p.days DAY
                    WHERE r.tenant_id = :t AND r.day <= :reportDate
                      AND r.day > :reportDate - INTERVAL (SELECT MAX(days) FROM report_period) DAY
                    GROUP BY r.user_id, p.days) w
                  ON t.tenant_id = :t AND t.user_id = w.user_id AND t.period_days = w.days
                SET t.p2p_im = w.im, t.p2p_audio = w.audio, t.p2p_video = w.video,
                    t.p2p_app_sharing = w.app_sharing, t.p2p_file_transfer = w.file_transfer,
                    t.p2p_audio_ms = w.audio_ms, t.p2p_video_ms = w.video_ms
                """).param("t", tenantId).param("reportDate", reportDate).update();
        jdbc.sql("""
                UPDATE user_period_total t JOIN (
                    SELECT r.user_id, MAX(r.day) AS last_day FROM user_daily_rollup r
                    WHERE r.tenant_id = :t AND r.day <= :reportDate AND %s
                    GROUP BY r.user_id) a ON t.tenant_id = :t AND t.user_id = a.user_id
                SET t.last_activity = a.last_day
                """.formatted(P2P_ACTIVITY))
                .param("t", tenantId)
                .param("reportDate", reportDate)
                .update();
    }

    /**
     * Moves one period's totals from the window ending on {@code from} to the one ending on the later date
     * {@code to}: adds the rollups of the days that enter the window and subtracts those of the days that leave it
     * (two disjoint day ranges, read through the rollup primary key).
     */
    @Override
    public void moveWindow(long tenantId, int periodDays, LocalDate from, LocalDate to) {
        LocalDate leaving = from.minusDays(periodDays); // days (leaving, leftUntil] leave
        LocalDate leftUntil = min(from, to.minusDays(periodDays));
        LocalDate entering = max(from, to.minusDays(periodDays)); // days (entering, to] enter
        jdbc.sql("""
                UPDATE user_period_total t JOIN (
                    SELECT r.user_id, SUM(IF(r.day > :entering, 1, -1) * r.p2p_im) AS im,
                           SUM(IF(r.day > :entering, 1, -1) * r.p2p_audio) AS audio,
                           SUM(IF(r.day > :entering, 1, -1) * r.p2p_video) AS video,
                           SUM(IF(r.day > :entering, 1, -1) * r.p2p_app_sharing) AS app_sharing,
                           SUM(IF(r.day > :entering, 1, -1) * r.p2p_file_transfer) AS file_transfer,
                           SUM(IF(r.day > :entering, 1, -1) * r.p2p_audio_ms) AS audio_ms,
                           SUM(IF(r.day > :entering, 1, -1) * r.p2p_video_ms) AS video_ms
                    FROM user_daily_rollup r
                    WHERE r.tenant_id = :t AND ((r.day > :leaving AND r.day <= :leftUntil)
                                                OR (r.day > :entering AND r.day <= :to))
                    GROUP BY r.user_id) d ON t.tenant_id = :t AND t.user_id = d.user_id AND t.period_days = :days
                SET t.p2p_im = t.p2p_im + d.im, t.p2p_audio = t.p2p_audio + d.audio, t.p2p_video = t.p2p_video + d.video,
                    t.p2p_app_sharing = t.p2p_app_sharing + d.app_sharing,
                    t.p2p_file_transfer = t.p2p_file_transfer + d.file_transfer,
                    t.p2p_audio_ms = t.p2p_audio_ms + d.audio_ms, t.p2p_video_ms = t.p2p_video_ms + d.video_ms
                """)
                .param("t", tenantId)
                .param("days", periodDays)
                .param("leaving", leaving)
                .param("leftUntil", leftUntil)
                .param("entering", entering)
                .param("to", to)
                .update();
    }

    /** Moves the last activity dates from the report date {@code from} to the later {@code to}. */
    @Override
    public void moveLastDays(long tenantId, LocalDate from, LocalDate to) {
        // every day after the old report date is later than any stored last activity date
        jdbc.sql("""
                UPDATE user_period_total t JOIN (
                    SELECT r.user_id, MAX(r.day) AS last_day FROM user_daily_rollup r
                    WHERE r.tenant_id = :t AND r.day > :from AND r.day <= :to AND %s
                    GROUP BY r.user_id) a ON t.tenant_id = :t AND t.user_id = a.user_id
                SET t.last_activity = a.last_day
                """.formatted(P2P_ACTIVITY))
                .param("t", tenantId)
                .param("from", from)
                .param("to", to)
                .update();
    }

    /**
     * Adds a write's rollup differences to the totals of the periods (ending on the report date) whose window
     * holds their day, each difference being per user and day, and moves on the last activity date of each user
     * whose days up to the report date only gained sessions. Returns the users whose days up to the report date
     * lost some: their last activity date is for {@link #refreshLastActivity} to recompute. Summed per user and
     * period first, then one multi-row statement: an update per user and day of every period holding it, and a
     * recount of every user's last activity, cost about 0.35 s per 1,000 sessions.
     */
    Set<Long> addDifferences(
            long tenantId, LocalDate reportDate, Map<Long, Map<LocalDate, RollupContribution>> byUser) {
        List<Integer> periods = periodDays();
        List<Object[]> rows = new ArrayList<>();
        Set<Long> lostSessions = new TreeSet<>();
        // in user id order, the order every writer locks rows in, which keeps concurrent writers from deadlocking
        new TreeMap<>(byUser).forEach((userId, byDay) -> {
            List<RollupContribution> upToReportDate = byDay.values().stream()
                    .filter(c -> !c.day().isAfter(reportDate) && changesPeerToPeer(c))
                    .toList();
            if (upToReportDate.isEmpty()) {
                return;
            }
            LocalDate lastActive = null;
            if (upToReportDate.stream().anyMatch(UserPeriodTotalRepository::removesSome)) {
                lostSessions.add(userId);
            } else {
                lastActive = upToReportDate.stream()
                        .filter(UserPeriodTotalRepository::addsSessions)
                        .map(RollupContribution::day)
                        .max(LocalDate::compareTo)
                        .orElse(null);
            }
            for (int periodDays : periods) {
                RollupContribution sum = null;
                for (RollupContribution c : upToReportDate) {
                    if (ChronoUnit.DAYS.between(c.day(), reportDate) < periodDays) {
                        sum = sum == null ? c : sum.plus(c);
                    }
                }
                if ((sum != null && changesPeerToPeer(sum)) || lastActive != null) {
                    RollupContribution add =
                            sum == null ? new RollupContribution(reportDate, 0, 0, 0, 0, 0, 0, 0, 0) : sum;
                    rows.add(new Object[] {
                        tenantId,
                        userId,
                        periodDays,
                        add.im(),
                        add.audio(),
                        add.video(),
                        add.appSharing(),
                        add.fileTransfer(),
                        add.audioMs(),
                        add.videoMs(),
                        lastActive == null ? null : java.sql.Date.valueOf(lastActive)
                    });
                }
            }
        });
        for (List<Object[]> chunk : Chunks.of(rows)) {
            // every licensed user has a row per period (rebuild, addNewUsers): the insert part never adds one
            batch.batchUpdate("""
                    INSERT INTO user_period_total (tenant_id, user_id, period_days, p2p_im, p2p_audio, p2p_video,
                        p2p_app_sharing, p2p_file_transfer, p2p_audio_ms, p2p_video_ms, last_activity)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE p2p_im = p2p_im + VALUES(p2p_im), p2p_audio = p2p_audio + VALUES(p2p_audio),
                        p2p_video = p2p_video + VALUES(p2p_video), p2p_app_sharing = p2p_app_sharing + VALUES(p2p_app_sharing),
                        p2p_file_transfer = p2p_file_transfer + VALUES(p2p_file_transfer),
                        p2p_audio_ms = p2p_audio_ms + VALUES(p2p_audio_ms), p2p_video_ms = p2p_video_ms + VALUES(p2p_video_ms),
                        last_activity = COALESCE(GREATEST(last_activity, VALUES(last_activity)), last_activity,
                            VALUES(last_activity))
                    """, chunk);
        }
        return lostSessions;
    }

    /** Whether the difference takes sessions or minutes away from its day. */
    private static boolean removesSome(RollupContribution c) {
        return c.im() < 0
                || c.audio() < 0
                || c.video() < 0
                || c.appSharing() < 0
                || c.fileTransfer() < 0
                || c.audioMs() < 0
                || c.videoMs() < 0;
    }

    /** Whether the difference gives its day peer-to-peer sessions (so the day has activity). */
    private static boolean addsSessions(RollupContribution c) {
        return c.im() > 0 || c.audio() > 0 || c.video() > 0 || c.appSharing() > 0 || c.fileTransfer() > 0;
    }

    /**
     * Recomputes the last activity date of users whose peer-to-peer rollups changed on or before the report date.
     * Run after the rollups are written: it reads the user's newest rollup row with activity.
     */
    void refreshLastActivity(long tenantId, LocalDate reportDate, Collection<Long> userIds) {
        for (List<Long> chunk : Chunks.of(userIds.stream().sorted().toList())) {
            jdbc.sql("""
                    UPDATE user_period_total t SET t.last_activity = (
                        SELECT r.day FROM user_daily_rollup r
                        WHERE r.tenant_id = t.tenant_id AND r.user_id = t.user_id AND r.day <= :reportDate AND %s
                        ORDER BY r.day DESC LIMIT 1)
                    WHERE t.tenant_id = :t AND t.user_id IN (:users)
                    """.formatted(P2P_ACTIVITY))
                    .param("t", tenantId)
                    .param("reportDate", reportDate)
                    .param("users", chunk)
                    .update();
        }
    }

    /**
     * Zero rows for every period for those of these users who have none yet (users just added); the session writer
     * then adds the sessions that name them.
     */
    void addNewUsers(long tenantId, Collection<String> upns) {
        for (List<String> chunk : Chunks.of(new ArrayList<>(upns))) {
            List<Long> newUsers = jdbc.sql("""
                    SELECT u.id FROM licensed_user u
                    WHERE u.tenant_id = :t AND u.upn IN (:upns)
                      AND NOT EXISTS (SELECT 1 FROM user_period_total x WHERE x.tenant_id = :t AND x.user_id = u.id)
                    """)
                    .param("t", tenantId)
                    .param("upns", chunk)
                    .query(Long.class)
                    .list();
            if (!newUsers.isEmpty()) {
                // IGNORE: a concurrent write of the same new user may have added them first
                jdbc.sql("""
                        INSERT IGNORE INTO user_period_total (tenant_id, user_id, period_days)
                        SELECT :t, u.id, p.days FROM licensed_user u CROSS JOIN report_period p
                        WHERE u.tenant_id = :t AND u.id IN (:users)
                        """).param("t", tenantId).param("users", newUsers).update();
            }
        }
    }

    static boolean changesPeerToPeer(RollupContribution c) {
        return c.im() != 0
                || c.audio() != 0
                || c.video() != 0
                || c.appSharing() != 0
                || c.fileTransfer() != 0
                || c.audioMs() != 0
                || c.videoMs() != 0;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The totals of every licensed user and period ending on the stored report date against sums of the user's
     * daily rollups, human-readable, at most {@code limit}; nothing while the totals are not built.
     */
    List<String> differences(long tenantId, int limit) {
        return jdbc.sql("""
                WITH state AS (
                    SELECT report_date FROM user_period_state WHERE tenant_id = :t AND report_date IS NOT NULL)
                , expected AS (
                    SELECT u.id AS user_id, p.days,
                           COALESCE(SUM(r.p2p_im), 0) AS im, COALESCE(SUM(r.p2p_audio), 0) AS audio,
                           COALESCE(SUM(r.p2p_video), 0) AS video, COALESCE(SUM(r.p2p_app_sharing), 0) AS app_sharing,
                           COALESCE(SUM(r.p2p_file_transfer), 0) AS file_transfer,
                           COALESCE(SUM(r.p2p_audio_ms), 0) AS audio_ms, COALESCE(SUM(r.p2p_video_ms), 0) AS video_ms,
                           (SELECT MAX(l.day) FROM user_daily_rollup l WHERE l.tenant_id = :t AND l.user_id = u.id
                              AND l.day <= st.report_date AND %s) AS last_activity
                    FROM licensed_user u CROSS JOIN report_period p CROSS JOIN state st
                    LEFT JOIN user_daily_rollup r ON r.tenant_id = :t AND r.user_id = u.id AND r.day <= st.report_date
                                                 AND r.day > st.report_date - INTERVAL p.days DAY
                    WHERE u.tenant_id = :t
                    GROUP BY u.id, p.days, st.report_date)
                SELECT CONCAT('user_period_total user ', e.user_id, ' period ', e.days, ' days: stored ',
                              COALESCE(CONCAT_WS('/', t.p2p_im, t.p2p_audio, t.p2p_video, t.p2p_app_sharing,
                                  t.p2p_file_transfer, t.p2p_audio_ms, t.p2p_video_ms, COALESCE(t.last_activity, '-')),
                                  'nothing'),
                              ', recomputed ', CONCAT_WS('/', e.im, e.audio, e.video, e.app_sharing, e.file_transfer,
                                  e.audio_ms, e.video_ms, COALESCE(e.last_activity, '-')))
                FROM expected e LEFT JOIN user_period_total t
                  ON t.tenant_id = :t AND t.user_id = e.user_id AND t.period_days = e.days
                WHERE t.user_id IS NULL OR NOT (t.p2p_im = e.im AND t.p2p_audio = e.audio AND t.p2p_video = e.video
                    AND t.p2p_app_sharing = e.app_sharing AND t.p2p_file_transfer = e.file_transfer
                    AND t.p2p_audio_ms = e.audio_ms AND t.p2p_video_ms = e.video_ms AND t.last_activity <=> e.last_activity)
                LIMIT :limit
                """.formatted(P2P_ACTIVITY.replace("r.", "l.")))
                .param("t", tenantId)
                .param("limit", limit)
                .query(String.class)
                .list();
    }
}
