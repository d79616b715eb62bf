package org.commsportal.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The portal's documentation (the repository's docs/ folder, packaged with it), for every signed-in user: an index
 * at {@code docs}, each document at {@code docs/<name>}, shown as its Markdown text.
 */
@Route("docs")
@PageTitle("Documentation | Comms Usage Portal")
@PermitAll
class DocsView extends VerticalLayout implements HasUrlParameter<String> {

    /** The documents and their titles, in the order the index lists them. */
    static final Map<String, String> DOCUMENTS = documents(
            "ingest", "Ingesting sessions and users",
            "graph-api", "Graph-style reports API",
            "reporting-web-service", "Reporting web service (CsActiveUser* reports)",
            "active-users", "Active users: how the figures stay exact in every time zone",
            "skype-for-business-activity", "Skype for Business activity, conference organizer and participant pages",
            "device-usage", "Device usage: how client platforms are derived",
            "call-quality", "Call quality: verdicts, splits, distributions and the scorecard",
            "locations", "Locations: the building file, quality by building and missing subnets",
            "privacy", "Concealed user names",
            "exports", "Exports",
            "date-times", "Entering dates and times",
            "pages", "Pages: status codes, confirmations, icon",
            "configuration", "Configuration",
            "operations", "Operations",
            "scaling", "Scaling past one machine",
            "alerts-and-webhooks", "Threshold alerts, webhooks and the change feed");

    DocsView() {
        setId("docs");
        setMaxWidth("60em");
    }

    /** A link to one document, for pages that refer to it. */
    static RouterLink link(String text, String document) {
        if (!DOCUMENTS.containsKey(document)) {
            throw new IllegalArgumentException("No document " + document);
        }
        return new RouterLink(text, DocsView.class, document);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter @Nullable String document) {
        removeAll();
        if (document == null || document.isEmpty()) {
            add(new H2("Documentation"));
            DOCUMENTS.forEach((name, title) -> {
                var link = new RouterLink(title, DocsView.class, name);
                link.setId("doc-" + name);
                add(link);
            });
            return;
        }
        if (!DOCUMENTS.containsKey(document)) {
            throw new NotFoundException("No document " + document);
        }
        var index = new RouterLink("All documentation", DocsView.class);
        index.setId("docs-index");
        var text = new Pre(read(document));
        text.setId("doc-text");
        text.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)");
        add(index, text);
    }

    private static String read(String document) {
        try (InputStream in = DocsView.class.getResourceAsStream("/docs/" + document + ".md")) {
            if (in == null) {
                return "This document is not packaged with this build of the portal.";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> documents(String... namesAndTitles) {
        Map<String, String> documents = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTitles.length; i += 2) {
            documents.put(namesAndTitles[i], namesAndTitles[i + 1]);
        }
        return documents;
    }
}
