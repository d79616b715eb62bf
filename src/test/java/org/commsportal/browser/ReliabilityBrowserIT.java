package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.security.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The call reliability and Rate My Call pages in headless Chromium on the production build (demo data): the trend,
 * the top failures with the demo's standout cause and their drill-through links, roles without per-user data, and
 * the comments concealed in a concealing tenant.
 */
@PortalIntegrationTest
class ReliabilityBrowserIT extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_administrator_reads_the_failure_rates_and_opens_the_top_failures_sessions() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/quality/reliability");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        assertThat(seriesNames("trend-chart")).containsExactly("Setup failure %", "Drop failure %");
        assertThat(categories("trend-chart")).hasSize(demoDaysAmongLast(30));
        assertThat(browser.driver.findElements(By.tagName("no-license"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("summary")).getText())
                .contains("attempts from")
                .contains("setup failure")
                .contains("expected failures not counted");
        List<List<String>> top = browser.gridRows("top-failures");
        assertThat(top).isNotEmpty();
        // the demo's standout cause is among the top failures, beside failed ICE
        assertThat(top).anySatisfy(row -> assertThat(row.subList(0, 3)).containsExactly("Setup failure", "488", "23"));
        assertThat(browser.gridRows("per-modality")).isNotEmpty();
        assertThat(browser.gridRows("scorecard")).isNotEmpty();
        assertThat(browser.gridRows("split-client")).hasSizeGreaterThan(1);
        assertThat(browser.driver.findElements(By.cssSelector("#top-failures a")).stream()
                        .map(a -> a.getAttribute("href"))
                        .toList())
                .anySatisfy(href -> assertThat(href)
                        .contains("/usage/session-details?from=")
                        .contains("&zone=UTC&responseCode=488&diagnosticId=23")
                        .doesNotContain("modality"));
        browser.screenshot("reliability");

        browser.chooseInSelect("range", "Last 7 days");
        assertThat(categories("trend-chart")).hasSize(demoDaysAmongLast(7));
        browser.chooseInSelect("modality", "Audio");
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.cssSelector("#top-failures a")).getAttribute("href"))
                .endsWith("&modality=audio");
    }

    @Test
    void a_usage_summary_reader_sees_the_rates_without_links_to_sessions_or_comments() {
        browser.signIn("usage.reader", DemoAccounts.PASSWORD);
        browser.open("/quality/reliability");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        assertThat(browser.gridRows("top-failures")).isNotEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#top-failures a")))
                .isEmpty();

        browser.open("/quality/feedback");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.id("summary")).getText()).contains("rated sessions");
        assertThat(browser.driver.findElements(By.id("comments"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("feedback-content")).getText())
                .contains("need a role that reads per-user data");
    }

    @Test
    void both_pages_say_so_while_the_figures_of_sessions_stored_before_an_upgrade_are_still_being_built() {
        long contoso = jdbc.sql("SELECT id FROM tenant WHERE name = 'contoso.example'")
                .query(Long.class)
                .single();
        browser.signIn("usage.reader", DemoAccounts.PASSWORD);
        browser.open("/quality/reliability");
        browser.waitFor(By.id("trend-chart"));
        assertThat(browser.driver.findElements(By.id("still-building"))).isEmpty();
        jdbc.sql("INSERT INTO reliability_backfill (tenant_id) VALUES (:t)")
                .param("t", contoso)
                .update();
        try {
            for (String page : List.of("/quality/reliability", "/quality/feedback")) {
                browser.open(page);
                browser.waitFor(By.id("trend-chart"));
                assertThat(browser.waitFor(By.id("still-building")).getText())
                        .as(page)
                        .contains("Still being built from the sessions stored before this version");
            }
        } finally {
            jdbc.sql("DELETE FROM reliability_backfill WHERE tenant_id = :t")
                    .param("t", contoso)
                    .update();
        }
    }

    @Test
    void rate_my_call_shows_ratings_tokens_and_comments_newest_first_concealed_where_the_tenant_conceals()
            throws Exception {
        browser.signIn(DemoAccounts.username(Role.GLOBAL_ADMIN, DemoAccounts.FABRIKAM), DemoAccounts.PASSWORD);
        browser.open("/quality/feedback");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        assertThat(seriesNames("trend-chart")).containsExactly("Rated sessions", "Poor rating %");
        assertThat(browser.driver.findElement(By.id("summary")).getText())
                .contains("rated sessions")
                .contains("average rating")
                .contains("poor ratings");
        assertThat(browser.gridRows("tokens-audio")).isNotEmpty();
        assertThat(browser.gridRows("tokens-video")).isNotEmpty();
        assertThat(browser.gridRows("split-client")).isNotEmpty();
        browser.waitFor(By.cssSelector("#comments vaadin-grid-cell-content"));
        browser.waitUntilIdle();
        List<List<String>> comments = browser.gridRows("comments");
        assertThat(comments).isNotEmpty();
        for (List<String> row : comments) {
            assertThat(row.get(1)).matches("[0-9a-f]{32}|\\(not a licensed user\\)");
        }
        for (int i = 1; i < comments.size(); i++) {
            assertThat(comments.get(i).get(0))
                    .isLessThanOrEqualTo(comments.get(i - 1).get(0));
        }
        browser.screenshot("feedback");
    }

    /**
     * Rate My Call narrowed to a building (its ratings' sessions placed by the caller's subnet, as the reliability
     * page places them), in the address and restored from it; then the reliability page's top failure of that
     * building links to exactly its sessions in session details.
     */
    @Test
    void a_building_narrows_rate_my_call_and_the_top_failures_link_to_exactly_their_sessions_there() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        DemoBuildings.upload(browser);

        browser.open("/quality/feedback?range=D90");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        String everywhere = summary();
        DemoBuildings.chooseCampus(browser);
        String campus = summary();
        Matcher days = DAYS.matcher(campus);
        assertThat(days.find()).as(campus).isTrue();
        LocalDate from = LocalDate.parse(days.group(1));
        LocalDate to = LocalDate.parse(days.group(2));
        long rated = jdbc.sql("""
                        SELECT COUNT(*) FROM feedback_rating f JOIN tenant t ON t.id = f.tenant_id
                        JOIN reliability_session r ON r.tenant_id = f.tenant_id AND r.session_id = f.session_id
                            AND r.modality = 0
                        WHERE t.name = 'contoso.example' AND f.day BETWEEN :from AND :to AND %s
                        """.formatted(DemoBuildings.IN_CAMPUS.formatted("r.subnet")))
                .param("from", from)
                .param("to", to)
                .query(Long.class)
                .single();
        assertThat(rated).isPositive();
        assertThat(campus).startsWith(english(rated) + " rated sessions from").isNotEqualTo(everywhere);
        assertThat(DemoBuildings.address(browser))
                .contains("range=D90", "region=Test Region", "city=Testville", "building=Tower campus");
        browser.screenshot("feedback-by-building");
        String link = browser.currentPath();
        browser.open("/quality/reliability");
        browser.open(link);
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        assertThat(summary()).isEqualTo(campus);
        assertThat(DemoBuildings.shownPlace(browser)).containsExactly("Test Region", "Testville", "Tower campus");

        browser.open("/quality/reliability?range=D90");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        DemoBuildings.chooseCampus(browser);
        assertThat(DemoBuildings.address(browser)).contains("region=Test Region", "building=Tower campus");
        // the demo's standout cause: a response code of 300 or more, so code and id pick exactly its sessions
        WebElement failure = browser.driver.findElements(By.cssSelector("#top-failures a")).stream()
                .filter(a -> a.getAttribute("href").contains("&responseCode=488&diagnosticId=23"))
                .findFirst()
                .orElseThrow();
        String href = failure.getAttribute("href");
        assertThat(href).contains("&region=Test%20Region&city=Testville&building=Tower%20campus&placeBy=caller");
        long sessions = Long.parseLong(failure.getText().replaceAll("[^0-9]", ""));
        long expected = jdbc.sql("""
                        SELECT COUNT(*) FROM reliability_session r JOIN tenant t ON t.id = r.tenant_id
                        WHERE t.name = 'contoso.example' AND r.modality = 0 AND r.day BETWEEN :from AND :to
                            AND r.response_code = 488 AND r.diagnostic_id = 23 AND %s
                        """.formatted(DemoBuildings.IN_CAMPUS.formatted("r.subnet")))
                .param("from", from)
                .param("to", to)
                .query(Long.class)
                .single();
        assertThat(sessions).isEqualTo(expected).isPositive();
        browser.driver.get(href);
        browser.waitUntilIdle();
        browser.wait(Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("result-summary"))
                        .getText()
                        .startsWith(sessions + " sessions of every user on the days " + from + " to " + to));
        assertThat(browser.driver.findElement(By.id("drill-through-filters")).getText())
                .contains("region Test Region › city Testville › building Tower campus by the caller's subnet");
        browser.screenshot("top-failure-of-a-building");
    }

    private static final Pattern DAYS = Pattern.compile("from (\\d{4}-\\d{2}-\\d{2}) to (\\d{4}-\\d{2}-\\d{2})");

    private String summary() {
        browser.waitUntilIdle();
        return browser.driver.findElement(By.id("summary")).getText();
    }

    /** A count as the pages write it in English. */
    private static String english(long count) {
        return java.text.NumberFormat.getIntegerInstance(java.util.Locale.ENGLISH)
                .format(count);
    }

    @SuppressWarnings("unchecked")
    private List<String> seriesNames(String chartId) {
        return (List<String>) browser.script(
                "return document.getElementById(arguments[0]).configuration.series.map(s => s.name)", chartId);
    }

    @SuppressWarnings("unchecked")
    private List<String> categories(String chartId) {
        return (List<String>) browser.script(
                "return document.getElementById(arguments[0]).configuration.xAxis[0].categories", chartId);
    }
}
