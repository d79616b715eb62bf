--liquibase formatted sql
-- Issue 27: the worst users of a report period ranked by reading ten rows of an index instead of grouping every
-- user's totals (300 ms at 100,000 users). Each user's totals over all modalities are kept as rows of modality 0 next
-- to the modalities' own (the page's default shows every modality), and each row's Poor share is a virtual column
-- indexed in the ranking's order: highest share first, then user id, with the counts that decide whether a row ranks
-- (Poor streams and enough classified ones) read from the index itself (docs/call-quality.md, "How it is read").
-- MariaDB DDL is not transactional: one statement per changeset. The sums replace rows of modality 0 a database may
-- hold already (a copy of a newer one's rows, as the upgrade test makes), which equal them.

--changeset commsportal:055-quality-user-period-total-every-modality
INSERT INTO quality_user_period_total (tenant_id, period_days, modality, user_id, good, poor, unclassified)
SELECT tenant_id, period_days, 0, user_id, SUM(good), SUM(poor), SUM(unclassified)
FROM quality_user_period_total
WHERE modality <> 0
GROUP BY tenant_id, period_days, user_id
ON DUPLICATE KEY UPDATE good = VALUES(good), poor = VALUES(poor), unclassified = VALUES(unclassified);

--changeset commsportal:055-quality-user-pair-period-total-every-modality
INSERT INTO quality_user_pair_period_total (tenant_id, period_days, pair, modality, user_id, good, poor, unclassified)
SELECT tenant_id, period_days, pair, 0, user_id, SUM(good), SUM(poor), SUM(unclassified)
FROM quality_user_pair_period_total
WHERE modality <> 0
GROUP BY tenant_id, period_days, pair, user_id
ON DUPLICATE KEY UPDATE good = VALUES(good), poor = VALUES(poor), unclassified = VALUES(unclassified);

--changeset commsportal:055-quality-user-period-total-worst-order
-- the ranking's share: a quotient of integers, to 4 decimals as MariaDB divides them, null without Good or Poor
ALTER TABLE quality_user_period_total
    ADD COLUMN poor_share DECIMAL(5, 4) AS (poor / NULLIF(good + poor, 0)) VIRTUAL,
    ADD INDEX ix_quality_user_period_total_worst (tenant_id, period_days, modality, poor_share DESC, user_id, good, poor);

--changeset commsportal:055-quality-user-pair-period-total-worst-order
ALTER TABLE quality_user_pair_period_total
    ADD COLUMN poor_share DECIMAL(5, 4) AS (poor / NULLIF(good + poor, 0)) VIRTUAL,
    ADD INDEX ix_quality_user_pair_period_total_worst (tenant_id, period_days, pair, modality, poor_share DESC, user_id, good,
        poor);
