package org.commsportal.graphapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.DailyActivity;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.ApiTokens;
import org.commsportal.security.CreatedApiToken;
import org.commsportal.security.Role;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The Graph-style reports API over real HTTP, checked against the peer-to-peer page's service and raw SQL. */
@PortalIntegrationTest
class GraphApiIT {

    private static final String COUNTS = "getSkypeForBusinessPeerToPeerActivityCounts";
    private static final String USER_COUNTS = "getSkypeForBusinessPeerToPeerActivityUserCounts";
    private static final String MINUTE_COUNTS = "getSkypeForBusinessPeerToPeerActivityMinuteCounts";
    private static final String USER_DETAIL = "getSkypeForBusinessActivityUserDetail";
    private static final List<String> USER_DETAIL_HEADER = List.of(
            "Report Refresh Date",
            "User Principal Name",
            "Is Deleted",
            "Deleted Date",
            "Last Activity Date",
            "Total Peer-to-peer Session Count",
            "Total Organized Conference Count",
            "Total Participated Conference Count",
            "Peer-to-peer Last Activity Date",
            "Organized Conference Last Activity Date",
            "Participated Conference Last Activity Date",
            "Peer-to-peer IM Count",
            "Peer-to-peer Audio Count",
            "Peer-to-peer Audio Minutes",
            "Peer-to-peer Video Count",
            "Peer-to-peer Video Minutes",
            "Peer-to-peer App Sharing Count",
            "Peer-to-peer File Transfer Count",
            "Organized Conference IM Count",
            "Organized Conference Audio/Video Count",
            "Organized Conference Audio/Video Minutes",
            "Organized Conference App Sharing Count",
            "Organized Conference Web Count",
            "Organized Conference Dial-in/out 3rd Party Count",
            "Organized Conference Dial-in/out Microsoft Count",
            "Organized Conference Dial-in Microsoft Minutes",
            "Organized Conference Dial-out Microsoft Minutes",
            "Participated Conference IM Count",
            "Participated Conference Audio/Video Count",
            "Participated Conference Audio/Video Minutes",
            "Participated Conference App Sharing Count",
            "Participated Conference Web Count",
            "Participated Conference Dial-in/out 3rd Party Count",
            "Assigned Products",
            "Report Period");

    @LocalServerPort
    int port;

    @Autowired
    ActivityService activity;

    @Autowired
    TestTenants testTenants;

    @Autowired
    DirectoryService directory;

    @Autowired
    SessionWriter sessionWriter;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiTokens tokens;

