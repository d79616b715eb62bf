--liquibase formatted sql
-- Issue 28: webhook endpoints of a tenant and the outbox of their deliveries (docs/alerts-and-webhooks.md).
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:030-webhook-endpoint
-- A receiver of signed JSON deliveries, created by a global administrator: alerts, or the change feed of sessions.
-- The secret signs every delivery, so it is kept (the portal must compute the signature); it is shown once.
CREATE TABLE webhook_endpoint (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id   BIGINT        NOT NULL,
    kind        VARCHAR(16)   NOT NULL COMMENT 'ALERTS or CHANGE_FEED',
    name        VARCHAR(100)  NOT NULL,
    url         VARCHAR(2000) NOT NULL,
    secret      VARCHAR(100)  NOT NULL,
    created_by  VARCHAR(128)  NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    CONSTRAINT uk_webhook_endpoint_name UNIQUE (tenant_id, name),
    CONSTRAINT fk_webhook_endpoint_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    -- the change feed's listener: a tenant's endpoints of a kind, in every session write
    INDEX ix_webhook_endpoint_kind (tenant_id, kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:030-webhook-delivery
-- The outbox: one row per delivery, written in the transaction of what it reports (a session write, an alert), sent
-- by one node at a time and retried with backoff until the receiver answers 2xx or the attempts run out. The
-- idempotency key is the receiver's key to drop a delivery it already processed (at-least-once).
CREATE TABLE webhook_delivery (
    id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id       BIGINT        NOT NULL,
    endpoint_id     BIGINT        NOT NULL,
    event_type      VARCHAR(40)   NOT NULL,
    idempotency_key CHAR(36)      NOT NULL,
    payload         MEDIUMTEXT    NOT NULL,
    status          VARCHAR(12)   NOT NULL COMMENT 'PENDING, DELIVERED or FAILED',
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)   NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    delivered_at    DATETIME(3)   NULL,
    last_status     INT           NULL COMMENT 'HTTP status of the last attempt; none when it got no answer',
    last_error      VARCHAR(500)  NULL,
    CONSTRAINT uk_webhook_delivery_key UNIQUE (idempotency_key),
    CONSTRAINT fk_webhook_delivery_endpoint FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    -- the sender: due deliveries, oldest first
    INDEX ix_webhook_delivery_due (status, next_attempt_at),
    -- the delivery log of an endpoint, newest first
    INDEX ix_webhook_delivery_endpoint (endpoint_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
