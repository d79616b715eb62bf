package org.commsportal.settings.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
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
import java.time.ZoneId;
import org.commsportal.base.ui.TimeZoneField;
import org.commsportal.security.Roles;
import org.commsportal.settings.SettingsService;
import org.commsportal.settings.TenantSettings;

/** The tenant's settings: global administrators change them, global readers see them read-only. */
@Route("admin/settings")
@PageTitle("Settings | Comms Usage Portal")
@Menu(order = 10, title = "Settings", icon = "vaadin:cog")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.GLOBAL_READER})
class SettingsView extends VerticalLayout {

    private final SettingsService settings;
    private final Checkbox concealedNames = new Checkbox("Display concealed user names in all reports");
    private final IntegerField retentionDays = new IntegerField("Retention (days)");
    private final ComboBox<ZoneId> defaultTimeZone = TimeZoneField.create("Default time zone for new accounts");

    SettingsView(SettingsService settings) {
        this.settings = settings;
        setId("settings");
        setMaxWidth("48em");

        concealedNames.setId("display-concealed-names");
        var concealedHelp = new Paragraph("When on, every user name, UPN and URI of a licensed user is replaced by a "
                + "stable pseudonym in every report, export and API answer.");
        concealedHelp.addClassName("help-text");
        retentionDays.setId("retention-days");
        retentionDays.setMin(TenantSettings.MIN_RETENTION_DAYS);
        retentionDays.setMax(TenantSettings.MAX_RETENTION_DAYS);
        retentionDays.setStepButtonsVisible(true);
        retentionDays.setHelperText("Sessions and rollups older than this are removed.");
        retentionDays.setRequiredIndicatorVisible(true);
        defaultTimeZone.setId("default-time-zone");

        var save = new Button("Save", click -> save());
        save.setId("save-settings");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        add(new H2("Settings"), concealedNames, concealedHelp, retentionDays, defaultTimeZone, save);
        show(settings.current());

        if (!settings.mayChange()) {
            concealedNames.setReadOnly(true);
            retentionDays.setReadOnly(true);
            defaultTimeZone.setReadOnly(true);
            save.setVisible(false);
            var readOnly = new Paragraph("You can read these settings; only a global administrator can change them.");
            readOnly.setId("settings-read-only");
            addComponentAtIndex(1, readOnly);
        }
    }

    private void show(TenantSettings current) {
        concealedNames.setValue(current.displayConcealedNames());
        retentionDays.setValue(current.retentionDays());
        defaultTimeZone.setValue(current.defaultTimeZone());
    }

    private void save() {
        retentionDays.setInvalid(false);
        defaultTimeZone.setInvalid(false);
        Integer days = retentionDays.getValue();
        if (days == null || days < TenantSettings.MIN_RETENTION_DAYS || days > TenantSettings.MAX_RETENTION_DAYS) {
            retentionDays.setErrorMessage("Enter a whole number of days from " + TenantSettings.MIN_RETENTION_DAYS
                    + " to " + TenantSettings.MAX_RETENTION_DAYS + ".");
            retentionDays.setInvalid(true);
            return;
        }
        ZoneId zone = defaultTimeZone.getValue();
        if (zone == null) {
            defaultTimeZone.setErrorMessage("Choose a time zone.");
            defaultTimeZone.setInvalid(true);
            return;
        }
        int changed = settings.update(new TenantSettings(concealedNames.getValue(), days, zone));
        var note = Notification.show(changed == 0 ? "Nothing changed." : "Settings saved.");
        note.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        note.setId("settings-saved");
    }
}
