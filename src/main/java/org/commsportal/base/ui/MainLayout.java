package org.commsportal.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.commsportal.security.PortalUser;

/**
 * Frame of every signed-in page. The menu lists only the views the signed-in roles may open: Vaadin's menu
 * configuration applies each view's access annotation. Views under {@code usage/} form the "Usage" group.
 */
@Layout
@PermitAll
class MainLayout extends AppLayout {

    static final String USAGE_PREFIX = "usage/";

    MainLayout(AuthenticationContext authentication) {
        setPrimarySection(Section.DRAWER);

        var title = new Span("Comms Usage Portal");
        title.addClassName("portal-title");
        addToDrawer(title, navigation());

        var header = new HorizontalLayout(new DrawerToggle());
        header.setWidthFull();
        header.setAlignItems(HorizontalLayout.Alignment.CENTER);
        header.addClassName("portal-header");
        var spacer = new Div();
        header.addAndExpand(spacer);
        authentication.getAuthenticatedUser(PortalUser.class).ifPresent(user -> {
            var account = new Span(user.displayName() + " (" + user.getUsername() + ")");
            account.setId("signed-in-account");
            var tenant = new Span(user.tenantName());
            tenant.setId("signed-in-tenant");
            tenant.getElement().getThemeList().add("badge contrast");
            var logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
            logout.setId("sign-out");
            logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            header.add(tenant, account, logout);
        });
        addToNavbar(header);
    }

    private static SideNav navigation() {
        var nav = new SideNav();
        nav.setId("main-navigation");
        var usage = new SideNavItem("Usage");
        usage.setId("usage-group");
        usage.setExpanded(true);
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            var item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new com.vaadin.flow.component.icon.Icon(entry.icon()));
            }
            // Menu paths may come with a leading slash
            if (entry.path().replaceFirst("^/", "").startsWith(USAGE_PREFIX)) {
                usage.addItem(item);
            } else {
                nav.addItem(item);
            }
        }
        if (!usage.getItems().isEmpty()) {
            nav.addItemAsFirst(usage);
        }
        return nav;
    }
}
