package org.commsportal.alerts.ui;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.commsportal.alerts.AlertEvent;
import org.commsportal.alerts.AlertRules;
import org.commsportal.base.ui.DocsLinks;
import org.commsportal.security.Roles;

/** Every firing and resolving of the tenant's alert rules, newest first, for the roles that see the quality charts. */
@Route("quality/alerts")
@PageTitle("Alert history | Comms Usage Portal")
@Menu(order = 5.3, title = "Alert history", icon = "vaadin:bell-o")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class AlertHistoryView extends VerticalLayout {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    AlertHistoryView(AlertRules rules) {
        setId("alert-history");
        setSizeFull();
        var grid = new Grid<AlertEvent>();
        grid.setId("alert-history-grid");
        grid.addColumn(e -> TIME.format(e.occurredAt())).setHeader("When (UTC)").setAutoWidth(true);
        grid.addColumn(AlertEvent::ruleName).setHeader("Rule").setAutoWidth(true);
        grid.addColumn(AlertEvent::seriesLabel).setHeader("Series").setAutoWidth(true);
        grid.addColumn(e -> e.kind() == AlertEvent.Kind.FIRED ? "fired" : "resolved")
                .setHeader("State");
        grid.addColumn(e -> e.percent().stripTrailingZeros().toPlainString() + " % (" + e.numerator() + " of "
                        + e.denominator() + ")")
                .setHeader("Figure")
                .setAutoWidth(true);
        grid.addColumn(e -> e.threshold().toPlainString() + " %").setHeader("Threshold");
        grid.addColumn(e -> period(e.windowFrom(), e.windowTo()))
                .setHeader("Sessions started")
                .setAutoWidth(true);
        grid.addColumn(AlertEvent::emailStatus).setHeader("Email").setAutoWidth(true);
        grid.addColumn(AlertEvent::webhookStatus).setHeader("Webhook").setAutoWidth(true);
        grid.setItems(query -> rules.history(query.getOffset(), query.getLimit()).stream(), query ->
                (int) Math.min(Integer.MAX_VALUE, rules.historySize()));
        add(
                new H2("Alert history"),
                new Paragraph(
                        new Text("When each alert rule fired and resolved, with the figure that decided it; "
                                + "global administrators set the rules on the Alert rules page ("),
                        DocsLinks.alertsAndWebhooks(),
                        new Text(").")),
                grid);
    }

    private static String period(Instant from, Instant to) {
        return TIME.format(from) + " – " + TIME.format(to);
    }
}
