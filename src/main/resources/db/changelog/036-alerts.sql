--liquibase formatted sql
-- Issue 28: threshold alerts on the quality and reliability figures (docs/alerts-and-webhooks.md).
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:036-alert-rule
-- A rule: a figure (overall or per value of a split) over the last hour or day, a threshold in percent, the sample
-- below which it is not judged, the quiet time after it fired, and where it is delivered.
CREATE TABLE alert_rule (
    id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id           BIGINT        NOT NULL,
    name                VARCHAR(100)  NOT NULL,
    metric              VARCHAR(20)   NOT NULL COMMENT 'POOR_STREAMS, SETUP_FAILURES, DROP_FAILURES, POOR_RATINGS',
    modality            TINYINT       NULL COMMENT '5 audio, 6 video, 4 application sharing; none: all',
    split               VARCHAR(16)   NULL COMMENT 'a split of the call quality page; none: overall',
    time_window         VARCHAR(8)    NOT NULL COMMENT 'HOUR or DAY',
    threshold_percent   DECIMAL(5, 2) NOT NULL,
    min_sample          INT           NOT NULL,
    cooldown_minutes    INT           NOT NULL,
    webhook_endpoint_id BIGINT        NULL,
    enabled             BOOLEAN       NOT NULL DEFAULT TRUE,
    created_by          VARCHAR(128)  NOT NULL,
    created_at          DATETIME(3)   NOT NULL,
    CONSTRAINT uk_alert_rule_name UNIQUE (tenant_id, name),
    CONSTRAINT fk_alert_rule_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_alert_rule_webhook FOREIGN KEY (webhook_endpoint_id) REFERENCES webhook_endpoint (id) ON DELETE SET NULL,
    CONSTRAINT ck_alert_rule_threshold CHECK (threshold_percent > 0 AND threshold_percent <= 100),
    CONSTRAINT ck_alert_rule_sample CHECK (min_sample >= 1),
    CONSTRAINT ck_alert_rule_cooldown CHECK (cooldown_minutes >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:036-alert-recipient
-- Portal accounts of the rule's tenant that receive its alerts by email (their sign-in names are addresses).
CREATE TABLE alert_recipient (
    rule_id    BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    PRIMARY KEY (rule_id, account_id),
    CONSTRAINT fk_alert_recipient_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE,
    CONSTRAINT fk_alert_recipient_account FOREIGN KEY (account_id) REFERENCES portal_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:036-alert-state
-- Per rule and series (the split value; '' overall): whether it is firing and when it last fired, for the cooldown.
CREATE TABLE alert_state (
    rule_id       BIGINT       NOT NULL,
    series        VARCHAR(128) NOT NULL,
    firing        BOOLEAN      NOT NULL,
    last_fired_at DATETIME(3)  NULL,
    PRIMARY KEY (rule_id, series),
    CONSTRAINT fk_alert_state_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:036-alert-event
-- The alert history: each firing and resolving with the figure that decided it. Kept when its rule is deleted.
CREATE TABLE alert_event (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id      BIGINT        NOT NULL,
    rule_id        BIGINT        NULL,
    rule_name      VARCHAR(100)  NOT NULL,
    series         VARCHAR(128)  NOT NULL,
    series_label   VARCHAR(160)  NOT NULL,
    kind           VARCHAR(10)   NOT NULL COMMENT 'FIRED or RESOLVED',
    occurred_at    DATETIME(3)   NOT NULL,
    window_from    DATETIME(3)   NOT NULL,
    window_to      DATETIME(3)   NOT NULL,
    percent        DECIMAL(7, 3) NOT NULL,
    numerator      BIGINT        NOT NULL,
    denominator    BIGINT        NOT NULL,
    threshold      DECIMAL(5, 2) NOT NULL,
    email_status   VARCHAR(300)  NOT NULL,
    webhook_status VARCHAR(300)  NOT NULL,
    CONSTRAINT fk_alert_event_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_alert_event_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE SET NULL,
    -- the history page, newest first
    INDEX ix_alert_event_tenant (tenant_id, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
