package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.ingest.IngestionKeys;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sessions posted to the ingestion endpoint are on the peer-to-peer page the moment the request returns. */
@PortalIntegrationTest
class IngestToReportBrowserIT extends BrowserTest {

    @Autowired
    TestTenants testTenants;

    @Autowired
    IngestionKeys keys;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void posted_sessions_show_on_the_peer_to_peer_page_at_once() throws Exception {
        Tenant tenant = testTenants.newTenant("e2e");
        String admin = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        String key = showingNamesWithKey(tenant, admin);
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        post(key, "users", """
                [{"upn":"zoe@%1$s","alias":"zoe","displayName":"Zoe","licensedFrom":"2025-01-01"},
                 {"upn":"yann@%1$s","alias":"yann","displayName":"Yann","licensedFrom":"2025-01-01"}]""".formatted(tenant.name()));
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add("""
                    {"dialogId":"e2e-%d","startTime":"%sT0%d:00:00Z","endTime":"%sT0%d:05:00Z","fromUri":"sip:zoe@%s",\
                    "toUri":"sip:yann@%s","media":[{"type":"IM"},{"type":"AUDIO","durationMs":300000}]}""".formatted(i, day, i, day, i, tenant.name(), tenant.name()));
        }
        assertThat(post(key, "sessions", String.join("\n", sessions))).isEqualTo(200);

        List<String> zoe = userRowOnThePage(admin, "zoe@" + tenant.name());
        // IM, Audio, Video, Application sharing, File transfers, Audio minutes, Video minutes
        assertThat(zoe.subList(4, 11)).containsExactly("3", "3", "0", "0", "0", "15", "0");
        assertThat(zoe.get(3)).isEqualTo(day);
        browser.screenshot("ingested-sessions-on-the-report");
    }

    @Test
    void a_user_posted_after_their_sessions_shows_their_figures_on_the_page_and_in_both_apis() throws Exception {
        Tenant tenant = testTenants.newTenant("late-user");
        String admin = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        String key = showingNamesWithKey(tenant, admin);
        String day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(post(key, "sessions", """
                {"dialogId":"hire-1","startTime":"%1$sT09:00:00Z","endTime":"%1$sT09:10:00Z","fromUri":"sip:New.Hire@%2$s",\
                "toUri":"sip:someone@partner.example","media":[{"type":"AUDIO","durationMs":600000}]}""".formatted(day, tenant.name()))).isEqualTo(200);
        assertThat(post(key, "users", """
                [{"upn":"new.hire@%s","alias":"new.hire","displayName":"New Hire","licensedFrom":"2025-01-01"}]""".formatted(tenant.name()))).isEqualTo(200);

        String detail =
                get(admin, "/v1.0/reports/getSkypeForBusinessActivityUserDetail(period='D7')?$format=application/json");
        assertThat(detail)
                .contains("\"userPrincipalName\":\"new.hire@" + tenant.name() + "\"")
                .contains("\"peerToPeerAudioCount\":1")
                .contains("\"peerToPeerAudioMinutes\":10");
        assertThat(
                        get(
                                admin,
                                "/v1.0/reports/getSkypeForBusinessPeerToPeerActivityUserCounts(period='D7')?$format=application/json"))
                .containsPattern("\"reportDate\":\"" + day + "\"[^}]*\"audio\":1[,}]");
        assertThat(get(
                        admin,
                        "/ecp/reportingwebservice/reporting.svc/CsActiveUserDaily?$format=Json&$filter=Date%20eq%20datetime'"
                                + LocalDate.parse(day).plusDays(1) + "T00:00:00'"))
                .contains("\"ActiveUsers\":\"1\"");

        List<String> hire = userRowOnThePage(admin, "new.hire@" + tenant.name());
        // Last activity date, IM, Audio, Video, Application sharing, File transfers, Audio minutes, Video minutes
        assertThat(hire.subList(3, 11)).containsExactly(day, "0", "1", "0", "0", "0", "10", "0");
    }

    /** The user's row of the peer-to-peer page's table, as the account sees it. */
    private List<String> userRowOnThePage(String account, String userName) {
        browser.signIn(account, TestTenants.PASSWORD);
        browser.open("/usage/peer-to-peer-activity");
        browser.waitFor(By.id("user-table"));
        browser.wait(Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("user-table")).getText().contains(userName));
        browser.waitUntilIdle();
        return browser.gridRows("user-table").stream()
                .filter(row -> row.get(0).equals(userName))
                .findFirst()
                .orElseThrow();
    }

    /** Names shown in the tenant's reports, and an ingestion key created by the administrator. */
    private String showingNamesWithKey(Tenant tenant, String admin) {
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :t")
                .param("t", tenant.id())
                .update();
        testTenants.signIn(admin);
        try {
            return keys.create(tenant.name()).key();
        } finally {
            TestTenants.signOut();
        }
    }

    private String get(String account, String path) throws Exception {
        String basic = java.util.Base64.getEncoder()
                .encodeToString(
                        (account + ":" + TestTenants.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + path.replace("'", "%27").replace("$", "%24")))
                .header("Authorization", "Basic " + basic)
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private int post(String key, String what, String body) throws Exception {
        boolean ndjson = what.equals("sessions");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/" + what))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", ndjson ? "application/x-ndjson" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