    @Autowired
    WholeExportSlots wholeExports;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(ReportPeriod.class)
    void the_three_counts_reports_are_the_peer_to_peer_pages_series_with_the_vendors_headers(ReportPeriod period)
            throws Exception {
        testTenants.signIn("global.admin");
        var report = activity.activity(period);
        Map<LocalDate, DailyActivity> days =
                report.days().stream().collect(Collectors.toMap(DailyActivity::day, day -> day));

        for (String function : List.of(COUNTS, USER_COUNTS, MINUTE_COUNTS)) {
            HttpResponse<String> response = get(function + "(period='" + period + "')", "", "global.admin");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
            List<CSVRecord> rows = csv(response.body());
            String expectedHeader = function.equals(MINUTE_COUNTS)
                    ? "Report Refresh Date,Report Date,Report Period,Audio,Video"
                    : "Report Refresh Date,Report Date,Report Period,IM,Audio,Video,App Sharing,File Transfer";
            assertThat(String.join(",", rows.get(0).values())).isEqualTo(expectedHeader);
            assertThat(rows).hasSize(period.days() + 1);
            for (CSVRecord row : rows.subList(1, rows.size())) {
                DailyActivity day = days.get(LocalDate.parse(row.get(1)));
                assertThat(row.get(0)).isEqualTo(report.reportDate().toString());
                assertThat(row.get(2)).isEqualTo(String.valueOf(period.days()));
                List<Long> expected = switch (function) {
                    case COUNTS -> List.of(day.im(), day.audio(), day.video(), day.appSharing(), day.fileTransfer());
                    case USER_COUNTS ->
                        List.of(
                                day.usersIm(),
                                day.usersAudio(),
                                day.usersVideo(),
                                day.usersAppSharing(),
                                day.usersFileTransfer());
                    default -> List.of(day.audioMinutes(), day.videoMinutes());
                };
                assertThat(java.util.Arrays.stream(row.values())
                                .skip(3)
                                .map(Long::parseLong)
                                .toList())
                        .as(function + " " + row.get(1))
                        .isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "getSkypeForBusinessActivityCounts|Peer-to-peer,Organized,Participated",
                "getSkypeForBusinessActivityUserCounts|Peer-to-peer,Organized,Participated",
                "getSkypeForBusinessOrganizerActivityCounts|IM,Audio/Video,App Sharing,Web,Dial-in/out 3rd Party,"
                        + "Dial-in/out Microsoft",
                "getSkypeForBusinessOrganizerActivityUserCounts|IM,Audio/Video,App Sharing,Web,Dial-in/out 3rd Party,"
                        + "Dial-in/out Microsoft",
                "getSkypeForBusinessOrganizerActivityMinuteCounts|Audio/Video,Dial-in Microsoft,Dial-out Microsoft",
                "getSkypeForBusinessParticipantActivityCounts|IM,Audio/Video,App Sharing,Web,Dial-in/out 3rd Party",
                "getSkypeForBusinessParticipantActivityUserCounts|IM,Audio/Video,App Sharing,Web,Dial-in/out 3rd Party",
                "getSkypeForBusinessParticipantActivityMinuteCounts|Audio/Video"
            })
    void the_activity_organizer_and_participant_counts_equal_a_recomputation_from_the_raw_sessions(String case_)
            throws Exception {
        String function = case_.split("\\|")[0];
        String figures = case_.split("\\|")[1];
        LocalDate reportDate = activity.reportDate();
        LocalDate from = reportDate.minusDays(29);
        long tenantId = jdbc.sql("SELECT id FROM tenant WHERE name = 'contoso.example'")
                .query(Long.class)
                .single();

        List<CSVRecord> rows =
                csv(get(function + "(period='D30')", "", "global.admin").body());

        assertThat(String.join(",", rows.get(0).values()))
                .isEqualTo("Report Refresh Date,Report Date,Report Period," + figures);
        assertThat(rows).hasSize(31);
        Map<LocalDate, List<String>> expected = recomputedCounts(function, figures, tenantId, from, reportDate);
        long nonZero = 0;
        for (CSVRecord row : rows.subList(1, rows.size())) {
            LocalDate day = LocalDate.parse(row.get(1));
            assertThat(row.get(0)).isEqualTo(reportDate.toString());
            assertThat(row.get(2)).isEqualTo("30");
            List<String> values = java.util.Arrays.stream(row.values()).skip(3).toList();
            assertThat(values).as(function + " " + day).isEqualTo(expected.get(day));
            nonZero += values.stream().anyMatch(v -> !v.isEmpty() && !v.equals("0")) ? 1 : 0;
        }
        assertThat(nonZero).as("the demo data fills the report").isGreaterThan(20);
    }

    /**
     * Per day, the figures of a counts function recomputed from comm_session and session_media: a conference is its
     * URL and instance, organized by its To party and taken part in by its From party; web conferencing and
     * dial-in/out as the sessions say them, empty where none of them says.
     */
    private Map<LocalDate, List<String>> recomputedCounts(
            String function, String figures, long tenantId, LocalDate from, LocalDate to) {
        boolean organizer = function.contains("Organizer");
        String party = organizer ? "to_user_id" : "from_user_id";
        String what = function.contains("UserCounts") ? party : "conference_url, conf_instance";
        String select = switch (function) {
            case "getSkypeForBusinessActivityCounts" -> """
                            SUM(conference_url IS NULL),
                            COUNT(DISTINCT IF(to_user_id IS NOT NULL, conference_url, NULL),
                                  IF(to_user_id IS NOT NULL, COALESCE(conf_instance, ''), NULL)),
                            COUNT(DISTINCT IF(from_user_id IS NOT NULL, conference_url, NULL),
                                  IF(from_user_id IS NOT NULL, COALESCE(conf_instance, ''), NULL))""";
            case "getSkypeForBusinessActivityUserCounts" -> """
                            (SELECT COUNT(DISTINCT u.id) FROM licensed_user u JOIN comm_session p
                               ON p.tenant_id = u.tenant_id AND p.conference_url IS NULL
                              AND (p.from_user_id = u.id OR p.to_user_id = u.id)
                              AND DATE(p.start_time) = DATE(s.start_time)
                             WHERE u.tenant_id = s.tenant_id),
                            COUNT(DISTINCT IF(conference_url IS NOT NULL, to_user_id, NULL)),
                            COUNT(DISTINCT IF(conference_url IS NOT NULL, from_user_id, NULL))""";
            default -> {
                String condition = "conference_url IS NOT NULL AND " + party + " IS NOT NULL";
                // web and dial-in/out figures are unknown (empty) where sessions were there and none said them
                String webUnknown =
                        "SUM(" + condition + ") > 0 AND SUM(" + condition + " AND web_conferencing IS NOT NULL) = 0";
                String providerUnknown = "SUM(" + condition + " AND (dial_direction IS NOT NULL OR from_tel IS NOT NULL"
                        + " OR to_tel IS NOT NULL)) > 0 AND SUM(" + condition
                        + " AND conferencing_provider IS NOT NULL) = 0";
                String audioVideoMs = "(SELECT COALESCE(MAX(m.duration_ms), 0) FROM session_media m "
                        + "WHERE m.session_id = s.id AND m.media_type_id IN (5, 6))";
                if (function.endsWith("MinuteCounts")) {
                    yield String.join(
                            ", ",
                            "ROUND(SUM(IF(" + condition + ", " + audioVideoMs + ", 0)) / 60000)",
                            "IF(" + providerUnknown + ", NULL, ROUND(SUM(IF(" + condition
                                    + " AND conferencing_provider = 1 AND dial_direction = 1, " + audioVideoMs
                                    + ", 0)) / 60000))",
                            "IF(" + providerUnknown + ", NULL, ROUND(SUM(IF(" + condition
                                    + " AND conferencing_provider = 1 AND dial_direction = 2, " + audioVideoMs
                                    + ", 0)) / 60000))");
                }
                yield String.join(
                        ", ",
                        distinct(what, condition + " AND media_mask & 1 <> 0"),
                        distinct(what, condition + " AND media_mask & 48 <> 0"),
                        distinct(what, condition + " AND media_mask & 8 <> 0"),
                        "IF(" + webUnknown + ", NULL, " + distinct(what, condition + " AND web_conferencing") + ")",
                        "IF(" + providerUnknown + ", NULL, "
                                + distinct(what, condition + " AND conferencing_provider = 2") + ")",
                        "IF(" + providerUnknown + ", NULL, "
                                + distinct(what, condition + " AND conferencing_provider = 1") + ")");
            }
        };
        int columns = figures.split(",").length;
        Map<LocalDate, List<String>> days = new HashMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.put(day, new ArrayList<>(java.util.Collections.nCopies(columns, "0")));
        }
        jdbc.sql("SELECT DATE(s.start_time) AS day, " + select + " FROM comm_session s WHERE s.tenant_id = :t "
                        + "AND s.start_time >= :from AND s.start_time < :until GROUP BY DATE(s.start_time)")
                .param("t", tenantId)
                .param("from", from.atStartOfDay())
                .param("until", to.plusDays(1).atStartOfDay())
                .query((rs, n) -> {
                    List<String> values = new ArrayList<>();
                    // the participant reports have no Dial-in/out Microsoft column and no dial-in/out minutes
                    for (int i = 2; i <= rs.getMetaData().getColumnCount() && values.size() < columns; i++) {
                        values.add(rs.getObject(i) == null ? "" : String.valueOf(rs.getLong(i)));
                    }
                    return days.put(rs.getObject("day", LocalDate.class), values);
                })
                .list();
        return days;
    }

