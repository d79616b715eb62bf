--liquibase formatted sql
-- Issue 26: a bulk import rebuilds the active users of the days its sessions are in progress on, not of the whole
-- tenant (docs/ingest.md, "Bulk imports"). A session counts on every UTC day it is in progress on, so the days to
-- rebuild end with the last day on which a session the import stored or replaced is in progress; a replaced
-- session's end is known only while the import writes, so the import keeps it here.

--changeset commsportal:053-bulk-import-last-day-in-progress
ALTER TABLE bulk_import_state ADD COLUMN last_day_in_progress DATE NULL;
