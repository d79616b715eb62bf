package org.commsportal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.sessions.IngestMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/** Health and metrics on the management port, and nothing of them on the public one. */
@PortalIntegrationTest
class ManagementPortIT {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    IngestMetrics ingestMetrics;

    @Autowired
    TransactionTemplate transactions;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void health_on_the_management_port_includes_the_database_and_needs_no_sign_in() throws Exception {
        HttpResponse<String> response = get(managementPort, "/actuator/health", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void only_health_and_prometheus_are_exposed_on_the_management_port() throws Exception {
        assertThat(get(managementPort, "/actuator/prometheus", Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(get(managementPort, "/actuator/env", Map.of()).statusCode()).isEqualTo(404);
        assertThat(get(managementPort, "/actuator/beans", Map.of()).statusCode())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/prometheus", "/actuator", "/actuator/env"})
    void the_public_port_serves_no_actuator_endpoint_even_to_a_global_administrator(String path) throws Exception {
        for (Map<String, String> headers : java.util.List.of(Map.<String, String>of(), basic("global.admin"))) {
            HttpResponse<String> response = get(port, path, headers);

            assertThat(response.statusCode()).as(path + " " + headers.keySet()).isNotEqualTo(200);
            assertThat(response.body()).doesNotContain("\"status\":\"UP\"").doesNotContain("# TYPE");
        }
    }

    @Test
    void an_audited_export_counts_once_in_the_exports_metric() throws Exception {
        double before = metric("portal_exports_total");

        HttpResponse<String> export = get(
                port, "/v1.0/reports/getSkypeForBusinessActivityUserDetail(period=%27D7%27)", basic("reports.reader"));

        assertThat(export.statusCode()).isEqualTo(200);
        double after = metric("portal_exports_total");
        for (int attempt = 0; attempt < 50 && after == before; attempt++) {
            Thread.sleep(100); // the audit entry is written as the response completes
            after = metric("portal_exports_total");
        }
        assertThat(after).isEqualTo(before + 1);
    }

    @Test
    void ingested_sessions_count_when_their_transaction_commits_and_not_when_it_rolls_back() throws Exception {
        double sessions = metric("portal_ingest_sessions_total");
        double batches = metric("portal_ingest_batches_total");

        transactions.executeWithoutResult(status -> ingestMetrics.written(5));
        assertThat(metric("portal_ingest_sessions_total")).isEqualTo(sessions + 5);
        assertThat(metric("portal_ingest_batches_total")).isEqualTo(batches + 1);

        transactions.executeWithoutResult(status -> {
            ingestMetrics.written(7);
            status.setRollbackOnly();
        });
        assertThat(metric("portal_ingest_sessions_total")).isEqualTo(sessions + 5);
        assertThat(metric("portal_ingest_batches_total")).isEqualTo(batches + 1);
    }

    /** A metric's value as Prometheus scrapes it. */
    private double metric(String name) throws Exception {
        String body = get(managementPort, "/actuator/prometheus", Map.of()).body();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)$").matcher(body);
        assertThat(m.find()).as(name + " in\n" + body).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static Map<String, String> basic(String account) {
        return Map.of(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (account + ":" + DemoAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(int targetPort, String path, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + path))
                .GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
