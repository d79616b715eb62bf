package org.commsportal.webhooks;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One delivery of an endpoint's log: what it carried, and how its attempts went. */
public record WebhookDelivery(
        long id,
        String eventType,
        String idempotencyKey,
        Status status,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        @Nullable Instant deliveredAt,
        @Nullable Integer lastStatus,
        @Nullable String lastError,
        int payloadBytes) {

    public enum Status {
        /** Not yet delivered: waiting for its next attempt. */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /** Every attempt failed; no more are made. */
        FAILED
    }
}
