package org.commsportal.webhooks;

/** A new endpoint and its signing secret, which is shown this once (docs/alerts-and-webhooks.md). */
public record CreatedWebhook(WebhookEndpoint endpoint, String secret) {}
