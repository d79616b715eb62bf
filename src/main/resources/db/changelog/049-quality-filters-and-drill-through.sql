--liquibase formatted sql
-- Issue 23, speed of the call quality page with one few-valued split value fixed (Wi-Fi, say; docs/call-quality.md,
-- "How it is read"): its subnet split read the filter-day rows with the subnet (changeset 047), one row per subnet and
-- combination of the four few-valued splits, some 6,000 a day in the benchmark's data. quality_split_day gains the
-- subnet pair rows: per UTC day, modality, few-valued split value and subnet, with split = 8 + 4 x the fixed split's
-- ordinal (0 conference, 1 connection, 2 inside, 3 vpn) + its stored value, 8 to 23 after the single splits' 0 to 5.
-- The listener keeps them in the same statements as the other split-day rows, and so do the period totals
-- (quality_split_period_total) that sum them. Filled here from the day rows, and the period totals of every tenant
-- whose totals end on a report date from those; rows already there (written by the new code) are replaced by the same
-- figures. The users' period totals (the worst users) get the same per fixed value in quality_user_pair_period_total
-- (pair = the code above of one few-valued split value), filled by a recount from the stream rows for every tenant
-- whose totals end on a report date. And the drill-through from a figure of Poor or Unclassified streams (or of a rule)
-- to every user's sessions reads the matching streams by the day index instead of probing each session of the range:
-- the index gains the session start, so that it alone gives the sessions (id and start) and their count. MariaDB DDL
-- is not transactional: the CREATE and the ALTER are changesets of their own.

