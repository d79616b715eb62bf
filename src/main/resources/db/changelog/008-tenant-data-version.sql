--liquibase formatted sql

--changeset commsportal:008-tenant-data-version
-- A counter that every write of a tenant's sessions or users increments, in the same transaction: report
-- ETags derive from it. A table of its own (no foreign keys point at it) so that the short row lock it takes at
-- the end of a write never blocks other writers' foreign-key checks on the tenant row.
CREATE TABLE tenant_data_version (
    tenant_id BIGINT NOT NULL PRIMARY KEY,
    version   BIGINT NOT NULL
) ENGINE=InnoDB;
