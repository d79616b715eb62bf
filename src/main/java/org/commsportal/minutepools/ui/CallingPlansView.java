package org.commsportal.minutepools.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.commsportal.minutepools.CallingPlanAllowance;
import org.commsportal.minutepools.CallingPlanAllowances;
import org.commsportal.security.Roles;

/**
 * The minutes per user and month of each calling plan's pools (docs/pstn-minute-pools.md, "Allowances"): global
 * administrators change them (an empty field is the vendor's default), global readers see them read-only.
 */
@Route("admin/calling-plans")
@PageTitle("Calling plans | Comms Usage Portal")
@Menu(order = 10.5, title = "Calling plans", icon = "vaadin:phone")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.GLOBAL_READER})
class CallingPlansView extends VerticalLayout {

    private final CallingPlanAllowances allowances;
    private final Map<CallingPlanAllowance, IntegerField> fields = new LinkedHashMap<>();

    CallingPlansView(CallingPlanAllowances allowances) {
        this.allowances = allowances;
        setId("calling-plans");
        setMaxWidth("48em");
        add(new H2("Calling plans"));
        var help = new Paragraph("Minutes per user and month of each calling plan's pools, for the PSTN minute pools "
                + "page. Leave a field empty for the vendor's published default.");
        help.addClassName("help-text");
        add(help);
        boolean mayChange = allowances.mayChange();
        for (CallingPlanAllowance allowance : allowances.current()) {
            var field = new IntegerField(
                    allowance.plan().wireName() + " " + allowance.plan().description() + ": "
                            + allowance.capability().label() + " minutes");
            field.setId("allowance-" + allowance.plan().wireName().toLowerCase(Locale.ROOT) + "-"
                    + allowance.capability().name().toLowerCase(Locale.ROOT));
            field.setMin(0);
            field.setMax(CallingPlanAllowances.MAX_MINUTES);
            field.setPlaceholder(allowance.defaultMinutes());
            field.setHelperText("Default: " + allowance.defaultMinutes());
            field.setValue(allowance.tenantMinutes());
            field.setClearButtonVisible(true);
            field.setReadOnly(!mayChange);
            field.setWidthFull();
            fields.put(allowance, field);
            add(field);
        }
        if (mayChange) {
            var save = new Button("Save", click -> save());
            save.setId("save-allowances");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(save);
        } else {
            var readOnly = new Paragraph("You can read these allowances; only a global administrator can change them.");
            readOnly.setId("allowances-read-only");
            addComponentAtIndex(1, readOnly);
        }
    }

    private void save() {
        boolean valid = true;
        for (IntegerField field : fields.values()) {
            Integer minutes = field.getValue();
            boolean bad = field.isInvalid()
                    || (minutes != null && (minutes < 0 || minutes > CallingPlanAllowances.MAX_MINUTES));
            field.setErrorMessage(
                    bad ? "Enter 0 to " + CallingPlanAllowances.MAX_MINUTES + " minutes, or nothing" : null);
            field.setInvalid(bad);
            valid &= !bad;
        }
        if (!valid) {
            return;
        }
        int changed = 0;
        for (var entry : fields.entrySet()) {
            CallingPlanAllowance allowance = entry.getKey();
            if (allowances.change(
                    allowance.plan(), allowance.capability(), entry.getValue().getValue())) {
                changed++;
            }
        }
        Notification.show(changed == 0 ? "Nothing changed." : changed + " allowance(s) saved.")
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
