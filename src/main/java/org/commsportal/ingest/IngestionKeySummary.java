package org.commsportal.ingest;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An ingestion key as the list shows it: identified by its prefix, never the key itself. */
public record IngestionKeySummary(
        long id,
        String name,
        String prefix,
        Instant createdAt,
        String createdBy,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt) {}
