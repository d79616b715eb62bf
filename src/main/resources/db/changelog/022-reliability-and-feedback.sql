--liquibase formatted sql
-- Issue 24: call reliability and Rate My Call (docs/reliability.md), read models kept by the write core in every
-- session write. MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:022-diagnostic-header
-- The reason text of the session's diagnostic id (the ms-diagnostics header's reason), optional in ingest.
ALTER TABLE comm_session ADD COLUMN diagnostic_header VARCHAR(512) NULL AFTER diagnostic_id;

--changeset commsportal:022-reliability-session
-- One row per kept session and modality it used (4 application sharing, 5 audio, 6 video), plus one row with
-- modality 0 for the session as a whole, with its outcome by the classification table of docs/reliability.md and
-- the split values of its caller's side. A replaced session's rows are what is taken away.
CREATE TABLE reliability_session (
    tenant_id         BIGINT       NOT NULL,
    day               DATE         NOT NULL,
    session_id        BIGINT       NOT NULL,
    session_start     DATETIME(3)  NOT NULL,
    modality          TINYINT      NOT NULL COMMENT '0 the session, 4 application sharing, 5 audio, 6 video',
    outcome           TINYINT      NOT NULL COMMENT '0 no failure, 1 expected failure, 2 setup failure, 3 drop',
    response_code     INT          NULL,
    diagnostic_id     INT          NULL,
    diagnostic_header VARCHAR(512) NULL,
    from_user_id      BIGINT       NULL,
    to_user_id        BIGINT       NULL COMMENT 'none for a conference''s To side',
    conference        BOOLEAN      NOT NULL,
    connection        TINYINT      NOT NULL COMMENT '0 unknown, 1 wired, 2 Wi-Fi, 3 mobile',
    inside            TINYINT      NOT NULL COMMENT '0 outside, 1 inside, 2 unknown',
    vpn               TINYINT      NOT NULL COMMENT '0 no, 1 yes, 2 unknown',
    subnet            VARCHAR(45)  NOT NULL,
    client            VARCHAR(128) NOT NULL,
    PRIMARY KEY (tenant_id, session_id, modality),
    -- top failures: a tenant's failed sessions of a modality and day range
    INDEX ix_reliability_session_failures (tenant_id, modality, outcome, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:022-reliability-day
-- reliability_session summed per UTC day, modality and split value: kind 0 is every session (split value ''), kinds 1 to 6
-- one split each (peer-to-peer or conference, connection, inside, VPN, client, subnet). Rows brought to zero go.
CREATE TABLE reliability_day (
    tenant_id      BIGINT       NOT NULL,
    modality       TINYINT      NOT NULL,
    kind           TINYINT      NOT NULL,
    split_value    VARCHAR(128) NOT NULL,
    day            DATE         NOT NULL,
    attempts       INT          NOT NULL COMMENT 'sessions that are not an expected failure',
    setup_failures INT          NOT NULL,
    drops          INT          NOT NULL,
    expected       INT          NOT NULL,
    PRIMARY KEY (tenant_id, modality, kind, split_value, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:022-feedback-rating
-- One row per Rate My Call rating of a kept session (one per side at most), with its side's user and split values.
CREATE TABLE feedback_rating (
    tenant_id      BIGINT        NOT NULL,
    day            DATE          NOT NULL,
    session_id     BIGINT        NOT NULL,
    session_start  DATETIME(3)   NOT NULL,
    side           ENUM('FROM','TO') NOT NULL,
    user_id        BIGINT        NULL,
    rating         TINYINT       NOT NULL,
    tokens         VARCHAR(512)  NULL,
    feedback_text  VARCHAR(2000) NULL,
    conference     BOOLEAN       NOT NULL,
    connection     TINYINT       NOT NULL,
    inside         TINYINT       NOT NULL,
    vpn            TINYINT       NOT NULL,
    subnet         VARCHAR(45)   NOT NULL,
    client         VARCHAR(128)  NOT NULL,
    PRIMARY KEY (tenant_id, session_id, side),
    -- the comments, newest first
    INDEX ix_feedback_rating_day (tenant_id, day, session_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:022-feedback-day
CREATE TABLE feedback_day (
    tenant_id   BIGINT       NOT NULL,
    kind        TINYINT      NOT NULL,
    split_value VARCHAR(128) NOT NULL,
    day         DATE         NOT NULL,
    rated       INT          NOT NULL,
    rating_sum  INT          NOT NULL,
    poor        INT          NOT NULL COMMENT 'ratings 1 and 2',
    PRIMARY KEY (tenant_id, kind, split_value, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:022-feedback-token-day
CREATE TABLE feedback_token_day (
    tenant_id   BIGINT       NOT NULL,
    kind        TINYINT      NOT NULL,
    split_value VARCHAR(128) NOT NULL,
    day         DATE         NOT NULL,
    token       VARCHAR(64)  NOT NULL,
    ratings     INT          NOT NULL,
    PRIMARY KEY (tenant_id, kind, split_value, day, token)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
