--liquibase formatted sql

--changeset commsportal:002-licensed-user
CREATE TABLE licensed_user (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id      BIGINT       NOT NULL,
    upn            VARCHAR(255) NOT NULL,
    alias          VARCHAR(128) NOT NULL,
    display_name   VARCHAR(255) NOT NULL,
    -- The tenant's HMAC pseudonym of the UPN: concealed reports sort and filter on it, never on the real name.
    pseudonym      CHAR(32)     NOT NULL,
    licensed_from  DATE         NOT NULL,
    deleted        BOOLEAN      NOT NULL DEFAULT FALSE,
    deleted_at     DATE         NULL,
    CONSTRAINT uk_licensed_user_upn UNIQUE (tenant_id, upn),
    CONSTRAINT fk_licensed_user_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT ck_licensed_user_deleted CHECK (deleted = (deleted_at IS NOT NULL)),
    INDEX ix_licensed_user_alias (tenant_id, alias),
    INDEX ix_licensed_user_display_name (tenant_id, display_name),
    INDEX ix_licensed_user_pseudonym (tenant_id, pseudonym)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:002-media-type
-- The vendor's MediaList ids.
CREATE TABLE media_type (
    id   TINYINT     NOT NULL PRIMARY KEY,
    name VARCHAR(40) NOT NULL,
    CONSTRAINT uk_media_type_name UNIQUE (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO media_type (id, name) VALUES
    (1, 'IM'), (2, 'File Transfer'), (3, 'Remote Assistance'), (4, 'Application Sharing'),
    (5, 'Audio'), (6, 'Video'), (7, 'App Invite');

--changeset commsportal:002-comm-session
-- One row per SIP dialog (call-detail record). Times are UTC.
CREATE TABLE comm_session (
    id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id           BIGINT        NOT NULL,
    dialog_id           VARCHAR(255)  NOT NULL,
    start_time          DATETIME(3)   NOT NULL,
    end_time            DATETIME(3)   NOT NULL,
    from_uri            VARCHAR(255)  NOT NULL,
    to_uri              VARCHAR(255)  NULL,
    -- The licensed users behind from_uri / to_uri, resolved when the session is written.
    from_user_id        BIGINT        NULL,
    to_user_id          BIGINT        NULL,
    from_client_version VARCHAR(255)  NULL,
    to_client_version   VARCHAR(255)  NULL,
    conference_url      VARCHAR(512)  NULL,
    conf_instance       VARCHAR(255)  NULL,
    from_tel            VARCHAR(64)   NULL,
    to_tel              VARCHAR(64)   NULL,
    from_endpoint_id    VARCHAR(64)   NULL,
    to_endpoint_id      VARCHAR(64)   NULL,
    on_behalf_of_uri    VARCHAR(255)  NULL,
    referred_by_uri     VARCHAR(255)  NULL,
    response_code       INT           NULL,
    diagnostic_id       INT           NULL,
    -- Bit (id - 1) set for each media_type used; duplicates session_media for fast filtering.
    media_mask          TINYINT UNSIGNED NOT NULL,
    im_message_count    INT           NOT NULL DEFAULT 0,
    CONSTRAINT uk_comm_session_dialog UNIQUE (tenant_id, dialog_id),
    CONSTRAINT fk_comm_session_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT ck_comm_session_times CHECK (end_time >= start_time),
    INDEX ix_comm_session_tenant_start (tenant_id, start_time),
    INDEX ix_comm_session_from_user (tenant_id, from_user_id, start_time),
    INDEX ix_comm_session_to_user (tenant_id, to_user_id, start_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:002-session-media
CREATE TABLE session_media (
    session_id    BIGINT  NOT NULL,
    media_type_id TINYINT NOT NULL,
    tenant_id     BIGINT  NOT NULL,
    duration_ms   BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, media_type_id),
    CONSTRAINT fk_session_media_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE,
    CONSTRAINT fk_session_media_type FOREIGN KEY (media_type_id) REFERENCES media_type (id),
    CONSTRAINT ck_session_media_duration CHECK (duration_ms >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