--changeset commsportal:049-quality-subnet-pair-days
DELETE FROM quality_split_day WHERE split >= 8;
INSERT INTO quality_split_day (tenant_id, day, modality, split, value, good, poor, unclassified, r1, r2, r3, r4, r5, h1_0, h1_1, h1_2, h1_3, h1_4, h1_5, h1_6, h1_7, h1_8, h1_9, h1_10, h1_11, h2_0, h2_1, h2_2, h2_3, h2_4, h2_5, h2_6, h2_7, h2_8, h2_9, h2_10, h2_11, h3_0, h3_1, h3_2, h3_3, h3_4, h3_5, h3_6, h3_7, h3_8, h3_9, h3_10, h3_11, h4_0, h4_1, h4_2, h4_3, h4_4, h4_5, h4_6, h4_7, h4_8, h4_9, h4_10, h4_11, h5_0, h5_1, h5_2, h5_3, h5_4, h5_5, h5_6, h5_7, h5_8, h5_9, h5_10, h5_11)
SELECT * FROM (
SELECT q.tenant_id, q.day, q.modality, 8 + q.conference AS split, q.subnet AS value,
    SUM(q.good) AS good,
    SUM(q.poor) AS poor,
    SUM(q.unclassified) AS unclassified,
    SUM(q.r1) AS r1,
    SUM(q.r2) AS r2,
    SUM(q.r3) AS r3,
    SUM(q.r4) AS r4,
    SUM(q.r5) AS r5,
    SUM(q.h1_0) AS h1_0,
    SUM(q.h1_1) AS h1_1,
    SUM(q.h1_2) AS h1_2,
    SUM(q.h1_3) AS h1_3,
    SUM(q.h1_4) AS h1_4,
    SUM(q.h1_5) AS h1_5,
    SUM(q.h1_6) AS h1_6,
    SUM(q.h1_7) AS h1_7,
    SUM(q.h1_8) AS h1_8,
    SUM(q.h1_9) AS h1_9,
    SUM(q.h1_10) AS h1_10,
    SUM(q.h1_11) AS h1_11,
    SUM(q.h2_0) AS h2_0,
    SUM(q.h2_1) AS h2_1,
    SUM(q.h2_2) AS h2_2,
    SUM(q.h2_3) AS h2_3,
    SUM(q.h2_4) AS h2_4,
    SUM(q.h2_5) AS h2_5,
    SUM(q.h2_6) AS h2_6,
    SUM(q.h2_7) AS h2_7,
    SUM(q.h2_8) AS h2_8,
    SUM(q.h2_9) AS h2_9,
    SUM(q.h2_10) AS h2_10,
    SUM(q.h2_11) AS h2_11,
    SUM(q.h3_0) AS h3_0,
    SUM(q.h3_1) AS h3_1,
    SUM(q.h3_2) AS h3_2,
    SUM(q.h3_3) AS h3_3,
    SUM(q.h3_4) AS h3_4,
    SUM(q.h3_5) AS h3_5,
    SUM(q.h3_6) AS h3_6,
    SUM(q.h3_7) AS h3_7,
    SUM(q.h3_8) AS h3_8,
    SUM(q.h3_9) AS h3_9,
    SUM(q.h3_10) AS h3_10,
    SUM(q.h3_11) AS h3_11,
    SUM(q.h4_0) AS h4_0,
    SUM(q.h4_1) AS h4_1,
    SUM(q.h4_2) AS h4_2,
    SUM(q.h4_3) AS h4_3,
    SUM(q.h4_4) AS h4_4,
    SUM(q.h4_5) AS h4_5,
    SUM(q.h4_6) AS h4_6,
    SUM(q.h4_7) AS h4_7,
    SUM(q.h4_8) AS h4_8,
    SUM(q.h4_9) AS h4_9,
    SUM(q.h4_10) AS h4_10,
    SUM(q.h4_11) AS h4_11,
    SUM(q.h5_0) AS h5_0,
    SUM(q.h5_1) AS h5_1,
    SUM(q.h5_2) AS h5_2,
    SUM(q.h5_3) AS h5_3,
    SUM(q.h5_4) AS h5_4,
    SUM(q.h5_5) AS h5_5,
    SUM(q.h5_6) AS h5_6,
    SUM(q.h5_7) AS h5_7,
    SUM(q.h5_8) AS h5_8,
    SUM(q.h5_9) AS h5_9,
    SUM(q.h5_10) AS h5_10,
    SUM(q.h5_11) AS h5_11
FROM quality_day q
WHERE TRUE
GROUP BY q.tenant_id, q.day, q.modality, q.conference, q.subnet
UNION ALL
SELECT q.tenant_id, q.day, q.modality, 12 + q.connection AS split, q.subnet AS value,
    SUM(q.good) AS good,
    SUM(q.poor) AS poor,
    SUM(q.unclassified) AS unclassified,
    SUM(q.r1) AS r1,
    SUM(q.r2) AS r2,
    SUM(q.r3) AS r3,
    SUM(q.r4) AS r4,
    SUM(q.r5) AS r5,
    SUM(q.h1_0) AS h1_0,
    SUM(q.h1_1) AS h1_1,
    SUM(q.h1_2) AS h1_2,
    SUM(q.h1_3) AS h1_3,
    SUM(q.h1_4) AS h1_4,
    SUM(q.h1_5) AS h1_5,
    SUM(q.h1_6) AS h1_6,
    SUM(q.h1_7) AS h1_7,
    SUM(q.h1_8) AS h1_8,
    SUM(q.h1_9) AS h1_9,
    SUM(q.h1_10) AS h1_10,
    SUM(q.h1_11) AS h1_11,
    SUM(q.h2_0) AS h2_0,
    SUM(q.h2_1) AS h2_1,
    SUM(q.h2_2) AS h2_2,
    SUM(q.h2_3) AS h2_3,
    SUM(q.h2_4) AS h2_4,
    SUM(q.h2_5) AS h2_5,
    SUM(q.h2_6) AS h2_6,
    SUM(q.h2_7) AS h2_7,
    SUM(q.h2_8) AS h2_8,
    SUM(q.h2_9) AS h2_9,
    SUM(q.h2_10) AS h2_10,
    SUM(q.h2_11) AS h2_11,
    SUM(q.h3_0) AS h3_0,
    SUM(q.h3_1) AS h3_1,
    SUM(q.h3_2) AS h3_2,
    SUM(q.h3_3) AS h3_3,
    SUM(q.h3_4) AS h3_4,
    SUM(q.h3_5) AS h3_5,
    SUM(q.h3_6) AS h3_6,
    SUM(q.h3_7) AS h3_7,
    SUM(q.h3_8) AS h3_8,
    SUM(q.h3_9) AS h3_9,
    SUM(q.h3_10) AS h3_10,
    SUM(q.h3_11) AS h3_11,
    SUM(q.h4_0) AS h4_0,
    SUM(q.h4_1) AS h4_1,
    SUM(q.h4_2) AS h4_2,
    SUM(q.h4_3) AS h4_3,
    SUM(q.h4_4) AS h4_4,
    SUM(q.h4_5) AS h4_5,
    SUM(q.h4_6) AS h4_6,
    SUM(q.h4_7) AS h4_7,
    SUM(q.h4_8) AS h4_8,
    SUM(q.h4_9) AS h4_9,
    SUM(q.h4_10) AS h4_10,
    SUM(q.h4_11) AS h4_11,
    SUM(q.h5_0) AS h5_0,
    SUM(q.h5_1) AS h5_1,
    SUM(q.h5_2) AS h5_2,
    SUM(q.h5_3) AS h5_3,
    SUM(q.h5_4) AS h5_4,
    SUM(q.h5_5) AS h5_5,
    SUM(q.h5_6) AS h5_6,
    SUM(q.h5_7) AS h5_7,
    SUM(q.h5_8) AS h5_8,
    SUM(q.h5_9) AS h5_9,
    SUM(q.h5_10) AS h5_10,
    SUM(q.h5_11) AS h5_11
FROM quality_day q
WHERE TRUE
GROUP BY q.tenant_id, q.day, q.modality, q.connection, q.subnet
UNION ALL
SELECT q.tenant_id, q.day, q.modality, 16 + q.inside AS split, q.subnet AS value,
    SUM(q.good) AS good,
    SUM(q.poor) AS poor,
    SUM(q.unclassified) AS unclassified,
    SUM(q.r1) AS r1,
    SUM(q.r2) AS r2,
    SUM(q.r3) AS r3,
    SUM(q.r4) AS r4,
    SUM(q.r5) AS r5,
    SUM(q.h1_0) AS h1_0,
    SUM(q.h1_1) AS h1_1,
    SUM(q.h1_2) AS h1_2,
    SUM(q.h1_3) AS h1_3,
    SUM(q.h1_4) AS h1_4,
    SUM(q.h1_5) AS h1_5,
    SUM(q.h1_6) AS h1_6,
    SUM(q.h1_7) AS h1_7,
    SUM(q.h1_8) AS h1_8,
    SUM(q.h1_9) AS h1_9,
    SUM(q.h1_10) AS h1_10,
    SUM(q.h1_11) AS h1_11,
    SUM(q.h2_0) AS h2_0,
    SUM(q.h2_1) AS h2_1,
    SUM(q.h2_2) AS h2_2,
    SUM(q.h2_3) AS h2_3,
    SUM(q.h2_4) AS h2_4,
    SUM(q.h2_5) AS h2_5,
    SUM(q.h2_6) AS h2_6,
    SUM(q.h2_7) AS h2_7,
    SUM(q.h2_8) AS h2_8,
    SUM(q.h2_9) AS h2_9,
    SUM(q.h2_10) AS h2_10,
    SUM(q.h2_11) AS h2_11,
    SUM(q.h3_0) AS h3_0,
    SUM(q.h3_1) AS h3_1,
    SUM(q.h3_2) AS h3_2,
    SUM(q.h3_3) AS h3_3,
    SUM(q.h3_4) AS h3_4,
    SUM(q.h3_5) AS h3_5,
    SUM(q.h3_6) AS h3_6,
    SUM(q.h3_7) AS h3_7,
    SUM(q.h3_8) AS h3_8,
    SUM(q.h3_9) AS h3_9,
    SUM(q.h3_10) AS h3_10,
    SUM(q.h3_11) AS h3_11,
    SUM(q.h4_0) AS h4_0,
    SUM(q.h4_1) AS h4_1,
    SUM(q.h4_2) AS h4_2,
    SUM(q.h4_3) AS h4_3,
    SUM(q.h4_4) AS h4_4,
    SUM(q.h4_5) AS h4_5,
    SUM(q.h4_6) AS h4_6,
    SUM(q.h4_7) AS h4_7,
    SUM(q.h4_8) AS h4_8,
    SUM(q.h4_9) AS h4_9,
    SUM(q.h4_10) AS h4_10,
    SUM(q.h4_11) AS h4_11,
    SUM(q.h5_0) AS h5_0,
    SUM(q.h5_1) AS h5_1,
    SUM(q.h5_2) AS h5_2,
    SUM(q.h5_3) AS h5_3,
    SUM(q.h5_4) AS h5_4,
    SUM(q.h5_5) AS h5_5,
    SUM(q.h5_6) AS h5_6,
    SUM(q.h5_7) AS h5_7,
    SUM(q.h5_8) AS h5_8,
    SUM(q.h5_9) AS h5_9,
    SUM(q.h5_10) AS h5_10,
    SUM(q.h5_11) AS h5_11
FROM quality_day q
WHERE TRUE
GROUP BY q.tenant_id, q.day, q.modality, q.inside, q.subnet
UNION ALL
SELECT q.tenant_id, q.day, q.modality, 20 + q.vpn AS split, q.subnet AS value,
    SUM(q.good) AS good,
    SUM(q.poor) AS poor,
    SUM(q.unclassified) AS unclassified,
    SUM(q.r1) AS r1,
    SUM(q.r2) AS r2,
    SUM(q.r3) AS r3,
    SUM(q.r4) AS r4,
    SUM(q.r5) AS r5,
    SUM(q.h1_0) AS h1_0,
    SUM(q.h1_1) AS h1_1,
    SUM(q.h1_2) AS h1_2,
    SUM(q.h1_3) AS h1_3,
    SUM(q.h1_4) AS h1_4,
    SUM(q.h1_5) AS h1_5,
    SUM(q.h1_6) AS h1_6,
    SUM(q.h1_7) AS h1_7,
    SUM(q.h1_8) AS h1_8,
    SUM(q.h1_9) AS h1_9,
    SUM(q.h1_10) AS h1_10,
    SUM(q.h1_11) AS h1_11,
    SUM(q.h2_0) AS h2_0,
    SUM(q.h2_1) AS h2_1,
    SUM(q.h2_2) AS h2_2,
    SUM(q.h2_3) AS h2_3,
    SUM(q.h2_4) AS h2_4,
    SUM(q.h2_5) AS h2_5,
    SUM(q.h2_6) AS h2_6,
    SUM(q.h2_7) AS h2_7,
    SUM(q.h2_8) AS h2_8,
    SUM(q.h2_9) AS h2_9,
    SUM(q.h2_10) AS h2_10,
    SUM(q.h2_11) AS h2_11,
    SUM(q.h3_0) AS h3_0,
    SUM(q.h3_1) AS h3_1,
    SUM(q.h3_2) AS h3_2,
    SUM(q.h3_3) AS h3_3,
    SUM(q.h3_4) AS h3_4,
    SUM(q.h3_5) AS h3_5,
    SUM(q.h3_6) AS h3_6,
    SUM(q.h3_7) AS h3_7,
    SUM(q.h3_8) AS h3_8,
    SUM(q.h3_9) AS h3_9,
    SUM(q.h3_10) AS h3_10,
    SUM(q.h3_11) AS h3_11,
    SUM(q.h4_0) AS h4_0,
    SUM(q.h4_1) AS h4_1,
    SUM(q.h4_2) AS h4_2,
    SUM(q.h4_3) AS h4_3,
    SUM(q.h4_4) AS h4_4,
    SUM(q.h4_5) AS h4_5,
    SUM(q.h4_6) AS h4_6,
    SUM(q.h4_7) AS h4_7,
    SUM(q.h4_8) AS h4_8,
    SUM(q.h4_9) AS h4_9,
    SUM(q.h4_10) AS h4_10,
    SUM(q.h4_11) AS h4_11,
    SUM(q.h5_0) AS h5_0,
    SUM(q.h5_1) AS h5_1,
    SUM(q.h5_2) AS h5_2,
    SUM(q.h5_3) AS h5_3,
    SUM(q.h5_4) AS h5_4,
    SUM(q.h5_5) AS h5_5,
    SUM(q.h5_6) AS h5_6,
    SUM(q.h5_7) AS h5_7,
    SUM(q.h5_8) AS h5_8,
    SUM(q.h5_9) AS h5_9,
    SUM(q.h5_10) AS h5_10,
    SUM(q.h5_11) AS h5_11
FROM quality_day q
WHERE TRUE
GROUP BY q.tenant_id, q.day, q.modality, q.vpn, q.subnet
) d
ON DUPLICATE KEY UPDATE good = quality_split_day.good + VALUES(good), poor = quality_split_day.poor + VALUES(poor), unclassified = quality_split_day.unclassified + VALUES(unclassified), r1 = quality_split_day.r1 + VALUES(r1), r2 = quality_split_day.r2 + VALUES(r2), r3 = quality_split_day.r3 + VALUES(r3), r4 = quality_split_day.r4 + VALUES(r4), r5 = quality_split_day.r5 + VALUES(r5), h1_0 = quality_split_day.h1_0 + VALUES(h1_0), h1_1 = quality_split_day.h1_1 + VALUES(h1_1), h1_2 = quality_split_day.h1_2 + VALUES(h1_2), h1_3 = quality_split_day.h1_3 + VALUES(h1_3), h1_4 = quality_split_day.h1_4 + VALUES(h1_4), h1_5 = quality_split_day.h1_5 + VALUES(h1_5), h1_6 = quality_split_day.h1_6 + VALUES(h1_6), h1_7 = quality_split_day.h1_7 + VALUES(h1_7), h1_8 = quality_split_day.h1_8 + VALUES(h1_8), h1_9 = quality_split_day.h1_9 + VALUES(h1_9), h1_10 = quality_split_day.h1_10 + VALUES(h1_10), h1_11 = quality_split_day.h1_11 + VALUES(h1_11), h2_0 = quality_split_day.h2_0 + VALUES(h2_0), h2_1 = quality_split_day.h2_1 + VALUES(h2_1), h2_2 = quality_split_day.h2_2 + VALUES(h2_2), h2_3 = quality_split_day.h2_3 + VALUES(h2_3), h2_4 = quality_split_day.h2_4 + VALUES(h2_4), h2_5 = quality_split_day.h2_5 + VALUES(h2_5), h2_6 = quality_split_day.h2_6 + VALUES(h2_6), h2_7 = quality_split_day.h2_7 + VALUES(h2_7), h2_8 = quality_split_day.h2_8 + VALUES(h2_8), h2_9 = quality_split_day.h2_9 + VALUES(h2_9), h2_10 = quality_split_day.h2_10 + VALUES(h2_10), h2_11 = quality_split_day.h2_11 + VALUES(h2_11), h3_0 = quality_split_day.h3_0 + VALUES(h3_0), h3_1 = quality_split_day.h3_1 + VALUES(h3_1), h3_2 = quality_split_day.h3_2 + VALUES(h3_2), h3_3 = quality_split_day.h3_3 + VALUES(h3_3), h3_4 = quality_split_day.h3_4 + VALUES(h3_4), h3_5 = quality_split_day.h3_5 + VALUES(h3_5), h3_6 = quality_split_day.h3_6 + VALUES(h3_6), h3_7 = quality_split_day.h3_7 + VALUES(h3_7), h3_8 = quality_split_day.h3_8 + VALUES(h3_8), h3_9 = quality_split_day.h3_9 + VALUES(h3_9), h3_10 = quality_split_day.h3_10 + VALUES(h3_10), h3_11 = quality_split_day.h3_11 + VALUES(h3_11), h4_0 = quality_split_day.h4_0 + VALUES(h4_0), h4_1 = quality_split_day.h4_1 + VALUES(h4_1), h4_2 = quality_split_day.h4_2 + VALUES(h4_2), h4_3 = quality_split_day.h4_3 + VALUES(h4_3), h4_4 = quality_split_day.h4_4 + VALUES(h4_4), h4_5 = quality_split_day.h4_5 + VALUES(h4_5), h4_6 = quality_split_day.h4_6 + VALUES(h4_6), h4_7 = quality_split_day.h4_7 + VALUES(h4_7), h4_8 = quality_split_day.h4_8 + VALUES(h4_8), h4_9 = quality_split_day.h4_9 + VALUES(h4_9), h4_10 = quality_split_day.h4_10 + VALUES(h4_10), h4_11 = quality_split_day.h4_11 + VALUES(h4_11), h5_0 = quality_split_day.h5_0 + VALUES(h5_0), h5_1 = quality_split_day.h5_1 + VALUES(h5_1), h5_2 = quality_split_day.h5_2 + VALUES(h5_2), h5_3 = quality_split_day.h5_3 + VALUES(h5_3), h5_4 = quality_split_day.h5_4 + VALUES(h5_4), h5_5 = quality_split_day.h5_5 + VALUES(h5_5), h5_6 = quality_split_day.h5_6 + VALUES(h5_6), h5_7 = quality_split_day.h5_7 + VALUES(h5_7), h5_8 = quality_split_day.h5_8 + VALUES(h5_8), h5_9 = quality_split_day.h5_9 + VALUES(h5_9), h5_10 = quality_split_day.h5_10 + VALUES(h5_10), h5_11 = quality_split_day.h5_11 + VALUES(h5_11);

