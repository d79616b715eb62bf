--liquibase formatted sql
-- Issue 27: each write of sessions recounted its days' activity totals (changeset 018) from every row of the day, about
-- 0.4 s a day at 100,000 users whatever the write's size. The totals now change by the difference the write makes
-- (docs/skype-for-business-activity.md, "How it is kept"): distinct users and conferences recounted over the rows of
-- the users and conferences the write touches, before and after, and these sums over the day's rows, which decide
-- whether a web or provider figure is unknown (NULL), added to. MariaDB DDL is not transactional: one statement
-- per changeset.

--changeset commsportal:060-activity-day-total-sums
ALTER TABLE activity_day_total
    ADD COLUMN conference_sessions BIGINT NOT NULL DEFAULT 0 COMMENT 'SUM(sessions) of a conference kind''s rows',
    ADD COLUMN web_stated_sessions BIGINT NOT NULL DEFAULT 0 COMMENT 'SUM(web_stated_sessions) of the rows',
    ADD COLUMN telephone_sessions  BIGINT NOT NULL DEFAULT 0 COMMENT 'SUM(telephone_sessions) of the rows',
    ADD COLUMN provider_sessions   BIGINT NOT NULL DEFAULT 0
        COMMENT 'SUM(dial_microsoft_sessions + dial_third_party_sessions) of the rows';

--changeset commsportal:060-activity-day-total-sums-values
-- the totals stored before it, from their rows
UPDATE activity_day_total t
JOIN (
    SELECT tenant_id, day, kind, SUM(IF(kind <> 0, sessions, 0)) AS conference_sessions,
           SUM(web_stated_sessions) AS web_stated_sessions, SUM(telephone_sessions) AS telephone_sessions,
           SUM(dial_microsoft_sessions + dial_third_party_sessions) AS provider_sessions
    FROM activity_party_day
    GROUP BY tenant_id, day, kind
) r ON r.tenant_id = t.tenant_id AND r.day = t.day AND r.kind = t.kind
SET t.conference_sessions = r.conference_sessions, t.web_stated_sessions = r.web_stated_sessions,
    t.telephone_sessions = r.telephone_sessions, t.provider_sessions = r.provider_sessions;

--changeset commsportal:060-activity-party-day-day-conference
-- a conference's rows of a day and kind, by any user: what a write recounts for the conferences it touches
CREATE INDEX ix_activity_party_day_day_conference ON activity_party_day (tenant_id, kind, day, conference_key);
