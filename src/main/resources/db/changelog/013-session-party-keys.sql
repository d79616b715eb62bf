--liquibase formatted sql
-- Issue 17: the directory and the call records arrive in any order. A session names its parties by SIP URI; the
-- licensed user behind each (from_user_id / to_user_id) is resolved when the session is written and again whenever
-- a user record with that UPN is written (a new user, a moved licence). To find a user's sessions whatever their
-- links, each session keeps a key of both parties' UPNs (docs/ingest.md, "How parties are matched to users"): the
-- CRC-32 of the UPN's UTF-8 bytes, indexed. A key may be shared by several UPNs; readers compare the UPNs
-- themselves. Four-byte integers cost ingestion far less to index than the UPN strings under their collation.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:013-session-party-key-columns
ALTER TABLE comm_session ADD COLUMN from_party INT UNSIGNED NULL AFTER to_user_id,
    ADD COLUMN to_party INT UNSIGNED NULL AFTER from_party;

--changeset commsportal:013-session-party-key-values
-- The SQL twin of the writer's rule for the sessions stored before: the UPN is the URI trimmed, without "sip:", up
-- to the first ";", in lower case.
UPDATE comm_session SET
    from_party = CRC32(LOWER(SUBSTRING_INDEX(IF(LOWER(LEFT(TRIM(from_uri), 4)) = 'sip:', SUBSTRING(TRIM(from_uri), 5),
                                                TRIM(from_uri)), ';', 1))),
    to_party = IF(to_uri IS NULL, NULL,
                  CRC32(LOWER(SUBSTRING_INDEX(IF(LOWER(LEFT(TRIM(to_uri), 4)) = 'sip:', SUBSTRING(TRIM(to_uri), 5),
                                                 TRIM(to_uri)), ';', 1))));

--changeset commsportal:013-session-party-key-indexes
ALTER TABLE comm_session ADD INDEX ix_comm_session_from_party (tenant_id, from_party),
    ADD INDEX ix_comm_session_to_party (tenant_id, to_party);
