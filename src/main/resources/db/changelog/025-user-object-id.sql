--liquibase formatted sql

--changeset commsportal:025-user-object-id
-- Teams call records name users by their directory object id (a GUID), some also by UPN; importers match
-- participants by object id first (docs/import-teams-call-records.md). Optional: users written without one keep NULL.
ALTER TABLE licensed_user ADD COLUMN object_id VARCHAR(36) NULL;
-- An index, not a unique key: a directory may (wrongly) give two UPNs one id; such an id then matches nobody.
CREATE INDEX ix_licensed_user_object_id ON licensed_user (tenant_id, object_id);
