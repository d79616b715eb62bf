--liquibase formatted sql
-- Issue 27: the worst users of a range that no report period answers, with one few-valued split value fixed (Wi-Fi
-- over the last 3 days at 100,000 users), took 240 ms: only one user had the minimum sample of that value's streams
-- over the range, so no seeds filled the list, and the 14,000 users whose 7-day totals reached it were looked up day
-- by day. A user with n classified (Good + Poor) streams over d days has at least n / d of them on one day, so the
-- users who can reach the minimum sample are those with a day row holding a d-th of it: with this index a range per
-- day of the rows holding that many (docs/call-quality.md, "How the figures stay exact"). Only the pair-day rows get
-- it: with no split fixed most users have a d-th of the sample on some day, so it would not narrow the candidates, and
-- its entry moves on most writes to a row (every Good or Poor stream).
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:064-quality-user-pair-day-classified
ALTER TABLE quality_user_pair_day
    ADD COLUMN classified INT AS (good + poor) VIRTUAL,
    ADD INDEX ix_quality_user_pair_day_classified (tenant_id, pair, modality, day, classified);
