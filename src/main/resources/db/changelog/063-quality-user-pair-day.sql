--liquibase formatted sql
-- Issue 27: the worst users of a range that no report period answers, with one few-valued split value fixed (Wi-Fi,
-- say), grouped that value's stream rows per user: 2.1-2.5 s for three days of 100,000 users, no faster than the naive
-- query. quality_user_pair_day keeps the rows of quality_user_day (changeset 061) per few-valued split value too, keyed
-- by its pair code first (8 + 4 x the split's ordinal + the value, as the users' pair totals of changeset 049): a
-- stream counts once per few-valued split, in the row of its value. Such a range's worst users are ranked from these
-- rows as changeset 061's are from theirs (the ranking's index and the Poor count's, changeset 062), with the pair
-- code fixed (docs/call-quality.md, "How the figures stay exact"). Kept by the call quality listener with its other
-- day rows, filled here from the stream rows stored before it with the listener's generated SQL (QualitySqlTest checks
-- it), replacing rows that a database copied from a newer portal already has. The fill groups about 6 rows per user-day
-- row (6.4 million from 4 million streams at 100,000 users and 4 days): in the default 16 MB of memory for a temporary
-- table it spilled to disk and had not ended after 8 minutes; allowed up to 4 GB (memory taken only as rows come) it
-- took 2 min 47 s.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:063-quality-user-pair-day
CREATE TABLE quality_user_pair_day (
    tenant_id    BIGINT  NOT NULL,
    pair         TINYINT NOT NULL COMMENT 'the few-valued split value: 8 + 4 x the split''s ordinal + the value',
    modality     TINYINT NOT NULL COMMENT '0 every modality, 4 application sharing, 5 audio, 6 video',
    day          DATE    NOT NULL,
    user_id      BIGINT  NOT NULL,
    good         INT     NOT NULL,
    poor         INT     NOT NULL,
    unclassified INT     NOT NULL,
    poor_share   DECIMAL(5, 4) AS (poor / NULLIF(good + poor, 0)) VIRTUAL,
    PRIMARY KEY (tenant_id, pair, modality, day, user_id),
    INDEX ix_quality_user_pair_day_worst (tenant_id, pair, modality, day, poor_share DESC, user_id, good, poor, unclassified),
    INDEX ix_quality_user_pair_day_poor (tenant_id, pair, modality, day, poor)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:063-quality-user-pair-day-fill
SET STATEMENT max_heap_table_size = 4294967296, tmp_memory_table_size = 4294967296 FOR
INSERT INTO quality_user_pair_day (tenant_id, pair, modality, day, user_id, good, poor, unclassified)
SELECT * FROM (
SELECT q.tenant_id, CASE f.fixed WHEN 0 THEN 8 + q.conference WHEN 1 THEN 12 + q.connection WHEN 2 THEN 16 + q.inside WHEN 3 THEN 20 + q.vpn END AS pair, m.modality, q.day, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified
FROM quality_stream q
STRAIGHT_JOIN (SELECT 0 AS modality UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) m ON m.modality IN (0, q.modality)
STRAIGHT_JOIN (SELECT 0 AS fixed UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) f
WHERE q.user_id IS NOT NULL AND TRUE
GROUP BY q.tenant_id, pair, m.modality, q.day, q.user_id
) d
ON DUPLICATE KEY UPDATE good = VALUES(good), poor = VALUES(poor), unclassified = VALUES(unclassified);
