--liquibase formatted sql
-- The session details report's Quality column (the worst stream verdict) stored with the session. Computing it per
-- row from the QoE tables at read time (three correlated subqueries and an ICE look-up per stream) was most of the
-- cost of exporting a million rows. Session writers set it from the session's quality records with the rules of
-- StreamClassifier; this changeset computes it once for the sessions already stored, with the same rules in SQL.
-- No index: every query that filters, sorts or groups on it first narrows to one user's sessions by the user
-- indexes.

--changeset commsportal:011-session-quality-rank
-- 0 without audio, video or application sharing; 1 Good, 2 Unclassified (failed ICE, no QoE report or no
-- metric), 3 Poor.
ALTER TABLE comm_session ADD COLUMN quality_rank TINYINT NOT NULL DEFAULT 0;

--changeset commsportal:011-session-quality-rank-backfill
-- A modality in the session's media without any stream record has no QoE report: Unclassified.
UPDATE comm_session s SET s.quality_rank = GREATEST(
    COALESCE((SELECT MAX(CASE
                  WHEN EXISTS (SELECT 1 FROM qoe_media_line l WHERE l.session_id = a.session_id AND l.side = a.side
                                   AND l.media_type_id = 5 AND l.ice_result = 'failed') THEN 2
                  WHEN a.degradation_avg > 1.0 OR a.round_trip_avg_ms > 500 OR a.packet_loss_rate_avg > 0.1
                       OR a.jitter_avg_ms > 30 OR a.concealed_ratio_avg > 0.07 THEN 3
                  WHEN COALESCE(a.degradation_avg, a.round_trip_avg_ms, a.packet_loss_rate_avg, a.jitter_avg_ms,
                                a.concealed_ratio_avg) IS NULL THEN 2
                  ELSE 1 END)
              FROM qoe_audio_stream a WHERE a.session_id = s.id), IF(s.media_mask & 16, 2, 0)),
    COALESCE((SELECT MAX(CASE
                  WHEN EXISTS (SELECT 1 FROM qoe_media_line l WHERE l.session_id = v.session_id AND l.side = v.side
                                   AND l.media_type_id = 6 AND l.ice_result = 'failed') THEN 2
                  WHEN v.local_frame_loss_percent IS NOT NULL THEN IF(v.local_frame_loss_percent > 50, 3, 1)
                  WHEN v.frame_rate_in_avg IS NOT NULL THEN IF(v.frame_rate_in_avg < 7, 3, 1)
                  WHEN v.post_fec_packet_loss IS NOT NULL THEN IF(v.post_fec_packet_loss > 0.15, 3, 1)
                  ELSE 2 END)
              FROM qoe_video_stream v WHERE v.session_id = s.id), IF(s.media_mask & 32, 2, 0)),
    COALESCE((SELECT MAX(CASE
                  WHEN EXISTS (SELECT 1 FROM qoe_media_line l WHERE l.session_id = p.session_id AND l.side = p.side
                                   AND l.media_type_id = 4 AND l.ice_result = 'failed') THEN 2
                  WHEN p.spoiled_tile_percent > 36 OR p.rdp_tile_processing_latency_avg_ms > 400
                       OR p.relative_one_way_avg_s > 1.75 THEN 3
                  WHEN COALESCE(p.spoiled_tile_percent, p.rdp_tile_processing_latency_avg_ms,
                                p.relative_one_way_avg_s) IS NULL THEN 2
                  ELSE 1 END)
              FROM qoe_app_sharing_stream p WHERE p.session_id = s.id), IF(s.media_mask & 8, 2, 0)));
