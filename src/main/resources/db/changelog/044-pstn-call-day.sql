--liquibase formatted sql
-- Issue 22, PSTN usage speed: the page's charts, country list, count and totals read a per-day rollup of the calls
-- instead of grouping pstn_call and joining its rates per request (docs/pstn-usage.md, "The read model"). It is kept
-- by the calls' listener (pstn.PstnCalls) in each write's transaction, re-priced when the rate table is saved, and
-- moved when a user's usage location changes. MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:044-pstn-call-user-location
-- The user's usage location under which the day rollup counts the call (the directory's, kept equal to it by
-- pstn.PstnCallDays when it changes), so that taking a call away subtracts it from the row it was added to.
ALTER TABLE pstn_call ADD COLUMN user_location CHAR(2) NULL;

--changeset commsportal:044-pstn-call-user-location-fill
UPDATE pstn_call p
JOIN licensed_user u ON u.tenant_id = p.tenant_id AND u.upn = p.user_upn
SET p.user_location = u.usage_location;

--changeset commsportal:044-pstn-call-day
-- Per tenant, UTC day of the calls' start, call type, destination country ('' when none) and the users' usage
-- location ('' when unknown): the calls, their milliseconds, how many have a rate, and the sum of their charges as
-- each is shown (rounded per call: docs/pstn-usage.md, "Charges"). Domestic or international follows from the two
-- countries when read.
CREATE TABLE pstn_call_day (
    tenant_id           BIGINT        NOT NULL,
    day                 DATE          NOT NULL,
    call_type           TINYINT       NOT NULL,
    destination_country CHAR(2)       NOT NULL,
    user_location       CHAR(2)       NOT NULL,
    calls               INT           NOT NULL,
    duration_ms         BIGINT        NOT NULL,
    charged_calls       INT           NOT NULL,
    charge              DECIMAL(22,4) NOT NULL,
    PRIMARY KEY (tenant_id, day, call_type, destination_country, user_location)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:044-pstn-call-day-fill
-- The stored calls' rows, as pstn.PstnCallDays adds them (its DAYS statement, in the form it had here).
INSERT INTO pstn_call_day (tenant_id, day, call_type, destination_country, user_location, calls, duration_ms,
    charged_calls, charge)
SELECT p.tenant_id, DATE(p.start_time) AS day, p.call_type, COALESCE(p.destination_country, '') AS to_country,
       COALESCE(p.user_location, '') AS from_country, COUNT(*), SUM(p.duration_ms),
       SUM(r.price_per_minute IS NOT NULL),
       COALESCE(SUM(CASE WHEN r.price_per_minute IS NULL THEN NULL
                         WHEN p.duration_ms <= 0 THEN 0
                         ELSE ROUND(r.connection_fee + r.price_per_minute * ((p.duration_ms + 59999) DIV 60000),
                                    c.minor_digits) END), 0)
FROM pstn_call p
LEFT JOIN pstn_rate r ON r.tenant_id = p.tenant_id AND r.country = p.destination_country
    AND r.call_type = p.call_type
LEFT JOIN pstn_rate_currency c ON c.tenant_id = p.tenant_id
GROUP BY p.tenant_id, day, p.call_type, to_country, from_country;

--changeset commsportal:044-pstn-outbound-month
-- Per tenant, UTC month (its first day) and user: the user's outbound calls (call type 1) whose destination country and
-- usage location are both known, and their milliseconds to a number in the usage location (domestic) and elsewhere
-- (international), which the PSTN minute pools use (docs/pstn-minute-pools.md). Kept with pstn_call_day.
CREATE TABLE pstn_outbound_month (
    tenant_id        BIGINT       NOT NULL,
    month            DATE         NOT NULL,
    user_upn         VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
    calls            INT          NOT NULL,
    domestic_ms      BIGINT       NOT NULL,
    international_ms BIGINT       NOT NULL,
    PRIMARY KEY (tenant_id, month, user_upn)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:044-pstn-outbound-month-fill
INSERT INTO pstn_outbound_month (tenant_id, month, user_upn, calls, domestic_ms, international_ms)
SELECT p.tenant_id, DATE(p.start_time) - INTERVAL (DAYOFMONTH(p.start_time) - 1) DAY AS first_day, p.user_upn,
       COUNT(*), SUM(IF(p.destination_country = p.user_location, p.duration_ms, 0)),
       SUM(IF(p.destination_country = p.user_location, 0, p.duration_ms))
FROM pstn_call p
WHERE p.call_type = 1 AND p.destination_country IS NOT NULL AND p.user_location IS NOT NULL
GROUP BY p.tenant_id, first_day, p.user_upn;
