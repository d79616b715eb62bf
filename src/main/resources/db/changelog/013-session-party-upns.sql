--liquibase formatted sql
-- Issue 17: the directory and the call records arrive in any order. A session names its parties by SIP URI; the
-- licensed user behind each (from_user_id / to_user_id) is resolved when the session is written and again whenever
-- a user record with that UPN is written (a new user, a moved licence). To find a user's sessions whatever their
-- links, each session keeps the UPN of both parties (docs/ingest.md, "How parties are matched to users"), indexed.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:013-session-party-upn-columns
ALTER TABLE comm_session ADD COLUMN from_upn VARCHAR(255) NULL AFTER to_user_id,
    ADD COLUMN to_upn VARCHAR(255) NULL AFTER from_upn;

--changeset commsportal:013-session-party-upn-values
-- The SQL twin of the writer's rule for the sessions stored before: trimmed, without "sip:", up to the first ";",
-- lower case.
UPDATE comm_session SET
    from_upn = LOWER(SUBSTRING_INDEX(IF(LOWER(LEFT(TRIM(from_uri), 4)) = 'sip:', SUBSTRING(TRIM(from_uri), 5),
                                        TRIM(from_uri)), ';', 1)),
    to_upn = IF(to_uri IS NULL, NULL,
                LOWER(SUBSTRING_INDEX(IF(LOWER(LEFT(TRIM(to_uri), 4)) = 'sip:', SUBSTRING(TRIM(to_uri), 5),
                                         TRIM(to_uri)), ';', 1)));

--changeset commsportal:013-session-party-upn-indexes
ALTER TABLE comm_session ADD INDEX ix_comm_session_from_upn (tenant_id, from_upn),
    ADD INDEX ix_comm_session_to_upn (tenant_id, to_upn);
