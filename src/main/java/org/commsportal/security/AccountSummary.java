package org.commsportal.security;

import java.time.Instant;
import java.util.Set;

/** A portal account as the account management page lists it: never its password hash. */
public record AccountSummary(
        long id,
        String username,
        String displayName,
        boolean enabled,
        Set<Role> roles,
        String timeZone,
        Instant createdAt) {}