--changeset commsportal:049-quality-subnet-pair-period-totals
DELETE FROM quality_split_period_total WHERE split >= 8;
INSERT INTO quality_split_period_total (tenant_id, period_days, split, modality, value, good, poor, unclassified, r1, r2, r3, r4, r5, h1_0, h1_1, h1_2, h1_3, h1_4, h1_5, h1_6, h1_7, h1_8, h1_9, h1_10, h1_11, h2_0, h2_1, h2_2, h2_3, h2_4, h2_5, h2_6, h2_7, h2_8, h2_9, h2_10, h2_11, h3_0, h3_1, h3_2, h3_3, h3_4, h3_5, h3_6, h3_7, h3_8, h3_9, h3_10, h3_11, h4_0, h4_1, h4_2, h4_3, h4_4, h4_5, h4_6, h4_7, h4_8, h4_9, h4_10, h4_11, h5_0, h5_1, h5_2, h5_3, h5_4, h5_5, h5_6, h5_7, h5_8, h5_9, h5_10, h5_11)
SELECT d.tenant_id, p.days, d.split, d.modality, d.value, SUM(d.good), SUM(d.poor), SUM(d.unclassified), SUM(d.r1), SUM(d.r2), SUM(d.r3), SUM(d.r4), SUM(d.r5), SUM(d.h1_0), SUM(d.h1_1), SUM(d.h1_2), SUM(d.h1_3), SUM(d.h1_4), SUM(d.h1_5), SUM(d.h1_6), SUM(d.h1_7), SUM(d.h1_8), SUM(d.h1_9), SUM(d.h1_10), SUM(d.h1_11), SUM(d.h2_0), SUM(d.h2_1), SUM(d.h2_2), SUM(d.h2_3), SUM(d.h2_4), SUM(d.h2_5), SUM(d.h2_6), SUM(d.h2_7), SUM(d.h2_8), SUM(d.h2_9), SUM(d.h2_10), SUM(d.h2_11), SUM(d.h3_0), SUM(d.h3_1), SUM(d.h3_2), SUM(d.h3_3), SUM(d.h3_4), SUM(d.h3_5), SUM(d.h3_6), SUM(d.h3_7), SUM(d.h3_8), SUM(d.h3_9), SUM(d.h3_10), SUM(d.h3_11), SUM(d.h4_0), SUM(d.h4_1), SUM(d.h4_2), SUM(d.h4_3), SUM(d.h4_4), SUM(d.h4_5), SUM(d.h4_6), SUM(d.h4_7), SUM(d.h4_8), SUM(d.h4_9), SUM(d.h4_10), SUM(d.h4_11), SUM(d.h5_0), SUM(d.h5_1), SUM(d.h5_2), SUM(d.h5_3), SUM(d.h5_4), SUM(d.h5_5), SUM(d.h5_6), SUM(d.h5_7), SUM(d.h5_8), SUM(d.h5_9), SUM(d.h5_10), SUM(d.h5_11)
FROM quality_split_day d
JOIN quality_period_state st ON st.tenant_id = d.tenant_id
JOIN report_period p ON d.day > st.report_date - INTERVAL p.days DAY AND d.day <= st.report_date
WHERE d.split >= 8
GROUP BY d.tenant_id, p.days, d.split, d.modality, d.value;

