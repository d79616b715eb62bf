--liquibase formatted sql
-- Issue 22, speed of CsPSTNConferenceTime* (docs/reporting-web-service.md, "How the figures are kept"): the minutes of
-- conferences organized by a licensed user summed the rows of kind 1 of session_slot_figure, one per conference and
-- quarter-hour (about 540,000 a year at 10,000 users), for every report. Kind 3 keeps the same counters of the same
-- sessions, all conferences of a quarter-hour in one row (conference_key zero, as kinds 0 and 2), kept by the write
-- path beside kind 1; this fills it from the kind 1 rows stored before this changeset.

--changeset commsportal:048-organized-slot-totals
-- Kind 3 rows already there (none in an upgrade from changeset 047; the upgrade test's copy of data this version wrote)
-- are replaced, so the rows always equal the kind 1 rows' sums.
DELETE FROM session_slot_figure WHERE kind = 3;
INSERT INTO session_slot_figure (tenant_id, kind, slot, conference_key, sessions, im_sessions, audio_sessions,
                                 video_sessions, audio_video_sessions, app_sharing_sessions, file_transfer_sessions,
                                 web_sessions, telephone_sessions, audio_ms, video_ms, audio_video_ms, telephone_ms)
SELECT tenant_id, 3, slot, UNHEX('0000000000000000'), SUM(sessions), SUM(im_sessions), SUM(audio_sessions),
       SUM(video_sessions), SUM(audio_video_sessions), SUM(app_sharing_sessions), SUM(file_transfer_sessions),
       SUM(web_sessions), SUM(telephone_sessions), SUM(audio_ms), SUM(video_ms), SUM(audio_video_ms), SUM(telephone_ms)
FROM session_slot_figure
WHERE kind = 1
GROUP BY tenant_id, slot;
