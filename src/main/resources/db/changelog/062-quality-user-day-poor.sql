--liquibase formatted sql
-- Issue 27: the worst users of 2 to 31 days that no split or place narrows rank only the users with a day of enough
-- Poor streams (docs/call-quality.md, "How the figures stay exact"); finding them read every user's day row of the
-- range (about 130 ms for 2 days of 100,000 users). This index makes them a range per day (a few thousand rows of
-- about 90,000). Its entry moves only when a write changes a user's Poor count on a day or adds or removes the row, so
-- most writes to a row (Good and Unclassified streams) leave it alone; the ranking's index moves on every one.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:062-quality-user-day-poor
CREATE INDEX ix_quality_user_day_poor ON quality_user_day (tenant_id, modality, day, poor);
