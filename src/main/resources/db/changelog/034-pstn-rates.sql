--liquibase formatted sql
-- Issue 22: the tenant's PSTN rate table (docs/pstn-usage.md, "Charges"): one currency per tenant and a price per
-- minute (and an optional connection fee) per destination country and call type. The PSTN usage page joins it to
-- pstn_call when it reads, so a rate change re-prices every call at once and nothing stored goes stale.
-- MariaDB DDL is not transactional: one statement per changeset.

--changeset commsportal:034-pstn-rate-currency
CREATE TABLE pstn_rate_currency (
    tenant_id    BIGINT  NOT NULL PRIMARY KEY,
    -- ISO 4217 code and its minor unit digits (2 for EUR, 0 for JPY): charges are rounded to them per call
    currency     CHAR(3) NOT NULL,
    minor_digits TINYINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:034-pstn-rate
CREATE TABLE pstn_rate (
    tenant_id        BIGINT        NOT NULL,
    -- ISO 3166 region as pstn_call.destination_country (libphonenumber)
    country          CHAR(2)       NOT NULL,
    -- 1 user_out, 2 user_in, 3 conf_in, 4 conf_out (PstnCallType)
    call_type        TINYINT       NOT NULL,
    price_per_minute DECIMAL(12,4) NOT NULL,
    connection_fee   DECIMAL(12,4) NOT NULL DEFAULT 0,
    -- the page's join: a call's rate by its tenant, country and type
    PRIMARY KEY (tenant_id, country, call_type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
