--liquibase formatted sql
-- Issue 28: saved views (docs/pages.md, "Saved views"). A saved view is a usage report's address: its route and the
-- query parameters that restore the view, named by the account that saved it, private to it or shared with the
-- tenant's other portal accounts.

--changeset commsportal:027-saved-view
CREATE TABLE saved_view (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id   BIGINT        NOT NULL,
    account_id  BIGINT        NOT NULL,
    name        VARCHAR(80)   NOT NULL,
    route       VARCHAR(100)  NOT NULL,
    query       VARCHAR(2000) NOT NULL,
    shared      BOOLEAN       NOT NULL DEFAULT FALSE,
    saved_at    DATETIME(3)   NOT NULL,
    CONSTRAINT uk_saved_view_name UNIQUE (tenant_id, account_id, name),
    CONSTRAINT fk_saved_view_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_saved_view_account FOREIGN KEY (account_id) REFERENCES portal_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_saved_view_tenant_shared ON saved_view (tenant_id, shared);
