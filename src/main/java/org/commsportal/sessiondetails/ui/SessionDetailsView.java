package org.commsportal.sessiondetails.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.commsportal.base.ui.BeingBuilt;
import org.commsportal.security.Roles;

/** Placeholder until its issue lands; it says so on the page. */
@Route("usage/session-details")
@PageTitle("Session details | Comms Usage Portal")
@Menu(order = 2, title = "Session details", icon = "vaadin:phone")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.SFB_ADMIN, Roles.REPORTS_READER, Roles.GLOBAL_READER})
class SessionDetailsView extends VerticalLayout {

    SessionDetailsView() {
        setId("session-details");
        var notice = new BeingBuilt("the session details report (search by alias, date range, quality sub-tabs, group-by and exports)");
        add(new H2("Session details"), notice);
    }
}
