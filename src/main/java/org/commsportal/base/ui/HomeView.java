package org.commsportal.base.ui;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.stream.Collectors;
import org.commsportal.security.PortalUser;
import org.commsportal.security.Role;

/** Landing page: who is signed in, with which roles, and the pages those roles open. */
@Route("")
@PageTitle("Home | Comms Usage Portal")
@PermitAll
class HomeView extends VerticalLayout {

    HomeView(AuthenticationContext authentication) {
        setId("home-view");
        add(new H2("Welcome"));
        authentication.getAuthenticatedUser(PortalUser.class).ifPresent(user -> {
            String roles = user.roles().stream().map(Role::title).sorted().collect(Collectors.joining(", "));
            var roleLine = new Paragraph("Signed in to " + user.tenantName() + " as " + roles + ".");
            roleLine.setId("home-roles");
            add(roleLine);
        });
        var entries = MenuEntries.forCurrentViewer();
        var docs = new RouterLink("the portal's documentation", DocsView.class);
        docs.setId("docs-link");
        if (entries.isEmpty()) {
            add(new Paragraph(
                    new Text("Your roles open no reports in this portal. The programmatic interfaces that "
                            + "your roles allow are described in "),
                    docs,
                    new Text(".")));
        } else {
            add(new Paragraph("Your roles open these pages:"));
            entries.forEach(entry -> add(new RouterLink(entry.title(), entry.menuClass())));
            add(new Paragraph(new Text("How the reports, exports and interfaces work: "), docs, new Text(".")));
        }
    }
}
