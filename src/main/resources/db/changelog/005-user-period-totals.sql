--liquibase formatted sql
-- The per-user table's totals per report period, kept so that a page, a sort or a filter over any number of
-- users reads one narrow row per user through an index instead of summing up to 180 daily rollup rows each.
-- Rows are keyed on the report period, not the report date: user_period_state says which report date the
-- totals end on, and the portal moves them to a new report date (adding the days that enter each window and
-- subtracting those that leave it) on the first request of the day. Session writes add their differences in
-- the same transaction as the daily rollups, so the totals always equal a recomputation from raw rows.

--changeset commsportal:005-report-period
-- The report periods of SPEC section 2, in days; one user_period_total row per licensed user and period.
CREATE TABLE report_period (
    days SMALLINT NOT NULL PRIMARY KEY
) ENGINE=InnoDB;
INSERT INTO report_period (days) VALUES (7), (30), (90), (180);

--changeset commsportal:005-user-period-state
-- The report date that a tenant's user_period_total rows end on; NULL until they are first built.
-- Session writers hold a shared lock on this row while they write, and moving to a new report date takes
-- an exclusive one, so the totals never mix two report dates.
CREATE TABLE user_period_state (
    tenant_id   BIGINT NOT NULL PRIMARY KEY,
    report_date DATE   NULL,
    CONSTRAINT fk_user_period_state_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB;

--changeset commsportal:005-user-period-total
-- Per licensed user and report period: the peer-to-peer sessions and minutes in the days
-- (report_date - period_days, report_date], and the user's last day with peer-to-peer activity up to the
-- report date (the same in every period). Every licensed user has a row for every period, zeros included;
-- each sortable column has an index (tenant, period, column), extended by InnoDB with the user id.
CREATE TABLE user_period_total (
    tenant_id            BIGINT   NOT NULL,
    user_id              BIGINT   NOT NULL,
    period_days          SMALLINT NOT NULL,
    p2p_im               INT      NOT NULL DEFAULT 0,
    p2p_audio            INT      NOT NULL DEFAULT 0,
    p2p_video            INT      NOT NULL DEFAULT 0,
    p2p_app_sharing      INT      NOT NULL DEFAULT 0,
    p2p_file_transfer    INT      NOT NULL DEFAULT 0,
    p2p_audio_ms         BIGINT   NOT NULL DEFAULT 0,
    p2p_video_ms         BIGINT   NOT NULL DEFAULT 0,
    last_activity        DATE     NULL,
    PRIMARY KEY (tenant_id, user_id, period_days),
    INDEX ix_user_period_total_im (tenant_id, period_days, p2p_im),
    INDEX ix_user_period_total_audio (tenant_id, period_days, p2p_audio),
    INDEX ix_user_period_total_video (tenant_id, period_days, p2p_video),
    INDEX ix_user_period_total_app_sharing (tenant_id, period_days, p2p_app_sharing),
    INDEX ix_user_period_total_file_transfer (tenant_id, period_days, p2p_file_transfer),
    INDEX ix_user_period_total_audio_ms (tenant_id, period_days, p2p_audio_ms),
    INDEX ix_user_period_total_video_ms (tenant_id, period_days, p2p_video_ms),
    INDEX ix_user_period_total_last_activity (tenant_id, period_days, last_activity),
    CONSTRAINT fk_user_period_total_user FOREIGN KEY (user_id) REFERENCES licensed_user (id),
    CONSTRAINT fk_user_period_total_period FOREIGN KEY (period_days) REFERENCES report_period (days)
) ENGINE=InnoDB;

--changeset commsportal:005-licensed-user-deletion-indexes
-- The per-user table sorts by these too.
CREATE INDEX ix_licensed_user_deleted ON licensed_user (tenant_id, deleted);
CREATE INDEX ix_licensed_user_deleted_at ON licensed_user (tenant_id, deleted_at);

--changeset commsportal:005-user-period-total-backfill
-- Builds the totals of every existing tenant from its daily rollups, ending on the last complete UTC day.
INSERT INTO user_period_state (tenant_id, report_date)
SELECT id, UTC_DATE() - INTERVAL 1 DAY FROM tenant;
INSERT INTO user_period_total (tenant_id, user_id, period_days)
SELECT u.tenant_id, u.id, p.days FROM licensed_user u CROSS JOIN report_period p;
UPDATE user_period_total t JOIN (
    SELECT r.tenant_id, r.user_id, p.days,
           SUM(r.p2p_im) AS im, SUM(r.p2p_audio) AS audio, SUM(r.p2p_video) AS video,
           SUM(r.p2p_app_sharing) AS app_sharing, SUM(r.p2p_file_transfer) AS file_transfer,
           SUM(r.p2p_audio_ms) AS audio_ms, SUM(r.p2p_video_ms) AS video_ms
    FROM user_period_state s
    JOIN user_daily_rollup r ON r.tenant_id = s.tenant_id
         AND r.day > s.report_date - INTERVAL 180 DAY AND r.day <= s.report_date
    JOIN report_period p ON r.day > s.report_date - INTERVAL p.days DAY
    GROUP BY r.tenant_id, r.user_id, p.days) w
  ON w.tenant_id = t.tenant_id AND w.user_id = t.user_id AND w.days = t.period_days
SET t.p2p_im = w.im, t.p2p_audio = w.audio, t.p2p_video = w.video, t.p2p_app_sharing = w.app_sharing,
    t.p2p_file_transfer = w.file_transfer, t.p2p_audio_ms = w.audio_ms, t.p2p_video_ms = w.video_ms;
UPDATE user_period_total t JOIN (
    SELECT r.tenant_id, r.user_id, MAX(r.day) AS last_day
    FROM user_period_state s JOIN user_daily_rollup r ON r.tenant_id = s.tenant_id AND r.day <= s.report_date
    WHERE r.p2p_im + r.p2p_audio + r.p2p_video + r.p2p_app_sharing + r.p2p_file_transfer > 0
    GROUP BY r.tenant_id, r.user_id) a ON a.tenant_id = t.tenant_id AND a.user_id = t.user_id
SET t.last_activity = a.last_day;
