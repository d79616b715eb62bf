--liquibase formatted sql
-- Issue 22: the users blocked page (docs/users-blocked.md). Each PSTN block of a user is a period, from the block
-- to its end (an unblock or a change of action), kept from the directory's user records by usersblocked/, so that
-- the page can show who was blocked on any day. MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:035-pstn-block-period
CREATE TABLE pstn_block_period (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id  BIGINT       NOT NULL,
    -- licensed_user.id: blocks arrive only with user records, so every block has its user
    user_id    BIGINT       NOT NULL,
    -- PstnBlockAction's name as sent: BlockedForPstn, InternationalCallsBlocked
    action     VARCHAR(32)  NOT NULL,
    reason     VARCHAR(255) NULL,
    blocked_at DATETIME(3)  NOT NULL,
    -- NULL while the block is in force
    ended_at   DATETIME(3)  NULL,
    -- a user's open block (the write path)
    INDEX ix_pstn_block_user (tenant_id, user_id, ended_at),
    -- the blocks of a day (the page: blocked_at before the day's end, then ended_at)
    INDEX ix_pstn_block_time (tenant_id, blocked_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
