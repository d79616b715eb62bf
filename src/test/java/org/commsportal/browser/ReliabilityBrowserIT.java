package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.security.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The call reliability and Rate My Call pages in headless Chromium on the production build (demo data): the trend,
 * the top failures with the demo's standout cause and their drill-through links, roles without per-user data, and
 * the comments concealed in a concealing tenant.
 */
@PortalIntegrationTest
class ReliabilityBrowserIT extends BrowserTest {

    @Test
    void an_administrator_reads_the_failure_rates_and_opens_the_top_failures_sessions() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/quality/reliability");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        assertThat(seriesNames("trend-chart")).containsExactly("Setup failure %", "Drop failure %");
        assertThat(categories("trend-chart")).hasSize(30);
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
        assertThat(categories("trend-chart")).hasSize(7);
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
