--liquibase formatted sql
-- Quality of experience, one table per sub-tab of the session details report (SPEC section 3).
-- Every row belongs to a session and a side: FROM (caller) or TO (callee).

--changeset commsportal:003-qoe-session
CREATE TABLE qoe_session (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id      BIGINT       NOT NULL,
    tenant_id       BIGINT       NOT NULL,
    side            ENUM('FROM','TO') NOT NULL,
    machine_name    VARCHAR(255) NULL,
    os_version      VARCHAR(255) NULL,
    cpu_name        VARCHAR(255) NULL,
    cpu_cores       INT          NULL,
    user_agent      VARCHAR(255) NULL,
    virtualization  VARCHAR(64)  NULL,
    CONSTRAINT uk_qoe_session_side UNIQUE (session_id, side),
    CONSTRAINT fk_qoe_session_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:003-qoe-media-line
CREATE TABLE qoe_media_line (
    id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id           BIGINT       NOT NULL,
    tenant_id            BIGINT       NOT NULL,
    side                 ENUM('FROM','TO') NOT NULL,
    media_type_id        TINYINT      NOT NULL,
    ip_address           VARCHAR(45)  NULL,
    port                 INT          NULL,
    subnet               VARCHAR(45)  NULL,
    inside_corp          BOOLEAN      NULL,
    vpn                  BOOLEAN      NULL,
    connection_type      VARCHAR(16)  NULL COMMENT 'wired, wifi, mobile',
    capture_device       VARCHAR(255) NULL,
    render_device        VARCHAR(255) NULL,
    ice_result           VARCHAR(16)  NULL COMMENT 'succeeded or failed',
    relay_ip_address     VARCHAR(45)  NULL,
    CONSTRAINT fk_qoe_media_line_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE,
    CONSTRAINT fk_qoe_media_line_type FOREIGN KEY (media_type_id) REFERENCES media_type (id),
    INDEX ix_qoe_media_line_session (session_id, side)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:003-qoe-audio-stream
CREATE TABLE qoe_audio_stream (
    id                       BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id               BIGINT       NOT NULL,
    tenant_id                BIGINT       NOT NULL,
    side                     ENUM('FROM','TO') NOT NULL,
    codec                    VARCHAR(32)  NULL,
    jitter_avg_ms            DOUBLE       NULL,
    jitter_max_ms            DOUBLE       NULL,
    packet_loss_rate_avg     DOUBLE       NULL,
    packet_loss_rate_max     DOUBLE       NULL,
    round_trip_avg_ms        DOUBLE       NULL,
    round_trip_max_ms        DOUBLE       NULL,
    network_mos_avg          DOUBLE       NULL,
    network_mos_min          DOUBLE       NULL,
    degradation_avg          DOUBLE       NULL,
    degradation_max          DOUBLE       NULL,
    concealed_ratio_avg      DOUBLE       NULL,
    burst_density            DOUBLE       NULL,
    bandwidth_estimate_kbps  DOUBLE       NULL,
    CONSTRAINT fk_qoe_audio_stream_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE,
    INDEX ix_qoe_audio_stream_session (session_id, side)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:003-qoe-audio-client-event
-- Ratios (0..1) of the stream's time spent in each bad state.
CREATE TABLE qoe_audio_client_event (
    id                                 BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id                         BIGINT NOT NULL,
    tenant_id                          BIGINT NOT NULL,
    side                               ENUM('FROM','TO') NOT NULL,
    network_send_quality_bad_ratio     DOUBLE NULL,
    network_receive_quality_bad_ratio  DOUBLE NULL,
    network_delay_event_ratio          DOUBLE NULL,
    network_low_bandwidth_ratio        DOUBLE NULL,
    cpu_insufficient_event_ratio       DOUBLE NULL,
    device_capture_not_functioning_ratio DOUBLE NULL,
    device_render_not_functioning_ratio  DOUBLE NULL,
    device_glitches_event_ratio        DOUBLE NULL,
    device_low_snr_event_ratio         DOUBLE NULL,
    device_low_speech_level_ratio      DOUBLE NULL,
    device_clipping_event_ratio        DOUBLE NULL,
    device_echo_event_ratio            DOUBLE NULL,
    device_howling_event_ratio         DOUBLE NULL,
    CONSTRAINT uk_qoe_audio_client_event_side UNIQUE (session_id, side),
    CONSTRAINT fk_qoe_audio_client_event_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:003-qoe-audio-signal
CREATE TABLE qoe_audio_signal (
    id                        BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id                BIGINT NOT NULL,
    tenant_id                 BIGINT NOT NULL,
    side                      ENUM('FROM','TO') NOT NULL,
    send_signal_level_dbmo    DOUBLE NULL,
    recv_signal_level_dbmo    DOUBLE NULL,
    send_noise_level_dbmo     DOUBLE NULL,
    recv_noise_level_dbmo     DOUBLE NULL,
    echo_return_db            DOUBLE NULL,
    mic_glitch_rate           DOUBLE NULL,
    speaker_glitch_rate       DOUBLE NULL,
    CONSTRAINT uk_qoe_audio_signal_side UNIQUE (session_id, side),
    CONSTRAINT fk_qoe_audio_signal_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:003-qoe-app-sharing-stream
CREATE TABLE qoe_app_sharing_stream (
    id                               BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id                       BIGINT NOT NULL,
    tenant_id                        BIGINT NOT NULL,
    side                             ENUM('FROM','TO') NOT NULL,
    jitter_avg_ms                    DOUBLE NULL,
    round_trip_avg_ms                DOUBLE NULL,
    packet_loss_rate_avg             DOUBLE NULL,
    rdp_tile_processing_latency_avg_ms DOUBLE NULL,
    spoiled_tile_percent             DOUBLE NULL,
    relative_one_way_avg_s           DOUBLE NULL,
    CONSTRAINT fk_qoe_app_sharing_stream_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE,
    INDEX ix_qoe_app_sharing_stream_session (session_id, side)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:003-qoe-video-client-event
CREATE TABLE qoe_video_client_event (
    id                          BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id                  BIGINT NOT NULL,
    tenant_id                   BIGINT NOT NULL,
    side                        ENUM('FROM','TO') NOT NULL,
    low_bandwidth_ratio         DOUBLE NULL,
    receive_quality_bad_ratio   DOUBLE NULL,
    CONSTRAINT uk_qoe_video_client_event_side UNIQUE (session_id, side),
    CONSTRAINT fk_qoe_video_client_event_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:003-qoe-video-stream
CREATE TABLE qoe_video_stream (
    id                     BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id             BIGINT       NOT NULL,
    tenant_id              BIGINT       NOT NULL,
    side                   ENUM('FROM','TO') NOT NULL,
    codec                  VARCHAR(32)  NULL,
    resolution             VARCHAR(16)  NULL,
    frame_rate_in_avg      DOUBLE       NULL,
    frame_rate_out_avg     DOUBLE       NULL,
    local_frame_loss_percent DOUBLE     NULL,
    post_fec_packet_loss   DOUBLE       NULL,
    bit_rate_kbps          DOUBLE       NULL,
    CONSTRAINT fk_qoe_video_stream_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE,
    INDEX ix_qoe_video_stream_session (session_id, side)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:003-qoe-traceroute
CREATE TABLE qoe_traceroute (
    id          BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id  BIGINT      NOT NULL,
    tenant_id   BIGINT      NOT NULL,
    side        ENUM('FROM','TO') NOT NULL,
    hop         INT         NOT NULL,
    ip_address  VARCHAR(45) NULL,
    rtt_ms      DOUBLE      NULL,
    CONSTRAINT uk_qoe_traceroute_hop UNIQUE (session_id, side, hop),
    CONSTRAINT fk_qoe_traceroute_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:003-qoe-feedback
CREATE TABLE qoe_feedback (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    session_id  BIGINT        NOT NULL,
    tenant_id   BIGINT        NOT NULL,
    side        ENUM('FROM','TO') NOT NULL,
    rating      TINYINT       NOT NULL,
    tokens      VARCHAR(512)  NULL COMMENT 'comma-separated problem tokens, e.g. DistortedSpeech,Echo',
    feedback_text VARCHAR(2000) NULL,
    CONSTRAINT uk_qoe_feedback_side UNIQUE (session_id, side),
    CONSTRAINT ck_qoe_feedback_rating CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT fk_qoe_feedback_session FOREIGN KEY (session_id) REFERENCES comm_session (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
