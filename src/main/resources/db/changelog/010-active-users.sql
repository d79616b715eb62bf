--liquibase formatted sql
-- Active users (SPEC section 5.1) in any time zone. Every zone's midnights fall on UTC quarter-hours, so a
-- user's audio/video activity kept per UTC day as 96 quarter-hour slots tells exactly whether the user was
-- active in any zone's day, week, month or year. Session writers keep these rows and the counts below in the
-- same transaction as the sessions, by differences, like the other rollups.

--changeset commsportal:010-user-quarter-hours
-- Per licensed user and UTC day: for each of the 96 quarter-hours, how many of the user's audio or video
-- sessions were in progress at some moment of it (96 unsigned 16-bit counts, big-endian), and the same as a bit
-- mask (bit i of mask_lo for slots 0-63, bit i - 64 of mask_hi for 64-95). Rows with no activity are removed.
CREATE TABLE user_quarter_hours (
    tenant_id BIGINT         NOT NULL,
    day       DATE           NOT NULL,
    user_id   BIGINT         NOT NULL,
    counts    VARBINARY(192) NOT NULL,
    mask_lo   BIGINT         NOT NULL,
    mask_hi   BIGINT         NOT NULL,
    PRIMARY KEY (tenant_id, day, user_id),
    INDEX ix_user_quarter_hours_user (tenant_id, user_id, day)
) ENGINE=InnoDB;

--changeset commsportal:010-active-user-interior
-- Per licensed user and week (W), month (M) or year (Y) starting on period_start: the number of UTC days with
-- activity strictly inside every zone's version of that period (period_start + 1 to the period's last day - 1).
-- A user with such a day is active in that period in every zone; only the edge days need the quarter-hours.
CREATE TABLE active_user_interior (
    tenant_id    BIGINT   NOT NULL,
    period_kind  CHAR(1)  NOT NULL,
    period_start DATE     NOT NULL,
    user_id      BIGINT   NOT NULL,
    active_days  SMALLINT NOT NULL,
    PRIMARY KEY (tenant_id, period_kind, period_start, user_id)
) ENGINE=InnoDB;

--changeset commsportal:010-active-user-count
-- Distinct active users per period kind (D, W, M, Y), local start date and zone shift: the period as seen in a
-- zone whose offset is the same at both ends, i.e. the UTC interval
-- [period_start 00:00 + shift quarter-hours, next period_start 00:00 + shift quarter-hours), shift = -offset,
-- for every offset from -12:00 (shift 48) to +14:00 (shift -56). Periods across a DST change are counted at
-- request time from the rows above.
CREATE TABLE active_user_count (
    tenant_id    BIGINT   NOT NULL,
    period_kind  CHAR(1)  NOT NULL,
    period_start DATE     NOT NULL,
    shift        SMALLINT NOT NULL,
    active_users INT      NOT NULL,
    PRIMARY KEY (tenant_id, period_kind, shift, period_start)
) ENGINE=InnoDB;

--changeset commsportal:010-active-user-state
-- Whether a tenant's rows above are built. Tenants that already had sessions are built from the raw sessions on
-- the first read; writers hold a shared lock on this row while they write, the build an exclusive one.
CREATE TABLE active_user_state (
    tenant_id BIGINT  NOT NULL PRIMARY KEY,
    built     BOOLEAN NOT NULL,
    CONSTRAINT fk_active_user_state_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB;
INSERT INTO active_user_state (tenant_id, built)
SELECT t.id, NOT EXISTS (SELECT 1 FROM comm_session s WHERE s.tenant_id = t.id) FROM tenant t;
