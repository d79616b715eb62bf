--liquibase formatted sql
-- Issue 27: the PSTN minute pools keep a month's calling plans per version of the tenant's directory (its users, their
-- plans, the tenant's allowances), which changes with those writes only, so a write of sessions re-reads the month's
-- calls but not the plans of every user (docs/pstn-minute-pools.md, "How it is read").

--changeset commsportal:054-tenant-directory-version
ALTER TABLE tenant_data_version ADD COLUMN directory_version BIGINT NOT NULL DEFAULT 0;
