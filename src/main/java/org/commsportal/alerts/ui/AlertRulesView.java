package org.commsportal.alerts.ui;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.commsportal.alerts.AlertMetric;
import org.commsportal.alerts.AlertRule;
import org.commsportal.alerts.AlertRuleInput;
import org.commsportal.alerts.AlertRules;
import org.commsportal.alerts.AlertScope;
import org.commsportal.alerts.AlertWindow;
import org.commsportal.base.ui.Confirm;
import org.commsportal.base.ui.DocsLinks;
import org.commsportal.security.Role;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.sessions.Modality;
import org.commsportal.webhooks.WebhookEndpoint;
import org.commsportal.webhooks.WebhookKind;
import org.commsportal.webhooks.Webhooks;
import org.jspecify.annotations.Nullable;

/**
 * The tenant's threshold alert rules: global administrators create, change and delete them; global readers read
 * them (docs/alerts-and-webhooks.md).
 */
@Route("admin/alerts")
@PageTitle("Alert rules | Comms Usage Portal")
@Menu(order = 14.5, title = "Alert rules", icon = "vaadin:bell")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.GLOBAL_READER})
class AlertRulesView extends VerticalLayout {

    private final AlertRules rules;
    private final Grid<AlertRule> grid = new Grid<>();
    private final TextField name = new TextField("Name");
    private final ComboBox<AlertMetric> metric = new ComboBox<>("Figure");
    private final ComboBox<Optional<Modality>> modality = new ComboBox<>("Modality");
    private final ComboBox<Optional<AlertScope>> split = new ComboBox<>("Overall or per");
    private final ComboBox<AlertWindow> window = new ComboBox<>("Window");
    private final NumberField threshold = new NumberField("Threshold (%)");
    private final IntegerField minSample = new IntegerField("Minimum sample");
    private final IntegerField cooldown = new IntegerField("Cooldown (minutes)");
    private final ComboBox<Optional<WebhookEndpoint>> webhook = new ComboBox<>("Webhook");
    private final TextField recipients = new TextField("Email to (sign-in names, comma-separated)");
    private final Checkbox enabled = new Checkbox("Enabled", true);
    private final Span problem = new Span();
    private @Nullable AlertRule editing;

    AlertRulesView(AlertRules rules, Webhooks webhooks) {
        this.rules = rules;
        setId("alert-rules");
        setMaxWidth("80em");
        boolean mayChange = SignedInRoles.has(Role.GLOBAL_ADMIN);

        name.setId("alert-rule-name");
        metric.setId("alert-rule-metric");
        metric.setItems(AlertMetric.values());
        metric.setItemLabelGenerator(AlertMetric::label);
        modality.setId("alert-rule-modality");
        modality.setItems(
                Optional.empty(),
                Optional.of(Modality.AUDIO),
                Optional.of(Modality.VIDEO),
                Optional.of(Modality.APPLICATION_SHARING));
        modality.setItemLabelGenerator(m -> m.map(Modality::label).orElse("All"));
        modality.setValue(Optional.empty());
        split.setId("alert-rule-split");
        split.setItems(java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(Optional.<AlertScope>empty()),
                        Arrays.stream(AlertScope.values()).map(Optional::of))
                .toList());
        split.setItemLabelGenerator(s -> s.map(AlertScope::title).orElse("Overall"));
        split.setValue(Optional.empty());
        window.setId("alert-rule-window");
        window.setItems(AlertWindow.values());
        window.setItemLabelGenerator(AlertWindow::label);
        window.setValue(AlertWindow.HOUR);
        threshold.setId("alert-rule-threshold");
        threshold.setHelperText("Fires when the figure reaches it: above 0, at most 100");
        minSample.setId("alert-rule-min-sample");
        minSample.setValue(30);
        cooldown.setId("alert-rule-cooldown");
        cooldown.setValue(60);
        webhook.setId("alert-rule-webhook");
        List<Optional<WebhookEndpoint>> endpoints = new java.util.ArrayList<>();
        endpoints.add(Optional.empty());
        webhooks.endpoints(WebhookKind.ALERTS).forEach(e -> endpoints.add(Optional.of(e)));
        webhook.setItems(endpoints);
        webhook.setItemLabelGenerator(e -> e.map(WebhookEndpoint::name).orElse("None"));
        webhook.setValue(Optional.empty());
        recipients.setId("alert-rule-recipients");
        problem.setId("alert-rule-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");

