--liquibase formatted sql
-- Issue 22: the history of each user's calling plans (docs/pstn-minute-pools.md, "Which plans a month counts"), so
-- the previous month's pools count the plans in force at its end even after they changed. A plan the portal learns
-- of with a user's first plans counts as far back as known (1000-01-01); later changes count from when they arrive.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:041-user-calling-plan-history
ALTER TABLE user_calling_plan
    ADD COLUMN assigned_from  DATETIME(3) NOT NULL DEFAULT '1000-01-01 00:00:00',
    ADD COLUMN assigned_until DATETIME(3) NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (tenant_id, user_id, plan, assigned_from);
