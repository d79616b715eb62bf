--liquibase formatted sql
-- Issue 27: the worst users of a range that no report period answers, with one few-valued split value fixed (Wi-Fi
-- over the last 3 days at 100,000 users), took 90-240 ms: only one user had the minimum sample of that value's streams
-- over the range, so no seeds filled the list, and the 14,000 users whose 7-day totals reached it were looked up day
-- by day. This index gives each user's days with k or more classified (Good + Poor) streams; a user's sum over the
-- range is at most those days' counts plus k - 1 for each other day, so only the users whose bound reaches the minimum
-- sample can qualify: with k = 8 (the sample's 4th) about 20,000 entries of 3 days leave one user there
-- (docs/call-quality.md, "How the figures stay exact"). Only the pair-day rows get it: with no split fixed most
-- users have that many streams on some day (80,000 of 100,000 over those days: 33,000 candidates), so it would not
-- narrow them, and its entry moves on most writes to a row (every Good or Poor stream).
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:064-quality-user-pair-day-classified
ALTER TABLE quality_user_pair_day
    ADD COLUMN classified INT AS (good + poor) VIRTUAL,
    ADD INDEX ix_quality_user_pair_day_classified (tenant_id, pair, modality, day, classified);
