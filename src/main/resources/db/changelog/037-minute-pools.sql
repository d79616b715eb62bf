--liquibase formatted sql
-- Issue 22: the PSTN minute pools page (docs/pstn-minute-pools.md): each user's assigned calling plans, kept by
-- minutepools/ from the directory's user records, and the tenant's allowances per plan and capability that replace
-- the vendor's published defaults. MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:037-user-calling-plan
CREATE TABLE user_calling_plan (
    tenant_id BIGINT      NOT NULL,
    -- licensed_user.id: plans arrive only with user records
    user_id   BIGINT      NOT NULL,
    -- CallingPlan's name as sent: MCOPSTN1, MCOPSTN2, MCOPSTN5, MCOPSTN6
    plan      VARCHAR(16) NOT NULL,
    PRIMARY KEY (tenant_id, user_id, plan)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:037-calling-plan-allowance
CREATE TABLE calling_plan_allowance (
    tenant_id  BIGINT      NOT NULL,
    plan       VARCHAR(16) NOT NULL,
    -- DOMESTIC or INTERNATIONAL
    capability VARCHAR(16) NOT NULL,
    -- minutes per user per month, in every country; no row: the vendor's default (docs/pstn-minute-pools.md)
    minutes    INT         NOT NULL,
    PRIMARY KEY (tenant_id, plan, capability)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
