--liquibase formatted sql
-- Issue 24, speed of the top failures (docs/reliability.md, "How it is read"): they read the range's failed session
-- rows by ix_reliability_session_failures (tenant, modality, outcome, day) and then each row by its primary key for
-- its response code, diagnostic id, start and users, 0.9 s over 180 days at M. The wider index below holds all of
-- these after the day, so that the failures' sessions per day, first and last seen and users impacted are read from
-- the index alone; it replaces the narrower one, its prefix (the alerts' window reads that prefix as before). MariaDB
-- DDL is not transactional: one statement per changeset.

--changeset commsportal:050-reliability-failure-covering-index
CREATE INDEX ix_reliability_session_failure_keys
    ON reliability_session (tenant_id, modality, outcome, day, response_code, diagnostic_id, session_start,
                            from_user_id, to_user_id);

--changeset commsportal:050-reliability-failure-narrow-index
DROP INDEX ix_reliability_session_failures ON reliability_session;
