package org.commsportal.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** What a signed-in user sees on a page their roles do not open: a clear 403, not a blank page. */
@ParentLayout(MainLayout.class)
@PageTitle("Access denied | Comms Usage Portal")
@PermitAll
class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    AccessDeniedView() {
        setId("access-denied");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        var home = new RouterLink("Back to the home page", HomeView.class);
        home.setId("back-home");
        add(
                new H2("Access denied (403)"),
                new Paragraph("Your roles do not allow you to open '"
                        + event.getLocation().getPath()
                        + "'. Ask a global administrator of your organization for a role that includes it."),
                home);
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
