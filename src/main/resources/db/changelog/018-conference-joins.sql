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

--changeset commsportal:018-activity-day-total
-- Per tenant, UTC day and kind, the day's figures recounted from activity_party_day in the transaction that changes
-- its rows (the day's row is locked first), so the charts read one row per day and kind: for peer-to-peer (kind 0)
-- the tenant's sessions and distinct users; for conferences organized (1) and taken part in (2) the distinct users,
-- conferences, conferences and users by type (web and dial-in/out NULL when unknown) and the minutes.
CREATE TABLE activity_day_total (
    tenant_id              BIGINT  NOT NULL,
    day                    DATE    NOT NULL,
    kind                   TINYINT NOT NULL,
    sessions               BIGINT  NOT NULL DEFAULT 0,
    users                  BIGINT  NOT NULL DEFAULT 0,
    conferences            BIGINT  NOT NULL DEFAULT 0,
    im                     BIGINT  NOT NULL DEFAULT 0,
    audio_video            BIGINT  NOT NULL DEFAULT 0,
    app_sharing            BIGINT  NOT NULL DEFAULT 0,
    web                    BIGINT  NULL DEFAULT 0,
    dial_third_party       BIGINT  NULL DEFAULT 0,
    dial_microsoft         BIGINT  NULL DEFAULT 0,
    im_users               BIGINT  NOT NULL DEFAULT 0,
    audio_video_users      BIGINT  NOT NULL DEFAULT 0,
    app_sharing_users      BIGINT  NOT NULL DEFAULT 0,
    web_users              BIGINT  NULL DEFAULT 0,
    dial_third_party_users BIGINT  NULL DEFAULT 0,
    dial_microsoft_users   BIGINT  NULL DEFAULT 0,
    audio_video_ms         BIGINT  NOT NULL DEFAULT 0,
    dial_in_microsoft_ms   BIGINT  NULL DEFAULT 0,
    dial_out_microsoft_ms  BIGINT  NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, kind)
) ENGINE=InnoDB;

--changeset commsportal:018-activity-day-total-values
-- The recount of ActivityPartyDayRepository (DAY_TOTALS), for every tenant's rows stored before
INSERT INTO activity_day_total (tenant_id, day, kind, sessions, users, conferences, im, audio_video, app_sharing, web, dial_third_party, dial_microsoft, im_users, audio_video_users, app_sharing_users, web_users, dial_third_party_users, dial_microsoft_users, audio_video_ms, dial_in_microsoft_ms, dial_out_microsoft_ms)
SELECT tenant_id, day, kind, SUM(IF(user_id = 0, sessions, 0)) AS sessions,
       COUNT(DISTINCT IF(user_id <> 0, user_id, NULL)) AS users,
       COUNT(DISTINCT IF(kind <> 0, conference_key, NULL)) AS conferences,
       COUNT(DISTINCT IF((kind <> 0) AND im_sessions > 0, conference_key, NULL)) AS im,
       COUNT(DISTINCT IF((kind <> 0) AND audio_video_sessions > 0, conference_key, NULL)) AS audio_video,
       COUNT(DISTINCT IF((kind <> 0) AND app_sharing_sessions > 0, conference_key, NULL)) AS app_sharing,
       IF(SUM(IF((kind <> 0), sessions, 0)) > 0 AND SUM(IF((kind <> 0), web_stated_sessions, 0)) = 0, NULL, COUNT(DISTINCT IF((kind <> 0) AND web_sessions > 0, conference_key, NULL))) AS web,
       IF(SUM(IF((kind <> 0), telephone_sessions, 0)) > 0 AND SUM(IF((kind <> 0), dial_microsoft_sessions + dial_third_party_sessions, 0)) = 0, NULL, COUNT(DISTINCT IF((kind <> 0) AND dial_third_party_sessions > 0, conference_key, NULL))) AS dial_third_party,
       IF(SUM(IF((kind <> 0), telephone_sessions, 0)) > 0 AND SUM(IF((kind <> 0), dial_microsoft_sessions + dial_third_party_sessions, 0)) = 0, NULL, COUNT(DISTINCT IF((kind <> 0) AND dial_microsoft_sessions > 0, conference_key, NULL))) AS dial_microsoft,
       COUNT(DISTINCT IF((kind <> 0) AND im_sessions > 0, user_id, NULL)) AS im_users,
       COUNT(DISTINCT IF((kind <> 0) AND audio_video_sessions > 0, user_id, NULL)) AS audio_video_users,
       COUNT(DISTINCT IF((kind <> 0) AND app_sharing_sessions > 0, user_id, NULL)) AS app_sharing_users,
       IF(SUM(IF((kind <> 0), sessions, 0)) > 0 AND SUM(IF((kind <> 0), web_stated_sessions, 0)) = 0, NULL, COUNT(DISTINCT IF((kind <> 0) AND web_sessions > 0, user_id, NULL))) AS web_users,
       IF(SUM(IF((kind <> 0), telephone_sessions, 0)) > 0 AND SUM(IF((kind <> 0), dial_microsoft_sessions + dial_third_party_sessions, 0)) = 0, NULL, COUNT(DISTINCT IF((kind <> 0) AND dial_third_party_sessions > 0, user_id, NULL))) AS dial_third_party_users,
       IF(SUM(IF((kind <> 0), telephone_sessions, 0)) > 0 AND SUM(IF((kind <> 0), dial_microsoft_sessions + dial_third_party_sessions, 0)) = 0, NULL, COUNT(DISTINCT IF((kind <> 0) AND dial_microsoft_sessions > 0, user_id, NULL))) AS dial_microsoft_users,
       SUM(audio_video_ms) AS audio_video_ms,
       IF(SUM(IF((TRUE), telephone_sessions, 0)) > 0 AND SUM(IF((TRUE), dial_microsoft_sessions + dial_third_party_sessions, 0)) = 0, NULL, SUM(dial_in_microsoft_ms)) AS dial_in_microsoft_ms,
       IF(SUM(IF((TRUE), telephone_sessions, 0)) > 0 AND SUM(IF((TRUE), dial_microsoft_sessions + dial_third_party_sessions, 0)) = 0, NULL, SUM(dial_out_microsoft_ms)) AS dial_out_microsoft_ms
FROM activity_party_day
GROUP BY tenant_id, day, kind;
