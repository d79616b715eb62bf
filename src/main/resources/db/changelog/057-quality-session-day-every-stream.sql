--liquibase formatted sql
-- Issue 27, the drill-through without a user at 100,000 users (docs/session-details.md, "Speed"): a search with a
-- modality alone or the verdict Good counted every session of the range with a probe of its streams (22 s for 30 days
-- of L's users). quality_session_day (changeset 052) now also holds, per UTC day and modality, the criterion 0 (every
-- stream of the modality, whatever its verdict) and 1 (Good): kept by the call quality listener with its other rows,
-- filled here from the stream rows stored before it with the listener's generated SQL (QualitySqlTest checks it),
-- replacing rows that a database copied from a newer portal already has.

--changeset commsportal:057-quality-session-day-every-stream
INSERT INTO quality_session_day (tenant_id, day, modality, criterion, sessions, streams)
SELECT * FROM (
SELECT q.tenant_id, q.day, m.modality, c.criterion, COUNT(DISTINCT q.session_id) AS sessions, COUNT(*) AS streams
FROM quality_stream q
JOIN (SELECT 0 AS modality UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) m ON m.modality IN (0, q.modality)
JOIN (SELECT 0 AS criterion UNION ALL SELECT 1) c ON IF(c.criterion < 10, c.criterion IN (0, q.verdict), (q.rules & (1 << (c.criterion - 11))) <> 0)
WHERE TRUE
GROUP BY q.tenant_id, q.day, m.modality, c.criterion
) d
ON DUPLICATE KEY UPDATE sessions = VALUES(sessions), streams = VALUES(streams);
