package org.commsportal.directory;

import java.time.Instant;
import java.util.List;

/**
 * Published inside the directory's write transaction after it wrote these user records, as sent, with the instant
 * of the write, so that features that keep something per user record (PSTN blocks, calling plans) can keep it in
 * the same transaction. A listener may refuse records with {@link UserRecordsRefused}: the write is rolled back.
 */
public record UserRecordsWritten(long tenantId, List<UserRecord> users, Instant writtenAt) {}
