--liquibase formatted sql

--changeset commsportal:026-imported-call-record
-- The version of each Teams call record imported, so that an earlier version read after a later one is skipped
-- and a later one replaces the sessions of the earlier (docs/import-teams-call-records.md). Written in the same
-- transaction as the record's sessions.
CREATE TABLE imported_call_record (
    tenant_id    BIGINT       NOT NULL,
    record_id    VARCHAR(64)  NOT NULL COLLATE utf8mb4_bin,
    version      BIGINT       NOT NULL,
    -- the dialog ids its sessions were stored under, one a line: a later version removes those it no longer lists
    dialog_ids   MEDIUMTEXT   NOT NULL,
    imported_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (tenant_id, record_id),
    CONSTRAINT fk_imported_call_record_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
