--liquibase formatted sql

--changeset commsportal:042-reliability-backfill
-- The tenants whose stored sessions may predate the reliability read model (changeset 022 built it empty):
-- ReliabilityBackfill builds their rows once after start-up, a week at a time, and removes their row. A database
-- created at 022 or later has every session's rows already; rebuilding them changes nothing, so every tenant with
-- sessions is listed rather than searched for sessions without rows.
CREATE TABLE reliability_backfill (
    tenant_id BIGINT NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

--changeset commsportal:042-reliability-backfill-tenants
INSERT INTO reliability_backfill (tenant_id)
SELECT t.id FROM tenant t
WHERE EXISTS (SELECT 1 FROM comm_session s WHERE s.tenant_id = t.id);
