package org.commsportal.webhooks;

import java.time.Instant;

/** A receiver of the tenant's signed deliveries; its secret is never part of this record. */
public record WebhookEndpoint(
        long id, WebhookKind kind, String name, String url, String createdBy, Instant createdAt) {}
