package org.commsportal.webhooks;

/** What an endpoint receives (docs/alerts-and-webhooks.md). */
public enum WebhookKind {
    /** Threshold alerts firing and resolving, for the rules that name the endpoint. */
    ALERTS("Alerts"),
    /** Every new and replaced session of the tenant, in batches, shortly after each write commits. */
    CHANGE_FEED("Change feed of sessions");

    private final String label;

    WebhookKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
