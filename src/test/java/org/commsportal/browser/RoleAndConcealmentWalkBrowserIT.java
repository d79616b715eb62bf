package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.Route;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.privacy.RealNames;
import org.commsportal.security.Role;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Walks every route as every role of both demo tenants in Chromium: the role matrix of docs/privacy-and-roles.md decides
 * between the page and the 403 page, and no page shows a licensed user's real name where names are concealed
 * (all of fabrikam; global readers and roles without per-user data everywhere). Where names are concealed, the walk
 * also types real names, a name fragment and a pseudonym prefix into every search box and filter of every page:
 * no answer may contain a real name, and every user an answer offers must be explained by its pseudonym alone,
 * so that no answer tells which person a pseudonym stands for (docs/privacy.md).
 */
@PortalIntegrationTest
class RoleAndConcealmentWalkBrowserIT extends BrowserTest {

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> CHARTS = EnumSet.of(
            Role.GLOBAL_ADMIN, Role.SFB_ADMIN, Role.REPORTS_READER, Role.GLOBAL_READER, Role.USAGE_SUMMARY_READER);
    private static final Set<Role> PER_USER =
            EnumSet.of(Role.GLOBAL_ADMIN, Role.SFB_ADMIN, Role.REPORTS_READER, Role.GLOBAL_READER);
    private static final Set<Role> ADMINISTRATION = EnumSet.of(Role.GLOBAL_ADMIN, Role.GLOBAL_READER);

    /** Route, the id of its view's root element, and the roles that may open it (docs/privacy-and-roles.md). */
    private record Page(String route, String viewId, Set<Role> allowed) {}

    private static final Map<String, Page> PAGES = pages(
            new Page("", "home-view", ALL),
            new Page("usage", "usage-overview", CHARTS),
            new Page("usage/peer-to-peer-activity", "peer-to-peer-activity", CHARTS),
            new Page("usage/activity", "skype-for-business-activity", CHARTS),
            new Page("usage/conference-organizer-activity", "conference-organizer-activity", CHARTS),
            new Page("usage/conference-participant-activity", "conference-participant-activity", CHARTS),
            new Page("usage/session-details", "session-details", PER_USER),
            new Page("usage/active-users", "active-users", CHARTS),
            new Page("usage/device-usage", "device-usage", CHARTS),
            new Page("usage/pstn-usage", "pstn-usage", CHARTS),
            new Page("usage/users-blocked", "users-blocked", CHARTS),
            new Page("usage/pstn-minute-pools", "pstn-minute-pools", CHARTS),
            new Page("admin/calling-plans", "calling-plans", ADMINISTRATION),
            new Page("quality", "quality", CHARTS),
            new Page("quality/reliability", "reliability", CHARTS),
            new Page("quality/feedback", "feedback", CHARTS),
            new Page("quality/locations", "locations", CHARTS),
            new Page("admin/locations", "location-files", ADMINISTRATION),
            new Page("admin/settings", "settings", ADMINISTRATION),
            new Page("admin/accounts", "accounts", ADMINISTRATION),
            new Page("admin/audit-log", "audit-log", ADMINISTRATION),
            new Page("admin/single-sign-on", "single-sign-on", ADMINISTRATION),
            new Page("sign-in-refused", "sign-in-refused", ALL),
            new Page("admin/ingestion-keys", "ingestion-keys", EnumSet.of(Role.GLOBAL_ADMIN)),
            new Page("admin/import", "import-upload", EnumSet.of(Role.GLOBAL_ADMIN)),
            new Page("account", "my-account", ALL),
            new Page("my-schedules", "my-schedules", CHARTS),
            new Page("docs", "docs", ALL),
            new Page("admin/webhooks", "webhooks", ADMINISTRATION),
            new Page("admin/alerts", "alert-rules", ADMINISTRATION),
            new Page("quality/alerts", "alert-history", CHARTS),
            new Page("admin/pstn-rates", "pstn-rates", EnumSet.of(Role.GLOBAL_ADMIN)));

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SessionWriter writer;

    @Autowired
    CurrentTenant currentTenant;

