package org.commsportal.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A personal API token as its owner sees it in the list: identified by its prefix, never the token itself. */
public record ApiTokenSummary(
        long id,
        String name,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
