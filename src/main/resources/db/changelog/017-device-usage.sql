--liquibase formatted sql
-- Issue 21: the device usage read model (docs/device-usage.md). Per licensed user, UTC day of session start and
-- client platform (derived from the party's client version by the table of ClientPlatforms; 0 Windows, 1 Windows
-- Phone, 2 Android phone, 3 iPhone, 4 iPad, 5 Mac, 6 Web, 7 Other): the number of session parties the user was on
-- that platform, so that a replaced or re-linked party is taken away exactly; a row brought to zero is deleted.
-- A party counts for its own user with its own client version: the From party always, the To party of a
-- peer-to-peer session (the To party of a conference session is the conference focus, a server, not the
-- organizer's device), and never a server's agent. Rows of Other keep the client version itself, keyed by the first
-- 8 bytes of its SHA-256, so the page lists the unrecognised ones; the other platforms' agent_key is all zero.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:017-device-usage-day
CREATE TABLE device_usage_day (
    tenant_id  BIGINT       NOT NULL,
    user_id    BIGINT       NOT NULL,
    day        DATE         NOT NULL,
    platform   TINYINT      NOT NULL,
    agent_key  BINARY(8)    NOT NULL,
    agent      VARCHAR(255) NULL,
    sessions   INT          NOT NULL,
    PRIMARY KEY (tenant_id, user_id, day, platform, agent_key),
    -- distinct users per day and platform (the charts)
    INDEX ix_device_usage_day_day (tenant_id, day, platform, user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:017-device-usage-day-values
-- The SQL twin of the listener, for the sessions stored before and kept (retention); verify-rollups compares the
-- listener's rows with the same recomputation. The CASE is ClientPlatforms.SQL_PLATFORM, as generated (a unit test
-- checks that this file holds it).
INSERT INTO device_usage_day (tenant_id, user_id, day, platform, agent_key, agent, sessions)
SELECT c.tenant_id, c.user_id, c.day, c.platform,
       IF(c.platform = 7, UNHEX(LEFT(SHA2(c.agent, 256), 16)), UNHEX('0000000000000000')),
       IF(c.platform = 7, MIN(c.agent), NULL), COUNT(*)
FROM (
    SELECT f.tenant_id, f.user_id, f.day, f.agent,
           CASE
            WHEN INSTR(folded, 'conferencing server') > 0 OR INSTR(folded, 'mediation server') > 0 OR INSTR(folded, 'rtcc/') > 0 THEN NULL
            WHEN INSTR(folded, 'windows phone') > 0 OR INSTR(folded, 'wplync') > 0 OR INSTR(folded, 'wpsfb') > 0 THEN 1
            WHEN INSTR(folded, 'ipad') > 0 THEN 4
            WHEN INSTR(folded, 'iphone') > 0 OR INSTR(folded, ' ios') > 0 OR INSTR(folded, '(ios') > 0 OR INSTR(folded, 'ios/') > 0 THEN 3
            WHEN INSTR(folded, 'android') > 0 THEN 2
            WHEN INSTR(folded, 'web app') > 0 OR INSTR(folded, 'webapp') > 0 OR INSTR(folded, 'lwa/') > 0 OR INSTR(folded, 'swa/') > 0 OR INSTR(folded, 'web/') > 0 OR INSTR(folded, 'browser') > 0 THEN 6
            WHEN INSTR(folded, 'mac os') > 0 OR INSTR(folded, 'macos') > 0 OR INSTR(folded, 'sfbmac') > 0 OR INSTR(folded, 'macsfb') > 0 OR INSTR(folded, 'maclync') > 0 OR INSTR(folded, 'for mac') > 0 OR INSTR(folded, '(mac') > 0 THEN 5
            WHEN INSTR(folded, 'windows') > 0 OR INSTR(folded, 'oc/') > 0 OR INSTR(folded, 'uccapi/') > 0 OR INSTR(folded, '(skype for business)') > 0 OR INSTR(folded, '(microsoft lync') > 0 OR INSTR(folded, 'communicator') > 0 THEN 0
            ELSE 7 END AS platform
    FROM (
        SELECT p.tenant_id, p.user_id, p.day, p.agent, LOWER(CONVERT(p.agent USING ascii)) AS folded
        FROM (
            SELECT s.tenant_id, s.start_time, s.from_user_id AS user_id, DATE(s.start_time) AS day,
                   COALESCE(s.from_client_version, '') AS agent
            FROM comm_session s WHERE s.from_user_id IS NOT NULL
            UNION ALL
            SELECT s.tenant_id, s.start_time, s.to_user_id, DATE(s.start_time), COALESCE(s.to_client_version, '')
            FROM comm_session s WHERE s.to_user_id IS NOT NULL AND s.conference_url IS NULL
        ) p
        WHERE p.start_time >= COALESCE(
            (SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = p.tenant_id), '1000-01-01')
    ) f
) c
WHERE c.platform IS NOT NULL
GROUP BY c.tenant_id, c.user_id, c.day, c.platform,
         IF(c.platform = 7, UNHEX(LEFT(SHA2(c.agent, 256), 16)), UNHEX('0000000000000000'));
