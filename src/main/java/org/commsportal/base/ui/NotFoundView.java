package org.commsportal.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** A path that is no page of the portal: a 404 inside the layout, with the menu and a way home. */
@ParentLayout(MainLayout.class)
@PageTitle("Page not found | Comms Usage Portal")
@PermitAll
class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    NotFoundView() {
        setId("not-found");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        var home = new RouterLink("Back to the home page", HomeView.class);
        home.setId("back-home");
        add(
                new H2("Page not found (404)"),
                new Paragraph("There is no page '" + event.getLocation().getPath() + "' in this portal. The menu "
                        + "lists the pages your roles open."),
                home);
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
