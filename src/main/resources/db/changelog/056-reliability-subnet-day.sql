--liquibase formatted sql
-- Issue 27: the call reliability page with a region, city or building chosen read every session row of the range
-- for each split (16 s for three days at 100,000 users). Its figures per split value now sum per-subnet day rows: the
-- session rows per caller subnet, UTC day, modality and value of every split but the subnet, kept by the reliability
-- listener with its day rows (docs/reliability.md, "How it is kept"). Sessions without a subnet are in no place.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:056-reliability-subnet-day
CREATE TABLE reliability_subnet_day (
    tenant_id      BIGINT       NOT NULL,
    modality       TINYINT      NOT NULL,
    kind           TINYINT      NOT NULL COMMENT '1 to 5: the splits of reliability_day but the subnet',
    subnet         VARCHAR(45)  NOT NULL,
    day            DATE         NOT NULL,
    split_value    VARCHAR(128) NOT NULL,
    attempts       INT          NOT NULL,
    setup_failures INT          NOT NULL,
    drops          INT          NOT NULL,
    expected       INT          NOT NULL,
    PRIMARY KEY (tenant_id, modality, kind, subnet, day, split_value),
    -- a write's removal of emptied rows and retention, by day
    INDEX ix_reliability_subnet_day_day (tenant_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:056-reliability-subnet-day-values
-- the session rows stored before it, by the statement the listener runs (ReliabilitySqlTest checks it is the same)
INSERT INTO reliability_subnet_day (tenant_id, modality, kind, subnet, day, split_value, attempts,
    setup_failures, drops, expected)
SELECT * FROM (
SELECT r.tenant_id, r.modality, k.kind, r.subnet, r.day, CASE k.kind WHEN 0 THEN '' WHEN 1 THEN CAST(r.conference AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci WHEN 2 THEN CAST(r.connection AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci WHEN 3 THEN CAST(r.inside AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci WHEN 4 THEN CAST(r.vpn AS CHAR CHARACTER SET utf8mb4) COLLATE utf8mb4_unicode_ci WHEN 5 THEN r.client WHEN 6 THEN r.subnet END AS split_value,
    1 * SUM(r.outcome <> 1) AS attempts, 1 * SUM(r.outcome = 2) AS setup_failures,
    1 * SUM(r.outcome = 3) AS drops, 1 * SUM(r.outcome = 1) AS expected
FROM reliability_session r JOIN (SELECT 1 AS kind UNION ALL SELECT 2 AS kind UNION ALL SELECT 3 AS kind UNION ALL SELECT 4 AS kind UNION ALL SELECT 5 AS kind) k
WHERE r.subnet <> '' AND TRUE
GROUP BY r.tenant_id, r.modality, k.kind, r.subnet, r.day, split_value
) d
ON DUPLICATE KEY UPDATE attempts = reliability_subnet_day.attempts + VALUES(attempts),
    setup_failures = reliability_subnet_day.setup_failures + VALUES(setup_failures),
    drops = reliability_subnet_day.drops + VALUES(drops),
    expected = reliability_subnet_day.expected + VALUES(expected);
