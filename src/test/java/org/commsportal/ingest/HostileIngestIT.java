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
    static final List<String> TABLES = List.of(
            "comm_session",
            "session_dialog",
            "session_media",
            "qoe_audio_stream",
            "qoe_feedback",
            "qoe_traceroute",
            "user_daily_rollup",
            "licensed_user");

    @LocalServerPort
    int port;

    @Autowired
    IngestionKeys keys;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @Value("${portal.ingest.max-request-bytes}")
    long maxRequestBytes;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Tenant tenant;
    private String key;
    private String day;

    @BeforeEach
    void tenantWithAKey() {
        tenant = testTenants.newTenant("hostile");
        key = testTenants.newIngestionKey(tenant, keys, "hostile sender");
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

        Refusal refusal =
                refused("sessions", "application/x-ndjson", "{}\n".repeat(lines).getBytes(StandardCharsets.UTF_8));

        assertThat(refusal.status()).isEqualTo(422);
        assertThat(refusal.error().get("code").asText()).isEqualTo("invalidRecords");
        assertThat(refusal.error().get("problemCount").asLong()).isEqualTo(5L * lines);
        assertThat(refusal.error().get("problems")).hasSize(IngestProblems.LISTED);
        assertThat(refusal.error().get("message").asText())
                .isEqualTo(5L * lines + " problem(s) in " + lines
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

        Refusal refusal =
                refused("sessions", "application/x-ndjson", body.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(refusal.status()).isEqualTo(422);
        assertThat(refusal.error().get("problemCount").asLong()).isGreaterThan(20_000);
        assertThat(refusal.error().get("problems")).hasSize(IngestProblems.LISTED);
        assertThat(refusal.bodyBytes()).isLessThan(200_000);
        assertThat(normalRequestStatus()).as("the next request").isEqualTo(200);
    }

    @Test
    void nesting_deeper_than_a_thousand_levels_is_refused_naming_the_record_and_field() throws Exception {
        String deep = valid("deep", ",\"quality\":" + "[".repeat(1_001) + "]".repeat(1_001));

        Refusal ndjson = refused("sessions", NDJSON, lines(valid("ok", ""), deep));
        Refusal array = refused("sessions", JSON, ("[" + valid("ok", "") + "," + deep + "]").getBytes(UTF8));

        assertProblem(ndjson, 422, 1, "quality[0][0]", "nesting depth");
        assertProblem(array, 400, 1, "quality[0][0]", "nesting depth");
    }

    @Test
    void a_string_over_the_record_limit_is_refused_naming_the_record_and_field() throws Exception {
        String huge = valid("huge", ",\"confInstance\":\"" + "x".repeat(300_000) + "\"");

        Refusal ndjson = refused("sessions", NDJSON, lines(valid("ok", ""), huge));
        Refusal array = refused("sessions", JSON, ("[" + valid("ok", "") + "," + huge + "]").getBytes(UTF8));

        assertProblem(ndjson, 422, 1, "", "the record is larger than 262144 bytes");
        assertProblem(array, 400, 1, "confInstance", "String value length");
    }

    @Test
    void a_number_of_over_a_thousand_digits_is_refused_naming_the_record_and_field() throws Exception {
        String digits = valid("digits", ",\"diagnosticId\":" + "9".repeat(1_001));

        assertProblem(refused("sessions", NDJSON, lines(digits)), 422, 0, "diagnosticId", "Number value length");
        assertProblem(
                refused("sessions", JSON, ("[" + digits + "]").getBytes(UTF8)),
                400,
                0,
                "diagnosticId",
                "Number value length");
    }

    @Test
    void start_and_end_times_beyond_the_year_9999_are_refused() throws Exception {
        String start = valid("y10k", "")
                .replace("\"startTime\":\"" + day + "T09:00:00.000Z\"", "\"startTime\":\"+10000-01-01T00:00:00Z\"");
        String end = valid("y10k-end", "")
                .replace("\"endTime\":\"" + day + "T09:00:01.000Z\"", "\"endTime\":\"+10000-01-01T00:00:00Z\"");
        String before1970 = valid("old", "")
                .replace("\"startTime\":\"" + day + "T09:00:00.000Z\"", "\"startTime\":\"0001-01-01T00:00:00Z\"");

        Refusal refusal = refused("sessions", NDJSON, lines(start, end, before1970));

        assertProblem(refusal, 422, 0, "startTime", "between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z");
        assertThat(fields(refusal)).contains("1 endTime", "2 startTime");
        Refusal users = refused("users", JSON, """
                [{"upn":"ann@x.test","alias":"ann","displayName":"Ann","licensedFrom":"+10000-01-01"}]""".getBytes(UTF8));
        assertProblem(users, 422, 0, "licensedFrom", "between 1970-01-01 and 9999-12-31");
    }

    @Test
    void a_repeated_quality_side_or_traceroute_hop_is_refused_naming_the_record() throws Exception {
        String sides = valid(
                "sides",
                ",\"quality\":{\"feedback\":[{\"side\":\"FROM\",\"rating\":3},"
                        + "{\"side\":\"FROM\",\"rating\":4}],\"sessions\":[{\"side\":\"TO\"},{\"side\":\"TO\"}]}");
        String hops = valid(
                "hops",
                ",\"quality\":{\"traceroutes\":[{\"side\":\"FROM\",\"hop\":1},"
                        + "{\"side\":\"TO\",\"hop\":1},{\"side\":\"FROM\",\"hop\":1}]}");

        Refusal refusal = refused("sessions", NDJSON, lines(sides, hops));

        assertThat(refusal.status()).isEqualTo(422);
        assertThat(fields(refusal))
                .containsExactly(
                        "0 quality.sessions[1].side", "0 quality.feedback[1].side", "1 quality.traceroutes[2].hop");
        assertThat(refusal.problem(2).get("reason").asText()).isEqualTo("hop 1 of side FROM is listed twice");
    }

    @Test
    void infinite_and_not_a_number_figures_are_refused_naming_the_field() throws Exception {
        for (String figure : List.of("1e400", "-1e400", "\"NaN\"", "\"Infinity\"")) {
            String session = valid(
                    "figure", ",\"quality\":{\"audioStreams\":[{\"side\":\"FROM\",\"jitterAvgMs\":" + figure + "}]}");

            assertProblem(
                    refused("sessions", NDJSON, lines(session)),
                    422,
                    0,
                    "quality.audioStreams[0].jitterAvgMs",
                    "must be a finite number");
        }
        assertProblem(
                refused(
                        "sessions",
                        NDJSON,
                        lines(valid("ms", "").replace("\"durationMs\":1000", "\"durationMs\":1e400"))),
                422,
                0,
                "media[0].durationMs",
                "whole number");
        assertProblem(
                refused("sessions", NDJSON, lines(valid("type", "").replace("\"type\":\"IM\"", "\"type\":4294967297"))),
                422,
                0,
                "media[0].type",
                "unknown media type");
    }

    @Test
    void invalid_utf8_and_lone_surrogates_are_refused_instead_of_being_replaced() throws Exception {
        byte[] body = lines(valid("ok", ""), valid("caf\u00e9", ""));
        int e = indexOf(body, new byte[] {(byte) 0xC3, (byte) 0xA9});
        body[e] = (byte) 0xE9; // Latin-1 é: not UTF-8

        assertProblem(refused("sessions", NDJSON, body), 422, 1, "dialogId", "Invalid UTF-8");
        assertProblem(
                refused("sessions", NDJSON, lines(valid("\\ud800-half", ""))), 422, 0, "dialogId", "lone surrogate");
        byte[] array = ("[" + valid("caf\u00e9", "") + "]").getBytes(UTF8);
        array[indexOf(array, new byte[] {(byte) 0xC3, (byte) 0xA9})] = (byte) 0xE9;
        assertProblem(refused("sessions", JSON, array), 400, 0, "dialogId", "Invalid UTF-8");
    }

    private static final String NDJSON = "application/x-ndjson";
    private static final String JSON = "application/json";
    private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

    /** A valid session but for what the test changes. */
    private String valid(String dialogId, String extra) {
        return """
                {"dialogId":"%s","startTime":"%sT09:00:00.000Z","endTime":"%sT09:00:01.000Z",\
                "fromUri":"sip:ann@%s","media":[{"type":"IM","durationMs":1000}]%s}""".formatted(dialogId, day, day, tenant.name(), extra);
    }

    private static byte[] lines(String... records) {
        return (String.join("\n", records) + "\n").getBytes(UTF8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static List<String> fields(Refusal refusal) {
        List<String> fields = new java.util.ArrayList<>();
        refusal.error()
                .get("problems")
                .forEach(p -> fields.add(
                        p.get("index").asLong() + " " + p.get("field").asText()));
        return fields;
    }

    private static void assertProblem(Refusal refusal, int status, long index, String fieldStart, String reason) {
        assertThat(refusal.status()).as(refusal.error().toString()).isEqualTo(status);
        assertThat(refusal.error().get("problems"))
                .as(refusal.error().toString())
                .isNotEmpty();
        JsonNode problem = refusal.problem(0);
        assertThat(problem.get("index").asLong()).as(refusal.error().toString()).isEqualTo(index);
        assertThat(problem.get("field").asText()).as(refusal.error().toString()).startsWith(fieldStart);
        assertThat(problem.get("reason").asText())
                .as(refusal.error().toString())
                .contains(reason);
    }

    /** Posts the body, checks the answer is a fast JSON 4xx that changed no row of the tenant, and returns it. */
    private Refusal refused(String what, String contentType, byte[] body) throws Exception {
        long before = rows();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(what))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;

        String shown = response.body().length() > 2_000 ? response.body().substring(0, 2_000) : response.body();
        assertThat(response.statusCode()).as(shown).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(millis).as("milliseconds to answer").isLessThan(FAST_MILLIS);
        assertThat(rows()).as("rows of the tenant").isEqualTo(before);
        JsonNode error = json.readTree(response.body()).get("error");
        assertThat(error).as(shown).isNotNull();
        JsonNode first = error.path("problems").path(0);
        java.nio.file.Files.writeString(
                java.nio.file.Path.of("target", "hostile-inputs.txt"),
                "%s %s, %d bytes -> %d in %d ms: %s %s %s%n"
                        .formatted(
                                what,
                                contentType,
                                body.length,
                                response.statusCode(),
                                millis,
                                error.path("code").asText(),
                                first.path("field").asText(),
                                first.path("reason")
                                        .asText()
                                        .lines()
                                        .findFirst()
                                        .orElse("")),
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return new Refusal(
                response.statusCode(), error, millis, response.body().getBytes(StandardCharsets.UTF_8).length);
    }

    private int normalRequestStatus() throws Exception {
        String session = """
                {"dialogId":"normal-%d","startTime":"%sT09:00:00.000Z","endTime":"%sT09:00:01.000Z",\
                "fromUri":"sip:ann@%s","media":[{"type":"IM","durationMs":1000}]}""".formatted(System.nanoTime(), day, day, tenant.name());
        long started = System.nanoTime();
        int status = http.send(
                        HttpRequest.newBuilder(uri("sessions"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofString(session))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(FAST_MILLIS);
        return status;
    }

    private long rows() {
        long rows = 0;
        for (String table : TABLES) {
            rows += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t")
                    .param("t", tenant.id())
                    .query(Long.class)
                    .single();
        }
        return rows;
    }

    private URI uri(String what) {
        return URI.create("http://localhost:" + port + "/api/v1/ingest/" + what);
    }
}
