--liquibase formatted sql
-- Issue 27: the worst users of a range that is not a report period grouped every stream of its days (or of the days
-- around a period) per user: 1.4-1.5 s for two or three days of 100,000 users, about a million streams a day.
-- quality_user_day keeps, per modality (0 every modality), UTC day and user, the user's own-side streams by verdict:
-- about one row per active user and modality a day (the rows of modality 0 a tenth of the streams, all rows a fifth).
-- A range's worst users that no split or place narrows sum these rows; a single day reads the first rows of the
-- ranking's index, as a report period's totals do (changeset 055), and from the index alone: it holds every column
-- that read needs. Kept by the call quality listener with its other day rows, filled here from the stream rows stored
-- before it with the listener's generated SQL (QualitySqlTest checks it), replacing rows that a database copied from a
-- newer portal already has (docs/call-quality.md, "How the figures stay exact"). The fill is one statement over every
-- stream row (an equivalent statement took 14 s over 2.5 million streams).
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:061-quality-user-day
CREATE TABLE quality_user_day (
    tenant_id    BIGINT  NOT NULL,
    modality     TINYINT NOT NULL COMMENT '0 every modality, 4 application sharing, 5 audio, 6 video',
    day          DATE    NOT NULL,
    user_id      BIGINT  NOT NULL,
    good         INT     NOT NULL,
    poor         INT     NOT NULL,
    unclassified INT     NOT NULL,
    poor_share   DECIMAL(5, 4) AS (poor / NULLIF(good + poor, 0)) VIRTUAL,
    PRIMARY KEY (tenant_id, modality, day, user_id),
    INDEX ix_quality_user_day_worst (tenant_id, modality, day, poor_share DESC, user_id, good, poor, unclassified)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:061-quality-user-day-fill
INSERT INTO quality_user_day (tenant_id, modality, day, user_id, good, poor, unclassified)
SELECT * FROM (
SELECT q.tenant_id, m.modality, q.day, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified
FROM quality_stream q
STRAIGHT_JOIN (SELECT 0 AS modality UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) m ON m.modality IN (0, q.modality)
WHERE q.user_id IS NOT NULL AND TRUE
GROUP BY q.tenant_id, m.modality, q.day, q.user_id
) d
ON DUPLICATE KEY UPDATE good = VALUES(good), poor = VALUES(poor), unclassified = VALUES(unclassified);
