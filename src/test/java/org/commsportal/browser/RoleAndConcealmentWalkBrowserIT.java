package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.Route;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.privacy.RealNames;
import org.commsportal.security.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Walks every route as every role of both demo tenants in Chromium: the role matrix of docs/privacy-and-roles.md decides
 * between the page and the 403 page, and no page shows a licensed user's real name where names are concealed
 * (all of fabrikam; global readers and roles without per-user data everywhere).
 */
@PortalIntegrationTest
class RoleAndConcealmentWalkBrowserIT extends BrowserTest {

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> CHARTS = EnumSet.of(Role.GLOBAL_ADMIN, Role.SFB_ADMIN, Role.REPORTS_READER,
            Role.GLOBAL_READER, Role.USAGE_SUMMARY_READER);
    private static final Set<Role> PER_USER = EnumSet.of(Role.GLOBAL_ADMIN, Role.SFB_ADMIN, Role.REPORTS_READER,
            Role.GLOBAL_READER);
    private static final Set<Role> ADMINISTRATION = EnumSet.of(Role.GLOBAL_ADMIN, Role.GLOBAL_READER);

    /** Route, the id of its view's root element, and the roles that may open it (docs/privacy-and-roles.md). */
    private record Page(String route, String viewId, Set<Role> allowed) {
    }

    private static final Map<String, Page> PAGES = pages(
            new Page("", "home-view", ALL),
            new Page("usage/peer-to-peer-activity", "peer-to-peer-activity", CHARTS),
            new Page("usage/session-details", "session-details", PER_USER),
            new Page("usage/active-users", "active-users", CHARTS),
            new Page("admin/settings", "settings", ADMINISTRATION),
            new Page("admin/accounts", "accounts", ADMINISTRATION),
            new Page("admin/audit-log", "audit-log", ADMINISTRATION),
            new Page("admin/ingestion-keys", "ingestion-keys", EnumSet.of(Role.GLOBAL_ADMIN)),
            new Page("account", "my-account", ALL));

    @Autowired JdbcClient jdbc;

    @Test
    void the_walk_covers_every_route_of_the_portal() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Set<String> routes = scanner.findCandidateComponents("org.commsportal").stream()
                .map(bean -> {
                    try {
                        return Class.forName(bean.getBeanClassName()).getAnnotation(Route.class).value();
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .filter(route -> !route.equals("login"))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(routes).isEqualTo(new TreeSet<>(PAGES.keySet()));
    }

    @Test
    void every_role_opens_exactly_its_pages_and_sees_real_names_only_where_allowed() {
        walk(DemoAccounts.CONTOSO, false);
        walk(DemoAccounts.FABRIKAM, true);
    }

    private void walk(String tenant, boolean tenantConceals) {
        RealNames realNames = RealNames.of(jdbc, tenant);
        for (Role role : Role.values()) {
            browser.signOutByCookies();
            browser.signIn(DemoAccounts.username(role, tenant), DemoAccounts.PASSWORD);
            boolean namesShown = !tenantConceals && Role.SEES_REAL_NAMES.contains(role);
            boolean sawRealNames = false;
            for (Page page : PAGES.values()) {
                String who = role + " of " + tenant + " on /" + page.route();
                browser.open("/" + page.route());
                String expectedId = page.allowed().contains(role) ? page.viewId() : "access-denied";
                browser.waitFor(By.id(expectedId));
                browser.waitUntilIdle();
                assertThat(browser.driver.findElements(By.id(page.viewId()))).as(who).hasSize(
                        page.allowed().contains(role) ? 1 : 0);
                String html = browser.driver.getPageSource();
                if (namesShown) {
                    sawRealNames |= !realNames.foundIn(html).isEmpty();
                } else {
                    assertThat(realNames.foundIn(html)).as(who).isEmpty();
                }
                if (page.viewId().equals("peer-to-peer-activity") && PER_USER.contains(role) && !namesShown) {
                    assertThat(html).as(who + ": the table rendered pseudonyms").containsPattern("[0-9a-f]{32}");
                }
            }
            assertThat(sawRealNames).as(role + " of " + tenant + " sees real names somewhere")
                    .isEqualTo(namesShown);
        }
    }

    private static Map<String, Page> pages(Page... pages) {
        Map<String, Page> byRoute = new LinkedHashMap<>();
        for (Page page : pages) {
            byRoute.put(page.route(), page);
        }
        return byRoute;
    }
}
