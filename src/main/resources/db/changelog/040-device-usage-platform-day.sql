--liquibase formatted sql
-- Issue 21: the device usage page's data from rollups (docs/device-usage.md, "Daily users per platform").
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:040-device-usage-platform-day
-- Per tenant, UTC day and platform (codes of changeset 017): the distinct licensed users with at least one row of
-- device_usage_day, so the daily users chart reads one row per day and platform instead of counting users per
-- request. Kept by the device usage listener in each write's transaction when a user's first row of the day and
-- platform appears or the last one goes; a row brought to no user is deleted.
CREATE TABLE device_usage_platform_day (
    tenant_id BIGINT  NOT NULL,
    day       DATE    NOT NULL,
    platform  TINYINT NOT NULL,
    users     INT     NOT NULL,
    PRIMARY KEY (tenant_id, day, platform)
) ENGINE=InnoDB;

--changeset commsportal:040-device-usage-platform-day-values
-- The rows of the days stored before this changeset: the same count the listener keeps.
INSERT INTO device_usage_platform_day (tenant_id, day, platform, users)
SELECT tenant_id, day, platform, COUNT(DISTINCT user_id)
FROM device_usage_day
GROUP BY tenant_id, day, platform;

--changeset commsportal:040-device-usage-day-platform-index
-- The unrecognised client versions of a period read only the rows of Other, not every platform's rows of the days.
CREATE INDEX ix_device_usage_day_platform ON device_usage_day (tenant_id, platform, day, agent_key, user_id);

--changeset commsportal:040-device-usage-period-total-platforms-index
-- The distribution of a period counts the used-platform bits of one index entry per user.
CREATE INDEX ix_device_usage_period_total_platforms ON device_usage_period_total (tenant_id, period_days, platforms);
