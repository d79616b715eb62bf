package org.commsportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile bodies over real HTTP: each is refused fast with a clear answer naming the record and field, never a 500,
 * and changes no row.
 */
@PortalIntegrationTest
class HostileIngestIT {

    static final long FAST_MILLIS = 5_000;
    static final List<String> TABLES = List.of("comm_session", "session_dialog", "session_media", "qoe_audio_stream",
            "qoe_feedback", "qoe_traceroute", "user_daily_rollup", "licensed_user");

    @LocalServerPort int port;
    @Autowired IngestionKeys keys;
    @Autowired TestTenants testTenants;
    @Autowired JdbcClient jdbc;
    @Value("${portal.ingest.max-request-bytes}") long maxRequestBytes;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Tenant tenant;
    private String key;
    private String day;

    @BeforeEach
    void tenantWithAKey() {
        tenant = testTenants.newTenant("hostile");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        key = keys.create("hostile sender").key();
        TestTenants.signOut();
        day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    }

    /** What a refused request answered, after checking it was fast, JSON and changed nothing. */
    record Refusal(int status, JsonNode error, long millis, int bodyBytes) {
        JsonNode problem(int i) {
            return error.get("problems").get(i);
        }
    }

    @Test
    void a_body_of_empty_records_up_to_the_size_limit_lists_a_thousand_problems_with_the_total() throws Exception {
        int lines = (int) (maxRequestBytes / 3) - 1;

        Refusal refusal = refused("sessions", "application/x-ndjson", "{}\n".repeat(lines).getBytes(StandardCharsets.UTF_8));

        assertThat(refusal.status()).isEqualTo(422);
        assertThat(refusal.error().get("code").asText()).isEqualTo("invalidRecords");
        assertThat(refusal.error().get("problemCount").asLong()).isEqualTo(5L * lines);
        assertThat(refusal.error().get("problems")).hasSize(IngestProblems.LISTED);
        assertThat(refusal.error().get("message").asText()).isEqualTo(5L * lines + " problem(s) in " + lines
                + " record(s); nothing was written. The first 1000 are listed.");
        assertThat(refusal.bodyBytes()).isLessThan(200_000);
        assertThat(normalRequestStatus()).as("the next request").isEqualTo(200);
    }

    @Test
    void a_body_of_bad_sessions_up_to_the_size_limit_answers_in_a_bounded_body() throws Exception {
        String bad = "{\"dialogId\":\"%d\",\"startTime\":\"yesterday\",\"endTime\":\"today\",\"fromUri\":\"nobody\","
                + "\"media\":[{\"type\":\"FAX\"}],\"color\":\"blue\"}\n";
        var body = new StringBuilder();
        for (int i = 0; body.length() < maxRequestBytes - 200; i++) {
            body.append(bad.formatted(i));
        }

        Refusal refusal = refused("sessions", "application/x-ndjson", body.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(refusal.status()).isEqualTo(422);
        assertThat(refusal.error().get("problemCount").asLong()).isGreaterThan(20_000);
        assertThat(refusal.error().get("problems")).hasSize(IngestProblems.LISTED);
        assertThat(refusal.bodyBytes()).isLessThan(200_000);
        assertThat(normalRequestStatus()).as("the next request").isEqualTo(200);
    }

    /** Posts the body, checks the answer is a fast JSON 4xx that changed no row of the tenant, and returns it. */
    private Refusal refused(String what, String contentType, byte[] body) throws Exception {
        long before = rows();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(what))
                .header("Authorization", "Bearer " + key).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;

        String shown = response.body().length() > 2_000 ? response.body().substring(0, 2_000) : response.body();
        assertThat(response.statusCode()).as(shown).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(millis).as("milliseconds to answer").isLessThan(FAST_MILLIS);
        assertThat(rows()).as("rows of the tenant").isEqualTo(before);
        JsonNode error = json.readTree(response.body()).get("error");
        assertThat(error).as(shown).isNotNull();
        return new Refusal(response.statusCode(), error, millis, response.body().getBytes(StandardCharsets.UTF_8).length);
    }

    private int normalRequestStatus() throws Exception {
        String session = """
                {"dialogId":"normal-%d","startTime":"%sT09:00:00.000Z","endTime":"%sT09:00:01.000Z",\
                "fromUri":"sip:ann@%s","media":[{"type":"IM","durationMs":1000}]}"""
                .formatted(System.nanoTime(), day, day, tenant.name());
        long started = System.nanoTime();
        int status = http.send(HttpRequest.newBuilder(uri("sessions")).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(session))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(FAST_MILLIS);
        return status;
    }

    private long rows() {
        long rows = 0;
        for (String table : TABLES) {
            rows += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t").param("t", tenant.id())
                    .query(Long.class).single();
        }
        return rows;
    }

    private URI uri(String what) {
        return URI.create("http://localhost:" + port + "/api/v1/ingest/" + what);
    }
}
