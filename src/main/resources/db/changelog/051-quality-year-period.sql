--liquibase formatted sql
-- Issue 23, speed of the call quality page for its preset "Last 12 months" (365 days; docs/call-quality.md, "How it is
-- read"): the period totals (changesets 046 and 049) held the report periods of report_period (7, 30, 90 and 180
-- days), shared with the activity reports, so a year's page summed 365 days of split-day rows and its worst users
-- grouped a year of stream rows (about 1 s and 10 s at M). The call quality totals now keep periods of their own,
-- quality_period: the report periods and 365 days. Every tenant whose totals end on a report date gets its 365-day rows
-- here, recounted from the stream and split-day rows with the same generated SQL as the listener's recount; rows
-- already there (written by the new code) first go to zero and then take the recount's figures, as rows brought to
-- zero stay in these tables. MariaDB DDL is not transactional: the CREATE is a changeset of its own.

--changeset commsportal:051-quality-period
CREATE TABLE quality_period (
    days SMALLINT NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:051-quality-period-values
INSERT INTO quality_period (days) SELECT days FROM report_period;
INSERT INTO quality_period (days) VALUES (365);

--changeset commsportal:051-quality-year-user-totals
UPDATE quality_user_period_total SET good = 0, poor = 0, unclassified = 0 WHERE period_days = 365;
INSERT INTO quality_user_period_total (tenant_id, period_days, modality, user_id, good, poor, unclassified)
SELECT * FROM (
SELECT q.tenant_id, p.days, q.modality, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified FROM quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id JOIN quality_period p ON q.day > st.report_date - INTERVAL p.days DAY AND q.day <= st.report_date AND p.days = 365 WHERE q.user_id IS NOT NULL GROUP BY q.tenant_id, p.days, q.modality, q.user_id
) d
ON DUPLICATE KEY UPDATE good = VALUES(good), poor = VALUES(poor), unclassified = VALUES(unclassified);

--changeset commsportal:051-quality-year-user-pair-totals
UPDATE quality_user_pair_period_total SET good = 0, poor = 0, unclassified = 0 WHERE period_days = 365;
INSERT INTO quality_user_pair_period_total (tenant_id, period_days, pair, modality, user_id, good, poor, unclassified)
SELECT * FROM (
SELECT q.tenant_id, p.days, 8 + q.conference AS pair, q.modality, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified FROM quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id JOIN quality_period p ON q.day > st.report_date - INTERVAL p.days DAY AND q.day <= st.report_date AND p.days = 365 WHERE q.user_id IS NOT NULL GROUP BY q.tenant_id, p.days, q.conference, q.modality, q.user_id
UNION ALL
SELECT q.tenant_id, p.days, 12 + q.connection AS pair, q.modality, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified FROM quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id JOIN quality_period p ON q.day > st.report_date - INTERVAL p.days DAY AND q.day <= st.report_date AND p.days = 365 WHERE q.user_id IS NOT NULL GROUP BY q.tenant_id, p.days, q.connection, q.modality, q.user_id
UNION ALL
SELECT q.tenant_id, p.days, 16 + q.inside AS pair, q.modality, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified FROM quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id JOIN quality_period p ON q.day > st.report_date - INTERVAL p.days DAY AND q.day <= st.report_date AND p.days = 365 WHERE q.user_id IS NOT NULL GROUP BY q.tenant_id, p.days, q.inside, q.modality, q.user_id
UNION ALL
SELECT q.tenant_id, p.days, 20 + q.vpn AS pair, q.modality, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified FROM quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id JOIN quality_period p ON q.day > st.report_date - INTERVAL p.days DAY AND q.day <= st.report_date AND p.days = 365 WHERE q.user_id IS NOT NULL GROUP BY q.tenant_id, p.days, q.vpn, q.modality, q.user_id
) d
ON DUPLICATE KEY UPDATE good = VALUES(good), poor = VALUES(poor), unclassified = VALUES(unclassified);

--changeset commsportal:051-quality-year-split-totals
UPDATE quality_split_period_total SET good = 0, poor = 0, unclassified = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, h1_0 = 0, h1_1 = 0, h1_2 = 0, h1_3 = 0, h1_4 = 0, h1_5 = 0, h1_6 = 0, h1_7 = 0, h1_8 = 0, h1_9 = 0, h1_10 = 0, h1_11 = 0, h2_0 = 0, h2_1 = 0, h2_2 = 0, h2_3 = 0, h2_4 = 0, h2_5 = 0, h2_6 = 0, h2_7 = 0, h2_8 = 0, h2_9 = 0, h2_10 = 0, h2_11 = 0, h3_0 = 0, h3_1 = 0, h3_2 = 0, h3_3 = 0, h3_4 = 0, h3_5 = 0, h3_6 = 0, h3_7 = 0, h3_8 = 0, h3_9 = 0, h3_10 = 0, h3_11 = 0, h4_0 = 0, h4_1 = 0, h4_2 = 0, h4_3 = 0, h4_4 = 0, h4_5 = 0, h4_6 = 0, h4_7 = 0, h4_8 = 0, h4_9 = 0, h4_10 = 0, h4_11 = 0, h5_0 = 0, h5_1 = 0, h5_2 = 0, h5_3 = 0, h5_4 = 0, h5_5 = 0, h5_6 = 0, h5_7 = 0, h5_8 = 0, h5_9 = 0, h5_10 = 0, h5_11 = 0 WHERE period_days = 365;
INSERT INTO quality_split_period_total (tenant_id, period_days, split, modality, value, good, poor, unclassified, r1, r2, r3, r4, r5, h1_0, h1_1, h1_2, h1_3, h1_4, h1_5, h1_6, h1_7, h1_8, h1_9, h1_10, h1_11, h2_0, h2_1, h2_2, h2_3, h2_4, h2_5, h2_6, h2_7, h2_8, h2_9, h2_10, h2_11, h3_0, h3_1, h3_2, h3_3, h3_4, h3_5, h3_6, h3_7, h3_8, h3_9, h3_10, h3_11, h4_0, h4_1, h4_2, h4_3, h4_4, h4_5, h4_6, h4_7, h4_8, h4_9, h4_10, h4_11, h5_0, h5_1, h5_2, h5_3, h5_4, h5_5, h5_6, h5_7, h5_8, h5_9, h5_10, h5_11)
SELECT * FROM (
SELECT d.tenant_id, p.days, d.split, d.modality, d.value, SUM(d.good) AS good, SUM(d.poor) AS poor, SUM(d.unclassified) AS unclassified, SUM(d.r1) AS r1, SUM(d.r2) AS r2, SUM(d.r3) AS r3, SUM(d.r4) AS r4, SUM(d.r5) AS r5, SUM(d.h1_0) AS h1_0, SUM(d.h1_1) AS h1_1, SUM(d.h1_2) AS h1_2, SUM(d.h1_3) AS h1_3, SUM(d.h1_4) AS h1_4, SUM(d.h1_5) AS h1_5, SUM(d.h1_6) AS h1_6, SUM(d.h1_7) AS h1_7, SUM(d.h1_8) AS h1_8, SUM(d.h1_9) AS h1_9, SUM(d.h1_10) AS h1_10, SUM(d.h1_11) AS h1_11, SUM(d.h2_0) AS h2_0, SUM(d.h2_1) AS h2_1, SUM(d.h2_2) AS h2_2, SUM(d.h2_3) AS h2_3, SUM(d.h2_4) AS h2_4, SUM(d.h2_5) AS h2_5, SUM(d.h2_6) AS h2_6, SUM(d.h2_7) AS h2_7, SUM(d.h2_8) AS h2_8, SUM(d.h2_9) AS h2_9, SUM(d.h2_10) AS h2_10, SUM(d.h2_11) AS h2_11, SUM(d.h3_0) AS h3_0, SUM(d.h3_1) AS h3_1, SUM(d.h3_2) AS h3_2, SUM(d.h3_3) AS h3_3, SUM(d.h3_4) AS h3_4, SUM(d.h3_5) AS h3_5, SUM(d.h3_6) AS h3_6, SUM(d.h3_7) AS h3_7, SUM(d.h3_8) AS h3_8, SUM(d.h3_9) AS h3_9, SUM(d.h3_10) AS h3_10, SUM(d.h3_11) AS h3_11, SUM(d.h4_0) AS h4_0, SUM(d.h4_1) AS h4_1, SUM(d.h4_2) AS h4_2, SUM(d.h4_3) AS h4_3, SUM(d.h4_4) AS h4_4, SUM(d.h4_5) AS h4_5, SUM(d.h4_6) AS h4_6, SUM(d.h4_7) AS h4_7, SUM(d.h4_8) AS h4_8, SUM(d.h4_9) AS h4_9, SUM(d.h4_10) AS h4_10, SUM(d.h4_11) AS h4_11, SUM(d.h5_0) AS h5_0, SUM(d.h5_1) AS h5_1, SUM(d.h5_2) AS h5_2, SUM(d.h5_3) AS h5_3, SUM(d.h5_4) AS h5_4, SUM(d.h5_5) AS h5_5, SUM(d.h5_6) AS h5_6, SUM(d.h5_7) AS h5_7, SUM(d.h5_8) AS h5_8, SUM(d.h5_9) AS h5_9, SUM(d.h5_10) AS h5_10, SUM(d.h5_11) AS h5_11
FROM quality_split_day d
JOIN quality_period_state st ON st.tenant_id = d.tenant_id
JOIN quality_period p ON d.day > st.report_date - INTERVAL p.days DAY AND d.day <= st.report_date AND p.days = 365
GROUP BY d.tenant_id, p.days, d.split, d.modality, d.value
) y
ON DUPLICATE KEY UPDATE good = VALUES(good), poor = VALUES(poor), unclassified = VALUES(unclassified), r1 = VALUES(r1), r2 = VALUES(r2), r3 = VALUES(r3), r4 = VALUES(r4), r5 = VALUES(r5), h1_0 = VALUES(h1_0), h1_1 = VALUES(h1_1), h1_2 = VALUES(h1_2), h1_3 = VALUES(h1_3), h1_4 = VALUES(h1_4), h1_5 = VALUES(h1_5), h1_6 = VALUES(h1_6), h1_7 = VALUES(h1_7), h1_8 = VALUES(h1_8), h1_9 = VALUES(h1_9), h1_10 = VALUES(h1_10), h1_11 = VALUES(h1_11), h2_0 = VALUES(h2_0), h2_1 = VALUES(h2_1), h2_2 = VALUES(h2_2), h2_3 = VALUES(h2_3), h2_4 = VALUES(h2_4), h2_5 = VALUES(h2_5), h2_6 = VALUES(h2_6), h2_7 = VALUES(h2_7), h2_8 = VALUES(h2_8), h2_9 = VALUES(h2_9), h2_10 = VALUES(h2_10), h2_11 = VALUES(h2_11), h3_0 = VALUES(h3_0), h3_1 = VALUES(h3_1), h3_2 = VALUES(h3_2), h3_3 = VALUES(h3_3), h3_4 = VALUES(h3_4), h3_5 = VALUES(h3_5), h3_6 = VALUES(h3_6), h3_7 = VALUES(h3_7), h3_8 = VALUES(h3_8), h3_9 = VALUES(h3_9), h3_10 = VALUES(h3_10), h3_11 = VALUES(h3_11), h4_0 = VALUES(h4_0), h4_1 = VALUES(h4_1), h4_2 = VALUES(h4_2), h4_3 = VALUES(h4_3), h4_4 = VALUES(h4_4), h4_5 = VALUES(h4_5), h4_6 = VALUES(h4_6), h4_7 = VALUES(h4_7), h4_8 = VALUES(h4_8), h4_9 = VALUES(h4_9), h4_10 = VALUES(h4_10), h4_11 = VALUES(h4_11), h5_0 = VALUES(h5_0), h5_1 = VALUES(h5_1), h5_2 = VALUES(h5_2), h5_3 = VALUES(h5_3), h5_4 = VALUES(h5_4), h5_5 = VALUES(h5_5), h5_6 = VALUES(h5_6), h5_7 = VALUES(h5_7), h5_8 = VALUES(h5_8), h5_9 = VALUES(h5_9), h5_10 = VALUES(h5_10), h5_11 = VALUES(h5_11);
