package org.commsportal.deviceusage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.Role;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The device usage read model, page service and Graph functions against a recomputation written here from the
 * records the test sent: each licensed party on the platform this test expects of its client version (its own
 * table, below), the To party of a conference and server agents counting nowhere, with re-sends on another client,
 * users written after their sessions, deleted users and licence changes, unknown agents, sessions at UTC day edges
 * and retention.
 */
@PortalIntegrationTest
class DeviceUsageIT {

    private static final LocalDate LONG_AGO = LocalDate.of(2020, 1, 1);

    private static final String WIN = "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)";
    private static final String IPHONE = "UCWA/6.0.0.0 iPhoneLync/6.22.0.0 (iPhone iOS 12.1)";
    private static final String IPAD = "UCCAPI/6.16.0.0 iOS 11.2 (iPad)";
    private static final String ANDROID = "UCCAPI/6.16.0.0 Android 7.0 (Skype for Business)";
    private static final String WP = "UCWA/5.0.0.0 WPLync/5.4.1087.0 (Windows Phone 8.0)";
    private static final String MAC = "SfBMac/16.24.0.0 (Skype for Business for Mac)";
    private static final String WEB = "LWA/16.0.0.0 (Skype for Business Web App)";
    private static final String POLYCOM = "CPE/6.0.9319.510 (Polycom VVX 500)";
    private static final String ODD = "Wéird İPad Ünknown/1.0 \uD83D\uDE00";
    private static final String MEDIATION = "Mediation Server";
    private static final String FOCUS = "Conferencing Server";

    /** What this test expects of each client version it sends: a platform, or empty for a server (no platform). */
    private static final Map<String, Optional<Platform>> EXPECTED = new HashMap<>();

    static {
        EXPECTED.put(WIN, Optional.of(Platform.WINDOWS));
        EXPECTED.put(IPHONE, Optional.of(Platform.IPHONE));
        EXPECTED.put(IPAD, Optional.of(Platform.IPAD));
        EXPECTED.put(ANDROID, Optional.of(Platform.ANDROID_PHONE));
        EXPECTED.put(WP, Optional.of(Platform.WINDOWS_PHONE));
        EXPECTED.put(MAC, Optional.of(Platform.MAC));
        EXPECTED.put(WEB, Optional.of(Platform.WEB));
        EXPECTED.put(POLYCOM, Optional.of(Platform.OTHER));
        EXPECTED.put(ODD, Optional.of(Platform.OTHER));
        // told apart exactly, as the write path does, also by a rebuild (MariaDB's default collation would not)
        EXPECTED.put(POLYCOM.toLowerCase(Locale.ROOT), Optional.of(Platform.OTHER));
        EXPECTED.put(POLYCOM + " ", Optional.of(Platform.OTHER));
        EXPECTED.put("Weird IPad Unknown/1.0 \uD83D\uDE00", Optional.of(Platform.IPAD)); // ODD's ASCII look-alike
        EXPECTED.put("", Optional.of(Platform.OTHER)); // no client version given
        EXPECTED.put(MEDIATION, Optional.empty());
        EXPECTED.put(FOCUS, Optional.empty());
    }

    private static final List<String> AGENTS = new ArrayList<>(EXPECTED.keySet());

    @LocalServerPort
    int port;

    @Autowired
    SessionWriter writer;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    DeviceUsageService service;

    @Autowired
    ReadModelCheck readModelCheck;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DevicePeriodTotals periodTotals;

    private Tenant tenant;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final Map<String, SessionRecord> sent = new LinkedHashMap<>();
    private final Map<String, UserRecord> users = new HashMap<>();

    @BeforeEach
    void emptyTenant() {
        tenant = testTenants.newTenant("device-usage");
        concealNames(false); // names shown unless a test says otherwise
        // the per-user period totals built from the start: every write below changes them in its transaction
        moveTotalsTo(today.minusDays(1));
    }

