--liquibase formatted sql

--changeset commsportal:009-ingestion-key
-- Per-tenant keys that authenticate the ingestion endpoints and nothing else (SPEC section 5.3). Only a SHA-256
-- hash of the key is kept; the prefix identifies it in the list.
CREATE TABLE ingestion_key (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id    BIGINT       NOT NULL,
    name         VARCHAR(100) NOT NULL,
    key_prefix   CHAR(12)     NOT NULL,
    key_hash     CHAR(64)     NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    created_by   VARCHAR(128) NOT NULL,
    revoked_at   DATETIME(3)  NULL,
    last_used_at DATETIME(3)  NULL,
    CONSTRAINT uk_ingestion_key_hash UNIQUE (key_hash),
    CONSTRAINT fk_ingestion_key_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    INDEX ix_ingestion_key_tenant (tenant_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
