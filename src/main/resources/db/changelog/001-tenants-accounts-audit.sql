--liquibase formatted sql

--changeset commsportal:001-tenant
CREATE TABLE tenant (
    id                      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    guid                    CHAR(36)     NOT NULL,
    name                    VARCHAR(255) NOT NULL,
    display_concealed_names BOOLEAN      NOT NULL DEFAULT TRUE,
    retention_days          INT          NOT NULL DEFAULT 365,
    default_time_zone       VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    -- Key of the HMAC that turns user names into pseudonyms (SPEC section 4); never shown or exported.
    pseudonym_secret        BINARY(32)   NOT NULL,
    created_at              DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT uk_tenant_guid UNIQUE (guid),
    CONSTRAINT uk_tenant_name UNIQUE (name),
    CONSTRAINT ck_tenant_retention CHECK (retention_days BETWEEN 1 AND 3650)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:001-portal-account
CREATE TABLE portal_account (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id     BIGINT       NOT NULL,
    username      VARCHAR(128) NOT NULL,
    display_name  VARCHAR(255) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    time_zone     VARCHAR(64)  NOT NULL DEFAULT 'UTC',
    created_at    DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    -- Sign-in names are unique across tenants so that the login form needs no tenant field.
    CONSTRAINT uk_portal_account_username UNIQUE (username),
    CONSTRAINT fk_portal_account_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    INDEX ix_portal_account_tenant (tenant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:001-portal-account-role
CREATE TABLE portal_account_role (
    account_id BIGINT      NOT NULL,
    role       VARCHAR(40) NOT NULL,
    PRIMARY KEY (account_id, role),
    CONSTRAINT fk_portal_account_role_account FOREIGN KEY (account_id) REFERENCES portal_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:001-audit-event
CREATE TABLE audit_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    -- Null for events that cannot be tied to a tenant, e.g. a sign-in with an unknown user name.
    tenant_id   BIGINT       NULL,
    occurred_at DATETIME(3)  NOT NULL,
    actor       VARCHAR(128) NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    detail      TEXT         NOT NULL,
    remote_addr VARCHAR(64)  NULL,
    CONSTRAINT fk_audit_event_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    INDEX ix_audit_event_tenant_time (tenant_id, occurred_at),
    INDEX ix_audit_event_tenant_actor (tenant_id, actor, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:001-account-preference
-- Per-account choices the portal remembers across sign-ins, e.g. a report's visible columns.
CREATE TABLE account_preference (
    account_id  BIGINT        NOT NULL,
    pref_key    VARCHAR(64)   NOT NULL,
    pref_value  VARCHAR(2000) NOT NULL,
    PRIMARY KEY (account_id, pref_key),
    CONSTRAINT fk_account_preference_account FOREIGN KEY (account_id) REFERENCES portal_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:001-audit-event-sign-in-indexes
-- Sign-in throttling counts recent failures per user name and per address from the audit trail.
CREATE INDEX ix_audit_event_actor_action_time ON audit_event (actor, action, occurred_at);
CREATE INDEX ix_audit_event_addr_action_time ON audit_event (remote_addr, action, occurred_at);
