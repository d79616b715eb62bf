--liquibase formatted sql
-- Issue 23, speed of the page for a report period (7, 30, 90 and 180 days, report_period) ending on the report date,
-- without a split filter: its figures per split value and its worst users read period totals ending on one report
-- date per tenant, kept by the call quality listener in every write's transaction and moved to a new report date off
-- the request path, as the activity reports' period totals (docs/call-quality.md, "How it is read"), instead of
-- summing the period's split-day rows and grouping its stream rows. Built by the first move: no fill here.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:046-quality-period-state
CREATE TABLE quality_period_state (
    tenant_id   BIGINT NOT NULL PRIMARY KEY,
    -- the report date the totals end on; null while not built
    report_date DATE   NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:046-quality-user-period-total
-- Each licensed user's own-side streams by verdict per modality: the worst users.
CREATE TABLE quality_user_period_total (
    tenant_id    BIGINT   NOT NULL,
    period_days  SMALLINT NOT NULL,
    modality     TINYINT  NOT NULL,
    user_id      BIGINT   NOT NULL,
    good         INT      NOT NULL,
    poor         INT      NOT NULL,
    unclassified INT      NOT NULL,
    PRIMARY KEY (tenant_id, period_days, modality, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:046-quality-split-period-total
-- The counters of quality_split_day (changeset 021) summed over each report period: one row per period, split,
-- modality and value.
CREATE TABLE quality_split_period_total (
    tenant_id    BIGINT       NOT NULL,
    period_days  SMALLINT     NOT NULL,
    split        TINYINT      NOT NULL,
    modality     TINYINT      NOT NULL,
    value        VARCHAR(128) NOT NULL,
    good         INT          NOT NULL,
    poor         INT          NOT NULL,
    unclassified INT          NOT NULL,
    r1           INT          NOT NULL,
    r2           INT          NOT NULL,
    r3           INT          NOT NULL,
    r4           INT          NOT NULL,
    r5           INT          NOT NULL,
    h1_0         INT          NOT NULL,
    h1_1         INT          NOT NULL,
    h1_2         INT          NOT NULL,
    h1_3         INT          NOT NULL,
    h1_4         INT          NOT NULL,
    h1_5         INT          NOT NULL,
    h1_6         INT          NOT NULL,
    h1_7         INT          NOT NULL,
    h1_8         INT          NOT NULL,
    h1_9         INT          NOT NULL,
    h1_10        INT          NOT NULL,
    h1_11        INT          NOT NULL,
    h2_0         INT          NOT NULL,
    h2_1         INT          NOT NULL,
    h2_2         INT          NOT NULL,
    h2_3         INT          NOT NULL,
    h2_4         INT          NOT NULL,
    h2_5         INT          NOT NULL,
    h2_6         INT          NOT NULL,
    h2_7         INT          NOT NULL,
    h2_8         INT          NOT NULL,
    h2_9         INT          NOT NULL,
    h2_10        INT          NOT NULL,
    h2_11        INT          NOT NULL,
    h3_0         INT          NOT NULL,
    h3_1         INT          NOT NULL,
    h3_2         INT          NOT NULL,
    h3_3         INT          NOT NULL,
    h3_4         INT          NOT NULL,
    h3_5         INT          NOT NULL,
    h3_6         INT          NOT NULL,
    h3_7         INT          NOT NULL,
    h3_8         INT          NOT NULL,
    h3_9         INT          NOT NULL,
    h3_10        INT          NOT NULL,
    h3_11        INT          NOT NULL,
    h4_0         INT          NOT NULL,
    h4_1         INT          NOT NULL,
    h4_2         INT          NOT NULL,
    h4_3         INT          NOT NULL,
    h4_4         INT          NOT NULL,
    h4_5         INT          NOT NULL,
    h4_6         INT          NOT NULL,
    h4_7         INT          NOT NULL,
    h4_8         INT          NOT NULL,
    h4_9         INT          NOT NULL,
    h4_10        INT          NOT NULL,
    h4_11        INT          NOT NULL,
    h5_0         INT          NOT NULL,
    h5_1         INT          NOT NULL,
    h5_2         INT          NOT NULL,
    h5_3         INT          NOT NULL,
    h5_4         INT          NOT NULL,
    h5_5         INT          NOT NULL,
    h5_6         INT          NOT NULL,
    h5_7         INT          NOT NULL,
    h5_8         INT          NOT NULL,
    h5_9         INT          NOT NULL,
    h5_10        INT          NOT NULL,
    h5_11        INT          NOT NULL,
    PRIMARY KEY (tenant_id, period_days, split, modality, value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
