--liquibase formatted sql
-- Issue 18: an audit entry about one licensed user (a session search, a session details export) names that user by
-- pseudonym in its detail, because global readers read the audit log and must not learn names there. The pseudonym
-- is kept in a column of its own as well, so that the audit log can show the user's name to viewers who may see
-- names (looked up in licensed_user when the entry is read), without the entry ever holding a real name.
-- A text a viewer who sees names typed to filter on real names (the peer-to-peer table's "User name contains") is
-- kept apart in names_only_text, and only viewers who see names read it; the detail holds a placeholder instead.

--changeset commsportal:015-audit-subject
ALTER TABLE audit_event ADD COLUMN subject_pseudonym CHAR(32) NULL, ADD COLUMN names_only_text TEXT NULL;
