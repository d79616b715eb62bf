package org.commsportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Dialog ids compare byte for byte; UPNs case-insensitively but accent- and space-sensitively (changeset 014,
 * docs/ingest.md "Identifiers and UPNs").
 */
@PortalIntegrationTest
class IdentifierCollationIT {

    /** Pairs that utf8mb4_unicode_ci took for one key: case, accent, trailing space, two different emoji. */
    static final List<String> LOOK_ALIKE_DIALOG_IDS =
            List.of("Case-1", "case-1", "café", "cafe", "space", "space ", "emoji-\uD83D\uDE00", "emoji-\uD83D\uDE0E");

    @LocalServerPort
    int port;

    @Autowired
    IngestionKeys keys;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Tenant tenant;
    private String key;
    private String day;

    @BeforeEach
    void tenantWithAKey() {
        tenant = testTenants.newTenant("collation");
        key = testTenants.newIngestionKey(tenant, keys, "collation sender");
        day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    }

    @Test
    void dialog_ids_differing_only_in_case_accent_trailing_space_or_emoji_are_different_sessions() throws Exception {
        String body = LOOK_ALIKE_DIALOG_IDS.stream().map(this::session).collect(Collectors.joining("\n"));

        HttpResponse<String> first = post("sessions", body);
        HttpResponse<String> again = post("sessions", body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json.readTree(first.body()).get("received").asInt()).isEqualTo(8);
        assertThat(json.readTree(first.body()).get("replaced").asInt()).isZero();
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("replaced").asInt())
                .as("each replaced itself only")
                .isEqualTo(8);
        assertThat(jdbc.sql("SELECT dialog_id FROM comm_session WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(LOOK_ALIKE_DIALOG_IDS);
        assertThat(jdbc.sql("SELECT dialog_id FROM session_dialog WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(LOOK_ALIKE_DIALOG_IDS);
    }

    @Test
    void a_look_alike_upn_is_another_user_while_case_is_not_a_difference() throws Exception {
        String domain = tenant.name();
        assertThat(post("users", """
                [{"upn":"anne@%1$s","alias":"anne","displayName":"Anne Original","licensedFrom":"2025-01-01"}]""".formatted(domain)).statusCode()).isEqualTo(200);

        HttpResponse<String> lookAlike = post("users", """
                [{"upn":"anné@%1$s","alias":"anne2","displayName":"Accent","licensedFrom":"2025-01-01"}]""".formatted(domain));
        HttpResponse<String> upperCase = post("users", """
                [{"upn":"ANNE@%1$s","alias":"anne","displayName":"Anne Renamed","licensedFrom":"2025-01-01"}]""".formatted(domain.toUpperCase(java.util.Locale.ROOT)));

        assertThat(lookAlike.statusCode()).as(lookAlike.body()).isEqualTo(200);
        assertThat(upperCase.statusCode()).as(upperCase.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT display_name FROM licensed_user WHERE tenant_id = :t AND upn = :upn")
                        .param("t", tenant.id())
                        .param("upn", "anne@" + domain)
                        .query(String.class)
                        .single())
                .as("the original user, renamed only by its own UPN in capitals")
                .isEqualTo("Anne Renamed");
        assertThat(jdbc.sql("SELECT upn, display_name FROM licensed_user WHERE tenant_id = :t ORDER BY id")
                        .param("t", tenant.id())
                        .query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
                        .list())
                .containsExactly("anne@" + domain + " Anne Renamed", "anné@" + domain + " Accent");
    }

    @Test
    void the_identifier_columns_compare_byte_for_byte() {
        List<String> collations = jdbc.sql("""
                SELECT CONCAT(table_name, '.', column_name, ' ', collation_name) FROM information_schema.columns
                WHERE table_schema = DATABASE()
                  AND (column_name = 'dialog_id' AND table_name IN ('comm_session', 'session_dialog')
                       OR column_name = 'upn' AND table_name = 'licensed_user')
                ORDER BY 1""").query(String.class).list();

        assertThat(collations)
                .containsExactly(
                        "comm_session.dialog_id utf8mb4_nopad_bin",
                        "licensed_user.upn utf8mb4_nopad_bin",
                        "session_dialog.dialog_id utf8mb4_nopad_bin");
    }

    private String session(String dialogId) {
        try {
            return """
                    {"dialogId":%s,"startTime":"%sT09:00:00.000Z","endTime":"%sT09:00:01.000Z",\
                    "fromUri":"sip:ann@%s","media":[{"type":"IM","durationMs":1000}]}""".formatted(json.writeValueAsString(dialogId), day, day, tenant.name());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String what, String body) throws Exception {
        String type = what.equals("users") ? "application/json" : "application/x-ndjson";
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/" + what))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
