--liquibase formatted sql
-- Issue 21: what a conference session may say about how its From party took part (docs/ingest.md, "Conference
-- sessions"): web conferencing (NULL: not said), dialled in (1) or out (2) by telephone, and the audio conferencing
-- provider, the vendor's own (1) or a third party (2). The activity read model counts them per row: sessions that
-- used web conferencing and those that said whether they did; sessions with a telephone party (a direction said, or a
-- telephone number on either side) and those with each provider; the audio/video milliseconds of dial-in and dial-out
-- sessions through the vendor's provider (docs/skype-for-business-activity.md).
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:018-comm-session-conference-join
ALTER TABLE comm_session
    ADD COLUMN web_conferencing      BOOLEAN NULL,
    ADD COLUMN dial_direction        TINYINT NULL,
    ADD COLUMN conferencing_provider TINYINT NULL;

--changeset commsportal:018-activity-party-day-joins
ALTER TABLE activity_party_day
    ADD COLUMN web_sessions              INT    NOT NULL DEFAULT 0,
    ADD COLUMN web_stated_sessions       INT    NOT NULL DEFAULT 0,
    ADD COLUMN telephone_sessions        INT    NOT NULL DEFAULT 0,
    ADD COLUMN dial_microsoft_sessions   INT    NOT NULL DEFAULT 0,
    ADD COLUMN dial_third_party_sessions INT    NOT NULL DEFAULT 0,
    ADD COLUMN dial_in_microsoft_ms      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN dial_out_microsoft_ms     BIGINT NOT NULL DEFAULT 0;

--changeset commsportal:018-activity-party-day-telephone
-- Stored sessions said nothing of web conferencing or providers; those with a telephone number count as telephone
-- sessions (the SQL twin of the listener in ActivityPartyDayRepository)
UPDATE activity_party_day a
JOIN (
    SELECT p.tenant_id, p.user_id, p.kind, p.day, p.conference_key, COUNT(*) AS telephone_sessions
    FROM (
        SELECT s.tenant_id, s.start_time, s.from_user_id AS user_id, 2 AS kind, DATE(s.start_time) AS day,
               UNHEX(LEFT(SHA2(CONCAT(s.conference_url, CHAR(10), COALESCE(s.conf_instance, '')), 256), 16))
                   AS conference_key
        FROM comm_session s
        WHERE s.conference_url IS NOT NULL AND s.from_user_id IS NOT NULL
          AND (s.from_tel IS NOT NULL OR s.to_tel IS NOT NULL)
        UNION ALL
        SELECT s.tenant_id, s.start_time, s.to_user_id, 1, DATE(s.start_time),
               UNHEX(LEFT(SHA2(CONCAT(s.conference_url, CHAR(10), COALESCE(s.conf_instance, '')), 256), 16))
        FROM comm_session s
        WHERE s.conference_url IS NOT NULL AND s.to_user_id IS NOT NULL
          AND (s.from_tel IS NOT NULL OR s.to_tel IS NOT NULL)
    ) p
    WHERE p.start_time >= COALESCE(
        (SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = p.tenant_id), '1000-01-01')
    GROUP BY p.tenant_id, p.user_id, p.kind, p.day, p.conference_key
) r ON r.tenant_id = a.tenant_id AND r.user_id = a.user_id AND r.kind = a.kind AND r.day = a.day
   AND r.conference_key = a.conference_key
SET a.telephone_sessions = r.telephone_sessions;
