--liquibase formatted sql
-- Issue 29: OpenID Connect single sign-on (docs/operations.md, "Single sign-on with OpenID Connect"). A tenant has at
-- most one provider; the provider's issuer decides the tenant of everybody who signs in through it, so an issuer
-- belongs to one tenant only. The client secret is kept encrypted (AES-GCM under PORTAL_SSO_SECRET_KEY) and is never
-- read back out to a page.

--changeset commsportal:019-oidc-provider
CREATE TABLE oidc_provider (
    id                 BIGINT         NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id          BIGINT         NOT NULL,
    -- The public name of the provider in sign-in URLs (/oauth2/authorization/<registration_id>); never changes.
    registration_id    VARCHAR(40)    NOT NULL,
    display_name       VARCHAR(60)    NOT NULL,
    issuer             VARCHAR(500)   NOT NULL,
    client_id          VARCHAR(255)   NOT NULL,
    client_secret_enc  VARBINARY(2048) NOT NULL,
    scopes             VARCHAR(500)   NOT NULL,
    roles_claim        VARCHAR(255)   NOT NULL,
    enabled            BOOLEAN        NOT NULL DEFAULT TRUE,
    -- Sign-in restricted to single sign-on, except for the local accounts in local_sign_in_exception.
    sso_only           BOOLEAN        NOT NULL DEFAULT FALSE,
    updated_at         DATETIME(3)    NOT NULL,
    CONSTRAINT uk_oidc_provider_tenant UNIQUE (tenant_id),
    CONSTRAINT uk_oidc_provider_registration UNIQUE (registration_id),
    CONSTRAINT uk_oidc_provider_issuer UNIQUE (issuer),
    CONSTRAINT fk_oidc_provider_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:019-oidc-role-mapping
-- A value of the provider's groups or roles claim and a portal role it grants; a value may grant several roles.
CREATE TABLE oidc_role_mapping (
    provider_id  BIGINT       NOT NULL,
    claim_value  VARCHAR(255) NOT NULL COLLATE utf8mb4_bin,
    role         VARCHAR(40)  NOT NULL,
    PRIMARY KEY (provider_id, claim_value, role),
    CONSTRAINT fk_oidc_role_mapping_provider FOREIGN KEY (provider_id) REFERENCES oidc_provider (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:019-local-sign-in-exception
-- Local accounts that may still sign in with their password while the tenant signs in with single sign-on only.
CREATE TABLE local_sign_in_exception (
    tenant_id   BIGINT NOT NULL,
    account_id  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, account_id),
    CONSTRAINT fk_local_sign_in_exception_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_local_sign_in_exception_account FOREIGN KEY (account_id) REFERENCES portal_account (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:019-portal-account-sso
-- An account created at a first single sign-on is bound to its provider and the provider's subject (sub claim); it has
-- no password (an empty hash matches none).
ALTER TABLE portal_account
    ADD COLUMN sso_provider_id BIGINT NULL,
    ADD COLUMN sso_subject VARCHAR(255) NULL COLLATE utf8mb4_bin,
    ADD CONSTRAINT uk_portal_account_sso UNIQUE (sso_provider_id, sso_subject),
    ADD CONSTRAINT fk_portal_account_sso_provider FOREIGN KEY (sso_provider_id) REFERENCES oidc_provider (id);
