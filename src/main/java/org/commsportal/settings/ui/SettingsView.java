package org.commsportal.settings.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.commsportal.base.ui.BeingBuilt;
import org.commsportal.security.Roles;

/** Placeholder until its issue lands; it says so on the page. */
@Route("settings")
@PageTitle("Settings | Comms Usage Portal")
@Menu(order = 10, title = "Settings", icon = "vaadin:cog")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.GLOBAL_READER})
class SettingsView extends VerticalLayout {

    SettingsView() {
        setId("settings");
        var notice = new BeingBuilt("the settings page (concealed user names, retention, time zone, accounts and audit log)");
        add(new H2("Settings"), notice);
    }
}
