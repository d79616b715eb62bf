package org.commsportal.pstn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.export.ExportFormat;
import org.commsportal.ingest.IngestionKeys;
import org.commsportal.security.Role;
import org.commsportal.security.ViewerTimeZone;
import org.commsportal.sessions.ConferenceJoin;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The PSTN usage read model, page service and export against a recomputation written here from the records the
 * test sent: peer-to-peer calls out and in, conference dial-in and dial-out of outside numbers and of licensed
 * users, sessions without a telephone party, re-sends that change or remove a call, users written after their
 * calls and usage locations that change, calls at UTC day edges read in a +05:45 zone, and retention.
 */
@PortalIntegrationTest
class PstnUsageIT {

    private static final LocalDate LONG_AGO = LocalDate.of(2020, 1, 1);
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

    /** This test's own country codes of the numbers it sends, longest first. */
    private static final Map<String, String> COUNTRY_CODES = new LinkedHashMap<>();

    static {
        COUNTRY_CODES.put("+977", "NP");
        COUNTRY_CODES.put("+44", "GB");
        COUNTRY_CODES.put("+49", "DE");
        COUNTRY_CODES.put("+61", "AU");
        COUNTRY_CODES.put("+1", "US");
    }

    private static final List<String> NUMBERS =
            List.of("+14255550123", "+442079460456", "+4930901820", "+9779801234567", "+61291234567", "0301234");

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
    PstnUsageService service;

    @Autowired
    ReadModelCheck readModelCheck;

    @Autowired
    ViewerTimeZone viewerTimeZone;

    @Autowired
    IngestionKeys keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PstnCallsBackfill backfill;

    private Tenant tenant;
    private TestCalls calls;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final Map<String, SessionRecord> sent = new LinkedHashMap<>();
    private final Map<String, UserRecord> users = new HashMap<>();

