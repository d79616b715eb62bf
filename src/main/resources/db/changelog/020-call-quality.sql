--liquibase formatted sql
-- Issue 23: the call quality read model (docs/call-quality.md), kept by the write core in every session write.
-- quality_stream: one row per classified media stream (audio, video, application sharing) of the kept sessions,
-- with its verdict (1 Good, 2 Unclassified, 3 Poor, as comm_session.quality_rank), why it is Unclassified (1 failed
-- ICE, 2 no metric, 3 no QoE report), a bit per poor-stream rule it tripped, the split values of its side's media
-- line and client, and the histogram bucket of each rule's metric. A replaced session's stream rows are what is
-- taken away, since its raw quality rows are gone by the time the read models change.
-- quality_day: the stream rows summed per UTC day of session start, modality and split values. Counters brought
-- to zero are deleted. MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:020-quality-stream
CREATE TABLE quality_stream (
    tenant_id      BIGINT       NOT NULL,
    day            DATE         NOT NULL,
    session_id     BIGINT       NOT NULL,
    session_start  DATETIME(3)  NOT NULL,
    modality       TINYINT      NOT NULL COMMENT '5 audio, 6 video, 4 application sharing',
    stream_id      BIGINT       NOT NULL COMMENT 'the qoe_*_stream row; 0 for a modality without a QoE report',
    side           ENUM('FROM','TO') NULL,
    user_id        BIGINT       NULL COMMENT 'the licensed user of the side; none for a conference''s To side',
    verdict        TINYINT      NOT NULL,
    reason         TINYINT      NOT NULL,
    rules          TINYINT      NOT NULL,
    conference     BOOLEAN      NOT NULL,
    connection     TINYINT      NOT NULL COMMENT '0 unknown, 1 wired, 2 Wi-Fi, 3 mobile',
    inside         TINYINT      NOT NULL COMMENT '0 outside, 1 inside, 2 unknown',
    vpn            TINYINT      NOT NULL COMMENT '0 no, 1 yes, 2 unknown',
    subnet         VARCHAR(45)  NOT NULL,
    client         VARCHAR(128) NOT NULL,
    m1             TINYINT      NULL,
    m2             TINYINT      NULL,
    m3             TINYINT      NULL,
    m4             TINYINT      NULL,
    m5             TINYINT      NULL,
    PRIMARY KEY (tenant_id, session_id, modality, stream_id),
    -- the drill-through and the worst users: a tenant's streams of a day range
    INDEX ix_quality_stream_day (tenant_id, day, verdict, modality)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:020-quality-day
CREATE TABLE quality_day (
    tenant_id      BIGINT       NOT NULL,
    day            DATE         NOT NULL,
    modality       TINYINT      NOT NULL,
    conference     BOOLEAN      NOT NULL,
    connection     TINYINT      NOT NULL,
    inside         TINYINT      NOT NULL,
    vpn            TINYINT      NOT NULL,
    subnet         VARCHAR(45)  NOT NULL,
    client         VARCHAR(128) NOT NULL,
    good           INT          NOT NULL,
    poor           INT          NOT NULL,
    unclassified   INT          NOT NULL,
    r1             INT          NOT NULL,
    r2             INT          NOT NULL,
    r3             INT          NOT NULL,
    r4             INT          NOT NULL,
    r5             INT          NOT NULL,
    h1_0 INT NOT NULL DEFAULT 0,
    h1_1 INT NOT NULL DEFAULT 0,
    h1_2 INT NOT NULL DEFAULT 0,
    h1_3 INT NOT NULL DEFAULT 0,
    h1_4 INT NOT NULL DEFAULT 0,
    h1_5 INT NOT NULL DEFAULT 0,
    h1_6 INT NOT NULL DEFAULT 0,
    h1_7 INT NOT NULL DEFAULT 0,
    h1_8 INT NOT NULL DEFAULT 0,
    h1_9 INT NOT NULL DEFAULT 0,
    h1_10 INT NOT NULL DEFAULT 0,
    h1_11 INT NOT NULL DEFAULT 0,
    h2_0 INT NOT NULL DEFAULT 0,
    h2_1 INT NOT NULL DEFAULT 0,
    h2_2 INT NOT NULL DEFAULT 0,
    h2_3 INT NOT NULL DEFAULT 0,
    h2_4 INT NOT NULL DEFAULT 0,
    h2_5 INT NOT NULL DEFAULT 0,
    h2_6 INT NOT NULL DEFAULT 0,
    h2_7 INT NOT NULL DEFAULT 0,
    h2_8 INT NOT NULL DEFAULT 0,
    h2_9 INT NOT NULL DEFAULT 0,
    h2_10 INT NOT NULL DEFAULT 0,
    h2_11 INT NOT NULL DEFAULT 0,
    h3_0 INT NOT NULL DEFAULT 0,
    h3_1 INT NOT NULL DEFAULT 0,
    h3_2 INT NOT NULL DEFAULT 0,
    h3_3 INT NOT NULL DEFAULT 0,
    h3_4 INT NOT NULL DEFAULT 0,
    h3_5 INT NOT NULL DEFAULT 0,
    h3_6 INT NOT NULL DEFAULT 0,
    h3_7 INT NOT NULL DEFAULT 0,
    h3_8 INT NOT NULL DEFAULT 0,
    h3_9 INT NOT NULL DEFAULT 0,
    h3_10 INT NOT NULL DEFAULT 0,
    h3_11 INT NOT NULL DEFAULT 0,
    h4_0 INT NOT NULL DEFAULT 0,
    h4_1 INT NOT NULL DEFAULT 0,
    h4_2 INT NOT NULL DEFAULT 0,
    h4_3 INT NOT NULL DEFAULT 0,
    h4_4 INT NOT NULL DEFAULT 0,
    h4_5 INT NOT NULL DEFAULT 0,
    h4_6 INT NOT NULL DEFAULT 0,
    h4_7 INT NOT NULL DEFAULT 0,
    h4_8 INT NOT NULL DEFAULT 0,
    h4_9 INT NOT NULL DEFAULT 0,
    h4_10 INT NOT NULL DEFAULT 0,
    h4_11 INT NOT NULL DEFAULT 0,
    h5_0 INT NOT NULL DEFAULT 0,
    h5_1 INT NOT NULL DEFAULT 0,
    h5_2 INT NOT NULL DEFAULT 0,
    h5_3 INT NOT NULL DEFAULT 0,
    h5_4 INT NOT NULL DEFAULT 0,
    h5_5 INT NOT NULL DEFAULT 0,
    h5_6 INT NOT NULL DEFAULT 0,
    h5_7 INT NOT NULL DEFAULT 0,
    h5_8 INT NOT NULL DEFAULT 0,
    h5_9 INT NOT NULL DEFAULT 0,
    h5_10 INT NOT NULL DEFAULT 0,
    h5_11 INT NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, day, modality, conference, connection, inside, vpn, subnet, client)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:020-quality-stream-values
-- The streams of the sessions stored before this changeset (kept days only), classified by the generated SQL of
-- QualitySql, as the listener classifies each written session; QualitySqlTest checks this file holds it.
INSERT INTO quality_stream (tenant_id, day, session_id, session_start, modality, stream_id, side, user_id, verdict, reason, rules, conference, connection, inside, vpn, subnet, client, m1, m2, m3, m4, m5)
SELECT f.tenant_id, DATE(f.session_start) AS day, f.session_id, f.session_start, 5 AS modality,
       f.stream_id, f.side, f.user_id,
       CASE WHEN f.ice_failed OR f.reported = 0 THEN 2 WHEN f.rules > 0 THEN 3 ELSE 1 END AS verdict,
       CASE WHEN f.ice_failed THEN 1 WHEN f.reported = 0 THEN 2 ELSE 0 END AS reason,
       IF(f.ice_failed OR f.reported = 0, 0, f.rules) AS rules,
       f.conference, f.connection, f.inside, f.vpn, f.subnet, f.client, f.m1, f.m2, f.m3, f.m4, f.m5
FROM (
    SELECT s.tenant_id, s.id AS session_id, s.start_time AS session_start, x.id AS stream_id, x.side,
           IF(x.side = 'FROM', s.from_user_id,
              IF(COALESCE(s.conference_url, '') = '', s.to_user_id, NULL)) AS user_id,
           COALESCE(s.conference_url, '') <> '' AS conference,
           CASE ml.connection_type WHEN 'wired' THEN 1 WHEN 'wifi' THEN 2 WHEN 'wi-fi' THEN 2
                WHEN 'mobile' THEN 3 ELSE 0 END AS connection,
           COALESCE(ml.inside_corp, 2) AS inside, COALESCE(ml.vpn, 2) AS vpn,
           COALESCE(ml.subnet, '') AS subnet,
           LEFT(COALESCE(NULLIF(qs.user_agent, ''),
                IF(x.side = 'FROM', s.from_client_version, s.to_client_version), ''), 128) AS client,
           EXISTS (SELECT 1 FROM qoe_media_line i WHERE i.session_id = s.id AND i.session_start = s.start_time AND i.side = x.side AND i.media_type_id = 5 AND i.ice_result = 'failed') AS ice_failed,
           (x.degradation_avg IS NOT NULL) + (x.round_trip_avg_ms IS NOT NULL) + (x.packet_loss_rate_avg IS NOT NULL) + (x.jitter_avg_ms IS NOT NULL) + (x.concealed_ratio_avg IS NOT NULL) AS reported,
           (COALESCE(x.degradation_avg > 1.0e0, 0) << 0) | (COALESCE(x.round_trip_avg_ms > 500.0e0, 0) << 1) | (COALESCE(x.packet_loss_rate_avg > 0.1e0, 0) << 2) | (COALESCE(x.jitter_avg_ms > 30.0e0, 0) << 3) | (COALESCE(x.concealed_ratio_avg > 0.07e0, 0) << 4) AS rules,
           (x.degradation_avg > 0.1e0) + (x.degradation_avg > 0.2e0) + (x.degradation_avg > 0.3e0) + (x.degradation_avg > 0.4e0) + (x.degradation_avg > 0.5e0) + (x.degradation_avg > 0.75e0) + (x.degradation_avg > 1.0e0) + (x.degradation_avg > 1.25e0) + (x.degradation_avg > 1.5e0) + (x.degradation_avg > 2.0e0) + (x.degradation_avg > 3.0e0) AS m1,
                           (x.round_trip_avg_ms > 25.0e0) + (x.round_trip_avg_ms > 50.0e0) + (x.round_trip_avg_ms > 75.0e0) + (x.round_trip_avg_ms > 100.0e0) + (x.round_trip_avg_ms > 150.0e0) + (x.round_trip_avg_ms > 200.0e0) + (x.round_trip_avg_ms > 300.0e0) + (x.round_trip_avg_ms > 400.0e0) + (x.round_trip_avg_ms > 500.0e0) + (x.round_trip_avg_ms > 750.0e0) + (x.round_trip_avg_ms > 1000.0e0) AS m2,
                           (x.packet_loss_rate_avg > 0.005e0) + (x.packet_loss_rate_avg > 0.01e0) + (x.packet_loss_rate_avg > 0.02e0) + (x.packet_loss_rate_avg > 0.03e0) + (x.packet_loss_rate_avg > 0.04e0) + (x.packet_loss_rate_avg > 0.05e0) + (x.packet_loss_rate_avg > 0.075e0) + (x.packet_loss_rate_avg > 0.1e0) + (x.packet_loss_rate_avg > 0.15e0) + (x.packet_loss_rate_avg > 0.2e0) + (x.packet_loss_rate_avg > 0.3e0) AS m3,
                           (x.jitter_avg_ms > 2.0e0) + (x.jitter_avg_ms > 4.0e0) + (x.jitter_avg_ms > 6.0e0) + (x.jitter_avg_ms > 8.0e0) + (x.jitter_avg_ms > 10.0e0) + (x.jitter_avg_ms > 15.0e0) + (x.jitter_avg_ms > 20.0e0) + (x.jitter_avg_ms > 25.0e0) + (x.jitter_avg_ms > 30.0e0) + (x.jitter_avg_ms > 40.0e0) + (x.jitter_avg_ms > 60.0e0) AS m4,
                           (x.concealed_ratio_avg > 0.005e0) + (x.concealed_ratio_avg > 0.01e0) + (x.concealed_ratio_avg > 0.02e0) + (x.concealed_ratio_avg > 0.03e0) + (x.concealed_ratio_avg > 0.04e0) + (x.concealed_ratio_avg > 0.05e0) + (x.concealed_ratio_avg > 0.06e0) + (x.concealed_ratio_avg > 0.07e0) + (x.concealed_ratio_avg > 0.1e0) + (x.concealed_ratio_avg > 0.15e0) + (x.concealed_ratio_avg > 0.2e0) AS m5
    FROM comm_session s
JOIN qoe_audio_stream x ON x.session_id = s.id AND x.session_start = s.start_time
LEFT JOIN qoe_media_line ml ON ml.session_start = s.start_time AND ml.id = (
    SELECT MIN(l.id) FROM qoe_media_line l
    WHERE l.session_id = s.id AND l.session_start = s.start_time AND l.side = x.side AND l.media_type_id = 5)
LEFT JOIN qoe_session qs ON qs.session_id = s.id AND qs.session_start = s.start_time AND qs.side = x.side
    WHERE s.start_time >= COALESCE((SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = s.tenant_id), '1000-01-01')
) f
UNION ALL
SELECT f.tenant_id, DATE(f.session_start) AS day, f.session_id, f.session_start, 6 AS modality,
       f.stream_id, f.side, f.user_id,
       CASE WHEN f.ice_failed OR f.reported = 0 THEN 2 WHEN f.rules > 0 THEN 3 ELSE 1 END AS verdict,
       CASE WHEN f.ice_failed THEN 1 WHEN f.reported = 0 THEN 2 ELSE 0 END AS reason,
       IF(f.ice_failed OR f.reported = 0, 0, f.rules) AS rules,
       f.conference, f.connection, f.inside, f.vpn, f.subnet, f.client, f.m1, f.m2, f.m3, f.m4, f.m5
FROM (
    SELECT s.tenant_id, s.id AS session_id, s.start_time AS session_start, x.id AS stream_id, x.side,
           IF(x.side = 'FROM', s.from_user_id,
              IF(COALESCE(s.conference_url, '') = '', s.to_user_id, NULL)) AS user_id,
           COALESCE(s.conference_url, '') <> '' AS conference,
           CASE ml.connection_type WHEN 'wired' THEN 1 WHEN 'wifi' THEN 2 WHEN 'wi-fi' THEN 2
                WHEN 'mobile' THEN 3 ELSE 0 END AS connection,
           COALESCE(ml.inside_corp, 2) AS inside, COALESCE(ml.vpn, 2) AS vpn,
           COALESCE(ml.subnet, '') AS subnet,
           LEFT(COALESCE(NULLIF(qs.user_agent, ''),
                IF(x.side = 'FROM', s.from_client_version, s.to_client_version), ''), 128) AS client,
           EXISTS (SELECT 1 FROM qoe_media_line i WHERE i.session_id = s.id AND i.session_start = s.start_time AND i.side = x.side AND i.media_type_id = 6 AND i.ice_result = 'failed') AS ice_failed,
           (x.local_frame_loss_percent IS NOT NULL) + (x.frame_rate_in_avg IS NOT NULL) + (x.post_fec_packet_loss IS NOT NULL) AS reported,
           (COALESCE(x.local_frame_loss_percent > 50.0e0, 0) << 0) | ((x.local_frame_loss_percent IS NULL AND COALESCE(x.frame_rate_in_avg < 7.0e0, 0)) << 1) | ((x.frame_rate_in_avg IS NULL AND (x.local_frame_loss_percent IS NULL AND COALESCE(x.post_fec_packet_loss > 0.15e0, 0))) << 2) AS rules,
           (x.local_frame_loss_percent > 1.0e0) + (x.local_frame_loss_percent > 2.0e0) + (x.local_frame_loss_percent > 5.0e0) + (x.local_frame_loss_percent > 10.0e0) + (x.local_frame_loss_percent > 15.0e0) + (x.local_frame_loss_percent > 20.0e0) + (x.local_frame_loss_percent > 30.0e0) + (x.local_frame_loss_percent > 40.0e0) + (x.local_frame_loss_percent > 50.0e0) + (x.local_frame_loss_percent > 60.0e0) + (x.local_frame_loss_percent > 80.0e0) AS m1,
                           (x.frame_rate_in_avg > 2.0e0) + (x.frame_rate_in_avg > 4.0e0) + (x.frame_rate_in_avg > 7.0e0) + (x.frame_rate_in_avg > 10.0e0) + (x.frame_rate_in_avg > 12.0e0) + (x.frame_rate_in_avg > 15.0e0) + (x.frame_rate_in_avg > 18.0e0) + (x.frame_rate_in_avg > 20.0e0) + (x.frame_rate_in_avg > 24.0e0) + (x.frame_rate_in_avg > 30.0e0) + (x.frame_rate_in_avg > 45.0e0) AS m2,
                           (x.post_fec_packet_loss > 0.01e0) + (x.post_fec_packet_loss > 0.02e0) + (x.post_fec_packet_loss > 0.03e0) + (x.post_fec_packet_loss > 0.05e0) + (x.post_fec_packet_loss > 0.075e0) + (x.post_fec_packet_loss > 0.1e0) + (x.post_fec_packet_loss > 0.15e0) + (x.post_fec_packet_loss > 0.2e0) + (x.post_fec_packet_loss > 0.25e0) + (x.post_fec_packet_loss > 0.3e0) + (x.post_fec_packet_loss > 0.4e0) AS m3,
                           NULL AS m4,
                           NULL AS m5
    FROM comm_session s
JOIN qoe_video_stream x ON x.session_id = s.id AND x.session_start = s.start_time
LEFT JOIN qoe_media_line ml ON ml.session_start = s.start_time AND ml.id = (
    SELECT MIN(l.id) FROM qoe_media_line l
    WHERE l.session_id = s.id AND l.session_start = s.start_time AND l.side = x.side AND l.media_type_id = 6)
LEFT JOIN qoe_session qs ON qs.session_id = s.id AND qs.session_start = s.start_time AND qs.side = x.side
    WHERE s.start_time >= COALESCE((SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = s.tenant_id), '1000-01-01')
) f
UNION ALL
SELECT f.tenant_id, DATE(f.session_start) AS day, f.session_id, f.session_start, 4 AS modality,
       f.stream_id, f.side, f.user_id,
       CASE WHEN f.ice_failed OR f.reported = 0 THEN 2 WHEN f.rules > 0 THEN 3 ELSE 1 END AS verdict,
       CASE WHEN f.ice_failed THEN 1 WHEN f.reported = 0 THEN 2 ELSE 0 END AS reason,
       IF(f.ice_failed OR f.reported = 0, 0, f.rules) AS rules,
       f.conference, f.connection, f.inside, f.vpn, f.subnet, f.client, f.m1, f.m2, f.m3, f.m4, f.m5
FROM (
    SELECT s.tenant_id, s.id AS session_id, s.start_time AS session_start, x.id AS stream_id, x.side,
           IF(x.side = 'FROM', s.from_user_id,
              IF(COALESCE(s.conference_url, '') = '', s.to_user_id, NULL)) AS user_id,
           COALESCE(s.conference_url, '') <> '' AS conference,
           CASE ml.connection_type WHEN 'wired' THEN 1 WHEN 'wifi' THEN 2 WHEN 'wi-fi' THEN 2
                WHEN 'mobile' THEN 3 ELSE 0 END AS connection,
           COALESCE(ml.inside_corp, 2) AS inside, COALESCE(ml.vpn, 2) AS vpn,
           COALESCE(ml.subnet, '') AS subnet,
           LEFT(COALESCE(NULLIF(qs.user_agent, ''),
                IF(x.side = 'FROM', s.from_client_version, s.to_client_version), ''), 128) AS client,
           EXISTS (SELECT 1 FROM qoe_media_line i WHERE i.session_id = s.id AND i.session_start = s.start_time AND i.side = x.side AND i.media_type_id = 4 AND i.ice_result = 'failed') AS ice_failed,
           (x.spoiled_tile_percent IS NOT NULL) + (x.rdp_tile_processing_latency_avg_ms IS NOT NULL) + (x.relative_one_way_avg_s IS NOT NULL) AS reported,
           (COALESCE(x.spoiled_tile_percent > 36.0e0, 0) << 0) | (COALESCE(x.rdp_tile_processing_latency_avg_ms > 400.0e0, 0) << 1) | (COALESCE(x.relative_one_way_avg_s > 1.75e0, 0) << 2) AS rules,
           (x.spoiled_tile_percent > 1.0e0) + (x.spoiled_tile_percent > 2.0e0) + (x.spoiled_tile_percent > 5.0e0) + (x.spoiled_tile_percent > 10.0e0) + (x.spoiled_tile_percent > 15.0e0) + (x.spoiled_tile_percent > 20.0e0) + (x.spoiled_tile_percent > 25.0e0) + (x.spoiled_tile_percent > 30.0e0) + (x.spoiled_tile_percent > 36.0e0) + (x.spoiled_tile_percent > 50.0e0) + (x.spoiled_tile_percent > 75.0e0) AS m1,
                           (x.rdp_tile_processing_latency_avg_ms > 25.0e0) + (x.rdp_tile_processing_latency_avg_ms > 50.0e0) + (x.rdp_tile_processing_latency_avg_ms > 100.0e0) + (x.rdp_tile_processing_latency_avg_ms > 150.0e0) + (x.rdp_tile_processing_latency_avg_ms > 200.0e0) + (x.rdp_tile_processing_latency_avg_ms > 250.0e0) + (x.rdp_tile_processing_latency_avg_ms > 300.0e0) + (x.rdp_tile_processing_latency_avg_ms > 400.0e0) + (x.rdp_tile_processing_latency_avg_ms > 500.0e0) + (x.rdp_tile_processing_latency_avg_ms > 750.0e0) + (x.rdp_tile_processing_latency_avg_ms > 1000.0e0) AS m2,
                           (x.relative_one_way_avg_s > 0.1e0) + (x.relative_one_way_avg_s > 0.25e0) + (x.relative_one_way_avg_s > 0.5e0) + (x.relative_one_way_avg_s > 0.75e0) + (x.relative_one_way_avg_s > 1.0e0) + (x.relative_one_way_avg_s > 1.25e0) + (x.relative_one_way_avg_s > 1.5e0) + (x.relative_one_way_avg_s > 1.75e0) + (x.relative_one_way_avg_s > 2.0e0) + (x.relative_one_way_avg_s > 2.5e0) + (x.relative_one_way_avg_s > 3.0e0) AS m3,
                           NULL AS m4,
                           NULL AS m5
    FROM comm_session s
JOIN qoe_app_sharing_stream x ON x.session_id = s.id AND x.session_start = s.start_time
LEFT JOIN qoe_media_line ml ON ml.session_start = s.start_time AND ml.id = (
    SELECT MIN(l.id) FROM qoe_media_line l
    WHERE l.session_id = s.id AND l.session_start = s.start_time AND l.side = x.side AND l.media_type_id = 4)
LEFT JOIN qoe_session qs ON qs.session_id = s.id AND qs.session_start = s.start_time AND qs.side = x.side
    WHERE s.start_time >= COALESCE((SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = s.tenant_id), '1000-01-01')
) f
UNION ALL
SELECT s.tenant_id, DATE(s.start_time), s.id, s.start_time, 5, 0, NULL, NULL, 2, 3, 0,
       COALESCE(s.conference_url, '') <> '', 0, 2, 2, '', '', NULL, NULL, NULL, NULL, NULL
FROM comm_session s
WHERE s.start_time >= COALESCE((SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = s.tenant_id), '1000-01-01') AND (s.media_mask & 16) <> 0
  AND NOT EXISTS (SELECT 1 FROM qoe_audio_stream x WHERE x.session_id = s.id AND x.session_start = s.start_time)
UNION ALL
SELECT s.tenant_id, DATE(s.start_time), s.id, s.start_time, 6, 0, NULL, NULL, 2, 3, 0,
       COALESCE(s.conference_url, '') <> '', 0, 2, 2, '', '', NULL, NULL, NULL, NULL, NULL
FROM comm_session s
WHERE s.start_time >= COALESCE((SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = s.tenant_id), '1000-01-01') AND (s.media_mask & 32) <> 0
  AND NOT EXISTS (SELECT 1 FROM qoe_video_stream x WHERE x.session_id = s.id AND x.session_start = s.start_time)
UNION ALL
SELECT s.tenant_id, DATE(s.start_time), s.id, s.start_time, 4, 0, NULL, NULL, 2, 3, 0,
       COALESCE(s.conference_url, '') <> '', 0, 2, 2, '', '', NULL, NULL, NULL, NULL, NULL
FROM comm_session s
WHERE s.start_time >= COALESCE((SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = s.tenant_id), '1000-01-01') AND (s.media_mask & 8) <> 0
  AND NOT EXISTS (SELECT 1 FROM qoe_app_sharing_stream x WHERE x.session_id = s.id AND x.session_start = s.start_time);

--changeset commsportal:020-quality-day-values
-- The day rows of those streams.
INSERT INTO quality_day (tenant_id, day, modality, conference, connection, inside, vpn, subnet, client, good, poor, unclassified, r1, r2, r3, r4, r5, h1_0, h1_1, h1_2, h1_3, h1_4, h1_5, h1_6, h1_7, h1_8, h1_9, h1_10, h1_11, h2_0, h2_1, h2_2, h2_3, h2_4, h2_5, h2_6, h2_7, h2_8, h2_9, h2_10, h2_11, h3_0, h3_1, h3_2, h3_3, h3_4, h3_5, h3_6, h3_7, h3_8, h3_9, h3_10, h3_11, h4_0, h4_1, h4_2, h4_3, h4_4, h4_5, h4_6, h4_7, h4_8, h4_9, h4_10, h4_11, h5_0, h5_1, h5_2, h5_3, h5_4, h5_5, h5_6, h5_7, h5_8, h5_9, h5_10, h5_11)
SELECT * FROM (
SELECT q.tenant_id, q.day, q.modality, q.conference, q.connection, q.inside, q.vpn, q.subnet, q.client,
    SUM(q.verdict = 1) AS good,
    SUM(q.verdict = 3) AS poor,
    SUM(q.verdict = 2) AS unclassified,
    SUM((q.rules & 1) <> 0) AS r1,
    SUM((q.rules & 2) <> 0) AS r2,
    SUM((q.rules & 4) <> 0) AS r3,
    SUM((q.rules & 8) <> 0) AS r4,
    SUM((q.rules & 16) <> 0) AS r5,
    SUM(IFNULL(q.m1 = 0, 0)) AS h1_0,
    SUM(IFNULL(q.m1 = 1, 0)) AS h1_1,
    SUM(IFNULL(q.m1 = 2, 0)) AS h1_2,
    SUM(IFNULL(q.m1 = 3, 0)) AS h1_3,
    SUM(IFNULL(q.m1 = 4, 0)) AS h1_4,
    SUM(IFNULL(q.m1 = 5, 0)) AS h1_5,
    SUM(IFNULL(q.m1 = 6, 0)) AS h1_6,
    SUM(IFNULL(q.m1 = 7, 0)) AS h1_7,
    SUM(IFNULL(q.m1 = 8, 0)) AS h1_8,
    SUM(IFNULL(q.m1 = 9, 0)) AS h1_9,
    SUM(IFNULL(q.m1 = 10, 0)) AS h1_10,
    SUM(IFNULL(q.m1 = 11, 0)) AS h1_11,
    SUM(IFNULL(q.m2 = 0, 0)) AS h2_0,
    SUM(IFNULL(q.m2 = 1, 0)) AS h2_1,
    SUM(IFNULL(q.m2 = 2, 0)) AS h2_2,
    SUM(IFNULL(q.m2 = 3, 0)) AS h2_3,
    SUM(IFNULL(q.m2 = 4, 0)) AS h2_4,
    SUM(IFNULL(q.m2 = 5, 0)) AS h2_5,
    SUM(IFNULL(q.m2 = 6, 0)) AS h2_6,
    SUM(IFNULL(q.m2 = 7, 0)) AS h2_7,
    SUM(IFNULL(q.m2 = 8, 0)) AS h2_8,
    SUM(IFNULL(q.m2 = 9, 0)) AS h2_9,
    SUM(IFNULL(q.m2 = 10, 0)) AS h2_10,
    SUM(IFNULL(q.m2 = 11, 0)) AS h2_11,
    SUM(IFNULL(q.m3 = 0, 0)) AS h3_0,
    SUM(IFNULL(q.m3 = 1, 0)) AS h3_1,
    SUM(IFNULL(q.m3 = 2, 0)) AS h3_2,
    SUM(IFNULL(q.m3 = 3, 0)) AS h3_3,
    SUM(IFNULL(q.m3 = 4, 0)) AS h3_4,
    SUM(IFNULL(q.m3 = 5, 0)) AS h3_5,
    SUM(IFNULL(q.m3 = 6, 0)) AS h3_6,
    SUM(IFNULL(q.m3 = 7, 0)) AS h3_7,
    SUM(IFNULL(q.m3 = 8, 0)) AS h3_8,
    SUM(IFNULL(q.m3 = 9, 0)) AS h3_9,
    SUM(IFNULL(q.m3 = 10, 0)) AS h3_10,
    SUM(IFNULL(q.m3 = 11, 0)) AS h3_11,
    SUM(IFNULL(q.m4 = 0, 0)) AS h4_0,
    SUM(IFNULL(q.m4 = 1, 0)) AS h4_1,
    SUM(IFNULL(q.m4 = 2, 0)) AS h4_2,
    SUM(IFNULL(q.m4 = 3, 0)) AS h4_3,
    SUM(IFNULL(q.m4 = 4, 0)) AS h4_4,
    SUM(IFNULL(q.m4 = 5, 0)) AS h4_5,
    SUM(IFNULL(q.m4 = 6, 0)) AS h4_6,
    SUM(IFNULL(q.m4 = 7, 0)) AS h4_7,
    SUM(IFNULL(q.m4 = 8, 0)) AS h4_8,
    SUM(IFNULL(q.m4 = 9, 0)) AS h4_9,
    SUM(IFNULL(q.m4 = 10, 0)) AS h4_10,
    SUM(IFNULL(q.m4 = 11, 0)) AS h4_11,
    SUM(IFNULL(q.m5 = 0, 0)) AS h5_0,
    SUM(IFNULL(q.m5 = 1, 0)) AS h5_1,
    SUM(IFNULL(q.m5 = 2, 0)) AS h5_2,
    SUM(IFNULL(q.m5 = 3, 0)) AS h5_3,
    SUM(IFNULL(q.m5 = 4, 0)) AS h5_4,
    SUM(IFNULL(q.m5 = 5, 0)) AS h5_5,
    SUM(IFNULL(q.m5 = 6, 0)) AS h5_6,
    SUM(IFNULL(q.m5 = 7, 0)) AS h5_7,
    SUM(IFNULL(q.m5 = 8, 0)) AS h5_8,
    SUM(IFNULL(q.m5 = 9, 0)) AS h5_9,
    SUM(IFNULL(q.m5 = 10, 0)) AS h5_10,
    SUM(IFNULL(q.m5 = 11, 0)) AS h5_11
FROM quality_stream q
WHERE TRUE
GROUP BY q.tenant_id, q.day, q.modality, q.conference, q.connection, q.inside, q.vpn, q.subnet, q.client
) d
ON DUPLICATE KEY UPDATE good = quality_day.good + VALUES(good), poor = quality_day.poor + VALUES(poor), unclassified = quality_day.unclassified + VALUES(unclassified), r1 = quality_day.r1 + VALUES(r1), r2 = quality_day.r2 + VALUES(r2), r3 = quality_day.r3 + VALUES(r3), r4 = quality_day.r4 + VALUES(r4), r5 = quality_day.r5 + VALUES(r5), h1_0 = quality_day.h1_0 + VALUES(h1_0), h1_1 = quality_day.h1_1 + VALUES(h1_1), h1_2 = quality_day.h1_2 + VALUES(h1_2), h1_3 = quality_day.h1_3 + VALUES(h1_3), h1_4 = quality_day.h1_4 + VALUES(h1_4), h1_5 = quality_day.h1_5 + VALUES(h1_5), h1_6 = quality_day.h1_6 + VALUES(h1_6), h1_7 = quality_day.h1_7 + VALUES(h1_7), h1_8 = quality_day.h1_8 + VALUES(h1_8), h1_9 = quality_day.h1_9 + VALUES(h1_9), h1_10 = quality_day.h1_10 + VALUES(h1_10), h1_11 = quality_day.h1_11 + VALUES(h1_11), h2_0 = quality_day.h2_0 + VALUES(h2_0), h2_1 = quality_day.h2_1 + VALUES(h2_1), h2_2 = quality_day.h2_2 + VALUES(h2_2), h2_3 = quality_day.h2_3 + VALUES(h2_3), h2_4 = quality_day.h2_4 + VALUES(h2_4), h2_5 = quality_day.h2_5 + VALUES(h2_5), h2_6 = quality_day.h2_6 + VALUES(h2_6), h2_7 = quality_day.h2_7 + VALUES(h2_7), h2_8 = quality_day.h2_8 + VALUES(h2_8), h2_9 = quality_day.h2_9 + VALUES(h2_9), h2_10 = quality_day.h2_10 + VALUES(h2_10), h2_11 = quality_day.h2_11 + VALUES(h2_11), h3_0 = quality_day.h3_0 + VALUES(h3_0), h3_1 = quality_day.h3_1 + VALUES(h3_1), h3_2 = quality_day.h3_2 + VALUES(h3_2), h3_3 = quality_day.h3_3 + VALUES(h3_3), h3_4 = quality_day.h3_4 + VALUES(h3_4), h3_5 = quality_day.h3_5 + VALUES(h3_5), h3_6 = quality_day.h3_6 + VALUES(h3_6), h3_7 = quality_day.h3_7 + VALUES(h3_7), h3_8 = quality_day.h3_8 + VALUES(h3_8), h3_9 = quality_day.h3_9 + VALUES(h3_9), h3_10 = quality_day.h3_10 + VALUES(h3_10), h3_11 = quality_day.h3_11 + VALUES(h3_11), h4_0 = quality_day.h4_0 + VALUES(h4_0), h4_1 = quality_day.h4_1 + VALUES(h4_1), h4_2 = quality_day.h4_2 + VALUES(h4_2), h4_3 = quality_day.h4_3 + VALUES(h4_3), h4_4 = quality_day.h4_4 + VALUES(h4_4), h4_5 = quality_day.h4_5 + VALUES(h4_5), h4_6 = quality_day.h4_6 + VALUES(h4_6), h4_7 = quality_day.h4_7 + VALUES(h4_7), h4_8 = quality_day.h4_8 + VALUES(h4_8), h4_9 = quality_day.h4_9 + VALUES(h4_9), h4_10 = quality_day.h4_10 + VALUES(h4_10), h4_11 = quality_day.h4_11 + VALUES(h4_11), h5_0 = quality_day.h5_0 + VALUES(h5_0), h5_1 = quality_day.h5_1 + VALUES(h5_1), h5_2 = quality_day.h5_2 + VALUES(h5_2), h5_3 = quality_day.h5_3 + VALUES(h5_3), h5_4 = quality_day.h5_4 + VALUES(h5_4), h5_5 = quality_day.h5_5 + VALUES(h5_5), h5_6 = quality_day.h5_6 + VALUES(h5_6), h5_7 = quality_day.h5_7 + VALUES(h5_7), h5_8 = quality_day.h5_8 + VALUES(h5_8), h5_9 = quality_day.h5_9 + VALUES(h5_9), h5_10 = quality_day.h5_10 + VALUES(h5_10), h5_11 = quality_day.h5_11 + VALUES(h5_11);