    private static String distinct(String what, String condition) {
        if (what.contains(",")) {
            return "COUNT(DISTINCT IF(" + condition + ", conference_url, NULL), IF(" + condition
                    + ", COALESCE(conf_instance, ''), NULL))";
        }
        return "COUNT(DISTINCT IF(" + condition + ", " + what + ", NULL))";
    }

    @Test
    void counts_in_json_use_the_vendors_camel_case_names_and_a_string_period() throws Exception {
        JsonNode body = json.readTree(get(COUNTS + "(period='D7')", "$format=application/json", "reports.reader")
                .body());

        assertThat(body.get("value")).hasSize(7);
        JsonNode first = body.get("value").get(0);
        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "reportRefreshDate",
                        "reportDate",
                        "reportPeriod",
                        "im",
                        "audio",
                        "video",
                        "appSharing",
                        "fileTransfer");
        assertThat(first.get("reportPeriod").isTextual()).isTrue();
        assertThat(first.get("reportPeriod").asText()).isEqualTo("7");
        assertThat(first.get("reportDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(first.get("im").isNumber()).isTrue();
    }

    @Test
    void the_user_detail_csv_has_the_35_vendor_columns_and_every_figure_of_the_page_and_the_raw_sessions()
            throws Exception {
        testTenants.signIn("global.admin");
        UserTableQuery query = UserTableQuery.of(ReportPeriod.D30);
        List<UserActivityRow> page = activity.users(query, 0, 100_000);
        long tenantId = currentTenant.id();
        LocalDate from = activity.firstDay(ReportPeriod.D30);
        LocalDate until = activity.reportDate().plusDays(1);

        List<CSVRecord> rows =
                csv(get(USER_DETAIL + "(period='D30')", "", "global.admin").body());

        assertThat(rows.get(0).values()).containsExactlyElementsOf(USER_DETAIL_HEADER);
        assertThat(rows).hasSize(page.size() + 1);
        Map<Long, Long> organized = distinctConferences(tenantId, "to_user_id", from, until);
        Map<Long, Long> participated = distinctConferences(tenantId, "from_user_id", from, until);
        Map<Long, Long> p2pSessions = peerToPeerSessions(tenantId, from, until);
        Map<Long, Long> organizedWeb = distinctConferences(tenantId, "to_user_id", "web_conferencing", from, until);
        Map<Long, Long> participatedWeb =
                distinctConferences(tenantId, "from_user_id", "web_conferencing", from, until);
        Map<Long, Long> organizedDialMicrosoft =
                distinctConferences(tenantId, "to_user_id", "conferencing_provider = 1", from, until);
        Map<Long, Long> organizedDialThirdParty =
                distinctConferences(tenantId, "to_user_id", "conferencing_provider = 2", from, until);
        boolean someConference = false;
        boolean someWeb = false;
        boolean someDialIn = false;
        for (int i = 0; i < page.size(); i++) {
            UserActivityRow expected = page.get(i);
            CSVRecord row = rows.get(i + 1);
            assertThat(row.get("User Principal Name")).isEqualTo(expected.userName());
            assertThat(row.get("Is Deleted")).isEqualTo(expected.deleted() ? "True" : "False");
            assertThat(row.get("Peer-to-peer IM Count")).isEqualTo(String.valueOf(expected.im()));
            assertThat(row.get("Peer-to-peer Audio Count")).isEqualTo(String.valueOf(expected.audio()));
            assertThat(row.get("Peer-to-peer Audio Minutes")).isEqualTo(String.valueOf(expected.audioMinutes()));
            assertThat(row.get("Peer-to-peer Video Count")).isEqualTo(String.valueOf(expected.video()));
            assertThat(row.get("Peer-to-peer Video Minutes")).isEqualTo(String.valueOf(expected.videoMinutes()));
            assertThat(row.get("Peer-to-peer App Sharing Count")).isEqualTo(String.valueOf(expected.appSharing()));
            assertThat(row.get("Peer-to-peer File Transfer Count")).isEqualTo(String.valueOf(expected.fileTransfers()));
            assertThat(row.get("Peer-to-peer Last Activity Date"))
                    .isEqualTo(
                            expected.lastActivityDate() == null
                                    ? ""
                                    : expected.lastActivityDate().toString());
            assertThat(row.get("Total Peer-to-peer Session Count"))
                    .isEqualTo(String.valueOf(p2pSessions.getOrDefault(expected.userId(), 0L)));
            assertThat(row.get("Total Organized Conference Count"))
                    .isEqualTo(String.valueOf(organized.getOrDefault(expected.userId(), 0L)));
            assertThat(row.get("Total Participated Conference Count"))
                    .isEqualTo(String.valueOf(participated.getOrDefault(expected.userId(), 0L)));
            someConference |= organized.getOrDefault(expected.userId(), 0L) > 0;
            someWeb |= organizedWeb.getOrDefault(expected.userId(), 0L) > 0;
            someDialIn |= organizedDialMicrosoft.getOrDefault(expected.userId(), 0L) > 0;
            // the demo data says web conferencing and providers for every conference session: no unknowns
            assertThat(row.get("Organized Conference Web Count"))
                    .isEqualTo(String.valueOf(organizedWeb.getOrDefault(expected.userId(), 0L)));
            assertThat(row.get("Participated Conference Web Count"))
                    .isEqualTo(String.valueOf(participatedWeb.getOrDefault(expected.userId(), 0L)));
            assertThat(row.get("Organized Conference Dial-in/out Microsoft Count"))
                    .isEqualTo(String.valueOf(organizedDialMicrosoft.getOrDefault(expected.userId(), 0L)));
            assertThat(row.get("Organized Conference Dial-in/out 3rd Party Count"))
                    .isEqualTo(String.valueOf(organizedDialThirdParty.getOrDefault(expected.userId(), 0L)));
            assertThat(row.get("Assigned Products")).isEmpty();
            assertThat(row.get("Report Period")).isEqualTo("30");
        }
        assertThat(someConference).as("the demo data has conferences to count").isTrue();
        assertThat(someWeb && someDialIn)
                .as("the demo data has web conferencing and dial-in to count")
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sfb.admin", "global.reader"})
    void user_detail_json_pages_with_top_and_next_links_through_every_user_once(String account) throws Exception {
        testTenants.signIn(account); // global.reader sees pseudonyms: its pages follow their order
        List<String> expected = activity.users(UserTableQuery.of(ReportPeriod.D7), 0, 100_000).stream()
                .map(UserActivityRow::userName)
                .toList();

        List<String> seen = new ArrayList<>();
        String next = url(USER_DETAIL + "(period='D7')", "$format=application/json&$top=7");
        int pages = 0;
        while (next != null) {
            HttpResponse<String> response = send(next, account, DemoAccounts.PASSWORD, Map.of());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("value").size()).isLessThanOrEqualTo(7);
            body.get("value")
                    .forEach(user -> seen.add(user.get("userPrincipalName").asText()));
            next = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            if (next != null) {
                // the token names the last user by id alone: no name in a link a proxy may log
                assertThat(URLDecoder.decode(next, StandardCharsets.UTF_8))
                        .matches(".*\\$skiptoken=rows-\\d+-after-\\d+$");
            }
            pages++;
        }

        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo((expected.size() + 6) / 7);
    }

    @Test
    void a_skip_token_after_the_last_user_answers_no_rows_and_audits_a_row_range_within_the_table() throws Exception {
        testTenants.signIn("reports.reader");
        List<UserActivityRow> users = activity.users(UserTableQuery.of(ReportPeriod.D7), 0, 100_000);
        long last = users.get(users.size() - 1).userId();
        for (String options : List.of(
                "$skiptoken=rows-999999999999999-after-" + last,
                "$format=application/json&$top=50&$skiptoken=rows-" + users.size() + "-after-" + last)) {
            HttpResponse<String> response = get(USER_DETAIL + "(period='D7')", options, "reports.reader");
            assertThat(response.statusCode()).as(options).isEqualTo(200);
            if (options.contains("json")) {
                assertThat(json.readTree(response.body()).get("value").size()).isZero();
                assertThat(response.body()).doesNotContain("nextLink");
            } else {
                assertThat(response.body().lines().count())
                        .as("the header line only")
                        .isEqualTo(1);
            }
            String audited = jdbc.sql("""
                    SELECT e.detail FROM audit_event e JOIN tenant t ON t.id = e.tenant_id AND t.name = 'contoso.example'
                    WHERE e.actor = 'reports.reader' AND e.action = 'EXPORT' ORDER BY e.id DESC LIMIT 1
                    """).query(String.class).single();
            var range = java.util.regex.Pattern.compile("rows (\\d+) to (\\d+) of (\\d+)$")
                    .matcher(audited);
            assertThat(range.find()).as(audited).isTrue();
            assertThat(range.group(1)).as(audited).isEqualTo(range.group(3));
            assertThat(range.group(2)).as(audited).isEqualTo(range.group(3));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {USER_DETAIL, "getSkypeForBusinessDeviceUsageUserDetail"})
    void a_skip_token_naming_a_user_of_another_tenant_or_none_is_refused_before_any_row(String function)
            throws Exception {
        long fabrikamUser = jdbc.sql("""
                SELECT MIN(u.id) FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id
                WHERE t.name = 'fabrikam.example'
                """).query(Long.class).single();
        long noUser = jdbc.sql("SELECT MAX(id) + 1000 FROM licensed_user")
                .query(Long.class)
                .single();
        for (long anchor : List.of(fabrikamUser, noUser)) {
            for (String format : List.of("", "$format=application/json&")) {
                HttpResponse<String> response =
                        get(function + "(period='D7')", format + "$skiptoken=rows-1-after-" + anchor, "global.admin");

                assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                assertThat(json.readTree(response.body())
                                .get("error")
                                .get("message")
                                .asText())
                        .contains("$skiptoken")
                        .contains("start again from the first page");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {USER_DETAIL, "getSkypeForBusinessDeviceUsageUserDetail"})
    void a_whole_export_waits_in_line_for_a_slot_and_gets_429_with_retry_after_when_none_frees(String function)
            throws Exception {
        String call = function + "(period='D7')";
        int slots = wholeExports.available();
        List<WholeExportSlots.Slot> held = new ArrayList<>();
        try {
            while (wholeExports.available() > 0) {
                held.add(wholeExports.take());
            }
            assertThat(get(call, "$format=application/json&$top=5", "global.admin")
                            .statusCode())
                    .as("a page while every slot is taken")
                    .isEqualTo(200);
            assertThat(get(call, "$top=5", "global.admin").statusCode())
                    .as("a CSV page while every slot is taken")
                    .isEqualTo(200);

            HttpResponse<String> refused = get(call, "", "global.reader"); // after portal.api.whole-export-wait

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).contains("30");
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            JsonNode error = json.readTree(refused.body()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("TooManyRequests");
            assertThat(error.get("message").asText()).contains("$top");

            var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return get(call, "", "global.admin");
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(300);
            assertThat(waiting).as("an export waiting for a slot").isNotDone();
            held.remove(0).close();
            HttpResponse<String> answered = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            assertThat(answered.body()).startsWith("\uFEFFReport Refresh Date,");
        } finally {
            held.forEach(WholeExportSlots.Slot::close);
        }
        assertThat(wholeExports.available()).as("slots given back").isEqualTo(slots);
    }

    @Test
    void a_date_gives_that_days_table() throws Exception {
        testTenants.signIn("global.admin");
        LocalDate day = activity.reportDate().minusDays(3);
        List<UserActivityRow> expected =
                activity.users(UserTableQuery.of(ReportPeriod.D180).withDay(day), 0, 100_000);

        List<CSVRecord> rows =
                csv(get(USER_DETAIL + "(date=" + day + ")", "", "global.admin").body());

        assertThat(rows).hasSize(expected.size() + 1);
        assertThat(rows.subList(1, rows.size()))
                .extracting(r -> r.get(1) + "=" + r.get(11))
                .containsExactlyElementsOf(
                        expected.stream().map(r -> r.userName() + "=" + r.im()).toList());
        assertThat(rows.get(1).get("Report Period")).isEqualTo("1");
    }

    @Test
    void the_etag_answers_304_until_the_tenants_data_changes() throws Exception {
        Tenant tenant = testTenants.newTenant("etag");
        String account = testTenants.newAccount(tenant, Role.REPORTS_READER);
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(
                        List.of(new UserRecord("ann@" + tenant.name(), "ann", "Ann", LocalDate.of(2020, 1, 1), null))));
        String call = USER_DETAIL + "(period='D7')";

        HttpResponse<String> first = get(call, "", account, TestTenants.PASSWORD);
        String tag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = send(url(call, ""), account, TestTenants.PASSWORD, Map.of("If-None-Match", tag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get(call, "$format=application/json", account, TestTenants.PASSWORD)
                        .headers()
                        .firstValue("ETag"))
                .hasValueSatisfying(other -> assertThat(other).isNotEqualTo(tag));

        Instant yesterday =
                LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        currentTenant.runAs(
                tenant.id(),
                () -> sessionWriter.write(List.of(new SessionRecord(
                        "etag-1",
                        yesterday,
                        yesterday.plusSeconds(60),
                        "sip:ann@" + tenant.name(),
                        "sip:someone@elsewhere.test",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        200,
                        null,
                        List.of(new MediaUsage(Modality.IM, 60_000)),
                        3,
                        Quality.Report.none()))));

        HttpResponse<String> changed = send(url(call, ""), account, TestTenants.PASSWORD, Map.of("If-None-Match", tag));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag"))
                .hasValueSatisfying(other -> assertThat(other).isNotEqualTo(tag));
        assertThat(csv(changed.body()).get(1).get("Peer-to-peer IM Count")).isEqualTo("1");
    }

    @Test
    void a_personal_api_token_reads_the_reports_until_it_is_revoked() throws Exception {
        testTenants.signIn("reports.reader");
        CreatedApiToken token = tokens.create("graph test", 1);
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token.token());

        HttpResponse<String> answer =
                send(url(USER_DETAIL + "(period='D7')", "$format=application/json"), null, null, bearer);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json.readTree(answer.body()).get("value").size()).isPositive();

        tokens.revoke(token.summary().id());
        assertThat(send(url(COUNTS + "(period='D7')", ""), null, null, bearer).statusCode())
                .isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                COUNTS + "(period='D8')",
                COUNTS + "(period='d7')",
                COUNTS + "(period=)",
                COUNTS + "(date=2026-11-01)",
                COUNTS + "(week='D7')",
                COUNTS,
                "getSkypeForBusinessSomethingElse(period='D7')",
                USER_DETAIL + "(date=2026-13-01)",
                USER_DETAIL + "(date=01-11-2026)",
                USER_DETAIL + "(date=2999-01-01)",
                USER_DETAIL + "(date=2001-01-01)"
            })
    void bad_functions_periods_and_dates_get_400_with_a_json_error(String call) throws Exception {
        HttpResponse<String> response = get(call, "", "global.admin");

        assertThat(response.statusCode()).as(call).isEqualTo(400);
        JsonNode error = json.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("BadRequest");
        assertThat(error.get("message").asText()).as(call).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "$top=0",
                "$top=1001",
                "$top=ten",
                "$skiptoken=abc",
                "$skiptoken=rows--5",
                "$skiptoken=rows-5",
                "$skiptoken=rows-0-after-5",
                "$skiptoken=rows-5-after-0",
                "$skiptoken=rows-5-after-x",
                "$skiptoken=rows-5-after-99999999999999999999",
                "$skiptoken=rows-5-after-%EF%BC%95",
                "$format=xml",
                "$filter=im%20gt%201",
                "$orderby=im",
                "$top=5&$top=6",
                "$format=application/json&$format=text/csv",
                "$skiptoken=a&$skiptoken=b"
            })
    void bad_query_options_get_400_naming_the_option(String option) throws Exception {
        HttpResponse<String> response = get(USER_DETAIL + "(period='D7')", option, "global.admin");

        assertThat(response.statusCode()).as(option).isEqualTo(400);
        String name = option.substring(0, option.indexOf('='));
        assertThat(json.readTree(response.body()).get("error").get("message").asText())
                .as(option)
                .contains(name);
    }