        var save = new Button("Save rule", click -> save());
        save.setId("save-alert-rule");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var clear = new Button("New rule", click -> edit(null));
        clear.setId("new-alert-rule");
        var form = new FormLayout(
                name, metric, modality, split, window, threshold, minSample, cooldown, webhook, recipients, enabled);
        var actions = new HorizontalLayout(save, clear, problem);
        actions.setAlignItems(Alignment.BASELINE);
        form.setVisible(mayChange);
        actions.setVisible(mayChange);

        grid.setId("alert-rule-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(AlertRule::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(AlertRule::describe).setHeader("Rule").setAutoWidth(true);
        grid.addColumn(r -> r.recipients().isEmpty() ? "" : String.join(", ", r.recipients()))
                .setHeader("Email to")
                .setAutoWidth(true);
        grid.addColumn(r -> r.webhookEndpointId() == null ? "" : "yes").setHeader("Webhook");
        grid.addColumn(r -> r.enabled() ? "enabled" : "disabled").setHeader("State");
        if (mayChange) {
            grid.addComponentColumn(r -> {
                var delete = new Button(
                        "Delete",
                        click -> Confirm.ask(
                                "delete-alert-rule",
                                "Delete alert rule \"" + r.name() + "\"?",
                                "It is no longer evaluated; its alert history stays.",
                                "Delete",
                                () -> {
                                    rules.delete(r.id());
                                    edit(null);
                                    refresh();
                                }));
                delete.setId("delete-alert-rule-" + r.id());
                delete.addThemeVariants(
                        ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                return delete;
            });
            grid.asSingleSelect().addValueChangeListener(event -> edit(event.getValue()));
        }

        add(
                new H2("Alert rules"),
                new Paragraph(
                        new Text("Each rule watches a call quality or reliability figure over the last hour or "
                                + "24 hours, overall or per value of a split, and is delivered by email and webhook "
                                + "when it fires and resolves; see "),
                        DocsLinks.alertsAndWebhooks(),
                        new Text(".")),
                form,
                actions,
                grid);
        if (!mayChange) {
            var readOnly = new Paragraph("You can read the rules; only a global administrator can change them.");
            readOnly.setId("alert-rules-read-only");
            addComponentAtIndex(1, readOnly);
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(rules.rules());
    }

    private void edit(@Nullable AlertRule rule) {
        editing = rule;
        problem.setText("");
        if (rule == null) {
            name.clear();
            metric.clear();
            threshold.clear();
            return;
        }
        name.setValue(rule.name());
        metric.setValue(rule.metric());
        modality.setValue(Optional.ofNullable(rule.modality()));
        split.setValue(Optional.ofNullable(rule.split()));
        window.setValue(rule.window());
        threshold.setValue(rule.thresholdPercent().doubleValue());
        minSample.setValue(rule.minSample());
        cooldown.setValue(rule.cooldownMinutes());
        webhook.setValue(webhook.getListDataView()
                .getItems()
                .filter(e -> e.map(WebhookEndpoint::id).orElse(-1L).equals(rule.webhookEndpointId()))
                .findFirst()
                .orElse(Optional.empty()));
        recipients.setValue(String.join(", ", rule.recipients()));
        enabled.setValue(rule.enabled());
    }

    private void save() {
        problem.setText("");
        var input = new AlertRuleInput(
                name.getValue(),
                metric.getValue(),
                modality.getValue() == null ? null : modality.getValue().orElse(null),
                split.getValue() == null ? null : split.getValue().orElse(null),
                window.getValue(),
                threshold.getValue(),
                minSample.getValue(),
                cooldown.getValue(),
                webhook.getValue() == null
                        ? null
                        : webhook.getValue().map(WebhookEndpoint::id).orElse(null),
                Arrays.stream(recipients.getValue().split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList(),
                enabled.getValue());
        try {
            if (editing == null) {
                rules.create(input);
            } else {
                rules.update(editing.id(), input);
            }
            grid.asSingleSelect().clear();
            edit(null);
            refresh();
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
        }
    }
}
