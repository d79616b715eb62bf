package org.commsportal.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.commsportal.common.StartupLoad;
import org.commsportal.security.PortalUser;

/**
 * Frame of every signed-in page. The menu lists only the views the signed-in roles may open: Vaadin's menu
 * configuration applies each view's access annotation. The usage overview and the views under {@code usage/} form the
 * "Usage" group, those under {@code admin/} the "Administration" group.
 */
@Layout
@PermitAll
class MainLayout extends AppLayout {

    static final String USAGE_PREFIX = "usage/";
    static final String ADMIN_PREFIX = "admin/";

    /** Route of the signed-in account's own page (a view of the security feature). */
    static final String MY_ACCOUNT_PATH = "account";

    MainLayout(
            AuthenticationContext authentication,
            StartupLoad startupLoad,
            org.commsportal.sessions.BulkImportStatus bulkImports) {
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
        if (startupLoad.notice().isPresent()) {
            header.add(new StartupLoadNotice(startupLoad));
        }
        header.add(new ImportInProgressBanner(bulkImports)); // on the usage and quality pages during a bulk import
        authentication.getAuthenticatedUser(PortalUser.class).ifPresent(user -> {
            var account = new Anchor(MY_ACCOUNT_PATH, user.displayName() + " (" + user.getUsername() + ")");
            account.getElement().setAttribute("router-link", true); // navigate inside the UI, no reload
            account.setId("signed-in-account");
            account.getElement().setAttribute("title", "My account: password, time zone, API tokens");
            var tenant = new Span(user.tenantName());
            tenant.setId("signed-in-tenant");
            tenant.getElement().getThemeList().add("badge contrast");
            var logout = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
            logout.setId("sign-out");
            logout.setAriaLabel("Sign out");
            logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            header.add(tenant, account, logout);

            // The drawer repeats them: on a phone it is where a person looks for them
            var drawerAccount = new Anchor(MY_ACCOUNT_PATH, "My account");
            drawerAccount.getElement().setAttribute("router-link", true);
            drawerAccount.setId("drawer-account");
            var drawerSignOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
            drawerSignOut.setId("drawer-sign-out");
            drawerSignOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            var drawerFooter = new VerticalLayout(
                    new Span(user.displayName() + " · " + user.tenantName()), drawerAccount, drawerSignOut);
            drawerFooter.setId("drawer-footer");
            drawerFooter.setSpacing(false);
            addToDrawer(drawerFooter);

            // On a narrow screen the navigation bar keeps one line: the tenant goes, the name and the sign-out
            // button shrink to their icons
            addAttachListener(attach -> attach.getUI()
                    .getPage()
                    .retrieveExtendedClientDetails(
                            details -> compact(details.getWindowInnerWidth() < NARROW, tenant, account, logout, user)));
            addAttachListener(attach -> attach.getUI()
                    .getPage()
                    .addBrowserWindowResizeListener(
                            resize -> compact(resize.getWidth() < NARROW, tenant, account, logout, user)));
        });
        addToNavbar(header);
    }

    /** Below this window width (CSS pixels) the navigation bar shows icons only. */
    static final int NARROW = 640;

    private static void compact(boolean narrow, Span tenant, Anchor account, Button logout, PortalUser user) {
        tenant.setVisible(!narrow);
        account.removeAll();
        if (narrow) {
            account.add(VaadinIcon.USER.create());
            account.getElement().setAttribute("aria-label", "My account");
        } else {
            account.setText(user.displayName() + " (" + user.getUsername() + ")");
        }
        logout.setText(narrow ? null : "Sign out");
    }

    private static SideNav navigation() {
        var nav = new SideNav();
        nav.setId("main-navigation");
        var usage = group("Usage", "usage-group");
        var admin = group("Administration", "admin-group");
        for (MenuEntry entry : MenuEntries.forCurrentViewer()) {
            var item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new com.vaadin.flow.component.icon.Icon(entry.icon()));
            }
            // Menu paths may come with a leading slash
            String path = entry.path().replaceFirst("^/", "");
            if (path.startsWith(USAGE_PREFIX) || path.equals("usage")) {
                usage.addItem(item);
            } else if (path.startsWith(ADMIN_PREFIX)) {
                admin.addItem(item);
            } else {
                nav.addItem(item);
            }
        }
        if (!admin.getItems().isEmpty()) {
            nav.addItem(admin);
        }
        if (!usage.getItems().isEmpty()) {
            nav.addItemAsFirst(usage);
        }
        return nav;
    }

    private static SideNavItem group(String label, String id) {
        var group = new SideNavItem(label);
        group.setId(id);
        group.setExpanded(true);
        return group;
    }
}
