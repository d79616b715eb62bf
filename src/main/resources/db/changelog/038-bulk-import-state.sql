--liquibase formatted sql
-- Issue 26: the fast history backfill (docs/ingest.md, "Bulk imports"). While a bulk import of a tenant runs, its raw
-- rows are stored ahead of the read models, which are rebuilt for the imported days when it finishes; the usage and
-- quality pages read this row to say so.

--changeset commsportal:038-bulk-import-state
-- One row per tenant while a bulk import runs (or after one was killed, until a re-run finishes): when it started
-- and the UTC start days of the sessions it stored or replaced so far, which the rebuild covers.
CREATE TABLE bulk_import_state (
    tenant_id  BIGINT      NOT NULL PRIMARY KEY,
    started_at DATETIME(3) NOT NULL,
    first_day  DATE        NULL,
    last_day   DATE        NULL,
    CONSTRAINT fk_bulk_import_state_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);
