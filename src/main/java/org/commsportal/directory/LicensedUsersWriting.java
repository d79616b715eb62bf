package org.commsportal.directory;

/**
 * Published inside the directory's write transaction before it writes any licensed user of the tenant, so that the
 * write core can take the tenant's write lock before the users' rows are locked (lock order: docs/ingest.md).
 */
public record LicensedUsersWriting(long tenantId) {}
