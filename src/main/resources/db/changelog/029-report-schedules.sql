--liquibase formatted sql
-- Issue 28: scheduled reports (docs/scheduled-reports.md). A schedule emails a saved view to one portal account of
-- the tenant daily, weekly or monthly at a time of day in the recipient's time zone; each due instant's send is a row
-- written before the message goes to the SMTP server and after it was accepted, so that a retry never sends twice.

--changeset commsportal:029-report-schedule
CREATE TABLE report_schedule (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id         BIGINT       NOT NULL,
    saved_view_id     BIGINT       NOT NULL,
    recipient_id      BIGINT       NOT NULL,
    created_by        VARCHAR(128) NOT NULL,
    frequency         VARCHAR(10)  NOT NULL,
    day_of_week       TINYINT      NULL,
    day_of_month      TINYINT      NULL,
    time_of_day       TIME         NOT NULL,
    delivery          VARCHAR(10)  NOT NULL,
    next_due_at       DATETIME(3)  NOT NULL,
    suspended_reason  VARCHAR(300) NULL,
    unsubscribe_key   VARCHAR(64)  NOT NULL,
    created_at        DATETIME(3)  NOT NULL,
    CONSTRAINT uk_report_schedule UNIQUE (tenant_id, saved_view_id, recipient_id),
    CONSTRAINT fk_report_schedule_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_report_schedule_view FOREIGN KEY (saved_view_id) REFERENCES saved_view (id) ON DELETE CASCADE,
    CONSTRAINT fk_report_schedule_recipient FOREIGN KEY (recipient_id) REFERENCES portal_account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
-- The scheduler's one query: schedules due now, over every tenant
CREATE INDEX ix_report_schedule_due ON report_schedule (next_due_at);

--changeset commsportal:029-report-send
CREATE TABLE report_send (
    schedule_id      BIGINT        NOT NULL,
    due_at           DATETIME(3)   NOT NULL,
    tenant_id        BIGINT        NOT NULL,
    -- PENDING (not yet tried or to be retried at next_attempt_at), SENDING (handed to SMTP, outcome unknown until
    -- SENT), SENT, FAILED (retries used up), INTERRUPTED (a node died while SENDING: never retried), SUSPENDED
    state            VARCHAR(12)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(3)   NOT NULL,
    last_error       VARCHAR(500)  NULL,
    finished_at      DATETIME(3)   NULL,
    PRIMARY KEY (schedule_id, due_at),
    CONSTRAINT fk_report_send_schedule FOREIGN KEY (schedule_id) REFERENCES report_schedule (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
