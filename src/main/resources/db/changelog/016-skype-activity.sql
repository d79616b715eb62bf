--liquibase formatted sql
-- Issue 21: the Skype for Business activity read model (docs/skype-for-business-activity.md). Per licensed user, UTC
-- day of session start and kind: the user's peer-to-peer sessions (kind 0, one row a day, conference_key all zero),
-- or one conference the user organized (kind 1: the To party of its sessions) or took part in (kind 2: the From
-- party), so that distinct conferences over any period are a COUNT(DISTINCT conference_key). A conference is its
-- URL and instance; its key is the first 8 bytes of the SHA-256 of "url LF instance". Counters are per session, so
-- that a replaced or re-linked session is taken away exactly; a row whose sessions reach zero is deleted.
-- Rows of user_id 0 count each peer-to-peer session of the tenant once, as the peer-to-peer page does.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:016-activity-party-day
CREATE TABLE activity_party_day (
    tenant_id            BIGINT     NOT NULL,
    user_id              BIGINT     NOT NULL,
    day                  DATE       NOT NULL,
    kind                 TINYINT    NOT NULL,
    conference_key       BINARY(8)  NOT NULL,
    sessions             INT        NOT NULL,
    im_sessions          INT        NOT NULL,
    audio_video_sessions INT        NOT NULL,
    app_sharing_sessions INT        NOT NULL,
    audio_video_ms       BIGINT     NOT NULL,
    PRIMARY KEY (tenant_id, user_id, kind, day, conference_key),
    INDEX ix_activity_party_day_day (tenant_id, kind, day, user_id)
) ENGINE=InnoDB;

--changeset commsportal:016-activity-party-day-values
-- The SQL twin of the listener, for the sessions stored before and kept (retention) (verify-rollups compares the listener's rows with the
-- same recomputation).
INSERT INTO activity_party_day (tenant_id, user_id, day, kind, conference_key, sessions, im_sessions,
                                audio_video_sessions, app_sharing_sessions, audio_video_ms)
SELECT p.tenant_id, p.user_id, p.day, p.kind, p.conference_key, COUNT(*), SUM(p.media_mask & 1 <> 0),
       SUM(p.media_mask & 48 <> 0), SUM(p.media_mask & 8 <> 0),
       SUM(COALESCE((SELECT MAX(m.duration_ms) FROM session_media m
                     WHERE m.session_id = p.id AND m.media_type_id IN (5, 6)), 0))
FROM (
    SELECT s.id, s.tenant_id, s.start_time, s.from_user_id AS user_id, DATE(s.start_time) AS day,
           IF(s.conference_url IS NULL, 0, 2) AS kind,
           IF(s.conference_url IS NULL, UNHEX('0000000000000000'),
              UNHEX(LEFT(SHA2(CONCAT(s.conference_url, CHAR(10), COALESCE(s.conf_instance, '')), 256), 16)))
               AS conference_key,
           s.media_mask
    FROM comm_session s WHERE s.from_user_id IS NOT NULL
    UNION ALL
    SELECT s.id, s.tenant_id, s.start_time, s.to_user_id, DATE(s.start_time), IF(s.conference_url IS NULL, 0, 1),
           IF(s.conference_url IS NULL, UNHEX('0000000000000000'),
              UNHEX(LEFT(SHA2(CONCAT(s.conference_url, CHAR(10), COALESCE(s.conf_instance, '')), 256), 16))),
           s.media_mask
    FROM comm_session s
    WHERE s.to_user_id IS NOT NULL
      AND NOT (s.conference_url IS NULL AND s.to_user_id <=> s.from_user_id)
    UNION ALL
    SELECT s.id, s.tenant_id, s.start_time, 0, DATE(s.start_time), 0, UNHEX('0000000000000000'), s.media_mask
    FROM comm_session s
    WHERE s.conference_url IS NULL
) p
WHERE p.start_time >= COALESCE(
    (SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = p.tenant_id), '1000-01-01')
GROUP BY p.tenant_id, p.user_id, p.kind, p.day, p.conference_key;