    @Test
    void the_walk_covers_every_route_of_the_portal() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Set<String> routes = scanner.findCandidateComponents("org.commsportal").stream()
                .map(bean -> {
                    try {
                        return Class.forName(bean.getBeanClassName())
                                .getAnnotation(Route.class)
                                .value();
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

    /** A licensed user of the tenant whose real names the walk types. */
    private record Probe(String upn, String alias, String displayName, String pseudonym) {

        List<String> typed() {
            return List.of(alias, displayName, upn, alias.substring(0, 3), pseudonym.substring(0, 8));
        }
    }

    private void walk(String tenant, boolean tenantConceals) {
        RealNames realNames = RealNames.of(jdbc, tenant);
        Probe probe = jdbc.sql("""
                SELECT u.upn, u.alias, u.display_name, u.pseudonym FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id
                WHERE t.name = :tenant AND NOT u.deleted AND u.alias REGEXP '^[a-z]+[.]' ORDER BY u.id LIMIT 1
                """)
                .param("tenant", tenant)
                .query((rs, n) -> new Probe(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
        // the users blocked page lists blocked users only (docs/users-blocked.md): block the probe since yesterday
        jdbc.sql("""
                INSERT INTO pstn_block_period (tenant_id, user_id, action, reason, blocked_at)
                SELECT u.tenant_id, u.id, 'BlockedForPstn', 'role walk', :since FROM licensed_user u
                JOIN tenant t ON t.id = u.tenant_id
                WHERE t.name = :tenant AND u.upn = :upn AND NOT EXISTS (SELECT 1 FROM pstn_block_period b
                    WHERE b.tenant_id = u.tenant_id AND b.user_id = u.id AND b.ended_at IS NULL)
                """)
                .param(
                        "since",
                        java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusDays(1))
                .param("tenant", tenant)
                .param("upn", probe.upn())
                .update();
        givePstnCallTwoDaysAgo(tenant, probe.upn());
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
                assertThat(browser.driver.findElements(By.id(page.viewId())))
                        .as(who)
                        .hasSize(page.allowed().contains(role) ? 1 : 0);
                String html = browser.driver.getPageSource();
                if (namesShown) {
                    sawRealNames |= !realNames.foundIn(html).isEmpty();
                } else {
                    assertThat(realNames.foundIn(html)).as(who).isEmpty();
                }
                if (TABLES_OF_USERS.contains(page.viewId()) && PER_USER.contains(role) && !namesShown) {
                    assertThat(html).as(who + ": the table rendered pseudonyms").containsPattern("[0-9a-f]{32}");
                }
                if (!namesShown && page.allowed().contains(role)) {
                    typeIntoEverySearchBox(who, page.route(), PER_USER.contains(role), realNames, probe);
                }
            }
            assertThat(sawRealNames)
                    .as(role + " of " + tenant + " sees real names somewhere")
                    .isEqualTo(namesShown);
        }
    }

    /**
     * The PSTN usage page's user filter searches the period's calls only, and the demo data gives a user a call every
     * few weeks: the probe calls a number two days ago (inside the last 7 days in every zone), so that the filter must find it (a re-send of the same dialog).
     */
    private void givePstnCallTwoDaysAgo(String tenant, String upn) {
        long tenantId = jdbc.sql("SELECT id FROM tenant WHERE name = :tenant")
                .param("tenant", tenant)
                .query(Long.class)
                .single();
        int at = upn.indexOf('@');
        var call = new org.commsportal.pstn.TestCalls(upn.substring(at + 1))
                .callOut(
                        "role-walk-pstn-call",
                        LocalDate.now(ZoneOffset.UTC).minusDays(2),
                        "12:00:00",
                        upn.substring(0, at),
                        "+12065550100",
                        120_000);
        currentTenant.runAs(tenantId, () -> writer.write(List.of(call)));
    }

    /**
     * Types each probe into every editable text field and combo box of the open page (search boxes, filters and
     * the rest alike: typing submits nothing) and checks the page's answers; the user searches must find the probe
     * by its pseudonym prefix, so the walk cannot pass by finding nothing at all.
     */
    private void typeIntoEverySearchBox(String who, String route, boolean perUser, RealNames realNames, Probe probe) {
        List<String> ids = searchBoxIds();
        if (perUser && PER_USER_SEARCHES.containsKey(route)) {
            assertThat(ids).as(who).contains(PER_USER_SEARCHES.get(route));
        }
        for (String id : ids) {
            // the user searches get every probe; other fields the real names only (they search no users)
            List<String> probes =
                    PER_USER_SEARCHES.containsValue(id) ? probe.typed() : List.of(probe.alias(), probe.displayName());
            for (String typed : probes) {
                String what = who + ", typing '" + typed + "' into #" + id;
                List<String> answers = type(id, typed);
                assertThat(realNames.foundIn(browser.driver.getPageSource()))
                        .as(what)
                        .isEmpty();
                assertThat(realNames.foundIn(String.join("\n", answers)))
                        .as(what)
                        .isEmpty();
                String lower = typed.toLowerCase(Locale.ROOT);
                if (id.equals("user-search")) {
                    assertThat(answers)
                            .as(what + ": each choice is explained by its pseudonym")
                            .allSatisfy(label ->
                                    assertThat(label).matches("[0-9a-f]{32}").startsWith(lower));
                } else if (id.equals("user-filter")) {
                    assertThat(answers)
                            .as(what + ": each row is explained by its pseudonym")
                            .allSatisfy(name ->
                                    assertThat(name).matches("[0-9a-f]{32}").contains(lower));
                }
                if (typed.equals(probe.pseudonym().substring(0, 8)) && PER_USER_SEARCHES.containsValue(id)) {
                    assertThat(answers)
                            .as(what + ": a pseudonym seen in a report finds its user")
                            .contains(probe.pseudonym());
                }
            }
            if (!browser.driver.findElement(By.id(id)).getTagName().equals("vaadin-combo-box")) {
                type(id, ""); // combo boxes went back to their value on Escape; emptied, some would clear it
            }
        }
    }

    /** The page's user searches: their answers are user names. */
    private static final Map<String, String> PER_USER_SEARCHES = Map.of(
            "usage/peer-to-peer-activity",
            "user-filter",
            "usage/activity",
            "user-filter",
            "usage/conference-organizer-activity",
            "user-filter",
            "usage/conference-participant-activity",
            "user-filter",
            "usage/device-usage",
            "user-filter",
            "usage/session-details",
            "user-search");

    /** The views whose per-user table renders every licensed user's name (pseudonyms where concealed). */
    private static final Set<String> TABLES_OF_USERS = Set.of(
            "peer-to-peer-activity",
            "skype-for-business-activity",
            "conference-organizer-activity",
            "conference-participant-activity",
            "device-usage");

    @SuppressWarnings("unchecked")
    private List<String> searchBoxIds() {
        return (List<String>) browser.script("""
                return [...document.querySelectorAll('vaadin-text-field, vaadin-combo-box')]
                    .filter(f => f.id && !f.readonly && !f.disabled && f.offsetParent !== null)
                    .map(f => f.id);
                """);
    }

    /** Types the text into the field and returns what it answers: combo box choices, or the user table's names. */
    private List<String> type(String id, String text) {
        WebElement input = browser.waitFor(By.cssSelector("#" + id + " input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
        try {
            Thread.sleep(700); // the fields' lazy value change and the combo box's filter debounce
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        browser.waitUntilIdle();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> Boolean.FALSE.equals(
                        browser.script("return !!document.getElementById(arguments[0]).loading", id)));
        List<String> answers = new ArrayList<>();
        if (browser.driver.findElement(By.id(id)).getTagName().equals("vaadin-combo-box")) {
            for (WebElement item : browser.driver.findElements(By.cssSelector("vaadin-combo-box-item"))) {
                if (item.isDisplayed()) {
                    answers.add(item.getText().strip());
                }
            }
            input.sendKeys(Keys.ESCAPE);
        } else if (id.equals("user-filter")) {
            int userColumn = userColumn("user-table");
            browser.gridRows("user-table")
                    .forEach(row -> answers.add(row.get(userColumn).toLowerCase(Locale.ROOT)));
        }
        browser.waitUntilIdle();
        return answers;
    }

    /** The visible column headed "User" or "User name" (the PSTN calls table starts with the time). */
    private int userColumn(String gridId) {
        Number index = (Number) browser.script("""
                const grid = document.getElementById(arguments[0]);
                for (const tr of grid.shadowRoot.querySelectorAll('thead tr')) {
                    const names = [...tr.querySelectorAll('th')].filter(th => !th.hidden).map(th => {
                        const slot = th.querySelector('slot');
                        const content = slot && slot.assignedNodes()[0];
                        return content ? content.textContent.trim().toLowerCase() : '';
                    });
                    const found = names.findIndex(name => name === 'user' || name === 'user name');
                    if (found >= 0) {
                        return found;
                    }
                }
                return 0;
                """, gridId);
        return index.intValue();
    }

    private static Map<String, Page> pages(Page... pages) {
        Map<String, Page> byRoute = new LinkedHashMap<>();
        for (Page page : pages) {
            byRoute.put(page.route(), page);
        }
        return byRoute;
    }
}
