--liquibase formatted sql

-- Identifiers compare exactly (docs/ingest.md, "Identifiers and UPNs"). The tables were created with
-- utf8mb4_unicode_ci, under which dialog ids differing only in case, accents, trailing spaces or which emoji they hold
-- are the same key: such a batch could never be stored, and a look-alike UPN updated another user. Dialog ids become
-- utf8mb4_nopad_bin (byte for byte, trailing spaces count). UPNs are stored in lower case by the portal and become
-- utf8mb4_nopad_bin too, so they are case-insensitive (compared in lower case) and accent- and space-sensitive.
-- Converting is safe for existing rows: values that differ under utf8mb4_unicode_ci also differ byte for byte, and
-- two UPNs that differ only in case could not both exist, so lower-casing one creates no duplicate. Each ALTER
-- rebuilds its table (minutes for hundreds of millions of sessions; see docs/operations.md, "Upgrades").

--changeset commsportal:014-licensed-user-upn-lower-case
UPDATE licensed_user SET upn = LOWER(upn) WHERE BINARY upn <> BINARY LOWER(upn);

--changeset commsportal:014-licensed-user-upn-binary
ALTER TABLE licensed_user MODIFY upn VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;

--changeset commsportal:014-session-dialog-binary
ALTER TABLE session_dialog MODIFY dialog_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;

--changeset commsportal:014-comm-session-dialog-binary
ALTER TABLE comm_session MODIFY dialog_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
