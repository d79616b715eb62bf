--liquibase formatted sql
-- Issue 27, the drill-through without a user in a viewer's zone other than UTC (docs/session-details.md, "Speed"): the
-- range's first and last UTC days are partial, and their sessions with a matching stream were counted from the
-- streams' day index (0.8 s for a partial day of 100,000 users). quality_session_quarter holds the rows of
-- quality_session_day per quarter of an hour of the sessions' start (every zone's midnight falls on one), kept by the
-- call quality listener with its other rows and filled here from the stream rows stored before it with the listener's
-- generated SQL (QualitySqlTest checks it), replacing rows that a database copied from a newer portal already has.
-- MariaDB DDL is not transactional: the CREATE is a changeset of its own.

--changeset commsportal:059-quality-session-quarter
CREATE TABLE quality_session_quarter (
    tenant_id BIGINT   NOT NULL,
    day       DATE     NOT NULL,
    modality  TINYINT  NOT NULL COMMENT '0 any, 4 application sharing, 5 audio, 6 video',
    criterion TINYINT  NOT NULL COMMENT '0 every stream, 1 Good, 2 Unclassified, 3 Poor, 10 + slot a tripped rule',
    quarter   DATETIME NOT NULL COMMENT 'the start of the quarter of an hour (UTC) the sessions start in',
    sessions  INT      NOT NULL COMMENT 'sessions with at least one such stream',
    streams   INT      NOT NULL,
    PRIMARY KEY (tenant_id, day, modality, criterion, quarter)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:059-quality-session-quarter-fill
INSERT INTO quality_session_quarter (tenant_id, day, modality, criterion, quarter, sessions, streams)
SELECT * FROM (
SELECT q.tenant_id, q.day, m.modality, c.criterion, TIMESTAMPADD(MINUTE, TIMESTAMPDIFF(MINUTE, q.day, q.session_start) DIV 15 * 15, q.day) AS quarter, COUNT(DISTINCT q.session_id) AS sessions, COUNT(*) AS streams
FROM quality_stream q
JOIN (SELECT 0 AS modality UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) m ON m.modality IN (0, q.modality)
JOIN (SELECT 0 AS criterion UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 11 UNION ALL SELECT 12 UNION ALL SELECT 13 UNION ALL SELECT 14 UNION ALL SELECT 15) c ON IF(c.criterion < 10, c.criterion IN (0, q.verdict), (q.rules & (1 << (c.criterion - 11))) <> 0)
WHERE TRUE
GROUP BY q.tenant_id, q.day, m.modality, c.criterion, quarter
) d
ON DUPLICATE KEY UPDATE sessions = VALUES(sessions), streams = VALUES(streams);
