package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Not-found and access-denied pages: the HTTP status a browser gets for the page, the page itself inside the
 * portal's layout, and its way home; and the portal's icon.
 */
@PortalIntegrationTest
class ErrorPagesBrowserIT extends BrowserTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void an_unknown_path_answers_404_inside_the_layout_with_a_way_home() throws Exception {
        browser.signIn("reports.reader", DemoAccounts.PASSWORD);
        assertThat(statusOf("/no-such-page")).isEqualTo(404);
        assertThat(statusOf("/usage/no-such-report")).isEqualTo(404);
        assertThat(statusOf("/usage/peer-to-peer-activity")).isEqualTo(200);
        assertThat(statusOf("/")).isEqualTo(200);

        browser.open("/no-such-page");
        assertThat(browser.waitFor(By.id("not-found")).getText()).contains("Page not found (404)", "no-such-page");
        assertThat(browser.driver.findElements(By.id("sign-out")))
                .as("inside the layout")
                .hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("vaadin-side-nav-item")))
                .as("with the menu")
                .isNotEmpty();
        browser.screenshot("not-found");
        browser.driver.findElement(By.id("back-home")).click();
        browser.waitFor(By.id("home-view"));
    }

    @Test
    void a_page_the_roles_do_not_open_answers_403_inside_the_layout_with_a_way_home() throws Exception {
        browser.signIn("usage.reader", DemoAccounts.PASSWORD);
        assertThat(statusOf("/admin/settings")).isEqualTo(403);
        assertThat(statusOf("/usage/session-details")).isEqualTo(403);
        assertThat(statusOf("/usage/peer-to-peer-activity")).isEqualTo(200);

        browser.open("/admin/settings");
        assertThat(browser.waitFor(By.id("access-denied")).getText()).contains("Access denied (403)");
        assertThat(browser.driver.findElements(By.id("sign-out")))
                .as("inside the layout")
                .hasSize(1);
        browser.driver.findElement(By.id("back-home")).click();
        browser.waitFor(By.id("home-view"));
    }

    @Test
    void pages_link_to_the_documentation_the_portal_serves() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/admin/ingestion-keys");
        browser.waitFor(By.id("ingest-docs")).click();
        assertThat(browser.waitFor(By.id("doc-text")).getText()).startsWith("# Ingesting sessions and users");
        assertThat(browser.currentPath()).isEqualTo("/docs/ingest");
        assertThat(statusOf("/docs/ingest")).isEqualTo(200);
        assertThat(statusOf("/docs")).isEqualTo(200);

        browser.open("/");
        browser.waitFor(By.id("docs-link")).click();
        browser.waitFor(By.id("doc-privacy")).click();
        assertThat(browser.waitFor(By.id("doc-text")).getText()).startsWith("# Concealed user names");
    }

    @Test
    void every_page_has_the_portals_icon() throws Exception {
        HttpResponse<byte[]> icon = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/favicon.ico"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElse("")).startsWith("image/");
        assertThat(icon.body()).startsWith(0, 0, 1, 0); // an ICO file's header
    }

    /** The status of the page's HTML as the signed-in browser would get it. */
    private int statusOf(String path) throws Exception {
        String cookies = browser.driver.manage().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Cookie", cookies)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
