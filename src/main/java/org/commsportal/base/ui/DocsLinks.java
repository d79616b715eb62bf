package org.commsportal.base.ui;

import com.vaadin.flow.router.RouterLink;

/** Links to the documentation the portal serves, for pages of other features that refer to it. */
public final class DocsLinks {

    private DocsLinks() {}

    /** "Ingesting sessions and users" (docs/ingest.md). */
    public static RouterLink ingest() {
        RouterLink link = DocsView.link("Ingesting sessions and users", "ingest");
        link.setId("ingest-docs");
        return link;
    }

    /** "Threshold alerts, webhooks and the change feed" (docs/alerts-and-webhooks.md). */
    public static RouterLink alertsAndWebhooks() {
        RouterLink link = DocsView.link("Alerts and webhooks", "alerts-and-webhooks");
        link.setId("alerts-and-webhooks-docs");
        return link;
    }
}
