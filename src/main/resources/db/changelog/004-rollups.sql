--liquibase formatted sql
-- Rollups are written in the same transaction as the raw rows they summarize (SPEC section 1),
-- by adding each session's contribution on insert and subtracting it on replace.

--changeset commsportal:004-user-daily-rollup
-- Per licensed user and UTC day of session start: the peer-to-peer sessions the user was a party to.
CREATE TABLE user_daily_rollup (
    tenant_id            BIGINT NOT NULL,
    user_id              BIGINT NOT NULL,
    day                  DATE   NOT NULL,
    p2p_im               INT    NOT NULL DEFAULT 0,
    p2p_audio            INT    NOT NULL DEFAULT 0,
    p2p_video            INT    NOT NULL DEFAULT 0,
    p2p_app_sharing      INT    NOT NULL DEFAULT 0,
    p2p_file_transfer    INT    NOT NULL DEFAULT 0,
    p2p_audio_ms         BIGINT NOT NULL DEFAULT 0,
    p2p_video_ms         BIGINT NOT NULL DEFAULT 0,
    conference_sessions  INT    NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, user_id),
    INDEX ix_user_daily_rollup_user (tenant_id, user_id, day),
    CONSTRAINT fk_user_daily_rollup_user FOREIGN KEY (user_id) REFERENCES licensed_user (id)
) ENGINE=InnoDB;

--changeset commsportal:004-tenant-daily-rollup
-- Per tenant and UTC day of session start: peer-to-peer sessions counted once each (a session between
-- two licensed users counts once here and once for each user above), and the distinct licensed users
-- who took part in at least one of each type (recounted from user_daily_rollup for each day written).
CREATE TABLE tenant_daily_rollup (
    tenant_id            BIGINT NOT NULL,
    day                  DATE   NOT NULL,
    p2p_im               INT    NOT NULL DEFAULT 0,
    p2p_audio            INT    NOT NULL DEFAULT 0,
    p2p_video            INT    NOT NULL DEFAULT 0,
    p2p_app_sharing      INT    NOT NULL DEFAULT 0,
    p2p_file_transfer    INT    NOT NULL DEFAULT 0,
    p2p_audio_ms         BIGINT NOT NULL DEFAULT 0,
    p2p_video_ms         BIGINT NOT NULL DEFAULT 0,
    conference_sessions  INT    NOT NULL DEFAULT 0,
    users_im             INT    NOT NULL DEFAULT 0,
    users_audio          INT    NOT NULL DEFAULT 0,
    users_video          INT    NOT NULL DEFAULT 0,
    users_app_sharing    INT    NOT NULL DEFAULT 0,
    users_file_transfer  INT    NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day),
    CONSTRAINT fk_tenant_daily_rollup_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB;