    private void moveTotalsTo(LocalDate reportDate) {
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate));
    }

    private void concealNames(boolean concealed) {
        jdbc.sql("UPDATE tenant SET display_concealed_names = :c WHERE id = :id")
                .param("c", concealed)
                .param("id", tenant.id())
                .update();
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void every_chart_point_table_cell_and_unknown_agent_equals_a_recomputation_from_the_records_sent() {
        LocalDate d1 = today.minusDays(3);
        LocalDate d2 = today.minusDays(2);
        writeUsers(
                user("ada", LONG_AGO, null),
                user("bob", LONG_AGO, null),
                user("cyd", LONG_AGO, d1),
                user("eve", LONG_AGO, null));

        write(
                p2p("p-1", d1, "09:00:00", "ada", WIN, "bob", IPHONE),
                p2p("p-edge-1", d1, "23:59:59.999", "ada", ANDROID, "bob", IPAD),
                p2p("p-edge-2", d2, "00:00:00", "ada", MAC, "bob", null),
                p2p("p-self", d1, "10:00:00", "ada", WIN, "ada", WP),
                p2p("p-external", d2, "11:00:00", "ada", WEB, "guest@other.example", WIN),
                // cyd's licence ended on d1: only ada counts on d2, on a client nobody knows
                p2p("p-deleted", d2, "12:00:00", "cyd", POLYCOM, "ada", ODD),
                p2p("p-cyd", d1, "12:00:00", "cyd", POLYCOM, "bob", MEDIATION),
                // the To party of a conference is its focus: the organizer's client shows in their own join
                conference("c-ada", d1, "15:00:00", "ada", IPAD, "bob", FOCUS),
                conference("c-bob", d2, "16:00:00", "bob", null, "bob", WIN),
                // dee's session arrives before dee does
                p2p("p-dee", d1, "08:00:00", "dee", IPHONE, "bob", WIN),
                // after the report date, and before the 7 days
                p2p("p-today", today, "09:00:00", "ada", WEB, "bob", WIN),
                p2p("p-old", today.minusDays(10), "09:00:00", "ada", POLYCOM, "bob", WIN));
        assertEqualsRecomputation();

        writeUsers(user("dee", d1, null));
        assertEqualsRecomputation();

        // re-sends on other clients, and unchanged
        write(
                p2p("p-1", d1, "09:00:00", "ada", MAC, "bob", IPHONE),
                p2p("p-edge-1", d1, "23:59:59.999", "ada", ANDROID, "bob", WIN),
                p2p("p-self", d1, "10:00:00", "ada", WIN, "ada", WP));
        assertEqualsRecomputation();

        // licences move: bob licensed only from d2, cyd's deletion taken back
        writeUsers(user("bob", d2, null), user("cyd", LONG_AGO, null));
        assertEqualsRecomputation();
    }

    @Test
    void records_in_any_order_and_any_batches_end_in_the_same_figures() {
        LocalDate first = today.minusDays(20);
        Random random = new Random(21);
        List<String> aliases = List.of("u0", "u1", "u2", "u3", "u4", "u5");
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            LocalDate day = first.plusDays(random.nextInt(21));
            String time = String.format(
                    Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
            String from = aliases.get(random.nextInt(aliases.size()));
            String to = random.nextInt(5) == 0 ? "guest@other.example" : aliases.get(random.nextInt(aliases.size()));
            String fromAgent = agent(random);
            String toAgent = agent(random);
            records.add(
                    random.nextInt(4) == 0
                            ? conference("r-" + i, day, time, from, fromAgent, to, toAgent)
                            : p2p("r-" + i, day, time, from, fromAgent, to, toAgent));
        }
        Collections.shuffle(records, random);
        writeUsers(user("u0", LONG_AGO, null), user("u1", first.plusDays(5), null));
        for (int start = 0; start < records.size(); start += 37) {
            write(records.subList(start, Math.min(records.size(), start + 37)).toArray(SessionRecord[]::new));
            if (start == 111) {
                writeUsers(user("u2", LONG_AGO, first.plusDays(10)), user("u3", LONG_AGO, null));
            }
        }
        // a third of the records again, half of them on other clients
        for (int i = 0; i < records.size(); i += 3) {
            SessionRecord r = records.get(i);
            write(i % 2 == 0 ? r : withAgents(r, agent(random), agent(random)));
        }
        writeUsers(user("u4", LONG_AGO, null), user("u5", first.plusDays(12), null), user("u1", LONG_AGO, null));
        assertEqualsRecomputation();
    }

    @Test
    void retention_forgets_the_days_it_removes_and_keeps_the_rest_exact() {
        LocalDate old = today.minusDays(40);
        writeUsers(user("ada", LONG_AGO, null), user("bob", LONG_AGO, null));
        write(
                p2p("old", old, "10:00:00", "ada", POLYCOM, "bob", WIN),
                p2p("new", today.minusDays(2), "10:00:00", "ada", IPAD, "bob", IPHONE));
        LocalDate keptFrom = today.minusDays(30);
        currentTenant.runAs(tenant.id(), () -> writer.keepFrom(keptFrom));
        sent.remove("old");
        assertEqualsRecomputation();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM device_usage_day WHERE tenant_id = :t AND day < :d")
                        .param("t", tenant.id())
                        .param("d", keptFrom)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void daily_users_per_platform_stay_exact_through_re_sends_replacements_late_records_day_edges_and_rebuilds() {
        LocalDate d1 = today.minusDays(4);
        LocalDate d2 = today.minusDays(3);
        LocalDate d3 = today.minusDays(2);
        String guest = "guest@other.example";
        writeUsers(user("ada", LONG_AGO, null), user("bob", LONG_AGO, null), user("cyd", LONG_AGO, null));

        // out of order: the later days first
        write(p2p("late-1", d3, "08:00:00", "cyd", ANDROID, "ada", WEB));
        assertDailyUsers();
        // two sessions of one user on one platform and day: one counted user
        write(
                p2p("two-1", d1, "09:00:00", "ada", WIN, guest, WIN),
                p2p("two-2", d1, "10:00:00", "ada", WIN, guest, WIN));
        assertDailyUsers();
        // one of them replaced by a re-send on another client: ada stays on Windows and is on an iPhone too
        write(p2p("two-2", d1, "10:00:00", "ada", IPHONE, guest, WIN));
        assertDailyUsers();
        // the other one re-sent on the iPhone as well: ada leaves Windows that day, stays on the iPhone once
        write(p2p("two-1", d1, "09:00:00", "ada", IPHONE, guest, WIN));
        assertDailyUsers();
        // one user on two unrecognised client versions (two rows of Other) is one user of Other
        write(
                p2p("other-1", d2, "11:00:00", "bob", POLYCOM, "cyd", ODD),
                p2p("other-2", d2, "12:00:00", "bob", ODD, "cyd", null));
        assertDailyUsers();
        // re-sends that change the client version within Other, to a known platform and to a server's
        write(p2p("other-1", d2, "11:00:00", "bob", ODD, "cyd", WIN));
        assertDailyUsers();
        write(p2p("other-2", d2, "12:00:00", "bob", MAC, "cyd", MEDIATION));
        assertDailyUsers();
        // a session removed by an importer's later version: its user's last party of the day and platform goes
        currentTenant.runAs(tenant.id(), () -> writer.replace(List.of(), List.of("late-1")));
        sent.remove("late-1");
        assertDailyUsers();

        // UTC day edges: the last millisecond of d1, midnight of d2, and 21:30 at UTC-5 on d2, which is d3 in UTC
        write(
                p2p("edge-1", d1, "23:59:59.999", "bob", IPAD, "cyd", IPAD),
                p2p("edge-2", d2, "00:00:00", "bob", IPAD, guest, WIN),
                record(
                        "edge-zone",
                        OffsetDateTime.parse(d2 + "T21:30:00-05:00").toInstant(),
                        "cyd",
                        WP,
                        "bob",
                        IPAD,
                        null));
        assertDailyUsers();
        // a re-send moving a session across midnight: bob leaves the iPad on d1 only if no other party keeps him there
        write(record("edge-1", Instant.parse(d2 + "T00:00:30Z"), "bob", IPAD, "cyd", IPAD, null));
        assertDailyUsers();
        // a user arriving after their sessions, then their licence ending on d1
        write(
                p2p("dee-1", d1, "12:00:00", "dee", WIN, "ada", WIN),
                p2p("dee-2", d2, "12:00:00", "dee", WIN, "bob", WIN));
        assertDailyUsers();
        writeUsers(user("dee", LONG_AGO, null));
        assertDailyUsers();
        writeUsers(user("dee", LONG_AGO, d1));
        assertDailyUsers();

        // rebuilt from the raw sessions (as after a load that bypassed the write path): the same rows
        jdbc.sql("DELETE FROM device_usage_platform_day WHERE tenant_id = :t")
                .param("t", tenant.id())
                .update();
        assertThat(readModelCheck.differences(tenant.id(), 20)).isNotEmpty();
        readModelCheck.rebuild(tenant.id());
        assertDailyUsers();

        // retention forgets the days before d2; sessions across its midnight go whole
        currentTenant.runAs(tenant.id(), () -> writer.keepFrom(d2));
        sent.values()
                .removeIf(s ->
                        s.startTime().isBefore(d2.atStartOfDay(ZoneOffset.UTC).toInstant()));
        assertDailyUsers();
        assertEqualsRecomputation();
    }

    /**
     * The stored distinct users of every day and platform, and the page's daily chart, against the recomputation from
     * the records sent; and nothing that verify-rollups would report.
     */
    private void assertDailyUsers() {
        Map<LocalDate, Map<Platform, Long>> stored = new TreeMap<>();
        jdbc.sql("SELECT day, platform, users FROM device_usage_platform_day WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, row) -> stored.computeIfAbsent(
                                rs.getObject("day", LocalDate.class), day -> new EnumMap<>(Platform.class))
                        .put(Platform.ofCode(rs.getInt("platform")), rs.getLong("users")))
                .list();
        Map<LocalDate, Map<Platform, Long>> expected = new TreeMap<>();
        for (Party p : parties()) {
            expected.computeIfAbsent(p.day(), day -> expectedDay(day));
        }
        assertThat(stored).as("device_usage_platform_day").isEqualTo(expected);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        for (DeviceUsageDay day : service.report(ReportPeriod.D7).days()) {
            assertThat(day.users()).as("users of " + day.day()).isEqualTo(expectedDay(day.day()));
        }
        TestTenants.signOut();
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
    }

    @Test
    void period_totals_follow_writes_and_report_date_moves_and_equal_the_recomputation() {
        LocalDate reportDate = today.minusDays(1);
        writeUsers(
                user("u0", LONG_AGO, null),
                user("u1", LONG_AGO, reportDate.minusDays(20)),
                user("u2", reportDate.minusDays(100), null));
        Random random = new Random(33);
        List<String> aliases = List.of("u0", "u1", "u2", "u3", "guest@other.example");
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // from 214 days before the report date to today: every window edge of the report dates below is crossed
            LocalDate day = today.minusDays(random.nextInt(215));
            String time = String.format(
                    Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
            String from = aliases.get(random.nextInt(aliases.size()));
            String to = aliases.get(random.nextInt(aliases.size()));
            records.add(
                    random.nextInt(4) == 0
                            ? conference("t-" + i, day, time, from, agent(random), to, agent(random))
                            : p2p("t-" + i, day, time, from, agent(random), to, agent(random)));
        }
        Collections.shuffle(records, random);
        moveTotalsTo(reportDate.minusDays(12)); // kept by each write from here
        write(records.subList(0, 100).toArray(SessionRecord[]::new));
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        moveTotalsTo(reportDate.minusDays(5)); // forward by 7 days
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        write(records.subList(100, records.size()).toArray(SessionRecord[]::new));
        for (int i = 0; i < records.size(); i += 4) { // re-sends, half of them on other clients
            SessionRecord r = records.get(i);
            write(i % 8 == 0 ? r : withAgents(r, agent(random), agent(random)));
        }
        writeUsers(user("u3", reportDate.minusDays(50), null)); // arriving after their sessions
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        // rebuilt from the raw sessions alone (as after a bulk import): the same rows
        jdbc.sql("DELETE FROM device_usage_day WHERE tenant_id = :t")
                .param("t", tenant.id())
                .update();
        readModelCheck.rebuild(tenant.id());
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        moveTotalsTo(reportDate.minusDays(40)); // backwards: recounted
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        moveTotalsTo(reportDate); // forward by 40 days
        assertEqualsRecomputation();
    }

    @Test
    void concealed_viewers_see_and_find_pseudonyms_only_and_chart_roles_see_no_table() {
        writeUsers(user("ada", LONG_AGO, null), user("bob", LONG_AGO, null));
        write(p2p("p-1", today.minusDays(2), "10:00:00", "ada", WIN, "bob", IPHONE));
        String adaPseudonym = jdbc.sql("SELECT pseudonym FROM licensed_user WHERE tenant_id = :t AND alias = 'ada'")
                .param("t", tenant.id())
                .query(String.class)
                .single();

        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        List<DeviceUserRow> rows = service.users(DeviceUserQuery.of(ReportPeriod.D7), 0, 100);
        assertThat(rows).extracting(DeviceUserRow::userName).doesNotContain(upn("ada"), upn("bob"));
        assertThat(rows).extracting(DeviceUserRow::displayName).doesNotContain("User ada", "User bob");
        assertThat(rows).extracting(DeviceUserRow::userName).contains(adaPseudonym);
        var byPseudonym = DeviceUserQuery.of(ReportPeriod.D7).withFilter(adaPseudonym.substring(3, 12));
        assertThat(service.users(byPseudonym, 0, 100))
                .singleElement()
                .satisfies(row -> assertThat(row.used()).containsExactly(Platform.WINDOWS));
        assertThat(service.countUsers(DeviceUserQuery.of(ReportPeriod.D7).withFilter("ada@")))
                .isZero();
        assertThat(service.countUsers(DeviceUserQuery.of(ReportPeriod.D7).withFilter("User ada")))
                .isZero();

        testTenants.signInAs(tenant, Role.REPORTS_READER);
        assertThat(service.users(DeviceUserQuery.of(ReportPeriod.D7).withFilter("ada@"), 0, 100))
                .extracting(DeviceUserRow::userName)
                .containsExactly(upn("ada"));

        // the tenant's setting conceals names from administrators too
        concealNames(true);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThat(service.users(DeviceUserQuery.of(ReportPeriod.D7), 0, 100))
                .extracting(DeviceUserRow::userName)
                .contains(adaPseudonym)
                .doesNotContain(upn("ada"));

        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThat(service.report(ReportPeriod.D7).distribution(Platform.IPHONE))
                .isEqualTo(1);
        assertThatThrownBy(() -> service.users(DeviceUserQuery.of(ReportPeriod.D7), 0, 10))
                .isInstanceOf(AccessDeniedException.class);

        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        assertThatThrownBy(() -> service.report(ReportPeriod.D7)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_graph_functions_have_the_vendors_headers_and_json_names_and_the_pages_figures() throws Exception {
        LocalDate day = today.minusDays(2);
        writeUsers(user("ada", LONG_AGO, null), user("bob", LONG_AGO, null), user("cyd", LONG_AGO, null));
        write(
                p2p("p-1", day, "10:00:00", "ada", WIN, "bob", IPHONE),
                p2p("p-2", day.minusDays(1), "10:00:00", "ada", MAC, "bob", IPAD),
                p2p("p-3", day.minusDays(20), "10:00:00", "cyd", ANDROID, "bob", WP));
        String account = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        LocalDate reportDate = today.minusDays(1);

        List<CSVRecord> detail = csv(get("getSkypeForBusinessDeviceUsageUserDetail(period='D30')", "", account));
        assertThat(String.join(",", detail.get(0).values()))
                .isEqualTo("Report Refresh Date,User Principal Name,Last Activity Date,Used Windows,"
                        + "Used Windows Phone,Used Android Phone,Used iPhone,Used iPad,Report Period");
        assertThat(detail).hasSize(4);
        for (CSVRecord row : detail.subList(1, 4)) {
            String upn = row.get("User Principal Name");
            ExpectedUser expected = expectedUser(upn, today.minusDays(30), reportDate);
            assertThat(row.get("Report Refresh Date")).isEqualTo(reportDate.toString());
            assertThat(row.get("Last Activity Date")).isEqualTo(String.valueOf(expected.last()));
            assertThat(row.get("Used Windows")).isEqualTo(flag(expected, Platform.WINDOWS));
            assertThat(row.get("Used Windows Phone")).isEqualTo(flag(expected, Platform.WINDOWS_PHONE));
            assertThat(row.get("Used Android Phone")).isEqualTo(flag(expected, Platform.ANDROID_PHONE));
            assertThat(row.get("Used iPhone")).isEqualTo(flag(expected, Platform.IPHONE));
            assertThat(row.get("Used iPad")).isEqualTo(flag(expected, Platform.IPAD));
            assertThat(row.get("Report Period")).isEqualTo("30");
        }
        List<CSVRecord> oneDay = csv(get("getSkypeForBusinessDeviceUsageUserDetail(date=" + day + ")", "", account));
        assertThat(oneDay.get(1).get("User Principal Name")).isEqualTo(upn("ada"));
        assertThat(oneDay.get(1).get("Used Windows")).isEqualTo("True");
        assertThat(oneDay.get(1).get("Report Period")).isEqualTo("1");

        List<CSVRecord> counts = csv(get("getSkypeForBusinessDeviceUsageUserCounts(period='D7')", "", account));
        assertThat(String.join(",", counts.get(0).values()))
                .isEqualTo("Report Refresh Date,Windows,Windows Phone,Android Phone,iPhone,iPad,Report Date,"
                        + "Report Period");
        assertThat(counts).hasSize(8);
        assertThat(counts.get(1).get("Report Date")).isEqualTo(reportDate.toString()); // newest first
        for (CSVRecord row : counts.subList(1, 8)) {
            Map<Platform, Long> expected = expectedDay(LocalDate.parse(row.get("Report Date")));
            assertThat(row.get("Windows")).isEqualTo(String.valueOf(expected.getOrDefault(Platform.WINDOWS, 0L)));
            assertThat(row.get("iPhone")).isEqualTo(String.valueOf(expected.getOrDefault(Platform.IPHONE, 0L)));
            assertThat(row.get("iPad")).isEqualTo(String.valueOf(expected.getOrDefault(Platform.IPAD, 0L)));
            assertThat(row.get("Report Period")).isEqualTo("7");
        }

        List<CSVRecord> distribution =
                csv(get("getSkypeForBusinessDeviceUsageDistributionUserCounts(period='D30')", "", account));
        assertThat(String.join(",", distribution.get(0).values()))
                .isEqualTo("Report Refresh Date,Windows,Windows Phone,Android Phone,iPhone,iPad,Report Period");
        Map<Platform, Long> period = expectedDistribution(today.minusDays(30), reportDate);
        assertThat(distribution.get(1).values())
                .containsExactly(
                        reportDate.toString(),
                        String.valueOf(period.getOrDefault(Platform.WINDOWS, 0L)),
                        String.valueOf(period.getOrDefault(Platform.WINDOWS_PHONE, 0L)),
                        String.valueOf(period.getOrDefault(Platform.ANDROID_PHONE, 0L)),
                        String.valueOf(period.getOrDefault(Platform.IPHONE, 0L)),
                        String.valueOf(period.getOrDefault(Platform.IPAD, 0L)),
                        "30");

        ObjectMapper json = new ObjectMapper();
        JsonNode detailJson = json.readTree(
                get("getSkypeForBusinessDeviceUsageUserDetail(period='D7')", "$format=application/json", account));
        assertThat(names(detailJson.get("value").get(0)))
                .containsExactly(
                        "reportRefreshDate",
                        "userPrincipalName",
                        "lastActivityDate",
                        "usedWindows",
                        "usedWindowsPhone",
                        "usedAndroidPhone",
                        "usediPhone",
                        "usediPad",
                        "reportPeriod");
        assertThat(detailJson.get("value").get(0).get("usedWindows").isBoolean())
                .isTrue();
        JsonNode countsJson = json.readTree(
                get("getSkypeForBusinessDeviceUsageUserCounts(period='D7')", "$format=application/json", account));
        assertThat(names(countsJson.get("value").get(0)))
                .containsExactly(
                        "reportRefreshDate",
                        "windows",
                        "windowsPhone",
                        "androidPhone",
                        "iPhone",
                        "iPad",
                        "reportDate",
                        "reportPeriod");
        JsonNode distributionJson = json.readTree(get(
                "getSkypeForBusinessDeviceUsageDistributionUserCounts(period='D7')",
                "$format=application/json",
                account));
        assertThat(names(distributionJson.get("value").get(0)))
                .containsExactly(
                        "reportRefreshDate",
                        "windows",
                        "windowsPhone",
                        "androidPhone",
                        "iPhone",
                        "iPad",
                        "reportPeriod");
        assertThat(distributionJson.get("value").get(0).get("reportPeriod").asText())
                .isEqualTo("7");

        String chartsOnly = testTenants.newAccount(tenant, Role.USAGE_SUMMARY_READER);
        assertThat(send("getSkypeForBusinessDeviceUsageUserDetail(period='D7')", "", chartsOnly)
                        .statusCode())
                .isEqualTo(403);
        // refused for the role, whatever the date: the date's checks tell such a caller nothing
        assertThat(send("getSkypeForBusinessDeviceUsageUserDetail(date=1999-01-01)", "", chartsOnly)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("getSkypeForBusinessActivityUserDetail(date=1999-01-01)", "", chartsOnly)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send("getSkypeForBusinessDeviceUsageUserCounts(period='D7')", "", chartsOnly)
                        .statusCode())
                .isEqualTo(200);
    }

    // --- the recomputation ---------------------------------------------------------------------------------------

    /** A licensed party of a session as this test counts it. */
    private record Party(String upn, LocalDate day, Platform platform, String agent) {}

    private record ExpectedUser(String upn, @Nullable LocalDate last, Set<Platform> used) {}

    private List<Party> parties() {
        List<Party> parties = new ArrayList<>();
        for (SessionRecord s : sent.values()) {
            LocalDate day = s.startTime().atOffset(ZoneOffset.UTC).toLocalDate();
            String from = counted(s.fromUri(), s.startTime());
            addParty(parties, from, day, s.fromClientVersion());
            if (s.conferenceUrl() == null) {
                addParty(parties, counted(s.toUri(), s.startTime()), day, s.toClientVersion());
            }
        }
        return parties;
    }

    private static void addParty(List<Party> parties, @Nullable String upn, LocalDate day, @Nullable String version) {
        String agent = version == null ? "" : version;
        Optional<Platform> platform = EXPECTED.get(agent);
        if (upn != null && platform.isPresent()) {
            parties.add(new Party(upn, day, platform.get(), agent));
        }
    }

    private Map<Platform, Long> expectedDay(LocalDate day) {
        return expectedDistribution(day, day);
    }

    private Map<Platform, Long> expectedDistribution(LocalDate from, LocalDate to) {
        Map<Platform, Set<String>> users = new EnumMap<>(Platform.class);
        for (Party p : parties()) {
            if (!p.day().isBefore(from) && !p.day().isAfter(to)) {
                users.computeIfAbsent(p.platform(), key -> new HashSet<>()).add(p.upn());
            }
        }
        Map<Platform, Long> counts = new EnumMap<>(Platform.class);
        users.forEach((platform, upns) -> counts.put(platform, (long) upns.size()));
        return counts;
    }

    private ExpectedUser expectedUser(String upn, LocalDate from, LocalDate to) {
        LocalDate last = null;
        Set<Platform> used = EnumSet.noneOf(Platform.class);
        for (Party p : parties()) {
            if (!p.upn().equals(upn) || p.day().isAfter(to)) {
                continue;
            }
            last = last == null || p.day().isAfter(last) ? p.day() : last;
            if (!p.day().isBefore(from)) {
                used.add(p.platform());
            }
        }
        return new ExpectedUser(upn, last, used);
    }

    /** Every user licensed at some time in [from, to], by user name. */
    private List<ExpectedUser> expectedTable(LocalDate from, LocalDate to) {
        return users.values().stream()
                .filter(u -> !u.licensedFrom().isAfter(to)
                        && (u.deletedAt() == null || !u.deletedAt().isBefore(from)))
                .map(u -> expectedUser(u.upn().toLowerCase(Locale.ROOT), from, to))
                .sorted(Comparator.comparing(ExpectedUser::upn))
                .toList();
    }

    /**
     * Every figure against the recomputation: read from the period totals, then summed from the day rows while the
     * totals end on another day (before the nightly move), then from the totals moved on again.
     */
    private void assertEqualsRecomputation() {
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        assertFigures();
        moveTotalsTo(today.minusDays(2));
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        assertFigures();
        moveTotalsTo(today.minusDays(1));
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
    }

    /** The D30 table sorted by the column both ways, whole and a page of it, in the comparator's order. */
    private void assertSorted(DeviceUserColumn column, List<ExpectedUser> all, Comparator<ExpectedUser> ascending) {
        for (boolean up : List.of(true, false)) {
            List<String> expected = all.stream()
                    .sorted(up ? ascending : ascending.reversed())
                    .map(ExpectedUser::upn)
                    .toList();
            DeviceUserQuery query = DeviceUserQuery.of(ReportPeriod.D30).sortedBy(column, up);
            assertThat(service.users(query, 0, 1000))
                    .extracting(DeviceUserRow::userName)
                    .as(column + (up ? " ascending" : " descending"))
                    .isEqualTo(expected);
            if (expected.size() > 2) {
                assertThat(service.users(query, 1, 2))
                        .extracting(DeviceUserRow::userName)
                        .isEqualTo(expected.subList(1, 3));
                assertThat(service.users(query, 1, Integer.MAX_VALUE)) // the rest, however many
                        .extracting(DeviceUserRow::userName)
                        .isEqualTo(expected.subList(1, expected.size()));
            }
        }
    }

    private void assertFigures() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        LocalDate reportDate = today.minusDays(1);
        for (ReportPeriod period : ReportPeriod.values()) {
            LocalDate from = reportDate.minusDays(period.days() - 1L);
            DeviceUsageReport report = service.report(period);
            assertThat(report.reportDate()).isEqualTo(reportDate);
            assertThat(report.days()).hasSize(period.days());
            for (DeviceUsageDay day : report.days()) {
                assertThat(day.users()).as("users of " + day.day()).isEqualTo(expectedDay(day.day()));
            }
            assertThat(report.distribution()).as("distribution").isEqualTo(expectedDistribution(from, reportDate));
            assertThat(report.unknownAgents())
                    .as("unknown agents")
                    .containsExactlyInAnyOrderElementsOf(expectedUnknown(from, reportDate));
            assertThat(report.unknownAgents())
                    .isSortedAccordingTo(
                            Comparator.comparingLong(UnknownAgent::users).reversed());

            assertTable(DeviceUserQuery.of(period), expectedTable(from, reportDate));
            for (DeviceUsageDay day : report.days()) {
                if (!day.users().isEmpty()) {
                    assertTable(DeviceUserQuery.of(period).withDay(day.day()), expectedTable(day.day(), day.day()));
                }
            }
        }
        // sorted by a platform in the database, ties by all the user's platforms, then by id (docs/device-usage.md,
        // "Sorting"); by last activity, ties by id; a page of each
        List<ExpectedUser> all = expectedTable(reportDate.minusDays(29), reportDate);
        Map<String, Long> ids = jdbc
                .sql("SELECT upn, id FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, row) -> Map.entry(rs.getString("upn").toLowerCase(Locale.ROOT), rs.getLong("id")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Comparator<ExpectedUser> byId = Comparator.comparing(u -> ids.get(u.upn()));
        for (Platform platform : List.of(Platform.WINDOWS, Platform.IPHONE, Platform.OTHER)) {
            Comparator<ExpectedUser> byPlatform = Comparator.comparing(
                            (ExpectedUser u) -> u.used().contains(platform))
                    .thenComparing(
                            u -> u.used().stream().mapToInt(p -> 1 << p.code()).sum())
                    .thenComparing(byId);
            assertSorted(DeviceUserColumn.valueOf(platform.name()), all, byPlatform);
        }
        assertSorted(
                DeviceUserColumn.LAST_ACTIVITY_DATE,
                all,
                Comparator.comparing(ExpectedUser::last, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(byId));
        if (!all.isEmpty()) {
            String alias = all.get(0).upn().split("@")[0];
            assertThat(service.users(DeviceUserQuery.of(ReportPeriod.D30).withFilter(alias + "@"), 0, 100))
                    .extracting(DeviceUserRow::userName)
                    .containsExactly(all.get(0).upn());
        }
        TestTenants.signOut();
    }

    private void assertTable(DeviceUserQuery query, List<ExpectedUser> expected) {
        List<DeviceUserRow> rows = service.users(query, 0, 1000);
        assertThat(service.countUsers(query)).isEqualTo(expected.size());
        assertThat(rows)
                .as("table of " + query)
                .extracting(r -> new ExpectedUser(r.userName(), r.lastActivityDate(), r.used()))
                .containsExactlyElementsOf(expected);
        try {
            var out = new ByteArrayOutputStream();
            service.export(query, List.of(DeviceUserColumn.values()), ExportFormat.CSV, out, written -> {});
            List<CSVRecord> lines = csv(out.toString(StandardCharsets.UTF_8));
            assertThat(lines).hasSize(expected.size() + 1);
            for (int i = 0; i < expected.size(); i++) {
                CSVRecord line = lines.get(i + 1);
                assertThat(line.get("User name")).isEqualTo(expected.get(i).upn());
                for (DeviceUserColumn column : DeviceUserColumn.values()) {
                    if (column.platform() != null) {
                        assertThat(line.get(column.header()))
                                .isEqualTo(expected.get(i).used().contains(column.platform()) ? "Yes" : "No");
                    }
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<UnknownAgent> expectedUnknown(LocalDate from, LocalDate to) {
        Map<String, Set<String>> users = new TreeMap<>();
        Map<String, Long> sessions = new TreeMap<>();
        for (Party p : parties()) {
            if (p.platform() == Platform.OTHER
                    && !p.day().isBefore(from)
                    && !p.day().isAfter(to)) {
                users.computeIfAbsent(p.agent(), key -> new HashSet<>()).add(p.upn());
                sessions.merge(p.agent(), 1L, Long::sum);
            }
        }
        return users.keySet().stream()
                .map(agent -> new UnknownAgent(agent, users.get(agent).size(), sessions.get(agent)))
                .toList();
    }

    private @Nullable String counted(@Nullable String uri, Instant start) {
        if (uri == null) {
            return null;
        }
        String upn = uri.strip().replaceFirst("(?i)^sip:", "");
        upn = upn.split(";", 2)[0].toLowerCase(Locale.ROOT);
        UserRecord user = users.get(upn);
        LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
        if (user == null
                || day.isBefore(user.licensedFrom())
                || (user.deletedAt() != null && day.isAfter(user.deletedAt()))) {
            return null;
        }
        return upn;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void the_graph_user_detail_pages_every_user_once_in_name_order_while_users_are_added_between_pages(
            boolean concealed) throws Exception {
        concealNames(concealed);
        List<UserRecord> before = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            before.add(user("m" + (char) ('a' + i), LONG_AGO, null));
        }
        writeUsers(before.toArray(UserRecord[]::new));
        String account = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        ObjectMapper json = new ObjectMapper();

        List<String> seen = new ArrayList<>();
        String options = "$format=application/json&$top=4";
        int pages = 0;
        while (options != null) {
            JsonNode body =
                    json.readTree(get("getSkypeForBusinessDeviceUsageUserDetail(period='D7')", options, account));
            body.get("value")
                    .forEach(user -> seen.add(user.get("userPrincipalName").asText()));
            String next =
                    body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            options = next == null ? null : next.substring(next.indexOf('?') + 1);
            if (++pages == 2) {
                // new users sorting before, among and after the rows read so far: a page counted by offset would
                // show one row again for each user added before it
                writeUsers(
                        user("aa", LONG_AGO, null),
                        user("ma0", LONG_AGO, null),
                        user("mb0", LONG_AGO, null),
                        user("zz", LONG_AGO, null));
            }
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).isSortedAccordingTo(Comparator.naturalOrder());
        List<String> shownBefore = new ArrayList<>();
        for (UserRecord user : before) {
            shownBefore.add(concealed ? pseudonymOf(user.upn()) : user.upn());
        }
        assertThat(seen).containsAll(shownBefore);
        if (!concealed) {
            assertThat(seen).as("added after the rows read so far").contains(upn("zz"));
            assertThat(seen).as("added before the rows read so far").doesNotContain(upn("aa"), upn("ma0"));
        }
    }

    // --- writing and reading ----------------------------------------------------------------------------------------

    private void write(SessionRecord... records) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(records)));
        for (SessionRecord r : records) {
            sent.put(r.dialogId(), r);
        }
    }

    private void writeUsers(UserRecord... records) {
        currentTenant.runAs(tenant.id(), () -> directory.upsert(List.of(records)));
        for (UserRecord u : records) {
            users.put(u.upn().toLowerCase(Locale.ROOT), u);
        }
    }

    private UserRecord user(String alias, LocalDate licensedFrom, @Nullable LocalDate deletedAt) {
        return new UserRecord(alias + "@" + tenant.name(), alias, "User " + alias, licensedFrom, deletedAt);
    }

    private String pseudonymOf(String upn) {
        return jdbc.sql("SELECT pseudonym FROM licensed_user WHERE tenant_id = :t AND upn = :upn")
                .param("t", tenant.id())
                .param("upn", upn)
                .query(String.class)
                .single();
    }

    private String upn(String alias) {
        return alias + "@" + tenant.name();
    }

    private String uri(String party) {
        return "sip:" + (party.contains("@") ? party : party + "@" + tenant.name());
    }

    private static @Nullable String agent(Random random) {
        String agent = AGENTS.get(random.nextInt(AGENTS.size()));
        return agent.isEmpty() ? null : agent;
    }

    private static String flag(ExpectedUser user, Platform platform) {
        return user.used().contains(platform) ? "True" : "False";
    }

    private SessionRecord p2p(
            String id,
            LocalDate day,
            String time,
            String from,
            @Nullable String fromAgent,
            String to,
            @Nullable String toAgent) {
        return record(id, Instant.parse(day + "T" + time + "Z"), from, fromAgent, to, toAgent, null);
    }

    /** A conference session: From is the participant, To the organizer (its focus, docs/ingest.md). */
    private SessionRecord conference(
            String id,
            LocalDate day,
            String time,
            String participant,
            @Nullable String participantAgent,
            String organizer,
            @Nullable String organizerAgent) {
        return record(
                id,
                Instant.parse(day + "T" + time + "Z"),
                participant,
                participantAgent,
                organizer,
                organizerAgent,
                "sip:" + organizer + "@conf." + tenant.name() + ";gruu;opaque=app:conf:focus:id:" + id);
    }

    private SessionRecord record(
            String id,
            Instant start,
            String from,
            @Nullable String fromAgent,
            String to,
            @Nullable String toAgent,
            @Nullable String conferenceUrl) {
        return new SessionRecord(
                id,
                start,
                start.plusSeconds(60),
                uri(from),
                uri(to),
                fromAgent,
                toAgent,
                conferenceUrl,
                conferenceUrl == null ? null : "1",
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                List.of(new MediaUsage(Modality.AUDIO, 60_000)),
                0,
                Quality.Report.none());
    }

    private SessionRecord withAgents(SessionRecord r, @Nullable String fromAgent, @Nullable String toAgent) {
        return new SessionRecord(
                r.dialogId(),
                r.startTime(),
                r.endTime(),
                r.fromUri(),
                r.toUri(),
                fromAgent,
                toAgent,
                r.conferenceUrl(),
                r.confInstance(),
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                r.media(),
                0,
                Quality.Report.none());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String get(String call, String options, String account) throws Exception {
        HttpResponse<String> response = send(call, options, account);
        assertThat(response.statusCode()).as(call + " " + response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String call, String options, String account) throws Exception {
        String url = "http://localhost:" + port + "/v1.0/reports/" + call.replace("'", "%27")
                + (options.isEmpty() ? "" : "?" + options.replace("$", "%24"));
        var request = HttpRequest.newBuilder(URI.create(url))
                .GET()
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((account + ":" + TestTenants.PASSWORD)
                                                .getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

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
}
