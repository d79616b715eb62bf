--liquibase formatted sql
-- Issue 21: per-user period totals of the Skype for Business activity, conference organizer and conference
-- participant tables (docs/skype-for-business-activity.md, "Period totals"), so that a page, a sort by any figure, an
-- export or the Graph-style user detail reads one narrow row per user through an index instead of aggregating up to
-- 180 days of activity_party_day rows per request. One row per licensed user and report period, zeros included,
-- ending on the report date of skype_activity_period_state; the write core's listener ActivityPartyDays keeps them
-- exact in the write transaction and ActivityPeriodTotals moves them to a new report date off the request path.
-- A conference counts once in a period when any of its rows (user, kind, conference) has a day in the window, so a
-- write or a move recounts only the conferences it touches: their figures in the window are subtracted before and
-- added after (the index on conference below finds a conference's days). Web and dial-in/out figures keep the sums
-- that say whether they are known; the shown figures are generated columns (NULL when unknown), indexed for sorting.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:031-skype-activity-period-state
CREATE TABLE skype_activity_period_state (
    tenant_id   BIGINT NOT NULL PRIMARY KEY,
    report_date DATE   NULL,
    CONSTRAINT fk_skype_activity_period_state_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB;

--changeset commsportal:031-skype-activity-period-total
CREATE TABLE skype_activity_period_total (
    tenant_id                          BIGINT   NOT NULL,
    user_id                            BIGINT   NOT NULL,
    period_days                        SMALLINT NOT NULL,
    peer_to_peer                       BIGINT   NOT NULL DEFAULT 0,
    organized                          BIGINT   NOT NULL DEFAULT 0,
    organized_im                       BIGINT   NOT NULL DEFAULT 0,
    organized_audio_video              BIGINT   NOT NULL DEFAULT 0,
    organized_app_sharing              BIGINT   NOT NULL DEFAULT 0,
    organized_web_count                BIGINT   NOT NULL DEFAULT 0,
    organized_dial_third_party_count   BIGINT   NOT NULL DEFAULT 0,
    organized_dial_microsoft_count     BIGINT   NOT NULL DEFAULT 0,
    organized_audio_video_ms           BIGINT   NOT NULL DEFAULT 0,
    organized_dial_in_microsoft_sum    BIGINT   NOT NULL DEFAULT 0,
    organized_dial_out_microsoft_sum   BIGINT   NOT NULL DEFAULT 0,
    organized_sessions                 BIGINT   NOT NULL DEFAULT 0,
    organized_web_stated               BIGINT   NOT NULL DEFAULT 0,
    organized_telephone                BIGINT   NOT NULL DEFAULT 0,
    organized_provider_stated          BIGINT   NOT NULL DEFAULT 0,
    participated                       BIGINT   NOT NULL DEFAULT 0,
    participated_im                    BIGINT   NOT NULL DEFAULT 0,
    participated_audio_video           BIGINT   NOT NULL DEFAULT 0,
    participated_app_sharing           BIGINT   NOT NULL DEFAULT 0,
    participated_web_count             BIGINT   NOT NULL DEFAULT 0,
    participated_dial_third_party_count BIGINT   NOT NULL DEFAULT 0,
    participated_dial_microsoft_count  BIGINT   NOT NULL DEFAULT 0,
    participated_audio_video_ms        BIGINT   NOT NULL DEFAULT 0,
    participated_dial_in_microsoft_sum BIGINT   NOT NULL DEFAULT 0,
    participated_dial_out_microsoft_sum BIGINT   NOT NULL DEFAULT 0,
    participated_sessions              BIGINT   NOT NULL DEFAULT 0,
    participated_web_stated            BIGINT   NOT NULL DEFAULT 0,
    participated_telephone             BIGINT   NOT NULL DEFAULT 0,
    participated_provider_stated       BIGINT   NOT NULL DEFAULT 0,
    peer_to_peer_last                  DATE     NULL,
    organized_last                     DATE     NULL,
    participated_last                  DATE     NULL,
    organized_web BIGINT AS (IF(organized_sessions > 0 AND organized_web_stated = 0, NULL, organized_web_count)) PERSISTENT,
    organized_dial_third_party BIGINT AS (IF(organized_telephone > 0 AND organized_provider_stated = 0, NULL, organized_dial_third_party_count)) PERSISTENT,
    organized_dial_microsoft BIGINT AS (IF(organized_telephone > 0 AND organized_provider_stated = 0, NULL, organized_dial_microsoft_count)) PERSISTENT,
    organized_dial_in_microsoft_ms BIGINT AS (IF(organized_telephone > 0 AND organized_provider_stated = 0, NULL, organized_dial_in_microsoft_sum)) PERSISTENT,
    organized_dial_out_microsoft_ms BIGINT AS (IF(organized_telephone > 0 AND organized_provider_stated = 0, NULL, organized_dial_out_microsoft_sum)) PERSISTENT,
    participated_web BIGINT AS (IF(participated_sessions > 0 AND participated_web_stated = 0, NULL, participated_web_count)) PERSISTENT,
    participated_dial_third_party BIGINT AS (IF(participated_telephone > 0 AND participated_provider_stated = 0, NULL, participated_dial_third_party_count)) PERSISTENT,
    participated_dial_microsoft BIGINT AS (IF(participated_telephone > 0 AND participated_provider_stated = 0, NULL, participated_dial_microsoft_count)) PERSISTENT,
    participated_dial_in_microsoft_ms BIGINT AS (IF(participated_telephone > 0 AND participated_provider_stated = 0, NULL, participated_dial_in_microsoft_sum)) PERSISTENT,
    participated_dial_out_microsoft_ms BIGINT AS (IF(participated_telephone > 0 AND participated_provider_stated = 0, NULL, participated_dial_out_microsoft_sum)) PERSISTENT,
    last_activity DATE AS (NULLIF(GREATEST(COALESCE(peer_to_peer_last, '1000-01-01'), COALESCE(organized_last, '1000-01-01'),
        COALESCE(participated_last, '1000-01-01')), '1000-01-01')) PERSISTENT,
    PRIMARY KEY (tenant_id, user_id, period_days),
    INDEX ix_activity_total_last_activity (tenant_id, period_days, last_activity),
    INDEX ix_activity_total_peer_to_peer (tenant_id, period_days, peer_to_peer),
    INDEX ix_activity_total_organized (tenant_id, period_days, organized),
    INDEX ix_activity_total_participated (tenant_id, period_days, participated),
    INDEX ix_activity_total_peer_to_peer_last (tenant_id, period_days, peer_to_peer_last),
    INDEX ix_activity_total_organized_last (tenant_id, period_days, organized_last),
    INDEX ix_activity_total_participated_last (tenant_id, period_days, participated_last),
    INDEX ix_activity_total_organized_im (tenant_id, period_days, organized_im),
    INDEX ix_activity_total_organized_audio_video (tenant_id, period_days, organized_audio_video),
    INDEX ix_activity_total_organized_app_sharing (tenant_id, period_days, organized_app_sharing),
    INDEX ix_activity_total_organized_web (tenant_id, period_days, organized_web),
    INDEX ix_activity_total_organized_dial_third_party (tenant_id, period_days, organized_dial_third_party),
    INDEX ix_activity_total_organized_dial_microsoft (tenant_id, period_days, organized_dial_microsoft),
    INDEX ix_activity_total_organized_audio_video_ms (tenant_id, period_days, organized_audio_video_ms),
    INDEX ix_activity_total_organized_dial_in_microsoft_ms (tenant_id, period_days, organized_dial_in_microsoft_ms),
    INDEX ix_activity_total_organized_dial_out_microsoft_ms (tenant_id, period_days, organized_dial_out_microsoft_ms),
    INDEX ix_activity_total_participated_im (tenant_id, period_days, participated_im),
    INDEX ix_activity_total_participated_audio_video (tenant_id, period_days, participated_audio_video),
    INDEX ix_activity_total_participated_app_sharing (tenant_id, period_days, participated_app_sharing),
    INDEX ix_activity_total_participated_web (tenant_id, period_days, participated_web),
    INDEX ix_activity_total_participated_dial_third_party (tenant_id, period_days, participated_dial_third_party),
    INDEX ix_activity_total_participated_audio_video_ms (tenant_id, period_days, participated_audio_video_ms)
) ENGINE=InnoDB;

--changeset commsportal:031-activity-party-day-conference
-- A conference's rows of one user and kind, whatever their days: what a write or a move recounts.
CREATE INDEX ix_activity_party_day_conference ON activity_party_day (tenant_id, user_id, kind, conference_key, day);

--changeset commsportal:031-device-usage-period-state
CREATE TABLE device_usage_period_state (
    tenant_id   BIGINT NOT NULL PRIMARY KEY,
    report_date DATE   NULL,
    CONSTRAINT fk_device_usage_period_state_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB;

--changeset commsportal:031-device-usage-period-total
-- Per licensed user and report period (ending on device_usage_period_state's report date): the session parties on
-- each platform in the window (platform_0 Windows .. platform_7 Other, codes of changeset 017), so a platform is used
-- when its count is above zero and the sums move additively; the last day with a session up to the report date; and
-- the used platforms as bits (1 << code), generated. docs/device-usage.md, "Period totals".
CREATE TABLE device_usage_period_total (
    tenant_id   BIGINT   NOT NULL,
    user_id     BIGINT   NOT NULL,
    period_days SMALLINT NOT NULL,
    platform_0  BIGINT   NOT NULL DEFAULT 0,
    platform_1  BIGINT   NOT NULL DEFAULT 0,
    platform_2  BIGINT   NOT NULL DEFAULT 0,
    platform_3  BIGINT   NOT NULL DEFAULT 0,
    platform_4  BIGINT   NOT NULL DEFAULT 0,
    platform_5  BIGINT   NOT NULL DEFAULT 0,
    platform_6  BIGINT   NOT NULL DEFAULT 0,
    platform_7  BIGINT   NOT NULL DEFAULT 0,
    last_day    DATE     NULL,
    platforms   INT AS ((platform_0 > 0) | (platform_1 > 0) << 1 | (platform_2 > 0) << 2 | (platform_3 > 0) << 3
                        | (platform_4 > 0) << 4 | (platform_5 > 0) << 5 | (platform_6 > 0) << 6
                        | (platform_7 > 0) << 7) PERSISTENT,
    PRIMARY KEY (tenant_id, user_id, period_days),
    INDEX ix_device_usage_period_total_last_day (tenant_id, period_days, last_day)
) ENGINE=InnoDB;
