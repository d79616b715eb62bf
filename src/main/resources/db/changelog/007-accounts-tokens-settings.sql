--liquibase formatted sql

--changeset commsportal:007-api-token
-- Personal API tokens (SPEC section 5.2): an account creates, lists and revokes its own. Only a SHA-256 hash of
-- the token is kept (tokens are long random strings, so a slow hash adds nothing); the prefix identifies it in lists.
CREATE TABLE api_token (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id    BIGINT       NOT NULL,
    account_id   BIGINT       NOT NULL,
    name         VARCHAR(100) NOT NULL,
    token_prefix CHAR(12)     NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    expires_at   DATETIME(3)  NOT NULL,
    revoked_at   DATETIME(3)  NULL,
    last_used_at DATETIME(3)  NULL,
    CONSTRAINT uk_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_token_account FOREIGN KEY (account_id) REFERENCES portal_account (id) ON DELETE CASCADE,
    CONSTRAINT fk_api_token_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    INDEX ix_api_token_account (account_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:007-audit-event-action-index
-- The audit log page filters a tenant's events by action and time.
CREATE INDEX ix_audit_event_tenant_action_time ON audit_event (tenant_id, action, occurred_at);