--changeset commsportal:049-quality-user-pair-period-total
-- The users' own-side streams by verdict per report period, pair code, modality and user: the worst users of a report
-- period with one few-valued split value fixed.
CREATE TABLE quality_user_pair_period_total (
    tenant_id    BIGINT   NOT NULL,
    period_days  SMALLINT NOT NULL,
    pair         TINYINT  NOT NULL,
    modality     TINYINT  NOT NULL,
    user_id      BIGINT   NOT NULL,
    good         INT      NOT NULL,
    poor         INT      NOT NULL,
    unclassified INT      NOT NULL,
    PRIMARY KEY (tenant_id, period_days, pair, modality, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:049-quality-user-pair-period-total-values
INSERT INTO quality_user_pair_period_total (tenant_id, period_days, pair, modality, user_id, good, poor, unclassified)
SELECT q.tenant_id, p.days, 8 + q.conference AS pair, q.modality, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified FROM quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id JOIN report_period p ON q.day > st.report_date - INTERVAL p.days DAY AND q.day <= st.report_date WHERE q.user_id IS NOT NULL GROUP BY q.tenant_id, p.days, q.conference, q.modality, q.user_id
UNION ALL
SELECT q.tenant_id, p.days, 12 + q.connection AS pair, q.modality, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified FROM quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id JOIN report_period p ON q.day > st.report_date - INTERVAL p.days DAY AND q.day <= st.report_date WHERE q.user_id IS NOT NULL GROUP BY q.tenant_id, p.days, q.connection, q.modality, q.user_id
UNION ALL
SELECT q.tenant_id, p.days, 16 + q.inside AS pair, q.modality, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified FROM quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id JOIN report_period p ON q.day > st.report_date - INTERVAL p.days DAY AND q.day <= st.report_date WHERE q.user_id IS NOT NULL GROUP BY q.tenant_id, p.days, q.inside, q.modality, q.user_id
UNION ALL
SELECT q.tenant_id, p.days, 20 + q.vpn AS pair, q.modality, q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor, SUM(q.verdict = 2) AS unclassified FROM quality_stream q JOIN quality_period_state st ON st.tenant_id = q.tenant_id JOIN report_period p ON q.day > st.report_date - INTERVAL p.days DAY AND q.day <= st.report_date WHERE q.user_id IS NOT NULL GROUP BY q.tenant_id, p.days, q.vpn, q.modality, q.user_id;

--changeset commsportal:049-quality-stream-day-index-start
ALTER TABLE quality_stream DROP INDEX ix_quality_stream_day,
    ADD INDEX ix_quality_stream_day (tenant_id, day, verdict, modality, user_id, session_start);
