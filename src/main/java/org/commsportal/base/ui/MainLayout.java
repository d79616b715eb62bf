package org.commsportal.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.commsportal.common.StartupLoad;
import org.commsportal.security.PortalUser;
import org.springframework.web.util.HtmlUtils;

/**
 * Frame of every signed-in page. The menu lists only the views the signed-in roles may open: Vaadin's menu
 * configuration applies each view's access annotation. The usage overview and the views under {@code usage/} form the
 * "Usage" group, those under {@code admin/} the "Administration" group.
 */
@Layout
@PermitAll
// the menu's web components, which the layout writes as markup: keeps them in the frontend bundle
@Uses(SideNav.class)
@Uses(SideNavItem.class)
@Uses(Icon.class)
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
            var accountIcon = VaadinIcon.USER.create();
            accountIcon.addClassName("portal-account-icon");
            var accountName = new Span(user.displayName() + " (" + user.getUsername() + ")");
            accountName.addClassName("portal-account-name");
            var account = new Anchor(MY_ACCOUNT_PATH, accountIcon, accountName);
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
            var narrowNavbar = new Element("style");
            narrowNavbar.setText(NARROW_NAVBAR);
            header.getElement().appendChild(narrowNavbar);
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
        });
        addToNavbar(header);
    }

    /** Below this window width (CSS pixels) the navigation bar shows icons only. */
    private static final int NARROW = 640;

    /**
     * On a narrow screen the navigation bar keeps one line: the tenant goes, the account link and the sign-out button
     * shrink to their icons (the account's name stays its accessible name). A media query, so a phone shows the bar
     * so from its first paint, and the page asks the browser for its width in no round trip of its own. The narrow
     * query is the wide one negated, so that no width between them (a zoomed window's 639.5 px) shows both or neither.
     */
    private static final String NARROW_NAVBAR = """
            @media not all and (min-width: %1$dpx) {
              #signed-in-tenant { display: none; }
              #signed-in-account .portal-account-name {
                position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%%);
                white-space: nowrap;
              }
              #sign-out::part(label) { display: none; }
            }
            @media (min-width: %1$dpx) {
              #signed-in-account .portal-account-icon { display: none; }
            }
            """.formatted(NARROW);

    /**
     * The menu as markup of the side navigation's web components, set as one property: built of Flow components it
     * was a third of the changes a page open sends (about 350 of 1,060: an item, its icon and their listeners each),
     * and each item's expanded state came back to the server in a round trip of its own after every change of the
     * address. The web components navigate inside the UI and mark the current page themselves
     * (docs/load-test.md, "100 administrators").
     */
    private static Div navigation() {
        var usage = new StringBuilder();
        var admin = new StringBuilder();
        var other = new StringBuilder();
        for (MenuEntry entry : MenuEntries.forCurrentViewer()) {
            // Menu paths may come with a leading slash
            String path = entry.path().replaceFirst("^/", "");
            StringBuilder list = path.startsWith(USAGE_PREFIX) || path.equals("usage")
                    ? usage
                    : path.startsWith(ADMIN_PREFIX) ? admin : other;
            list.append("<vaadin-side-nav-item path=\"")
                    .append(HtmlUtils.htmlEscape(path))
                    .append('"');
            if (list != other) {
                list.append(" slot=\"children\"");
            }
            list.append('>');
            if (entry.icon() != null) {
                list.append("<vaadin-icon icon=\"")
                        .append(HtmlUtils.htmlEscape(entry.icon()))
                        .append("\" slot=\"prefix\"></vaadin-icon>");
            }
            list.append(HtmlUtils.htmlEscape(entry.title())).append("</vaadin-side-nav-item>");
        }
        var markup = new StringBuilder("<vaadin-side-nav id=\"main-navigation\">");
        group(markup, "Usage", "usage-group", usage);
        markup.append(other);
        group(markup, "Administration", "admin-group", admin);
        markup.append("</vaadin-side-nav>");
        var nav = new Div();
        nav.getElement().setProperty("innerHTML", markup.toString());
        return nav;
    }

    private static void group(StringBuilder markup, String label, String id, CharSequence items) {
        if (!items.isEmpty()) {
            markup.append("<vaadin-side-nav-item id=\"")
                    .append(id)
                    .append("\" expanded>")
                    .append(label)
                    .append(items)
                    .append("</vaadin-side-nav-item>");
        }
    }
}
