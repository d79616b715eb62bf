--liquibase formatted sql
-- Issue 9: raw sessions, their media and their quality records are partitioned by the session's start time, one
-- partition per UTC week (Monday 00:00), so that retention drops whole partitions instead of deleting rows.
-- MariaDB allows no foreign keys on partitioned tables and wants every unique key to hold the partition column:
-- the quality and media rows therefore carry their session's start time, the links to comm_session are kept by the
-- session writer (which deletes a replaced session's rows itself), and the idempotency key (tenant, dialog id)
-- moves to session_dialog, which is not partitioned. The tables start with one catch-all partition; the partition
-- maintenance (org.commsportal.retention.PartitionMaintenance) splits it into weeks at start-up and adds weeks ahead.
-- Each table is one changeset because MariaDB DDL is not transactional.

--changeset commsportal:012-session-dialog
CREATE TABLE session_dialog (
    tenant_id   BIGINT       NOT NULL,
    dialog_id   VARCHAR(255) NOT NULL,
    -- the stored session with this dialog id; NULL while a writer has claimed the id but not yet written it
    session_id  BIGINT       NULL,
    start_time  DATETIME(3)  NULL,
    PRIMARY KEY (tenant_id, dialog_id),
    INDEX ix_session_dialog_start (start_time),
    CONSTRAINT fk_session_dialog_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO session_dialog (tenant_id, dialog_id, session_id, start_time)
SELECT tenant_id, dialog_id, id, start_time FROM comm_session;

--changeset commsportal:012-kept-from
-- The first UTC day whose sessions a tenant keeps (a partition boundary); older sessions are being dropped and may
-- no longer be written. Kept beside the report date, which writers already read under a shared lock.
ALTER TABLE user_period_state ADD COLUMN kept_from DATE NULL;

--changeset commsportal:012-partition-session-media
ALTER TABLE session_media DROP FOREIGN KEY fk_session_media_session, DROP FOREIGN KEY fk_session_media_type;
ALTER TABLE session_media ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE session_media x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE session_media
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (session_id, media_type_id, session_start);
ALTER TABLE session_media PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-session
ALTER TABLE qoe_session DROP FOREIGN KEY fk_qoe_session_session;
ALTER TABLE qoe_session ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_session x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_session
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX uk_qoe_session_side,
    ADD CONSTRAINT uk_qoe_session_side UNIQUE (session_id, session_start, side);
ALTER TABLE qoe_session PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-media-line
ALTER TABLE qoe_media_line DROP FOREIGN KEY fk_qoe_media_line_session, DROP FOREIGN KEY fk_qoe_media_line_type;
ALTER TABLE qoe_media_line ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_media_line x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_media_line
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX ix_qoe_media_line_session,
    ADD INDEX ix_qoe_media_line_session (session_id, session_start, side);
ALTER TABLE qoe_media_line PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-audio-stream
ALTER TABLE qoe_audio_stream DROP FOREIGN KEY fk_qoe_audio_stream_session;
ALTER TABLE qoe_audio_stream ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_audio_stream x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_audio_stream
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX ix_qoe_audio_stream_session,
    ADD INDEX ix_qoe_audio_stream_session (session_id, session_start, side);
ALTER TABLE qoe_audio_stream PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-audio-client-event
ALTER TABLE qoe_audio_client_event DROP FOREIGN KEY fk_qoe_audio_client_event_session;
ALTER TABLE qoe_audio_client_event ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_audio_client_event x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_audio_client_event
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX uk_qoe_audio_client_event_side,
    ADD CONSTRAINT uk_qoe_audio_client_event_side UNIQUE (session_id, session_start, side);
ALTER TABLE qoe_audio_client_event PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-audio-signal
ALTER TABLE qoe_audio_signal DROP FOREIGN KEY fk_qoe_audio_signal_session;
ALTER TABLE qoe_audio_signal ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_audio_signal x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_audio_signal
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX uk_qoe_audio_signal_side,
    ADD CONSTRAINT uk_qoe_audio_signal_side UNIQUE (session_id, session_start, side);
ALTER TABLE qoe_audio_signal PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-app-sharing-stream
ALTER TABLE qoe_app_sharing_stream DROP FOREIGN KEY fk_qoe_app_sharing_stream_session;
ALTER TABLE qoe_app_sharing_stream ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_app_sharing_stream x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_app_sharing_stream
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX ix_qoe_app_sharing_stream_session,
    ADD INDEX ix_qoe_app_sharing_stream_session (session_id, session_start, side);
ALTER TABLE qoe_app_sharing_stream PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-video-client-event
ALTER TABLE qoe_video_client_event DROP FOREIGN KEY fk_qoe_video_client_event_session;
ALTER TABLE qoe_video_client_event ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_video_client_event x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_video_client_event
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX uk_qoe_video_client_event_side,
    ADD CONSTRAINT uk_qoe_video_client_event_side UNIQUE (session_id, session_start, side);
ALTER TABLE qoe_video_client_event PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-video-stream
ALTER TABLE qoe_video_stream DROP FOREIGN KEY fk_qoe_video_stream_session;
ALTER TABLE qoe_video_stream ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_video_stream x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_video_stream
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX ix_qoe_video_stream_session,
    ADD INDEX ix_qoe_video_stream_session (session_id, session_start, side);
ALTER TABLE qoe_video_stream PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-traceroute
ALTER TABLE qoe_traceroute DROP FOREIGN KEY fk_qoe_traceroute_session;
ALTER TABLE qoe_traceroute ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_traceroute x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_traceroute
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX uk_qoe_traceroute_hop,
    ADD CONSTRAINT uk_qoe_traceroute_hop UNIQUE (session_id, session_start, side, hop);
ALTER TABLE qoe_traceroute PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-qoe-feedback
ALTER TABLE qoe_feedback DROP FOREIGN KEY fk_qoe_feedback_session;
ALTER TABLE qoe_feedback ADD COLUMN session_start DATETIME(3) NULL AFTER session_id;
UPDATE qoe_feedback x JOIN comm_session s ON s.id = x.session_id SET x.session_start = s.start_time;
ALTER TABLE qoe_feedback
    MODIFY session_start DATETIME(3) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, session_start),
    DROP INDEX uk_qoe_feedback_side,
    ADD CONSTRAINT uk_qoe_feedback_side UNIQUE (session_id, session_start, side);
ALTER TABLE qoe_feedback PARTITION BY RANGE COLUMNS (session_start) (PARTITION pmax VALUES LESS THAN (MAXVALUE));

--changeset commsportal:012-partition-comm-session
ALTER TABLE comm_session DROP FOREIGN KEY fk_comm_session_tenant;
ALTER TABLE comm_session
    DROP INDEX uk_comm_session_dialog,
    ADD INDEX ix_comm_session_dialog (tenant_id, dialog_id),
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (id, start_time);
ALTER TABLE comm_session PARTITION BY RANGE COLUMNS (start_time) (PARTITION pmax VALUES LESS THAN (MAXVALUE));
