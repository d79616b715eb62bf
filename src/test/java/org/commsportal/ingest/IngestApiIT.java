package org.commsportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.common.ReportPeriod;
import org.commsportal.security.Role;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ingestion endpoints over real HTTP: all or nothing, every problem listed, idempotent, key-only. */
@PortalIntegrationTest
class IngestApiIT {

    @LocalServerPort
    int port;

    @Autowired
    IngestionKeys keys;

    @Autowired
    TestTenants testTenants;

    @Autowired
    ActivityService activity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReadModelCheck verifier;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Tenant tenant;
    private String key;
    private String day;

    @BeforeEach
    void tenantWithAKey() throws Exception {
        tenant = testTenants.newTenant("ingest");
        key = testTenants.newIngestionKey(tenant, keys, "test sender");
        day = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(post("users", "application/json", """
                [{"upn":"ann@%1$s","alias":"ann","displayName":"Ann A","licensedFrom":"2025-01-01"},
                 {"upn":"bob@%1$s","alias":"bob","displayName":"Bob B","licensedFrom":"2025-01-01"}]
                """.formatted(tenant.name()))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void posted_sessions_with_quality_are_in_the_reports_when_the_request_returns() throws Exception {
        HttpResponse<String> response = post(
                "sessions",
                "application/json",
                "["
                        + session(
                                "d1",
                                "AUDIO",
                                120_000,
                                ",\"quality\":{\"audioStreams\":[{\"side\":\"FROM\",\"codec\":\"SILK\",\"jitterAvgMs\":12.5}],"
                                        + "\"feedback\":[{\"side\":\"TO\",\"rating\":4,\"feedbackText\":\"fine\"}]}")
                        + "," + session("d2", "IM", 10_000, "") + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("received").asInt()).isEqualTo(2);
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :t")
                .param("t", tenant.id())
                .update();
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        UserActivityRow ann = activity.users(UserTableQuery.of(ReportPeriod.D7), 0, 10).stream()
                .filter(row -> row.userName().startsWith("ann@"))
                .findFirst()
                .orElseThrow();
        assertThat(ann.audio()).isEqualTo(1);
        assertThat(ann.audioMinutes()).isEqualTo(2);
        assertThat(ann.im()).isEqualTo(1);
        assertThat(count("qoe_audio_stream")).isEqualTo(1);
        assertThat(count("qoe_feedback")).isEqualTo(1);
        assertRollupsEqualRecomputation();
    }

    @Test
    void ndjson_works_and_resending_replaces_each_session_exactly_once() throws Exception {
        String body = session("n1", "VIDEO", 60_000, "") + "\n\n" + session("n2", "IM", 1_000, "") + "\n";

        assertThat(post("sessions", "application/x-ndjson", body).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post("sessions", "application/x-ndjson", body);

        assertThat(json.readTree(again.body()).get("replaced").asInt()).isEqualTo(2);
        assertThat(count("comm_session")).isEqualTo(2);
        assertRollupsEqualRecomputation();
    }

    @Test
    void start_times_finer_than_a_millisecond_are_kept_to_the_millisecond_and_every_read_model_counts_them_once()
            throws Exception {
        // Graph call records carry seven fractional digits; the store keeps milliseconds (docs/ingest.md)
        String body = session("fine", "AUDIO", 60_000, "")
                .replace("T09:00:00.000Z", "T09:00:00.1239999Z")
                .replace("T09:00:01.000Z", "T09:00:01.0000001Z");

        assertThat(post("sessions", "application/x-ndjson", body).statusCode()).isEqualTo(200);
        HttpResponse<String> again = post("sessions", "application/x-ndjson", body);

        assertThat(json.readTree(again.body()).get("replaced").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT DATE_FORMAT(start_time, '%H:%i:%s.%f') FROM comm_session WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(String.class)
                        .single())
                .isEqualTo("09:00:00.123000");
        assertThat(count("reliability_session"))
                .as("the session's row and its audio's")
                .isEqualTo(2);
        assertThat(verifier.differences(tenant.id(), 10)).isEmpty();
        assertRollupsEqualRecomputation();
    }

    @Test
    void eight_concurrent_senders_with_overlapping_batches_leave_rollups_equal_to_a_recomputation() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> sends = new ArrayList<>();
        for (int sender = 0; sender < 8; sender++) {
            int seed = sender;
            sends.add(pool.submit(() -> {
                var random = new java.util.Random(seed);
                int ok = 0;
                for (int request = 0; request < 5; request++) {
                    List<String> batch = new ArrayList<>();
                    java.util.Set<Integer> ids = new java.util.HashSet<>();
                    while (ids.size() < 40) {
                        ids.add(random.nextInt(120)); // 120 dialog ids shared by all senders
                    }
                    for (int id : ids) {
                        batch.add(session(
                                "c" + id, random.nextBoolean() ? "AUDIO" : "IM", 1_000L * random.nextInt(600), ""));
                    }
                    HttpResponse<String> response =
                            post("sessions", "application/json", "[" + String.join(",", batch) + "]");
                    ok += response.statusCode() == 200 ? 1 : 0;
                }
                return ok;
            }));
        }
        int succeeded = 0;
        for (var send : sends) {
            succeeded += send.get();
        }
        pool.shutdown();

        assertThat(succeeded).isEqualTo(40);
        assertThat(verifier.differences(tenant.id(), 10)).isEmpty();
        assertRollupsEqualRecomputation();
        // each dialog id sent is stored once, however many senders wrote it at the same time, and is found by its key
        List<Long> counts = jdbc.sql("""
                SELECT COUNT(*), COUNT(DISTINCT s.dialog_id), COUNT(d.session_id) FROM comm_session s
                LEFT JOIN session_dialog d ON d.tenant_id = s.tenant_id AND d.dialog_id = s.dialog_id
                  AND d.session_id = s.id AND d.start_time = s.start_time
                WHERE s.tenant_id = :t AND s.dialog_id LIKE 'c%'
                """)
                .param("t", tenant.id())
                .query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
        assertThat(counts.get(0)).isPositive();
        assertThat(counts)
                .as("sessions, distinct dialog ids, sessions their dialog row names")
                .containsExactly(counts.get(0), counts.get(0), counts.get(0));
    }

    @Test
    void one_bad_record_refuses_the_whole_request_with_every_problem_listed_and_writes_nothing() throws Exception {
        String tooLong = "x".repeat(300);
        List<String> bad = List.of(
                session("ok-1", "IM", 1_000, ""),
                session("e1", "IM", 1_000, "").replace("\"fromUri\":\"sip:ann@" + tenant.name() + "\",", ""),
                session("e2", "IM", 1_000, "").replace("T09:00:01.000Z\"", "T08:00:00.000Z\""),
                session("e3", "TELEPATHY", 1_000, ""),
                session("e4", "IM", 1_000, "").replace("sip:bob@", "bob-at-"),
                session("e5", "IM", 1_000, ",\"fromEndpointId\":\"not-a-guid\""),
                session(tooLong, "IM", 1_000, ""),
                session("ok-1", "IM", 1_000, ""),
                session("e8", "IM", 1_000, ",\"color\":\"blue\""),
                session("e9", "IM", 1_000, ",\"quality\":{\"feedback\":[{\"side\":\"TO\",\"rating\":9}]}"));

        HttpResponse<String> response = post("sessions", "application/json", "[" + String.join(",", bad) + "]");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = json.readTree(response.body()).get("error");
        assertThat(error.get("message").asText()).contains("nothing was written");
        List<String> problems = new ArrayList<>();
        error.get("problems")
                .forEach(p -> problems.add(
                        p.get("index").asInt() + " " + p.get("field").asText()));
        assertThat(problems)
                .contains(
                        "1 fromUri",
                        "2 endTime",
                        "3 media[0].type",
                        "4 toUri",
                        "5 fromEndpointId",
                        "6 dialogId",
                        "7 dialogId",
                        "8 color",
                        "9 quality.feedback[0].rating");
        assertThat(problems).noneMatch(p -> p.startsWith("0 "));
        assertThat(count("comm_session")).isZero();
        assertThat(count("user_daily_rollup")).isZero();
    }

    @Test
    void conference_sessions_may_say_web_conferencing_and_dial_in_out_and_wrong_statements_are_refused()
            throws Exception {
        String conference = ",\"conferenceUrl\":\"sip:bob@" + tenant.name() + ";gruu;opaque=app:conf:focus:id:X1\"";
        List<String> bad = List.of(
                session("p2p-web", "IM", 1_000, ",\"webConferencing\":true"),
                session("p2p-dial", "AUDIO", 1_000, ",\"dialInOut\":\"dial-in\""),
                session("c-web", "IM", 1_000, conference + ",\"webConferencing\":\"yes\""),
                session("c-dial", "AUDIO", 1_000, conference + ",\"dialInOut\":\"DIAL_IN\""),
                session("c-provider", "AUDIO", 1_000, conference + ",\"audioConferencingProvider\":\"microsoft\""),
                session(
                        "c-provider-2",
                        "AUDIO",
                        1_000,
                        conference + ",\"dialInOut\":\"dial-out\",\"audioConferencingProvider\":\"Microsoft\""));

        HttpResponse<String> refused = post("sessions", "application/json", "[" + String.join(",", bad) + "]");

        assertThat(refused.statusCode()).isEqualTo(422);
        List<String> problems = new ArrayList<>();
        json.readTree(refused.body())
                .get("error")
                .get("problems")
                .forEach(p -> problems.add(p.get("index").asInt() + " "
                        + p.get("field").asText() + ": " + p.get("reason").asText()));
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "0 webConferencing: is only for a conference session (one with a conferenceUrl)",
                        "1 dialInOut: is only for a conference session (one with a conferenceUrl)",
                        "2 webConferencing: must be true or false",
                        "3 dialInOut: must be one of \"dial-in\", \"dial-out\"",
                        "4 audioConferencingProvider: needs dialInOut: the provider of a telephone party's call",
                        "5 audioConferencingProvider: must be one of \"microsoft\", \"third-party\"");
        assertThat(count("comm_session")).isZero();

        HttpResponse<String> accepted = post(
                "sessions",
                "application/json",
                "["
                        + session(
                                "c-ok",
                                "AUDIO",
                                60_000,
                                conference + ",\"webConferencing\":false,\"dialInOut\":\"dial-in\","
                                        + "\"audioConferencingProvider\":\"third-party\",\"fromTel\":\"+14255550100\"")
                        + "]");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(jdbc.sql("""
                        SELECT CONCAT_WS(' ', web_conferencing, dial_direction, conferencing_provider) FROM comm_session
                        WHERE tenant_id = :t""").param("t", tenant.id()).query(String.class).single())
                .isEqualTo("0 1 2");
        assertThat(verifier.differences(tenant.id(), 10)).isEmpty();
    }

    @Test
    void sessions_before_the_first_kept_day_are_refused_naming_that_day_and_nothing_is_written() throws Exception {
        LocalDate keptFrom = LocalDate.parse(day).plusDays(1);
        jdbc.sql(
                        "INSERT INTO user_period_state (tenant_id, kept_from) VALUES (:t, :d) ON DUPLICATE KEY UPDATE kept_from = :d")
                .param("t", tenant.id())
                .param("d", keptFrom)
                .update();
        String kept = session("later", "IM", 1_000, "").replaceAll(day + "T09", keptFrom + "T09");

        HttpResponse<String> response =
                post("sessions", "application/json", "[" + kept + "," + session("old", "IM", 1_000, "") + "]");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem =
                json.readTree(response.body()).get("error").get("problems").get(0);
        assertThat(problem.get("index").asInt()).isEqualTo(1);
        assertThat(problem.get("field").asText()).isEqualTo("startTime");
        assertThat(problem.get("reason").asText()).contains("starts before " + keptFrom, "retention");
        assertThat(count("comm_session")).isZero();
        assertThat(count("session_dialog")).isZero();
    }

    @Test
    void sessions_older_than_the_tenants_retention_are_refused_before_any_retention_run() throws Exception {
        jdbc.sql("UPDATE tenant SET retention_days = 30 WHERE id = :t")
                .param("t", tenant.id())
                .update();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate firstKept = today.minusDays(30)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        String kept = session("kept", "IM", 1_000, "").replaceAll(day + "T09", firstKept + "T09");
        String tooOld = session("too-old", "IM", 1_000, "").replaceAll(day + "T09", firstKept.minusDays(1) + "T23");

        HttpResponse<String> refused = post("sessions", "application/json", "[" + kept + "," + tooOld + "]");
        HttpResponse<String> accepted = post("sessions", "application/json", "[" + kept + "]");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode problem =
                json.readTree(refused.body()).get("error").get("problems").get(0);
        assertThat(problem.get("index").asInt()).isEqualTo(1);
        assertThat(problem.get("field").asText()).isEqualTo("startTime");
        assertThat(problem.get("reason").asText()).contains("starts before " + firstKept);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(count("comm_session")).isEqualTo(1);
    }

    @Test
    void bad_users_are_refused_with_their_problems() throws Exception {
        HttpResponse<String> response = post("users", "application/json", """
                [{"upn":"no-at-sign","alias":"x","displayName":"X","licensedFrom":"2025-01-01"},
                 {"upn":"carl@x.test","alias":"carl","displayName":"Carl","licensedFrom":"2025-13-01"},
                 {"upn":"dora@x.test","alias":"dora","licensedFrom":"2025-01-01","deletedAt":"2024-01-01"}]
                """);

        assertThat(response.statusCode()).isEqualTo(422);
        List<String> problems = new ArrayList<>();
        json.readTree(response.body())
                .get("error")
                .get("problems")
                .forEach(p -> problems.add(
                        p.get("index").asInt() + " " + p.get("field").asText()));
        assertThat(problems).contains("0 upn", "1 licensedFrom", "2 displayName", "2 deletedAt");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM licensed_user WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void wrong_content_type_malformed_json_and_oversized_bodies_are_refused() throws Exception {
        assertThat(post("sessions", "text/plain", "[]").statusCode()).isEqualTo(415);
        HttpResponse<String> malformed = post("sessions", "application/json", "[{\"dialogId\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformedJson");
        assertThat(post("sessions", "application/json", "[]").statusCode()).isEqualTo(422);

        String huge =
                "[" + (session("big", "IM", 1_000, "") + ",").repeat(6_000) + session("big-end", "IM", 1, "") + "]";
        assertThat(huge.length()).isGreaterThan(1_048_576);
        assertThat(post("sessions", "application/json", huge).statusCode()).isEqualTo(413);
        var chunked = HttpRequest.newBuilder(uri("sessions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                .build();
        assertThat(http.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(413);
        assertThat(count("comm_session")).isZero();
    }

    @Test
    void only_an_unrevoked_ingestion_key_ingests_and_it_opens_nothing_else() throws Exception {
        String body = "[" + session("k1", "IM", 1_000, "") + "]";
        var portalAccount = HttpRequest.newBuilder(uri("sessions"))
                .header("Content-Type", "application/json")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                "global.admin:portal-demo-2026".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        assertThat(http.send(portalAccount, HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(401);

        var graphWithKey = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/v1.0/reports/getSkypeForBusinessPeerToPeerActivityCounts(period=%27D7%27)"))
                .header("Authorization", "Bearer " + key)
                .GET()
                .build();
        assertThat(http.send(graphWithKey, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);

        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        long keyId = keys.list().get(0).id();
        testTenants.signInAs(testTenants.newTenant("other"), Role.GLOBAL_ADMIN);
        assertThat(keys.list()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.revoke(keyId))
                .hasMessage("There is no ingestion key " + keyId + ".");
        assertThat(post("sessions", "application/json", "[]").statusCode())
                .as("still valid")
                .isEqualTo(422);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        keys.revoke(keyId);
        TestTenants.signOut();
        assertThat(post("sessions", "application/json", body).statusCode()).isEqualTo(401);
        assertThat(count("comm_session")).isZero();
    }

    private String session(String dialogId, String media, long durationMs, String extra) {
        return """
                {"dialogId":"%s","startTime":"%sT09:00:00.000Z","endTime":"%sT09:00:01.000Z",\
                "fromUri":"sip:ann@%s","toUri":"sip:bob@%s","media":[{"type":"%s","durationMs":%d}]%s}""".formatted(dialogId, day, day, tenant.name(), tenant.name(), media, durationMs, extra);
    }

    private HttpResponse<String> post(String what, String contentType, String body) throws Exception {
        var request = HttpRequest.newBuilder(uri(what))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String what) {
        return URI.create("http://localhost:" + port + "/api/v1/ingest/" + what);
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }

    private void assertRollupsEqualRecomputation() {
        assertThat(RollupRecomputation.normalized(RollupRecomputation.storedUserRollups(jdbc, tenant.id())))
                .isEqualTo(
                        RollupRecomputation.normalized(RollupRecomputation.recomputedUserRollups(jdbc, tenant.id())));
        assertThat(RollupRecomputation.normalized(RollupRecomputation.storedTenantRollups(jdbc, tenant.id())))
                .isEqualTo(
                        RollupRecomputation.normalized(RollupRecomputation.recomputedTenantRollups(jdbc, tenant.id())));
    }
}
