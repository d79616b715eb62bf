--liquibase formatted sql
-- Issue 28: a job that must run on one portal node at a time (a scheduled report's send, an alert evaluation, a
-- change-feed delivery) holds a lease row until it expires (docs/operations.md, "Several nodes").

--changeset commsportal:028-job-lease
CREATE TABLE job_lease (
    job         VARCHAR(200) NOT NULL PRIMARY KEY,
    holder      VARCHAR(64)  NOT NULL,
    expires_at  DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
