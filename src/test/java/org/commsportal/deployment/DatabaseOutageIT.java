package org.commsportal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.commsportal.browser.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The packaged portal on a separately started MariaDB that then stops: the APIs and health answer 503 with
 * {@code Retry-After} within 5 seconds instead of waiting 30 seconds for a generic 500, and a page a signed-in
 * administrator opens in the browser says that the database cannot be reached.
 */
class DatabaseOutageIT {

    private static final String ADMIN = "outage.admin";
    private static final String PASSWORD = "outage-admin-password-42";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void while_the_database_is_down_the_apis_and_health_answer_503_with_retry_after_within_5_seconds()
            throws Exception {
        try (PackagedPortal portal = PackagedPortal.start("outage.example", ADMIN, PASSWORD)) {
            int port = portal.port;
            int management = portal.management;
            assertThat(get(port, "/v1.0/reports/getSkypeForBusinessPeerToPeerActivityCounts(period=%27D7%27)", basic())
                            .statusCode())
                    .as("before the outage")
                    .isEqualTo(200);
            try (Browser browser = Browser.start(port)) {
                browser.signIn(ADMIN, PASSWORD);
                browser.open("/usage/peer-to-peer-activity");
                browser.waitFor(By.id("peer-to-peer-activity"));

                portal.db.close(); // the outage

                long started = System.nanoTime();
                browser.open("/usage/activity");
                String page = browser.waitFor(By.tagName("h1")).getText();
                assertThat(page).isEqualTo("The portal cannot reach its database");
                assertThat(browser.driver.findElement(By.tagName("body")).getText())
                        .contains("Nothing was changed")
                        .contains("recovers on its own");
                assertThat((System.nanoTime() - started) / 1_000_000)
                        .as("page milliseconds")
                        .isLessThan(8_000);
            }

            for (var call : List.of(
                    List.of("/v1.0/reports/getSkypeForBusinessPeerToPeerActivityCounts(period=%27D7%27)", basic()),
                    List.of("/api/v1/ingest/sessions", "Bearer cui_not-a-known-key"),
                    List.of("/ecp/reportingwebservice/reporting.svc/CsActiveUserDaily", basic()))) {
                long started = System.nanoTime();
                HttpResponse<String> response = get(port, call.get(0), call.get(1));
                long millis = (System.nanoTime() - started) / 1_000_000;

                assertThat(response.statusCode())
                        .as(call.get(0) + ": " + response.body())
                        .isEqualTo(503);
                assertThat(response.headers().firstValue("Retry-After"))
                        .as(call.get(0))
                        .isPresent();
                assertThat(millis).as(call.get(0) + " milliseconds").isLessThan(5_000);
                System.out.printf("Database down: GET %s -> %d in %d ms%n", call.get(0), response.statusCode(), millis);
            }
            long started = System.nanoTime();
            HttpResponse<String> health = get(management, "/actuator/health", null);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat((System.nanoTime() - started) / 1_000_000)
                    .as("health milliseconds")
                    .isLessThan(5_000);
        }
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(40))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
