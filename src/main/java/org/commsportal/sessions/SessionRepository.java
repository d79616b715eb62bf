package org.commsportal.sessions;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commsportal.common.Chunks;
import org.commsportal.common.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Raw session rows, their media and quality records, and the rollup rows derived from them. */
@Repository
class SessionRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    SessionRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The stored sessions of some dialog ids, and which of those ids have a row (locked) in session_dialog. */
    record Existing(List<CountedSession> sessions, Set<String> dialogIds) {}

    /** A dialog id's row: the stored session it names (the columns are nullable; a row without one names none). */
    private record DialogRow(
            @Nullable Long sessionId, @Nullable LocalDateTime start) {
        boolean written() {
            return sessionId != null;
        }
    }

    /** A raw session row's key: its id and start time (the partition column). */
    record RowKey(long id, LocalDateTime start) {
        static RowKey of(CountedSession session) {
            return new RowKey(session.id(), UtcDateTime.toColumn(session.start()));
        }
    }

    /** The licensed users with these (lower-case) UPNs, with their licences, for linking parties to them. */
    PartyLinks partyLinks(long tenantId, Collection<String> upns) {
        Map<String, PartyLinks.LicensedParty> users = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(upns))) {
            jdbc.sql("""
                    SELECT id, LOWER(upn) AS upn, licensed_from, deleted_at FROM licensed_user
                    WHERE tenant_id = :tenantId AND upn IN (:upns)
                    """)
                    .param("tenantId", tenantId)
                    .param("upns", chunk)
                    .query((rs, row) -> users.put(
                            rs.getString("upn"),
                            new PartyLinks.LicensedParty(
                                    rs.getLong("id"),
                                    rs.getObject("licensed_from", LocalDate.class),
                                    rs.getObject("deleted_at", LocalDate.class))))
                    .list();
        }
        return new PartyLinks(users);
    }

    /** A stored session that names some user by UPN, with its parties' links. */
    record NamedSession(
            long id,
            java.time.Instant start,
            java.time.Instant end,
            int mediaMask,
            @Nullable String conferenceId,
            String fromUpn,
            @Nullable String toUpn,
            @Nullable Long fromUserId,
            @Nullable Long toUserId,
            @Nullable String fromClientVersion,
            @Nullable String toClientVersion,
            ConferenceJoin conferenceJoin) {}

    /**
     * The tenant's sessions starting on or after {@code keptFrom} (when set) of which a party's UPN is one of these,
     * found through the party key indexes (keys are shared by some UPNs: the UPNs are compared here).
     */
    List<NamedSession> sessionsNaming(long tenantId, Collection<String> upns, @Nullable LocalDate keptFrom) {
        List<NamedSession> found = new ArrayList<>();
        for (List<String> chunk : chunks(new ArrayList<>(upns))) {
            Set<String> named = new java.util.HashSet<>(chunk);
            jdbc.sql("""
                    SELECT id, start_time, end_time, media_mask, conference_url, conf_instance, from_uri, to_uri,
                        from_user_id, to_user_id, from_client_version, to_client_version, %s
                    FROM comm_session WHERE tenant_id = :t AND from_party IN (:keys) AND start_time >= :keptFrom
                    UNION
                    SELECT id, start_time, end_time, media_mask, conference_url, conf_instance, from_uri, to_uri,
                        from_user_id, to_user_id, from_client_version, to_client_version, %s
                    FROM comm_session WHERE tenant_id = :t AND to_party IN (:keys) AND start_time >= :keptFrom
                    """.formatted(JOIN_COLUMNS, JOIN_COLUMNS))
                    .param("t", tenantId)
                    .param(
                            "keys",
                            chunk.stream().map(PartyLinks::key).distinct().toList())
                    .param("keptFrom", keptFrom == null ? LocalDate.of(1000, 1, 1) : keptFrom)
                    .query(rs -> {
                        String fromUpn = SipUris.upn(rs.getString("from_uri"));
                        String toUri = rs.getString("to_uri");
                        String toUpn = toUri == null ? null : SipUris.upn(toUri);
                        if (named.contains(fromUpn) || named.contains(toUpn)) {
                            found.add(new NamedSession(
                                    rs.getLong("id"),
                                    UtcDateTime.fromColumn(rs.getObject("start_time", LocalDateTime.class)),
                                    UtcDateTime.fromColumn(rs.getObject("end_time", LocalDateTime.class)),
                                    rs.getInt("media_mask"),
                                    CountedSession.conferenceId(
                                            rs.getString("conference_url"), rs.getString("conf_instance")),
                                    fromUpn,
                                    toUpn,
                                    rs.getObject("from_user_id", Long.class),
                                    rs.getObject("to_user_id", Long.class),
                                    rs.getString("from_client_version"),
                                    rs.getString("to_client_version"),
                                    conferenceJoin(rs)));
                        }
                    });
        }
        return found;
    }

    /** The columns {@link #conferenceJoin} reads. */
    private static final String JOIN_COLUMNS =
            "web_conferencing, dial_direction, conferencing_provider, from_tel, to_tel";

    private static ConferenceJoin conferenceJoin(java.sql.ResultSet rs) throws java.sql.SQLException {
        return ConferenceJoin.ofColumns(
                CountedSession.conferenceId(rs.getString("conference_url"), null) != null,
                rs.getObject("web_conferencing", Boolean.class),
                rs.getInt("dial_direction"),
                rs.getInt("conferencing_provider"),
                rs.getString("from_tel"),
                rs.getString("to_tel"));
    }

    /** The media durations of stored sessions, by session id. */
    Map<Long, Map<Modality, Long>> durations(List<RowKey> sessions) {
        Map<Long, Map<Modality, Long>> media = new HashMap<>();
        for (List<RowKey> chunk : chunks(sessions)) {
            jdbc.sql("""
                    SELECT session_id, media_type_id, duration_ms FROM session_media
                    WHERE session_id IN (:ids) AND session_start IN (:starts)
                    """)
                    .param("ids", chunk.stream().map(RowKey::id).toList())
                    .param(
                            "starts",
                            chunk.stream().map(RowKey::start).distinct().toList())
                    .query((rs, row) -> media.computeIfAbsent(
                                    rs.getLong("session_id"), id -> new EnumMap<>(Modality.class))
                            .put(Modality.ofId(rs.getInt("media_type_id")), rs.getLong("duration_ms")))
                    .list();
        }
        return media;
    }

    /** Sets the users that stored sessions' parties count for. */
    void setLinks(List<CountedSession> sessions) {
        List<Object[]> rows = sessions.stream()
                .map(s -> new Object[] {s.fromUserId(), s.toUserId(), s.id(), UtcDateTime.toColumn(s.start())})
                .toList();
        for (List<Object[]> chunk : chunks(rows)) {
            batch.batchUpdate(
                    "UPDATE comm_session SET from_user_id = ?, to_user_id = ? WHERE id = ? AND start_time = ?", chunk);
        }
    }

    /**
     * The stored sessions with these dialog ids, locked through their session_dialog rows until the transaction
     * ends. New dialog ids are locked when {@link #insertSessions} inserts their rows.
     */
    Existing lockExisting(long tenantId, Collection<String> dialogIds) {
        List<CountedSession> found = new ArrayList<>();
        Set<String> stored = new java.util.HashSet<>();
        for (List<String> chunk : chunks(new ArrayList<>(dialogIds))) {
            Map<String, DialogRow> rows = new HashMap<>();
            jdbc.sql("""
                    SELECT dialog_id, session_id, start_time FROM session_dialog
                    WHERE tenant_id = :tenantId AND dialog_id IN (:dialogIds)
                    ORDER BY dialog_id FOR UPDATE
                    """)
                    .param("tenantId", tenantId)
                    .param("dialogIds", chunk)
                    .query((rs, row) -> rows.put(
                            rs.getString("dialog_id"),
                            new DialogRow(
                                    rs.getObject("session_id", Long.class),
                                    rs.getObject("start_time", LocalDateTime.class))))
                    .list();
            stored.addAll(rows.keySet());
            List<DialogRow> written =
                    rows.values().stream().filter(DialogRow::written).toList();
            if (written.isEmpty()) {
                continue;
            }
            List<Long> ids = written.stream().map(DialogRow::sessionId).toList();
            List<LocalDateTime> starts =
                    written.stream().map(DialogRow::start).distinct().toList();
            Map<Long, Map<Modality, Long>> media = new HashMap<>();
            // the start times let MariaDB read only the partitions that hold these sessions
            List<CountedSession> sessions = jdbc.sql("""
                    SELECT id, start_time, end_time, media_mask, conference_url, conf_instance, from_user_id, to_user_id,
                        from_client_version, to_client_version, %s
                    FROM comm_session WHERE tenant_id = :tenantId AND id IN (:ids) AND start_time IN (:starts)
                    FOR UPDATE
                    """.formatted(JOIN_COLUMNS))
                    .param("tenantId", tenantId)
                    .param("ids", ids)
                    .param("starts", starts)
                    .query((rs, row) -> new CountedSession(
                            rs.getLong("id"),
                            UtcDateTime.fromColumn(rs.getObject("start_time", LocalDateTime.class)),
                            UtcDateTime.fromColumn(rs.getObject("end_time", LocalDateTime.class)),
                            rs.getInt("media_mask"),
                            CountedSession.conferenceId(rs.getString("conference_url"), rs.getString("conf_instance")),
                            rs.getObject("from_user_id", Long.class),
                            rs.getObject("to_user_id", Long.class),
                            new EnumMap<>(Modality.class),
                            rs.getString("from_client_version"),
                            rs.getString("to_client_version"),
                            conferenceJoin(rs)))
                    .list();
            if (sessions.isEmpty()) {
                continue;
            }
            jdbc.sql("""
                    SELECT session_id, media_type_id, duration_ms FROM session_media
                    WHERE session_id IN (:ids) AND session_start IN (:starts) FOR UPDATE
                    """)
                    .param("ids", sessions.stream().map(CountedSession::id).toList())
                    .param("starts", starts)
                    .query((rs, row) -> media.computeIfAbsent(
                                    rs.getLong("session_id"), id -> new EnumMap<>(Modality.class))
                            .put(Modality.ofId(rs.getInt("media_type_id")), rs.getLong("duration_ms")))
                    .list();
            for (CountedSession session : sessions) {
                session.durations().putAll(media.getOrDefault(session.id(), Map.of()));
                found.add(session);
            }
        }
        return new Existing(found, stored);
    }

    /** The dialog ids of the tenant's sessions that start before the instant and end at or after it. */
    List<String> dialogIdsAcross(long tenantId, java.time.Instant instant) {
        return jdbc.sql("""
                SELECT dialog_id FROM comm_session WHERE tenant_id = :t AND start_time < :at AND end_time >= :at
                ORDER BY dialog_id
                """)
                .param("t", tenantId)
                .param("at", UtcDateTime.toColumn(instant))
                .query(String.class)
                .list();
    }

    /** Deletes the sessions with their media and quality rows (partitioned tables have no cascading keys). */
    void delete(List<RowKey> sessions) {
        for (List<RowKey> chunk : chunks(sessions)) {
            List<Long> ids = chunk.stream().map(RowKey::id).toList();
            List<LocalDateTime> starts =
                    chunk.stream().map(RowKey::start).distinct().toList();
            RawSessionTables.START_COLUMNS.forEach((table, startColumn) -> jdbc.sql(
                            "DELETE FROM " + table + " WHERE " + (table.equals("comm_session") ? "id" : "session_id")
                                    + " IN (:ids) AND " + startColumn + " IN (:starts)")
                    .param("ids", ids)
                    .param("starts", starts)
                    .update());
        }
    }

    /** Forgets the dialog ids of sessions removed without a replacement. */
    void deleteDialogs(long tenantId, Collection<String> dialogIds) {
        for (List<String> chunk : chunks(new ArrayList<>(dialogIds))) {
            jdbc.sql("DELETE FROM session_dialog WHERE tenant_id = :t AND dialog_id IN (:ids)")
                    .param("t", tenantId)
                    .param("ids", chunk)
                    .update();
        }
    }

    /**
     * Deletes up to {@code limit} of the tenant's sessions that started before the day and up to {@code limit} of
     * its dialog ids of sessions before the day, leaving every rollup as it is (for sessions whose contributions are
     * already forgotten); returns how many rows of both it deleted.
     */
    int deleteRawBefore(long tenantId, LocalDate day, int limit) {
        List<RowKey> old = jdbc.sql("""
                SELECT id, start_time FROM comm_session WHERE tenant_id = :t AND start_time < :day
                ORDER BY start_time LIMIT :limit
                """)
                .param("t", tenantId)
                .param("day", day.atStartOfDay())
                .param("limit", limit)
                .query((rs, row) -> new RowKey(rs.getLong("id"), rs.getObject("start_time", LocalDateTime.class)))
                .list();
        delete(old);
        // with the dialog ids of these sessions and of those whose partitions were dropped
        int dialogs = jdbc.sql("DELETE FROM session_dialog WHERE tenant_id = :t AND start_time < :day LIMIT :limit")
                .param("t", tenantId)
                .param("day", day.atStartOfDay())
                .param("limit", limit)
                .update();
        return old.size() + dialogs;
    }

    /**
     * Inserts the sessions with their quality ranks and returns their generated ids by dialog id. Then it records
     * each dialog id's session: the stored ones, locked by {@link #lockExisting}, are updated; the new ones are
     * inserted, so a concurrent writer of the same new dialog id fails on the key (and retries, see
     * {@link Retrying}, then replacing it) instead of writing it a second time.
     */
    Map<String, Long> insertSessions(
            long tenantId,
            List<SessionRecord> sessions,
            PartyLinks links,
            SessionQualityRank qualityRank,
            Set<String> storedDialogIds) {
        Map<String, Long> ids = new HashMap<>();
        for (List<SessionRecord> chunk : chunks(sessions)) {
            List<Object> values = new ArrayList<>(chunk.size() * SESSION_COLUMNS);
            for (SessionRecord s : chunk) {
                values.addAll(java.util.Arrays.asList(
                        tenantId,
                        s.dialogId(),
                        UtcDateTime.toColumn(s.startTime()),
                        UtcDateTime.toColumn(s.endTime()),
                        s.fromUri(),
                        s.toUri(),
                        links.userId(s.fromUpn(), s.startTime()),
                        links.userId(s.toUpn(), s.startTime()),
                        PartyLinks.key(s.fromUpn()),
                        s.toUpn() == null ? null : PartyLinks.key(s.toUpn()),
                        s.fromClientVersion(),
                        s.toClientVersion(),
                        s.conferenceUrl(),
                        s.confInstance(),
                        s.fromTel(),
                        s.toTel(),
                        s.fromEndpointId(),
                        s.toEndpointId(),
                        s.onBehalfOfUri(),
                        s.referredByUri(),
                        s.responseCode(),
                        s.diagnosticId(),
                        s.diagnosticHeader(),
                        s.mediaMask(),
                        s.imMessageCount(),
                        qualityRank.of(s),
                        s.webConferencing(),
                        s.dialInOut() == null ? null : s.dialInOut().code(),
                        s.audioConferencingProvider() == null
                                ? null
                                : s.audioConferencingProvider().code()));
            }
            // one multi-row statement that returns the generated ids: no second query to read them back
            String rows = String.join(
                    ", ",
                    java.util.Collections.nCopies(
                            chunk.size(),
                            "(" + String.join(", ", java.util.Collections.nCopies(SESSION_COLUMNS, "?")) + ")"));
            batch.query(
                    """
                    INSERT INTO comm_session (tenant_id, dialog_id, start_time, end_time, from_uri, to_uri,
                        from_user_id, to_user_id, from_party, to_party, from_client_version, to_client_version, conference_url,
                        conf_instance, from_tel, to_tel, from_endpoint_id, to_endpoint_id, on_behalf_of_uri,
                        referred_by_uri, response_code, diagnostic_id, diagnostic_header, media_mask, im_message_count,
                        quality_rank,
                        web_conferencing, dial_direction, conferencing_provider)
                    VALUES\s""" + rows + " RETURNING id, dialog_id",
                    (java.sql.ResultSet rs) -> {
                        ids.put(rs.getString(2), rs.getLong(1));
                    },
                    values.toArray());
        }
        List<Object[]> added = new ArrayList<>();
        List<Object[]> replaced = new ArrayList<>();
        for (SessionRecord s : sessions) {
            Object[] row = {tenantId, s.dialogId(), ids.get(s.dialogId()), UtcDateTime.toColumn(s.startTime())};
            (storedDialogIds.contains(s.dialogId()) ? replaced : added).add(row);
        }
        for (List<Object[]> chunk : chunks(added)) {
            batch.batchUpdate(
                    "INSERT INTO session_dialog (tenant_id, dialog_id, session_id, start_time) VALUES (?, ?, ?, ?)",
                    chunk);
        }
        for (List<Object[]> chunk : chunks(replaced)) {
            // an insert that updates the locked row: batched inserts go to the server in one bulk command
            batch.batchUpdate("""
                    INSERT INTO session_dialog (tenant_id, dialog_id, session_id, start_time) VALUES (?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE session_id = VALUES(session_id), start_time = VALUES(start_time)
                    """, chunk);
        }
        return ids;
    }

    /** The columns of a session row that {@link #insertSessions} writes. */
    private static final int SESSION_COLUMNS = 29;

    void insertMedia(long tenantId, List<SessionRecord> sessions, Map<String, Long> sessionIds) {
        List<Object[]> rows = new ArrayList<>();
        for (SessionRecord s : sessions) {
            for (MediaUsage usage : s.media()) {
                rows.add(new Object[] {
                    sessionIds.get(s.dialogId()),
                    UtcDateTime.toColumn(s.startTime()),
                    usage.type().id(),
                    tenantId,
                    usage.durationMs()
                });
            }
        }
        for (List<Object[]> chunk : chunks(rows)) {
            batch.batchUpdate("""
                    INSERT INTO session_media (session_id, session_start, media_type_id, tenant_id, duration_ms)
                    VALUES (?, ?, ?, ?, ?)""", chunk);
        }
    }

    void insertQuality(long tenantId, List<SessionRecord> sessions, Map<String, Long> sessionIds) {
        Map<Class<? extends Record>, List<Object[]>> rowsByType = new HashMap<>();
        for (SessionRecord s : sessions) {
            long sessionId = sessionIds.get(s.dialogId());
            for (List<? extends Record> records : s.quality().byTable()) {
                for (Record record : records) {
                    rowsByType
                            .computeIfAbsent(record.getClass(), type -> new ArrayList<>())
                            .add(QualityTables.parameters(sessionId, s.startTime(), tenantId, record));
                }
            }
        }
        rowsByType.forEach((type, rows) -> {
            String sql = QualityTables.insertSql(type);
            for (List<Object[]> chunk : chunks(rows)) {
                batch.batchUpdate(sql, chunk);
            }
        });
    }

    void addToUserRollups(long tenantId, Map<Long, Map<LocalDate, RollupContribution>> byUser) {
        List<Object[]> rows = new ArrayList<>();
        byUser.forEach((userId, byDay) -> byDay.values()
                .forEach(c -> rows.add(new Object[] {
                    tenantId,
                    userId,
                    java.sql.Date.valueOf(c.day()),
                    c.im(),
                    c.audio(),
                    c.video(),
                    c.appSharing(),
                    c.fileTransfer(),
                    c.audioMs(),
                    c.videoMs(),
                    c.conferenceSessions()
                })));
        for (List<Object[]> chunk : chunks(rows)) {
            batch.batchUpdate("""
                    INSERT INTO user_daily_rollup (tenant_id, user_id, day, p2p_im, p2p_audio, p2p_video,
                        p2p_app_sharing, p2p_file_transfer, p2p_audio_ms, p2p_video_ms, conference_sessions)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE""" + ADD_COUNTS, chunk);
        }
    }

    void addToTenantRollups(long tenantId, Map<LocalDate, RollupContribution> byDay) {
        List<Object[]> rows = new ArrayList<>();
        byDay.values()
                .forEach(c -> rows.add(new Object[] {
                    tenantId,
                    java.sql.Date.valueOf(c.day()),
                    c.im(),
                    c.audio(),
                    c.video(),
                    c.appSharing(),
                    c.fileTransfer(),
                    c.audioMs(),
                    c.videoMs(),
                    c.conferenceSessions()
                }));
        for (List<Object[]> chunk : chunks(rows)) {
            batch.batchUpdate("""
                    INSERT INTO tenant_daily_rollup (tenant_id, day, p2p_im, p2p_audio, p2p_video,
                        p2p_app_sharing, p2p_file_transfer, p2p_audio_ms, p2p_video_ms, conference_sessions)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE""" + ADD_COUNTS, chunk);
        }
    }

    /** A rollup row that a replacement brought back to zero is removed, as a recomputation would not produce it. */
    void removeEmptyRollups(long tenantId, Collection<LocalDate> days) {
        for (List<LocalDate> chunk : chunks(new ArrayList<>(days))) {
            for (String table : List.of("user_daily_rollup", "tenant_daily_rollup")) {
                jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId AND day IN (:days) AND " + ALL_ZERO)
                        .param("tenantId", tenantId)
                        .param("days", chunk)
                        .update();
            }
        }
    }

    /** Deletes the tenant's daily rollups of the days before the day (retention). */
    void deleteRollupsBefore(long tenantId, LocalDate day) {
        for (String table : List.of("user_daily_rollup", "tenant_daily_rollup")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t AND day < :day")
                    .param("t", tenantId)
                    .param("day", day)
                    .update();
        }
    }

    /**
     * Changes each day's distinct licensed users of each peer-to-peer type by the users whose day rows the batch
     * took from zero to some sessions of that type or back; call after {@link #addToUserRollups} with the same
     * changes. The rows hold this transaction's exclusive locks since that upsert, so what a plain read finds now
     * minus the changes is exactly what they held before. Costs as much as the batch, however many users the tenant
     * has (a recount of the days would read every user's row of every day written).
     */
    void addToDistinctUsers(long tenantId, Map<Long, Map<LocalDate, RollupContribution>> byUser) {
        List<Object[]> userDays = new ArrayList<>();
        byUser.forEach((userId, byDay) -> byDay.keySet().forEach(day -> userDays.add(new Object[] {day, userId})));
        Map<LocalDate, int[]> changes = new java.util.TreeMap<>();
        for (List<Object[]> chunk : chunks(userDays)) {
            // one index: weighing an index merge for a thousand (day, user) pairs took MariaDB 0.7 s per query
            jdbc.sql("""
                    SELECT user_id, day, p2p_im, p2p_audio, p2p_video, p2p_app_sharing, p2p_file_transfer
                    FROM user_daily_rollup FORCE INDEX (PRIMARY)
                    WHERE tenant_id = :tenantId AND (day, user_id) IN (:userDays)
                    """)
                    .param("tenantId", tenantId)
                    .param("userDays", chunk)
                    .query((rs, row) -> {
                        LocalDate day = rs.getObject("day", LocalDate.class);
                        RollupContribution c = byUser.get(rs.getLong("user_id")).get(day);
                        int[] now = {
                            rs.getInt("p2p_im"),
                            rs.getInt("p2p_audio"),
                            rs.getInt("p2p_video"),
                            rs.getInt("p2p_app_sharing"),
                            rs.getInt("p2p_file_transfer")
                        };
                        int[] change = {c.im(), c.audio(), c.video(), c.appSharing(), c.fileTransfer()};
                        int[] users = changes.computeIfAbsent(day, d -> new int[5]);
                        for (int type = 0; type < 5; type++) {
                            users[type] += (now[type] > 0 ? 1 : 0) - (now[type] - change[type] > 0 ? 1 : 0);
                        }
                        return day;
                    })
                    .list();
        }
        List<Object[]> rows = new ArrayList<>();
        changes.forEach((day, users) -> {
            if (java.util.Arrays.stream(users).anyMatch(n -> n != 0)) {
                rows.add(new Object[] {
                    users[0], users[1], users[2], users[3], users[4], tenantId, java.sql.Date.valueOf(day)
                });
            }
        });
        if (!rows.isEmpty()) {
            batch.batchUpdate("""
                    UPDATE tenant_daily_rollup SET users_im = users_im + ?, users_audio = users_audio + ?,
                        users_video = users_video + ?, users_app_sharing = users_app_sharing + ?,
                        users_file_transfer = users_file_transfer + ?
                    WHERE tenant_id = ? AND day = ?
                    """, rows);
        }
    }

    private static final String ADD_COUNTS = """
             p2p_im = p2p_im + VALUES(p2p_im), p2p_audio = p2p_audio + VALUES(p2p_audio),
             p2p_video = p2p_video + VALUES(p2p_video), p2p_app_sharing = p2p_app_sharing + VALUES(p2p_app_sharing),
             p2p_file_transfer = p2p_file_transfer + VALUES(p2p_file_transfer),
             p2p_audio_ms = p2p_audio_ms + VALUES(p2p_audio_ms), p2p_video_ms = p2p_video_ms + VALUES(p2p_video_ms),
             conference_sessions = conference_sessions + VALUES(conference_sessions)
            """;

    private static final String ALL_ZERO = """
            p2p_im = 0 AND p2p_audio = 0 AND p2p_video = 0 AND p2p_app_sharing = 0 AND p2p_file_transfer = 0
            AND p2p_audio_ms = 0 AND p2p_video_ms = 0 AND conference_sessions = 0
            """;

    static <T> List<List<T>> chunks(List<T> items) {
        return Chunks.of(items);
    }
}
