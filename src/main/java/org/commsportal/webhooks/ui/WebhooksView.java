package org.commsportal.webhooks.ui;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
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
import org.commsportal.security.Role;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.webhooks.CreatedWebhook;
import org.commsportal.webhooks.WebhookDelivery;
import org.commsportal.webhooks.WebhookEndpoint;
import org.commsportal.webhooks.WebhookKind;
import org.commsportal.webhooks.Webhooks;
import org.jspecify.annotations.Nullable;

/**
 * The tenant's webhook endpoints and each one's delivery log: global administrators create and delete them (the
 * secret is shown once), global readers read them (docs/alerts-and-webhooks.md).
 */
@Route("admin/webhooks")
@PageTitle("Webhooks | Comms Usage Portal")
@Menu(order = 14, title = "Webhooks", icon = "vaadin:connect")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.GLOBAL_READER})
class WebhooksView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Webhooks webhooks;
    private final Grid<WebhookEndpoint> endpoints = new Grid<>();
    private final Grid<WebhookDelivery> deliveries = new Grid<>();
    private final H3 logTitle = new H3("Delivery log");

    WebhooksView(Webhooks webhooks) {
        this.webhooks = webhooks;
        setId("webhooks");
        setMaxWidth("80em");
        boolean mayChange = SignedInRoles.has(Role.GLOBAL_ADMIN);

        var name = new TextField("Name");
        name.setId("webhook-name");
        var kind = new ComboBox<WebhookKind>("Receives");
        kind.setId("webhook-kind");
        kind.setItems(WebhookKind.values());
        kind.setItemLabelGenerator(WebhookKind::label);
        kind.setValue(WebhookKind.ALERTS);
        var url = new TextField("URL");
        url.setId("webhook-url");
        url.setPlaceholder("https://hooks.example.com/portal");
        url.setWidth("28em");
        var create = new Button("Create endpoint", click -> {
            url.setInvalid(false);
            try {
                CreatedWebhook created = webhooks.create(name.getValue(), kind.getValue(), url.getValue());
                ShownOnce.open(
                        "Webhook \"" + created.endpoint().name() + "\" created: its signing secret",
                        created.secret(),
                        "created-webhook");
                name.clear();
                url.clear();
                refresh();
            } catch (IllegalArgumentException problem) {
                url.setErrorMessage(problem.getMessage());
                url.setInvalid(true);
            }
        });
        create.setId("create-webhook");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(name, kind, url, create);
        form.setAlignItems(Alignment.BASELINE);
        form.setWrap(true);
        form.setVisible(mayChange);

        endpoints.setId("webhook-grid");
        endpoints.setAllRowsVisible(true);
        endpoints.addColumn(WebhookEndpoint::name).setHeader("Name").setAutoWidth(true);
        endpoints.addColumn(e -> e.kind().label()).setHeader("Receives").setAutoWidth(true);
        endpoints.addColumn(WebhookEndpoint::url).setHeader("URL").setAutoWidth(true);
        endpoints
                .addColumn(e -> time(e.createdAt()) + " by " + e.createdBy())
                .setHeader("Created (UTC)")
                .setAutoWidth(true);
        if (mayChange) {
            endpoints.addComponentColumn(e -> {
                var delete = new Button(
                        "Delete",
                        click -> Confirm.ask(
                                "delete-webhook",
                                "Delete webhook \"" + e.name() + "\"?",
                                "Nothing more is sent to " + e.url()
                                        + "; its undelivered deliveries and its log go too.",
                                "Delete",
                                () -> {
                                    webhooks.delete(e.id());
                                    refresh();
                                }));
                delete.setId("delete-webhook-" + e.id());
                delete.addThemeVariants(
                        ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                return delete;
            });
        }
        endpoints.asSingleSelect().addValueChangeListener(event -> showLog(event.getValue()));

        deliveries.setId("webhook-deliveries");
        deliveries.setAllRowsVisible(true);
        deliveries
                .addColumn(d -> time(d.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true);
        deliveries.addColumn(WebhookDelivery::eventType).setHeader("Event").setAutoWidth(true);
        deliveries
                .addColumn(WebhookDelivery::idempotencyKey)
                .setHeader("Idempotency key")
                .setAutoWidth(true);
        deliveries
                .addColumn(d -> d.status().name().toLowerCase(java.util.Locale.ROOT))
                .setHeader("Status");
        deliveries.addColumn(WebhookDelivery::attempts).setHeader("Attempts");
        deliveries
                .addColumn(d ->
                        d.status() == WebhookDelivery.Status.PENDING ? time(d.nextAttemptAt()) : time(d.deliveredAt()))
                .setHeader("Next attempt / delivered (UTC)")
                .setAutoWidth(true);
        deliveries
                .addColumn(d -> d.lastStatus() == null ? "" : String.valueOf(d.lastStatus()))
                .setHeader("Last HTTP status");
        deliveries
                .addColumn(d -> d.lastError() == null ? "" : d.lastError())
                .setHeader("Last error")
                .setAutoWidth(true);
        logTitle.setVisible(false);
        deliveries.setVisible(false);

        var docs = DocsLinks.alertsAndWebhooks();
        add(
                new H2("Webhooks"),
                new Paragraph(
                        new Text("Signed JSON deliveries of alerts or of every new and replaced session to "
                                + "https receivers; each retried with backoff until it is answered with 2xx. How a "
                                + "receiver verifies the signature: "),
                        docs,
                        new Text(".")),
                form,
                endpoints,
                logTitle,
                deliveries);
        if (!mayChange) {
            var readOnly = new Paragraph(
                    "You can read the endpoints and their logs; only a global administrator can " + "change them.");
            readOnly.setId("webhooks-read-only");
            addComponentAtIndex(1, readOnly);
        }
        refresh();
    }

    private void refresh() {
        endpoints.setItems(webhooks.endpoints());
        showLog(null);
    }

    private void showLog(@Nullable WebhookEndpoint endpoint) {
        logTitle.setVisible(endpoint != null);
        deliveries.setVisible(endpoint != null);
        if (endpoint != null) {
            logTitle.setText("Delivery log of \"" + endpoint.name() + "\" (newest 200)");
            deliveries.setItems(webhooks.deliveries(endpoint.id(), 0, 200));
        }
    }

    private static String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
