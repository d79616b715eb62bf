--liquibase formatted sql
-- Issue 22, CsConference* speed: a conference counts once, in the period in which it starts (docs/reporting-web-
-- service.md, "The sibling reports"), so that the periods of the conference figures add up and a report is a sum
-- over a small additive table instead of distinct counts over a year of quarter-hour rows (changeset 023).
-- Both tables are derived from the kind 1 (organized) rows of session_slot_figure alone and kept by its listener
-- (periodfigures.SessionSlotFigures) in each write's transaction. The kind column is that of changeset 023; only
-- kind 1 has rows today.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:043-conference-extent
-- Per conference (conference_key of changeset 023): its first and last UTC quarter-hour of session start and whether
-- any of its sessions used audio or video, IM, application sharing, web conferencing, or a telephone party. A row
-- exists while the conference has slot rows; it is also the row that two writes of one conference lock in turn.
CREATE TABLE conference_extent (
    tenant_id      BIGINT    NOT NULL,
    kind           TINYINT   NOT NULL,
    conference_key BINARY(8) NOT NULL,
    first_slot     BIGINT    NOT NULL,
    last_slot      BIGINT    NOT NULL,
    av             BOOLEAN   NOT NULL,
    im             BOOLEAN   NOT NULL,
    app_sharing    BOOLEAN   NOT NULL,
    web            BOOLEAN   NOT NULL,
    telephone      BOOLEAN   NOT NULL,
    PRIMARY KEY (tenant_id, kind, conference_key)
) ENGINE=InnoDB;

--changeset commsportal:043-conference-extent-first-slot-index
-- Retention finds the conferences that start before its cut.
CREATE INDEX ix_conference_extent_first_slot ON conference_extent (tenant_id, kind, first_slot, last_slot);

--changeset commsportal:043-conference-start-figure
-- Per UTC quarter-hour: the conferences whose first session starts in it, and how many of them had each medium in
-- any of their sessions. Additive: a period's figures are the sums over its quarter-hours. A row brought to no
-- conference is deleted.
CREATE TABLE conference_start_figure (
    tenant_id               BIGINT  NOT NULL,
    kind                    TINYINT NOT NULL,
    slot                    BIGINT  NOT NULL,
    conferences             INT     NOT NULL,
    av_conferences          INT     NOT NULL,
    im_conferences          INT     NOT NULL,
    app_sharing_conferences INT     NOT NULL,
    web_conferences         INT     NOT NULL,
    telephony_conferences   INT     NOT NULL,
    PRIMARY KEY (tenant_id, kind, slot)
) ENGINE=InnoDB;

--changeset commsportal:043-session-slot-figure-conference-index
-- One conference's quarter-hour rows, read when a write changes them (only primary key columns: a narrow index).
CREATE INDEX ix_session_slot_figure_conference ON session_slot_figure (tenant_id, kind, conference_key, slot);

--changeset commsportal:043-conference-extent-values
-- The extents of the conferences stored before, all tenants: the SQL twin of ConferenceStartRepository.recount.
INSERT INTO conference_extent (tenant_id, kind, conference_key, first_slot, last_slot, av, im, app_sharing, web,
                               telephone)
SELECT tenant_id, kind, conference_key, MIN(slot), MAX(slot), MAX(audio_video_sessions > 0), MAX(im_sessions > 0),
       MAX(app_sharing_sessions > 0), MAX(web_sessions > 0), MAX(telephone_sessions > 0)
FROM session_slot_figure
WHERE kind = 1
GROUP BY tenant_id, kind, conference_key;

--changeset commsportal:043-conference-start-figure-values
INSERT INTO conference_start_figure (tenant_id, kind, slot, conferences, av_conferences, im_conferences,
                                     app_sharing_conferences, web_conferences, telephony_conferences)
SELECT tenant_id, kind, first_slot, COUNT(*), SUM(av), SUM(im), SUM(app_sharing), SUM(web), SUM(telephone)
FROM conference_extent
GROUP BY tenant_id, kind, first_slot;
