--liquibase formatted sql
-- Issue 22: the PSTN usage read model (docs/pstn-usage.md), one row per stored session with a telephone party
-- (a peer-to-peer session with fromTel or toTel, a conference session joined by telephone), kept by the session
-- writer's listener PstnCalls in the write transaction; and the users' usage location, against which a call's
-- destination is domestic or international. MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:033-pstn-call
CREATE TABLE pstn_call (
    tenant_id           BIGINT       NOT NULL,
    session_id          BIGINT       NOT NULL,
    start_time          DATETIME(3)  NOT NULL,
    -- the party the call is the user's: the licensed party of a peer-to-peer call, the telephone participant who
    -- is a licensed user or else the organizer of a conference; lower-case UPN (docs/ingest.md)
    user_upn            VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    user_number         VARCHAR(64)  NULL,
    other_number        VARCHAR(64)  NULL,
    -- 1 user_out, 2 user_in, 3 conf_in, 4 conf_out (PstnCallType)
    call_type           TINYINT      NOT NULL,
    -- ISO 3166 region of the other number (libphonenumber), NULL when it names none
    destination_country CHAR(2)      NULL,
    duration_ms         BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, session_id),
    -- the period's calls in time order (the table and the charts)
    INDEX ix_pstn_call_start (tenant_id, start_time),
    INDEX ix_pstn_call_user (tenant_id, user_upn, start_time)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:033-licensed-user-usage-location
-- The directory's usage location (ISO 3166 alpha-2), optional on ingest; users written without one keep NULL.
ALTER TABLE licensed_user ADD COLUMN usage_location CHAR(2) NULL;

--changeset commsportal:033-pstn-call-backfill
-- The tenants whose stored sessions predate pstn_call: PstnCallsBackfill derives their calls once after start-up
-- (the countries need libphonenumber, so not in SQL here) and removes their row. Tenants created later have none.
CREATE TABLE pstn_call_backfill (
    tenant_id BIGINT NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:033-pstn-call-backfill-tenants
INSERT INTO pstn_call_backfill (tenant_id) SELECT id FROM tenant;
