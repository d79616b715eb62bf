--liquibase formatted sql
-- Issue 23, worst users speed: each licensed user's own-side streams by verdict per modality over each report period
-- (report_period: 7, 30, 90 and 180 days) ending on one report date per tenant, kept by the call quality listener in
-- every write's transaction and moved to a new report date off the request path, as the activity reports' period
-- totals (docs/call-quality.md, "How it is read"). The worst users of such a period without a split filter read it
-- instead of grouping the period's streams. Built by the first move: no fill here.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:046-quality-user-period-state
CREATE TABLE quality_user_period_state (
    tenant_id   BIGINT NOT NULL PRIMARY KEY,
    -- the report date the totals end on; null while not built
    report_date DATE   NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:046-quality-user-period-total
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
