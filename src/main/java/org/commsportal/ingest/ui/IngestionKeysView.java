package org.commsportal.ingest.ui;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.commsportal.base.ui.Confirm;
import org.commsportal.base.ui.DocsLinks;
import org.commsportal.base.ui.ShownOnce;
import org.commsportal.ingest.CreatedIngestionKey;
import org.commsportal.ingest.IngestionKeySummary;
import org.commsportal.ingest.IngestionKeys;
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/** The tenant's ingestion keys: a global administrator creates one per sender, sees it once, and revokes it. */
@Route("admin/ingestion-keys")
@PageTitle("Ingestion keys | Comms Usage Portal")
@Menu(order = 13, title = "Ingestion keys", icon = "vaadin:upload")
@RolesAllowed(Roles.GLOBAL_ADMIN)
class IngestionKeysView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final IngestionKeys keys;
    private final Grid<IngestionKeySummary> grid = new Grid<>();

    IngestionKeysView(IngestionKeys keys) {
        this.keys = keys;
        setId("ingestion-keys");
        setMaxWidth("72em");

        var name = new TextField("Key name");
        name.setId("ingestion-key-name");
        name.setPlaceholder("e.g. CDR exporter on pool 1");
        var create = new Button("Create key", click -> {
            name.setInvalid(false);
            try {
                CreatedIngestionKey created = keys.create(name.getValue());
                ShownOnce.open(
                        "Ingestion key \"" + created.summary().name() + "\" created",
                        created.key(),
                        "created-ingestion-key");
                name.clear();
                refresh();
            } catch (IllegalArgumentException problem) {
                name.setErrorMessage(problem.getMessage());
                name.setInvalid(true);
            }
        });
        create.setId("create-ingestion-key");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(name, create);
        form.setAlignItems(Alignment.BASELINE);

        grid.setId("ingestion-key-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(IngestionKeySummary::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(key -> key.prefix() + "...").setHeader("Key").setAutoWidth(true);
        grid.addColumn(key -> time(key.createdAt()) + " by " + key.createdBy())
                .setHeader("Created (UTC)")
                .setAutoWidth(true);
        grid.addColumn(key -> time(key.lastUsedAt())).setHeader("Last used").setAutoWidth(true);
        grid.addColumn(key -> key.revokedAt() == null ? "Active" : "Revoked " + time(key.revokedAt()))
                .setHeader("Status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(key -> {
            var revoke = new Button(
                    "Revoke",
                    click -> Confirm.ask(
                            "revoke-ingestion-key",
                            "Revoke ingestion key \"" + key.name() + "\"?",
                            "Senders using the key \"" + key.name() + "\" (" + key.prefix() + "...) are "
                                    + "refused from then on. A revoked key cannot be used again.",
                            "Revoke key",
                            () -> {
                                keys.revoke(key.id());
                                refresh();
                            }));
            revoke.setId("revoke-ingestion-key-" + key.id());
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            revoke.setEnabled(key.revokedAt() == null);
            return revoke;
        });

        var docs = DocsLinks.ingest();
        add(
                new H2("Ingestion keys"),
                new Paragraph(
                        new Text(
                                "Senders post sessions and users to "
                                        + "/api/v1/ingest/sessions and /api/v1/ingest/users with \"Authorization: Bearer <key>\" (see "),
                        docs,
                        new Text(
                                "). A key can do nothing but ingest for this organization; it is shown once, when it is "
                                        + "created.")),
                form,
                grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(keys.list());
    }

    private static String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
