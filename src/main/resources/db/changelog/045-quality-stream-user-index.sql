--liquibase formatted sql
-- Issue 23, worst users speed: the worst users of a range group the range's stream rows by user. With user_id in the
-- day index the grouping reads the index alone instead of each stream's row (at 10,000 users, 2.6 million streams
-- in 30 days: one random read per stream). The index's leading columns stay as they were for the drill-through and
-- the alerts (docs/call-quality.md, "How it is read"). One statement: MariaDB DDL is not transactional.

--changeset commsportal:045-quality-stream-day-index-user
ALTER TABLE quality_stream DROP INDEX ix_quality_stream_day,
    ADD INDEX ix_quality_stream_day (tenant_id, day, verdict, modality, user_id);