    @Test
    void roles_decide_counts_and_user_detail_and_names_are_concealed_where_they_must_be() throws Exception {
        assertThat(get(COUNTS + "(period='D7')", "", "usage.reader").statusCode())
                .isEqualTo(200);
        assertThat(get(USER_DETAIL + "(period='D7')", "", "usage.reader").statusCode())
                .isEqualTo(403);
        assertThat(get(COUNTS + "(period='D7')", "", "billing.admin").statusCode())
                .isEqualTo(403);
        assertThat(get(USER_DETAIL + "(period='D7')", "", "billing.admin").statusCode())
                .isEqualTo(403);
        assertThat(send(url(COUNTS + "(period='D7')", ""), null, null, Map.of()).statusCode())
                .isEqualTo(401);

        for (String account : List.of("global.reader", "global.admin@fabrikam.example")) {
            List<CSVRecord> rows =
                    csv(get(USER_DETAIL + "(period='D30')", "", account).body());
            assertThat(rows.subList(1, rows.size()))
                    .as(account)
                    .isNotEmpty()
                    .allSatisfy(row -> assertThat(row.get(1)).matches("[0-9a-f]{32}"));
        }
        assertThat(csv(get(USER_DETAIL + "(period='D30')", "", "global.admin").body())
                        .get(1)
                        .get(1))
                .contains("@contoso.example");
    }

