package org.commsportal.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

public record AuditEvent(
        long id,
        @Nullable Long tenantId,
        Instant occurredAt,
        String actor,
        String action,
        String detail,
        @Nullable String remoteAddr) {}