    @BeforeEach
    void emptyTenant() {
        tenant = testTenants.newTenant("pstn-usage");
        calls = new TestCalls(tenant.name());
        concealNames(false);
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void every_chart_point_and_table_row_equals_a_recomputation_from_the_records_sent() {
        LocalDate d1 = today.minusDays(3);
        LocalDate d2 = today.minusDays(2);
        writeUsers(
                user("ada", LONG_AGO, null, "US"), user("bob", LONG_AGO, null, "GB"), user("cyd", LONG_AGO, d1, null));
        write(
                calls.callOut("out-us", d1, "09:00:00", "ada", "+14255550123", 125_400),
                calls.callOut("out-gb", d1, "10:00:00", "ada", "+442079460456", 61_000),
                calls.callIn("in-de", d1, "11:00:00", "+4930901820", "bob", 30_499),
                // the UTC day edges: the last moment of d1 and the first of d2
                calls.callOut("edge-1", d1, "23:59:59.999", "bob", "+442079460456", 90_000),
                calls.callOut("edge-2", d2, "00:00:00", "bob", "+9779801234567", 600_000),
                // an outside number dials in to ada's conference, and the conference calls one out
                calls.dialIn("conf-in", d2, "08:00:00", null, "+61291234567", "ada", 240_000),
                calls.dialOut("conf-out", d2, "09:00:00", "+14255550123", "ada", 45_000),
                // bob dials in to ada's conference as himself: his call
                calls.dialIn("conf-bob", d2, "10:00:00", "bob", "+442079460456", "ada", 120_000),
                // a number without a country code: no destination country, neither domestic nor international
                calls.callOut("no-country", d2, "11:00:00", "ada", "0301234", 20_000),
                // dee's calls arrive before dee does; cyd's licence ended on d1
                calls.dialIn("conf-dee", d2, "12:00:00", "dee", "+14255550123", "ada", 70_000),
                calls.callOut("out-cyd", d2, "13:00:00", "cyd", "+14255550123", 33_000),
                // no telephone party: no call
                calls.p2p("p2p-audio", d1, "14:00:00", "ada", "bob"),
                // after the report date, and before the 30 days
                calls.callOut("today", today, "09:00:00", "ada", "+14255550123", 60_000),
                calls.callOut("old", today.minusDays(40), "09:00:00", "ada", "+14255550123", 60_000));
        assertEqualsRecomputation();

        writeUsers(user("dee", d1, null, "us"));
        assertEqualsRecomputation();

        // re-sends: another number and length, unchanged, and a call that loses its telephone party
        write(
                calls.callOut("out-us", d1, "09:00:00", "ada", "+4930901820", 10_000),
                calls.callIn("in-de", d1, "11:00:00", "+4930901820", "bob", 30_499),
                calls.p2p("out-gb", d1, "10:00:00", "ada", "bob"));
        assertEqualsRecomputation();

        // bob moves to Germany, cyd's deletion is taken back, ada's location is sent no more (kept)
        writeUsers(
                user("bob", LONG_AGO, null, "DE"),
                user("cyd", LONG_AGO, null, "US"),
                user("ada", LONG_AGO, null, null));
        assertEqualsRecomputation();
    }

    @Test
    void records_in_any_order_and_any_batches_end_in_the_same_figures() {
        LocalDate first = today.minusDays(20);
        Random random = new Random(22);
        List<String> aliases = List.of("u0", "u1", "u2", "u3");
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            LocalDate day = first.plusDays(random.nextInt(21));
            String time = String.format(
                    Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
            String who = aliases.get(random.nextInt(aliases.size()));
            String other = aliases.get(random.nextInt(aliases.size()));
            String number = NUMBERS.get(random.nextInt(NUMBERS.size()));
            long ms = 1_000L + random.nextInt(900_000);
            records.add(
                    switch (random.nextInt(5)) {
                        case 0 -> calls.callOut("r-" + i, day, time, who, number, ms);
                        case 1 -> calls.callIn("r-" + i, day, time, number, who, ms);
                        case 2 ->
                            calls.dialIn("r-" + i, day, time, random.nextBoolean() ? who : null, number, other, ms);
                        case 3 -> calls.dialOut("r-" + i, day, time, number, other, ms);
                        default -> calls.p2p("r-" + i, day, time, who, other);
                    });
        }
        Collections.shuffle(records, random);
        writeUsers(user("u0", LONG_AGO, null, "US"), user("u1", first.plusDays(5), null, "GB"));
        for (int start = 0; start < records.size(); start += 37) {
            write(records.subList(start, Math.min(records.size(), start + 37)).toArray(SessionRecord[]::new));
            if (start == 74) {
                writeUsers(user("u2", LONG_AGO, first.plusDays(10), "DE"), user("u3", LONG_AGO, null, null));
            }
        }
        for (int i = 0; i < records.size(); i += 3) {
            write(records.get(i));
        }
        writeUsers(user("u1", LONG_AGO, null, "US"), user("u3", first.plusDays(3), null, "NP"));
        assertEqualsRecomputation();
    }

    @Test
    void start_times_read_in_the_viewers_zone_while_days_stay_utc_days_and_the_export_says_so() throws Exception {
        LocalDate d1 = today.minusDays(3);
        writeUsers(user("ada", LONG_AGO, null, "US"));
        write(
                calls.callOut("late", d1, "20:00:00", "ada", "+442079460456", 61_000),
                calls.callOut("edge", d1, "23:59:59.999", "ada", "+14255550123", 1_000),
                calls.callOut("next", d1.plusDays(1), "00:00:00", "ada", "+14255550123", 2_000));
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        viewerTimeZone.change(KATHMANDU);

        // the chart's day is the UTC day; the table scoped to it holds its calls and not the next day's
        PstnCallQuery day = PstnCallQuery.of(ReportPeriod.D7).withDay(d1);
        assertThat(service.calls(day, 0, 10))
                .extracting(PstnCallRow::start)
                .containsExactly(Instant.parse(d1 + "T23:59:59.999Z"), Instant.parse(d1 + "T20:00:00Z"));

        var out = new ByteArrayOutputStream();
        long rows = service.export(
                day.sortedBy(PstnCallColumn.START_TIME, true),
                List.of(PstnCallColumn.values()),
                ExportFormat.CSV,
                out,
                written -> {});
        assertThat(rows).isEqualTo(2);
        List<CSVRecord> csv = csv(out.toString(StandardCharsets.UTF_8));
        assertThat(csv.get(0).get(0)).isEqualTo("Start time (Asia/Kathmandu)");
        // 20:00 UTC is 01:45 the next day in Kathmandu
        assertThat(csv.get(1).get(0)).isEqualTo(d1.plusDays(1) + "T01:45:00");
        assertThat(csv.get(1).get(1)).isEqualTo(upn("ada"));
        assertThat(csv.get(1).get(3)).isEqualTo("+44207946xxxx");
        assertThat(csv.get(1).get(4)).isEqualTo("user_out");
        assertThat(csv.get(1).get(5)).isEqualTo("Outbound");
        assertThat(csv.get(1).get(6)).isEqualTo("GB");
        assertThat(csv.get(1).get(7)).isEqualTo("International");
        assertThat(csv.get(1).get(8)).isEqualTo("61");
        assertThat(csv.get(2).get(0)).isEqualTo(d1.plusDays(1) + "T05:44:59");
        assertThat(csv.get(2).get(7)).isEqualTo("Domestic");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :t AND action = 'EXPORT'")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .singleElement()
                .satisfies(detail -> assertThat(detail).contains("PSTN usage table", ": 2 rows"));
    }

    @Test
    void concealed_viewers_see_and_find_pseudonyms_only_and_chart_roles_see_no_calls() {
        LocalDate day = today.minusDays(2);
        writeUsers(user("ada", LONG_AGO, null, "US"));
        write(calls.callOut("c-1", day, "10:00:00", "ada", "+14255550123", 60_000));
        String adaPseudonym = jdbc.sql("SELECT pseudonym FROM licensed_user WHERE tenant_id = :t AND alias = 'ada'")
                .param("t", tenant.id())
                .query(String.class)
                .single();

        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        assertThat(service.calls(PstnCallQuery.of(ReportPeriod.D7), 0, 10))
                .extracting(PstnCallRow::user)
                .containsExactly(adaPseudonym);
        assertThat(service.countCalls(PstnCallQuery.of(ReportPeriod.D7).withUserContains("ada@")))
                .isZero();
        assertThat(service.countCalls(
                        PstnCallQuery.of(ReportPeriod.D7).withUserContains(adaPseudonym.substring(4, 12))))
                .isEqualTo(1);

        testTenants.signInAs(tenant, Role.REPORTS_READER);
        assertThat(service.calls(PstnCallQuery.of(ReportPeriod.D7).withUserContains("ADA@"), 0, 10))
                .extracting(PstnCallRow::user, PstnCallRow::otherNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(upn("ada"), "+1425555xxxx"));

        concealNames(true);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThat(service.calls(PstnCallQuery.of(ReportPeriod.D7), 0, 10))
                .extracting(PstnCallRow::user)
                .containsExactly(adaPseudonym);

        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThat(service.report(ReportPeriod.D7).days())
                .filteredOn(d -> d.day().equals(day))
                .singleElement()
                .satisfies(d -> assertThat(d.minutes(PstnCallType.USER_OUT)).isEqualTo(1));
        assertThatThrownBy(() -> service.calls(PstnCallQuery.of(ReportPeriod.D7), 0, 10))
                .isInstanceOf(AccessDeniedException.class);

        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        assertThatThrownBy(() -> service.report(ReportPeriod.D7)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void retention_forgets_the_calls_it_removes_and_keeps_the_rest_exact() {
        writeUsers(user("ada", LONG_AGO, null, "US"));
        write(
                calls.callOut("old", today.minusDays(40), "10:00:00", "ada", "+14255550123", 60_000),
                calls.callOut("new", today.minusDays(2), "10:00:00", "ada", "+14255550123", 60_000));
        currentTenant.runAs(tenant.id(), () -> writer.keepFrom(today.minusDays(30)));
        sent.remove("old");
        assertEqualsRecomputation();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pstn_call WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void calls_stored_before_the_read_model_are_derived_once_after_start_up() throws Exception {
        writeUsers(user("ada", LONG_AGO, null, "US"));
        write(
                calls.callOut("before-1", today.minusDays(2), "10:00:00", "ada", "+442079460456", 60_000),
                calls.dialIn("before-2", today.minusDays(3), "11:00:00", null, "+14255550123", "ada", 90_000));
        // as a database upgraded to changeset 033 holds it: sessions, no calls, the tenant listed
        jdbc.sql("DELETE FROM pstn_call WHERE tenant_id = :t")
                .param("t", tenant.id())
                .update();
        jdbc.sql("INSERT INTO pstn_call_backfill (tenant_id) VALUES (:t)")
                .param("t", tenant.id())
                .update();
        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThat(service.stillBuilding())
                .as("the page says the calls are being derived")
                .isTrue();
        backfill.run(null);
        long deadline = System.currentTimeMillis() + 20_000;
        while (jdbc.sql("SELECT COUNT(*) FROM pstn_call_backfill WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single()
                > 0) {
            assertThat(System.currentTimeMillis())
                    .as("backfill finished in time")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
        assertEqualsRecomputation();
        assertThat(service.countCalls(PstnCallQuery.of(ReportPeriod.D7))).isEqualTo(2);
        assertThat(service.stillBuilding()).isFalse();
    }

    @Test
    void a_usage_location_that_is_not_two_letters_is_refused_naming_the_record_and_field() throws Exception {
        String key = testTenants.newIngestionKey(tenant, keys, "directory sync");
        String body = """
                [{"upn":"ada@%1$s","alias":"ada","displayName":"Ada","licensedFrom":"2020-01-01","usageLocation":"GB"},
                 {"upn":"bob@%1$s","alias":"bob","displayName":"Bob","licensedFrom":"2020-01-01","usageLocation":"G1"}]
                """.formatted(tenant.name());
        HttpResponse<String> refused = postUsers(key, body);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("\"index\":1", "usageLocation", "two-letter");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM licensed_user WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isZero();

        HttpResponse<String> accepted = postUsers(key, body.replace("\"G1\"", "\"de\""));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT usage_location FROM licensed_user WHERE tenant_id = :t ORDER BY upn")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .containsExactly("GB", "DE");
    }

    // --- the recomputation ------------------------------------------------------------------------------------------

    /** A call as this test expects it from the records it sent. */
    private record Expected(
            String dialogId,
            Instant start,
            String user,
            @Nullable String userNumber,
            @Nullable String otherNumber,
            PstnCallType type,
            @Nullable String country,
            @Nullable Boolean domestic,
            long durationMs) {}

    private List<Expected> expectedCalls() {
        List<Expected> calls = new ArrayList<>();
        for (SessionRecord r : sent.values()) {
            String from = upnOf(r.fromUri());
            String to = r.toUri() == null ? null : upnOf(r.toUri());
            PstnCallType type;
            String user;
            String userNumber = null;
            String other;
            if (r.conferenceUrl() != null) {
                if (r.dialInOut() == null) {
                    continue;
                }
                type = r.dialInOut() == ConferenceJoin.DialDirection.DIAL_OUT
                        ? PstnCallType.CONF_OUT
                        : PstnCallType.CONF_IN;
                user = licensedOn(from, r.startTime()) ? from : to;
                other = r.fromTel();
            } else if (r.toTel() != null) {
                type = PstnCallType.USER_OUT;
                user = from;
                userNumber = r.fromTel();
                other = r.toTel();
            } else if (r.fromTel() != null) {
                type = PstnCallType.USER_IN;
                user = to;
                other = r.fromTel();
            } else {
                continue;
            }
            String country = null;
            for (var code : COUNTRY_CODES.entrySet()) {
                if (other != null && other.startsWith(code.getKey())) {
                    country = code.getValue();
                    break;
                }
            }
            UserRecord record = users.get(user);
            String location = record == null || record.usageLocation() == null
                    ? null
                    : record.usageLocation().toUpperCase(Locale.ROOT);
            Boolean domestic = country == null || location == null ? null : country.equals(location);
            calls.add(new Expected(
                    r.dialogId(),
                    r.startTime(),
                    user,
                    userNumber,
                    other,
                    type,
                    country,
                    domestic,
                    r.endTime().toEpochMilli() - r.startTime().toEpochMilli()));
        }
        return calls;
    }

    private boolean licensedOn(String upn, Instant start) {
        UserRecord user = users.get(upn);
        LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
        return user != null
                && !day.isBefore(user.licensedFrom())
                && (user.deletedAt() == null || !day.isAfter(user.deletedAt()));
    }

    private void assertEqualsRecomputation() {
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        LocalDate reportDate = today.minusDays(1);
        List<Expected> all = expectedCalls();
        for (ReportPeriod period : List.of(ReportPeriod.D7, ReportPeriod.D30)) {
            LocalDate from = reportDate.minusDays(period.days() - 1L);
            List<Expected> inPeriod = all.stream()
                    .filter(c -> !dayOf(c.start()).isBefore(from)
                            && !dayOf(c.start()).isAfter(reportDate))
                    .toList();
            // the charts: minutes per UTC day, each figure summed in ms and rounded once
            PstnUsageReport report = service.report(period);
            assertThat(report.days()).hasSize(period.days());
            for (PstnUsageDay day : report.days()) {
                List<Expected> ofDay = inPeriod.stream()
                        .filter(c -> dayOf(c.start()).equals(day.day()))
                        .toList();
                Map<PstnCallType, Long> byType = new EnumMap<>(PstnCallType.class);
                for (PstnCallType type : PstnCallType.values()) {
                    byType.put(
                            type,
                            minutes(ofDay.stream()
                                    .filter(c -> c.type() == type)
                                    .mapToLong(Expected::durationMs)
                                    .sum()));
                }
                assertThat(day.minutesByType())
                        .as("minutes by type on %s", day.day())
                        .isEqualTo(byType);
                assertThat(day.domestic())
                        .as("domestic on %s", day.day())
                        .isEqualTo(minutes(ofDay.stream()
                                .filter(c -> Boolean.TRUE.equals(c.domestic()))
                                .mapToLong(Expected::durationMs)
                                .sum()));
                assertThat(day.international())
                        .as("international on %s", day.day())
                        .isEqualTo(minutes(ofDay.stream()
                                .filter(c -> Boolean.FALSE.equals(c.domestic()))
                                .mapToLong(Expected::durationMs)
                                .sum()));
                assertThat(day.unknown())
                        .as("unknown on %s", day.day())
                        .isEqualTo(minutes(ofDay.stream()
                                .filter(c -> c.domestic() == null)
                                .mapToLong(Expected::durationMs)
                                .sum()));
            }
            // the table, latest first, and each filter
            List<Expected> latestFirst = inPeriod.stream()
                    .sorted(Comparator.comparing(Expected::start).reversed())
                    .toList();
            assertTable(PstnCallQuery.of(period), latestFirst);
            for (PstnCallType.Direction direction : PstnCallType.Direction.values()) {
                assertTable(
                        PstnCallQuery.of(period).withDirection(direction),
                        latestFirst.stream()
                                .filter(c -> c.type().direction() == direction)
                                .toList());
            }
            assertTable(
                    PstnCallQuery.of(period).withCountry("gb"),
                    latestFirst.stream().filter(c -> "GB".equals(c.country())).toList());
            assertTable(
                    PstnCallQuery.of(period).withUserContains("BOB@"),
                    latestFirst.stream()
                            .filter(c -> c.user().startsWith("bob@"))
                            .toList());
            assertThat(service.countries(period))
                    .containsExactlyElementsOf(inPeriod.stream()
                            .map(Expected::country)
                            .filter(java.util.Objects::nonNull)
                            .distinct()
                            .sorted()
                            .toList());
            // sorted by duration, longest first, in pages of 3
            List<Expected> longest = inPeriod.stream()
                    .sorted(Comparator.comparing(Expected::durationMs)
                            .thenComparing(Expected::start)
                            .reversed())
                    .toList();
            var byDuration = PstnCallQuery.of(period).sortedBy(PstnCallColumn.DURATION, false);
            List<PstnCallRow> paged = new ArrayList<>();
            for (int offset = 0; offset < longest.size() + 3; offset += 3) {
                paged.addAll(service.calls(byDuration, offset, 3));
            }
            assertThat(paged)
                    .extracting(PstnCallRow::durationSeconds)
                    .containsExactlyElementsOf(longest.stream()
                            .map(c -> (c.durationMs() + 500) / 1000)
                            .toList());
        }
        // each day of the period scopes the table to its UTC day
        for (LocalDate day = reportDate.minusDays(6); !day.isAfter(reportDate); day = day.plusDays(1)) {
            LocalDate chosen = day;
            assertThat(service.countCalls(PstnCallQuery.of(ReportPeriod.D7).withDay(day)))
                    .as("calls on %s", day)
                    .isEqualTo(all.stream()
                            .filter(c -> dayOf(c.start()).equals(chosen))
                            .count());
        }
    }

    private void assertTable(PstnCallQuery query, List<Expected> expected) {
        assertThat(service.countCalls(query)).as("count of %s", query).isEqualTo(expected.size());
        List<PstnCallRow> rows = service.calls(query, 0, 1000);
        assertThat(rows).as("rows of %s", query).hasSameSizeAs(expected);
        for (int i = 0; i < rows.size(); i++) {
            PstnCallRow row = rows.get(i);
            Expected call = expected.get(i);
            assertThat(row.start()).as("start of %s", call.dialogId()).isEqualTo(call.start());
            assertThat(row.user()).as("user of %s", call.dialogId()).isEqualTo(call.user());
            assertThat(row.userNumber())
                    .as("user number of %s", call.dialogId())
                    .isEqualTo(mask(call.userNumber()));
            assertThat(row.otherNumber())
                    .as("other number of %s", call.dialogId())
                    .isEqualTo(mask(call.otherNumber()));
            assertThat(row.type()).as("type of %s", call.dialogId()).isEqualTo(call.type());
            assertThat(row.destinationCountry())
                    .as("country of %s", call.dialogId())
                    .isEqualTo(call.country());
            assertThat(row.domestic()).as("domestic of %s", call.dialogId()).isEqualTo(call.domestic());
            assertThat(row.durationSeconds())
                    .as("duration of %s", call.dialogId())
                    .isEqualTo((call.durationMs() + 500) / 1000);
        }
    }

    private static @Nullable String mask(@Nullable String number) {
        return number == null ? null : number.substring(0, number.length() - 4) + "xxxx";
    }

    private static long minutes(long ms) {
        return Math.round(ms / 60_000.0);
    }

    private static LocalDate dayOf(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static String upnOf(String uri) {
        return uri.strip().replaceFirst("(?i)^sip:", "").split(";", 2)[0].toLowerCase(Locale.ROOT);
    }

    // --- writing and reading ----------------------------------------------------------------------------------------

    private void concealNames(boolean concealed) {
        jdbc.sql("UPDATE tenant SET display_concealed_names = :c WHERE id = :id")
                .param("c", concealed)
                .param("id", tenant.id())
                .update();
    }

    private void write(SessionRecord... records) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(records)));
        for (SessionRecord r : records) {
            sent.put(r.dialogId(), r);
        }
    }

    private void writeUsers(UserRecord... records) {
        currentTenant.runAs(tenant.id(), () -> directory.upsert(List.of(records)));
        for (UserRecord u : records) {
            UserRecord known = users.get(u.upn().toLowerCase(Locale.ROOT));
            // a user sent without a usage location keeps the stored one (docs/ingest.md)
            users.put(
                    u.upn().toLowerCase(Locale.ROOT),
                    u.usageLocation() == null && known != null
                            ? new UserRecord(
                                    u.upn(),
                                    u.alias(),
                                    u.displayName(),
                                    u.licensedFrom(),
                                    u.deletedAt(),
                                    null,
                                    known.usageLocation())
                            : u);
        }
    }

    private UserRecord user(
            String alias, LocalDate licensedFrom, @Nullable LocalDate deletedAt, @Nullable String usageLocation) {
        return new UserRecord(
                alias + "@" + tenant.name(), alias, "User " + alias, licensedFrom, deletedAt, null, usageLocation);
    }

    private String upn(String alias) {
        return alias + "@" + tenant.name();
    }

    private String uri(String alias) {
        return "sip:" + alias + "@" + tenant.name();
    }

    private HttpResponse<String> postUsers(String key, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/users"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static List<CSVRecord> csv(String body) throws Exception {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }
}