    private Map<Long, Long> distinctConferences(long tenantId, String userColumn, LocalDate from, LocalDate until) {
        return distinctConferences(tenantId, userColumn, "TRUE", from, until);
    }

    /** Per user of the column, the distinct conferences with a session meeting the condition in [from, until). */
    private Map<Long, Long> distinctConferences(
            long tenantId, String userColumn, String condition, LocalDate from, LocalDate until) {
        Map<Long, Long> counts = new HashMap<>();
        // a conference is its URL and instance (docs/skype-for-business-activity.md)
        jdbc.sql("SELECT " + userColumn + ", COUNT(DISTINCT conference_url, COALESCE(conf_instance, '')) "
                        + "FROM comm_session "
                        + "WHERE tenant_id = :t "
                        + "AND conference_url IS NOT NULL AND " + userColumn + " IS NOT NULL AND (" + condition + ") "
                        + "AND start_time >= :from AND start_time < :until GROUP BY " + userColumn)
                .param("t", tenantId)
                .param("from", from.atStartOfDay())
                .param("until", until.atStartOfDay())
                .query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return counts;
    }

    private Map<Long, Long> peerToPeerSessions(long tenantId, LocalDate from, LocalDate until) {
        Map<Long, Long> counts = new HashMap<>();
        jdbc.sql("""
                SELECT u.id, (SELECT COUNT(*) FROM comm_session s WHERE s.tenant_id = :t AND s.conference_url IS NULL
                              AND (s.from_user_id = u.id OR s.to_user_id = u.id)
                              AND s.start_time >= :from AND s.start_time < :until)
                FROM licensed_user u WHERE u.tenant_id = :t
                """)
                .param("t", tenantId)
                .param("from", from.atStartOfDay())
                .param("until", until.atStartOfDay())
                .query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return counts;
    }

    /** The header record first, then the rows, readable by column name or index. */
    private static List<CSVRecord> csv(String body) throws Exception {
        assertThat(body).startsWith("\uFEFF");
        String text = body.substring(1);
        List<CSVRecord> records = new ArrayList<>();
        records.add(CSVFormat.RFC4180.parse(new StringReader(text)).getRecords().get(0));
        records.addAll(CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))
                .getRecords());
        return records;
    }

    private HttpResponse<String> get(String call, String options, String account) throws Exception {
        return get(call, options, account, DemoAccounts.PASSWORD);
    }

    private HttpResponse<String> get(String call, String options, String account, String password) throws Exception {
        return send(url(call, options), account, password, Map.of());
    }

    private String url(String call, String options) {
        return "http://localhost:" + port + "/v1.0/reports/" + call.replace("'", "%27")
                + (options.isEmpty() ? "" : "?" + options);
    }

    private HttpResponse<String> send(String url, String account, String password, Map<String, String> headers)
            throws Exception {
        var request = HttpRequest.newBuilder(
                        URI.create(url.replace("$", URLEncoder.encode("$", StandardCharsets.UTF_8))))
                .GET();
        if (account != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((account + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
