--liquibase formatted sql
-- Issue 22: the read model of the reporting web service's sibling reports (docs/reporting-web-service.md, "The
-- sibling reports"). Per tenant, kind and UTC quarter-hour of session start (slot = epoch seconds DIV 900, so that
-- every period of a zone whose midnights fall on quarter-hours is a range of slots): kind 0 the peer-to-peer
-- sessions, kind 1 the sessions of one conference whose To party (the organizer) is a
-- licensed user (conference_key: the first 8 bytes of the SHA-256 of "url LF instance", so that distinct
-- conferences over any period are a COUNT(DISTINCT conference_key)), kind 2 the conference sessions whose From
-- party is a licensed user. Counters are per session, so that a replaced or re-linked session is taken away
-- exactly; a row whose sessions reach zero is deleted. Durations in ms.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:023-session-slot-figure
CREATE TABLE session_slot_figure (
    tenant_id              BIGINT    NOT NULL,
    kind                   TINYINT   NOT NULL,
    slot                   BIGINT    NOT NULL,
    conference_key         BINARY(8) NOT NULL,
    sessions               INT       NOT NULL,
    im_sessions            INT       NOT NULL,
    audio_sessions         INT       NOT NULL,
    video_sessions         INT       NOT NULL,
    audio_video_sessions   INT       NOT NULL,
    app_sharing_sessions   INT       NOT NULL,
    file_transfer_sessions INT       NOT NULL,
    web_sessions           INT       NOT NULL,
    telephone_sessions     INT       NOT NULL,
    audio_ms               BIGINT    NOT NULL,
    video_ms               BIGINT    NOT NULL,
    audio_video_ms         BIGINT    NOT NULL,
    telephone_ms           BIGINT    NOT NULL,
    PRIMARY KEY (tenant_id, kind, slot, conference_key)
) ENGINE=InnoDB;

--changeset commsportal:023-session-slot-figure-values
-- The SQL twin of the listener (SessionSlotRepository.RECOMPUTED) for the sessions stored before, all tenants.
INSERT INTO session_slot_figure (tenant_id, kind, slot, conference_key, sessions, im_sessions, audio_sessions,
                                 video_sessions, audio_video_sessions, app_sharing_sessions, file_transfer_sessions,
                                 web_sessions, telephone_sessions, audio_ms, video_ms, audio_video_ms, telephone_ms)
SELECT p.tenant_id, p.kind, p.slot, p.conference_key, COUNT(*),
       SUM(p.kind <> 2 AND p.media_mask & 1 <> 0),
       SUM(p.kind = 0 AND p.media_mask & 16 <> 0),
       SUM(p.kind = 0 AND p.media_mask & 32 <> 0),
       SUM(p.kind = 1 AND p.media_mask & 48 <> 0),
       SUM(p.kind <> 2 AND p.media_mask & 8 <> 0),
       SUM(p.kind = 0 AND p.media_mask & 2 <> 0),
       SUM(p.kind = 1 AND p.web_conferencing <=> TRUE),
       SUM(p.kind = 1 AND p.telephone),
       SUM(IF(p.kind = 0, p.audio_ms, 0)),
       SUM(IF(p.kind = 0, p.video_ms, 0)),
       SUM(IF(p.kind = 2, GREATEST(p.audio_ms, p.video_ms), 0)),
       SUM(IF(p.kind = 1 AND p.telephone, GREATEST(p.audio_ms, p.video_ms), 0))
FROM (
    SELECT s.tenant_id, k.kind, TIMESTAMPDIFF(SECOND, '1970-01-01', s.start_time) DIV 900 AS slot,
           IF(k.kind = 1,
              UNHEX(LEFT(SHA2(CONCAT(s.conference_url, CHAR(10), COALESCE(s.conf_instance, '')), 256), 16)),
              UNHEX('0000000000000000')) AS conference_key,
           s.media_mask, s.web_conferencing,
           (s.dial_direction IS NOT NULL OR s.from_tel IS NOT NULL OR s.to_tel IS NOT NULL) AS telephone,
           COALESCE((SELECT SUM(m.duration_ms) FROM session_media m
                     WHERE m.session_id = s.id AND m.media_type_id = 5), 0) AS audio_ms,
           COALESCE((SELECT SUM(m.duration_ms) FROM session_media m
                     WHERE m.session_id = s.id AND m.media_type_id = 6), 0) AS video_ms
    FROM comm_session s
    JOIN (SELECT 0 AS kind UNION ALL SELECT 1 UNION ALL SELECT 2) k
      ON (k.kind = 0 AND s.conference_url IS NULL)
      OR (k.kind = 1 AND s.conference_url IS NOT NULL AND s.to_user_id IS NOT NULL)
      OR (k.kind = 2 AND s.conference_url IS NOT NULL AND s.from_user_id IS NOT NULL)
    WHERE s.start_time >= COALESCE(
        (SELECT u.kept_from FROM user_period_state u WHERE u.tenant_id = s.tenant_id), '1000-01-01')
) p
GROUP BY p.tenant_id, p.kind, p.slot, p.conference_key;
