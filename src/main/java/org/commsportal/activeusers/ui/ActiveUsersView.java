package org.commsportal.activeusers.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.commsportal.base.ui.BeingBuilt;
import org.commsportal.security.Roles;

/** Placeholder until its issue lands; it says so on the page. */
@Route("usage/active-users")
@PageTitle("Active users | Comms Usage Portal")
@Menu(order = 3, title = "Active users", icon = "vaadin:users")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.SFB_ADMIN, Roles.REPORTS_READER, Roles.GLOBAL_READER, Roles.USAGE_SUMMARY_READER})
class ActiveUsersView extends VerticalLayout {

    ActiveUsersView() {
        setId("active-users");
        var notice = new BeingBuilt("the active users chart (daily, weekly, monthly and yearly, in any time zone)");
        add(new H2("Active users"), notice);
    }
}
