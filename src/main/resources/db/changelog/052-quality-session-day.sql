--liquibase formatted sql
-- Issue 23, speed of the drill-through's counts (docs/session-details.md, "Speed"): the sessions of a range with a Poor
-- or Unclassified stream, or a stream tripping a rule, were counted distinct from the streams' day index, about a
-- million sessions over 180 days at M (0.7 s). quality_session_day holds, per UTC day, modality (0 any) and criterion
-- (2 Unclassified, 3 Poor, 10 + slot a tripped rule), the sessions with at least one such stream and those streams. A
-- session's streams are all on its start day, so a range of whole UTC days sums its days' rows exactly. The call
-- quality listener keeps the rows with its other day rows; filled here from the stream rows stored before it with the
-- same generated SQL. MariaDB DDL is not transactional: the CREATE is a changeset of its own.

--changeset commsportal:052-quality-session-day
CREATE TABLE quality_session_day (
    tenant_id BIGINT  NOT NULL,
    day       DATE    NOT NULL,
    modality  TINYINT NOT NULL COMMENT '0 any, 4 application sharing, 5 audio, 6 video',
    criterion TINYINT NOT NULL COMMENT '2 Unclassified, 3 Poor, 10 + slot a tripped rule',
    sessions  INT     NOT NULL COMMENT 'sessions with at least one such stream',
    streams   INT     NOT NULL,
    PRIMARY KEY (tenant_id, day, modality, criterion)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:052-quality-session-day-fill
INSERT INTO quality_session_day (tenant_id, day, modality, criterion, sessions, streams)
SELECT * FROM (
SELECT q.tenant_id, q.day, m.modality, c.criterion, COUNT(DISTINCT q.session_id) AS sessions, COUNT(*) AS streams
FROM quality_stream q
JOIN (SELECT 0 AS modality UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) m ON m.modality IN (0, q.modality)
JOIN (SELECT 2 AS criterion UNION ALL SELECT 3 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15) c ON IF(c.criterion < 10, q.verdict = c.criterion, (q.rules & (1 << (c.criterion - 11))) <> 0)
WHERE q.verdict IN (2, 3) AND TRUE
GROUP BY q.tenant_id, q.day, m.modality, c.criterion
) d
ON DUPLICATE KEY UPDATE sessions = quality_session_day.sessions + VALUES(sessions), streams = quality_session_day.streams + VALUES(streams);
