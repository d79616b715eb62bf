package org.commsportal.minutepools;

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
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.directory.CallingPlan;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.export.ExportFormat;
import org.commsportal.ingest.IngestionKeys;
import org.commsportal.pstn.TestCalls;
import org.commsportal.security.Role;
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
 * The PSTN minute pools of the current and the previous month against a recomputation written here from the user
 * records and sessions the test sent: plans of every kind, users without a usage location, licences that begin or
 * end around the months, calls at the months' edges, calls no pool pays for, re-sent plans, the tenant's own
 * allowances, roles and the export.
 */
@PortalIntegrationTest
class MinutePoolsIT {

    private static final LocalDate LONG_AGO = LocalDate.of(2020, 1, 1);

    /** This test's own country codes of the numbers it calls, longest first. */
    private static final Map<String, String> COUNTRY_CODES = new LinkedHashMap<>();

    static {
        COUNTRY_CODES.put("+44", "GB");
        COUNTRY_CODES.put("+49", "DE");
        COUNTRY_CODES.put("+1", "US");
    }

    /** The vendor's minutes per user and month, as docs/pstn-minute-pools.md lists them: plan → domestic, intl. */
    private static final Map<CallingPlan, int[]> DEFAULTS = Map.of(
            CallingPlan.MCOPSTN1, new int[] {3000, 1200, 0},
            CallingPlan.MCOPSTN2, new int[] {3000, 1200, 600},
            CallingPlan.MCOPSTN5, new int[] {120, 120, 0},
            CallingPlan.MCOPSTN6, new int[] {240, 240, 0});

    @LocalServerPort
    int port;

    @Autowired
    org.commsportal.sessions.ReadModelCheck readModelCheck;

    @Autowired
    SessionWriter writer;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    MinutePoolsService service;

    @Autowired
    CallingPlanAllowances allowances;

    @Autowired
    MonthPlansByVersion monthPlans;

    @Autowired
    IngestionKeys keys;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private TestCalls calls;
    private final YearMonth current = YearMonth.now(ZoneOffset.UTC);
    private final YearMonth previous = current.minusMonths(1);
    private final Map<String, UserRecord> users = new HashMap<>();
    /** Each user's first non-empty plans sent, which begin as far back as known (docs/pstn-minute-pools.md). */
    private final Map<String, List<CallingPlan>> firstPlans = new HashMap<>();

    private final Map<String, SessionRecord> sent = new LinkedHashMap<>();
    private final Map<String, Integer> tenantAllowances = new HashMap<>();

    @BeforeEach
    void emptyTenant() {
        tenant = testTenants.newTenant("minute-pools");
        calls = new TestCalls(tenant.name());
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void every_pool_of_both_months_equals_a_recomputation_from_the_records_sent() {
        LocalDate prevFirst = previous.atDay(1);
        LocalDate prevLast = previous.atEndOfMonth();
        LocalDate curFirst = current.atDay(1);
        writeUsers(
                user("ada", LONG_AGO, null, "US", List.of(CallingPlan.MCOPSTN1)),
                user("bob", LONG_AGO, null, "US", List.of(CallingPlan.MCOPSTN2)),
                user("cyd", LONG_AGO, null, "GB", List.of(CallingPlan.MCOPSTN2)),
                user("dan", LONG_AGO, null, "DE", List.of(CallingPlan.MCOPSTN5, CallingPlan.MCOPSTN6)),
                // a plan without a usage location is in no pool
                user("eve", LONG_AGO, null, null, List.of(CallingPlan.MCOPSTN1)),
                // licence removed before the previous month: in neither month
                user("fay", LONG_AGO, prevFirst.minusDays(1), "US", List.of(CallingPlan.MCOPSTN1)),
                // licensed from the current month on: in the current month only
                user("gus", curFirst, null, "US", List.of(CallingPlan.MCOPSTN1)),
                // licence removed on the previous month's last day: in the previous month only
                user("ida", LONG_AGO, prevLast, "GB", List.of(CallingPlan.MCOPSTN1)),
                user("hal", LONG_AGO, null, "US", List.of()));
        write(
                calls.callOut("ada-1", prevFirst, "10:00:00", "ada", "+14255550123", 125_400),
                // the last moment of the previous month and the first of the current one
                calls.callOut("ada-edge-1", prevLast, "23:59:59.999", "ada", "+14255550124", 90_000),
                calls.callOut("ada-edge-2", curFirst, "00:00:00", "ada", "+14255550125", 600_000),
                // international without an international plan: no pool pays for it
                calls.callOut("ada-intl", prevFirst, "11:00:00", "ada", "+442079460456", 61_000),
                calls.callOut("bob-intl", prevFirst.plusDays(3), "09:00:00", "bob", "+442079460456", 3_599_999),
                calls.callOut("bob-dom", curFirst, "01:00:00", "bob", "+14255550123", 29_999),
                calls.callOut("cyd-dom", prevFirst.plusDays(5), "12:00:00", "cyd", "+442079460999", 700_000),
                calls.callOut("cyd-intl", curFirst, "02:00:00", "cyd", "+4930901820", 30_000),
                calls.callOut("dan-dom", prevFirst.plusDays(6), "08:00:00", "dan", "+4930901821", 1_200_000),
                calls.callOut("eve-dom", prevFirst.plusDays(6), "09:00:00", "eve", "+14255550126", 100_000),
                calls.callOut("gus-dom", curFirst, "03:00:00", "gus", "+14255550127", 240_000),
                calls.callOut("ida-dom", prevLast, "08:00:00", "ida", "+442079460111", 480_000),
                calls.callOut("hal-dom", prevFirst, "08:00:00", "hal", "+14255550128", 480_000),
                // a number without a country, an inbound call and a conference dial-out: no pool pays for them
                calls.callOut("ada-nowhere", prevFirst, "12:00:00", "ada", "0301234", 480_000),
                calls.callIn("in-ada", prevFirst, "13:00:00", "+14255550129", "ada", 480_000),
                calls.dialOut("conf-out", prevFirst, "14:00:00", "+14255550130", "bob", 480_000));
        assertPools();

        // calls alone, no user record: the month's plans are kept per version of the directory, which they leave alone,
        // and the calls are read again (docs/pstn-minute-pools.md, "How it is read")
        long directoryVersion = directoryVersion();
        write(
                calls.callOut("ada-2", prevFirst.plusDays(1), "10:00:00", "ada", "+14255550131", 300_000),
                calls.callOut("cyd-intl-2", curFirst, "04:00:00", "cyd", "+4930901822", 90_000),
                calls.callOut("new-dom", curFirst, "05:00:00", "gus", "+14255550132", 45_000));
        assertThat(directoryVersion()).isEqualTo(directoryVersion);
        assertPools();

        // a record without callingPlans keeps them; an empty list removes them; a new list replaces them: from now, so
        // the previous month still counts the plans in force at its end
        writeUsers(
                user("ada", LONG_AGO, null, "US", null),
                user("dan", LONG_AGO, null, "DE", List.of()),
                user("hal", LONG_AGO, null, "US", List.of(CallingPlan.MCOPSTN2)));
        // a re-sent session replaces its call
        write(calls.callOut("bob-intl", prevFirst.plusDays(3), "09:00:00", "bob", "+4930901820", 60_000));
        // the kept plans with the users the write named read again, for each month
        assertPoolsReading(0, 2);

        // cyd moves to Germany: the calls to Germany are domestic now, those to Britain international, in both months;
        // in the current month Britain had no other user, so its pools go
        writeUsers(user("cyd", LONG_AGO, null, "DE", null));
        assertPoolsReading(0, 2);

        // a user in a country no pool had yet, and a licence removed on the previous month's last day, in two writes
        writeUsers(user("zoe", LONG_AGO, null, "FR", List.of(CallingPlan.MCOPSTN2)));
        writeUsers(user("bob", LONG_AGO, prevLast, "US", null));
        assertPoolsReading(0, 2);

        // the tenant's own allowances replace the defaults in every country
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThat(allowances.change(CallingPlan.MCOPSTN1, PoolCapability.DOMESTIC, 2000))
                .isTrue();
        assertThat(allowances.change(CallingPlan.MCOPSTN2, PoolCapability.INTERNATIONAL, 0))
                .isTrue();
        tenantAllowances.put("MCOPSTN1 DOMESTIC", 2000);
        tenantAllowances.put("MCOPSTN2 INTERNATIONAL", 0);
        // an allowance names no user: the kept plans are priced again in memory, none read again
        assertPoolsReading(0, 2);

        // an allowance back to its default, one of a small plan (dan has two plans), and a write of users between two
        // reads: priced again, and the users named read again
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThat(allowances.change(CallingPlan.MCOPSTN1, PoolCapability.DOMESTIC, null))
                .isTrue();
        tenantAllowances.remove("MCOPSTN1 DOMESTIC");
        assertThat(allowances.change(CallingPlan.MCOPSTN6, PoolCapability.DOMESTIC, 500))
                .isTrue();
        tenantAllowances.put("MCOPSTN6 DOMESTIC", 500);
        writeUsers(
                user("dan", LONG_AGO, null, "DE", List.of(CallingPlan.MCOPSTN5, CallingPlan.MCOPSTN6)),
                user("hal", LONG_AGO, null, "US", List.of(CallingPlan.MCOPSTN1, CallingPlan.MCOPSTN2)));
        assertPoolsReading(0, 2);
    }

    @Test
    void pools_sort_and_page_in_every_column_order_and_export_with_an_audit_entry() throws Exception {
        List<UserRecord> many = new ArrayList<>();
        String[] countries = {"US", "GB", "DE", "FR", "CA", "PR", "NL"};
        for (int i = 0; i < 21; i++) {
            many.add(user(
                    "u" + i,
                    LONG_AGO,
                    null,
                    countries[i % countries.length],
                    List.of(i % 2 == 0 ? CallingPlan.MCOPSTN2 : CallingPlan.MCOPSTN1)));
        }
        writeUsers(many.toArray(UserRecord[]::new));
        LocalDate day = previous.atDay(2);
        for (int i = 0; i < 21; i++) {
            write(calls.callOut(
                    "c" + i, day, "10:00:00", "u" + i, i % 3 == 0 ? "+4930901820" : "+14255550123", 60_000L * i));
        }
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        List<MinutePool> expected = recompute(previous);
        for (MinutePoolColumn column : MinutePoolColumn.values()) {
            for (boolean ascending : List.of(true, false)) {
                MinutePoolQuery query = MinutePoolQuery.of(previous).sortedBy(column, ascending);
                List<MinutePool> pages = new ArrayList<>();
                for (int offset = 0; offset < expected.size(); offset += 4) {
                    pages.addAll(service.pools(query, offset, 4));
                }
                Comparator<MinutePool> order = (a, b) -> compareValues(a.valueOf(column), b.valueOf(column));
                List<Object> wanted = expected.stream()
                        .sorted(ascending ? order : order.reversed())
                        .map(p -> p.valueOf(column))
                        .toList();
                assertThat(pages.stream().map(p -> p.valueOf(column)).toList())
                        .as(column + (ascending ? " ascending" : " descending"))
                        .isEqualTo(wanted);
                assertThat(pages).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(service.pools(query, 1, Integer.MAX_VALUE)).isEqualTo(pages.subList(1, pages.size()));
            }
        }
        assertThat(service.countPools(MinutePoolQuery.of(previous).withCapability(PoolCapability.INTERNATIONAL)))
                .isEqualTo(expected.stream()
                        .filter(p -> p.capability() == PoolCapability.INTERNATIONAL)
                        .count());

        var out = new ByteArrayOutputStream();
        long rows = service.export(
                MinutePoolQuery.of(previous), List.of(MinutePoolColumn.values()), ExportFormat.CSV, out, r -> {});
        assertThat(rows).isEqualTo(expected.size());
        List<CSVRecord> csv = csv(out.toString(StandardCharsets.UTF_8));
        assertThat(csv.get(0).values())
                .containsExactly(
                        "Capability",
                        "Country or region",
                        "Users",
                        "Total minutes",
                        "Minutes used",
                        "Minutes left",
                        "Percent used");
        MinutePool first = expected.stream()
                .sorted(Comparator.comparing((MinutePool p) -> p.capability()).thenComparing(MinutePool::country))
                .findFirst()
                .orElseThrow();
        assertThat(csv.get(1).values())
                .containsExactly(
                        first.capability().label(),
                        first.country(),
                        String.valueOf(first.users()),
                        String.valueOf(first.totalMinutes()),
                        String.valueOf(first.usedMinutes()),
                        String.valueOf(first.leftMinutes()),
                        String.valueOf(first.percentUsed()));
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :t AND action = 'EXPORT'")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .singleElement()
                .satisfies(detail -> assertThat(detail).contains("PSTN minute pools table", ": " + rows + " rows"));
    }

    @Test
    void every_chart_role_reads_the_pools_and_only_global_administrators_change_the_allowances() {
        writeUsers(user("ada", LONG_AGO, null, "US", List.of(CallingPlan.MCOPSTN1)));
        for (Role role : List.of(
                Role.GLOBAL_ADMIN,
                Role.SFB_ADMIN,
                Role.REPORTS_READER,
                Role.GLOBAL_READER,
                Role.USAGE_SUMMARY_READER)) {
            testTenants.signInAs(tenant, role);
            assertThat(service.pools(MinutePoolQuery.of(current), 0, 10))
                    .as(role.name())
                    .extracting(MinutePool::country, MinutePool::totalMinutes)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("US", 3000L));
        }
        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        assertThatThrownBy(() -> service.pools(MinutePoolQuery.of(current), 0, 10))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> allowances.current()).isInstanceOf(AccessDeniedException.class);

        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        assertThat(allowances.current())
                .extracting(a -> a.plan().wireName() + " " + a.capability() + " " + a.defaultMinutes())
                .containsExactly(
                        "MCOPSTN1 DOMESTIC 3000 in US, CA, PR; 1200 elsewhere",
                        "MCOPSTN2 DOMESTIC 3000 in US, CA, PR; 1200 elsewhere",
                        "MCOPSTN2 INTERNATIONAL 600",
                        "MCOPSTN5 DOMESTIC 120",
                        "MCOPSTN6 DOMESTIC 240");
        assertThatThrownBy(() -> allowances.change(CallingPlan.MCOPSTN1, PoolCapability.DOMESTIC, 10))
                .isInstanceOf(AccessDeniedException.class);

        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThatThrownBy(() -> allowances.change(CallingPlan.MCOPSTN1, PoolCapability.INTERNATIONAL, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> allowances.change(CallingPlan.MCOPSTN1, PoolCapability.DOMESTIC, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(allowances.change(CallingPlan.MCOPSTN1, PoolCapability.DOMESTIC, 2500))
                .isTrue();
        assertThat(allowances.change(CallingPlan.MCOPSTN1, PoolCapability.DOMESTIC, 2500))
                .isFalse();
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :t AND action = 'SETTING_CHANGED'")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .singleElement()
                .satisfies(detail -> assertThat(detail)
                        .contains("MCOPSTN1 Domestic", "default (3000 in US, CA, PR; 1200 elsewhere) -> 2500"));
        assertThatThrownBy(() -> service.pools(MinutePoolQuery.of(previous.minusMonths(1)), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calling_plans_that_are_not_the_vendors_are_refused_naming_the_record_and_field() throws Exception {
        String key = testTenants.newIngestionKey(tenant, keys, "directory sync");
        String body = """
                [{"upn":"ada@%1$s","alias":"ada","displayName":"Ada","licensedFrom":"2020-01-01","callingPlans":["MCOPSTN1"]},
                 {"upn":"bob@%1$s","alias":"bob","displayName":"Bob","licensedFrom":"2020-01-01","callingPlans":["MCOPSTN9"]},
                 {"upn":"cyd@%1$s","alias":"cyd","displayName":"Cyd","licensedFrom":"2020-01-01","callingPlans":"MCOPSTN1"},
                 {"upn":"dan@%1$s","alias":"dan","displayName":"Dan","licensedFrom":"2020-01-01","callingPlans":["MCOPSTN2","mcopstn2"]}]
                """.formatted(tenant.name());
        HttpResponse<String> refused = post(key, body);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body())
                .contains(
                        "\"problemCount\":3",
                        "{\"index\":1,\"field\":\"callingPlans[0]\",\"reason\":\"unknown calling plan \\\"MCOPSTN9\\\"; use one of MCOPSTN1, MCOPSTN2, MCOPSTN5, MCOPSTN6\"}",
                        "{\"index\":2,\"field\":\"callingPlans\",\"reason\":\"must be a list of calling plans",
                        "{\"index\":3,\"field\":\"callingPlans[1]\",\"reason\":\"MCOPSTN2 is listed twice\"}");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_calling_plan WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isZero();
        HttpResponse<String> accepted = post(
                key,
                body.replace("MCOPSTN9", "mcopstn6")
                        .replace("\"callingPlans\":\"MCOPSTN1\"", "\"callingPlans\":[]")
                        .replace(",\"mcopstn2\"", ""));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(jdbc.sql(
                                "SELECT plan FROM user_calling_plan WHERE tenant_id = :t AND assigned_until IS NULL ORDER BY plan")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .containsExactly("MCOPSTN1", "MCOPSTN2", "MCOPSTN6");
    }

    // --- the recomputation ------------------------------------------------------------------------------------------

    private long directoryVersion() {
        return jdbc.sql("SELECT directory_version FROM tenant_data_version WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }

    /** {@link #assertPools()}, reading all of a month's plans and only some users' as often as given. */
    private void assertPoolsReading(long readsOfAll, long readsOfSome) {
        long[] before = monthPlans.reads();
        assertPools();
        long[] after = monthPlans.reads();
        assertThat(new long[] {after[0] - before[0], after[1] - before[1]})
                .as("reads of all plans, of some users' plans")
                .containsExactly(readsOfAll, readsOfSome);
    }

    private void assertPools() {
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        for (YearMonth month : List.of(current, previous)) {
            List<MinutePool> expected = recompute(month);
            assertThat(service.pools(MinutePoolQuery.of(month), 0, 100))
                    .as(month.toString())
                    .isEqualTo(expected);
            assertThat(service.countPools(MinutePoolQuery.of(month))).isEqualTo(expected.size());
        }
        TestTenants.signOut();
    }

    /**
     * The month's pools from the records sent: each plan of each user with a usage location, licensed on a day of
     * the month, in force at the month's end (the previous month: the first plans sent, since every change in this
     * test is sent in the current month; the current month: the latest), adds its allowance to its capabilities' pools of that country; the user's outbound peer-to-peer
     * calls of the month to a number of that country use the domestic pool, to another country the international
     * one when the user has it. Sorted by capability and country, as the page opens.
     */
    private List<MinutePool> recompute(YearMonth month) {
        Map<String, long[]> pools = new TreeMap<>(); // "capability country" -> users, total, ms
        Map<String, Set<String>> members = new HashMap<>();
        for (UserRecord u : users.values()) {
            boolean licensed = !u.licensedFrom().isAfter(month.atEndOfMonth())
                    && (u.deletedAt() == null || !u.deletedAt().isBefore(month.atDay(1)));
            List<CallingPlan> plans = month.equals(current)
                    ? u.callingPlans()
                    : firstPlans.get(u.upn().toLowerCase(Locale.ROOT));
            if (u.usageLocation() == null || !licensed || plans == null) {
                continue;
            }
            for (CallingPlan plan : plans) {
                int[] defaults = DEFAULTS.get(plan);
                int domestic = Set.of("US", "CA", "PR").contains(u.usageLocation()) ? defaults[0] : defaults[1];
                add(
                        pools,
                        members,
                        "DOMESTIC " + u.usageLocation(),
                        u.upn(),
                        tenantAllowances.getOrDefault(plan.wireName() + " DOMESTIC", domestic));
                if (defaults[2] > 0) {
                    add(
                            pools,
                            members,
                            "INTERNATIONAL " + u.usageLocation(),
                            u.upn(),
                            tenantAllowances.getOrDefault(plan.wireName() + " INTERNATIONAL", defaults[2]));
                }
            }
        }
        for (SessionRecord s : sent.values()) {
            Instant from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to =
                    month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (s.conferenceUrl() != null
                    || s.toTel() == null
                    || s.startTime().isBefore(from)
                    || !s.startTime().isBefore(to)) {
                continue;
            }
            String upn = s.fromUri().replaceFirst("^sip:", "").toLowerCase(Locale.ROOT);
            UserRecord u = users.get(upn);
            String country = country(s.toTel());
            if (u == null || country == null || u.usageLocation() == null) {
                continue;
            }
            String pool = (country.equals(u.usageLocation()) ? "DOMESTIC " : "INTERNATIONAL ") + u.usageLocation();
            if (members.getOrDefault(pool, Set.of()).contains(u.upn())) {
                pools.get(pool)[2] += s.endTime().toEpochMilli() - s.startTime().toEpochMilli();
            }
        }
        List<MinutePool> expected = new ArrayList<>();
        pools.forEach((key, figures) -> {
            String[] parts = key.split(" ");
            long used = (figures[2] + 30_000) / 60_000;
            expected.add(new MinutePool(
                    PoolCapability.valueOf(parts[0]),
                    parts[1],
                    figures[0],
                    figures[1],
                    used,
                    figures[1] - used,
                    figures[1] == 0 ? null : (used * 100 + figures[1] / 2) / figures[1]));
        });
        return expected;
    }

    /** Nulls first, as the database sorts them ascending. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(@Nullable Object a, @Nullable Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return ((Comparable) a).compareTo(b);
    }

    private static void add(
            Map<String, long[]> pools, Map<String, Set<String>> members, String pool, String upn, int minutes) {
        long[] figures = pools.computeIfAbsent(pool, p -> new long[3]);
        if (members.computeIfAbsent(pool, p -> new java.util.HashSet<>()).add(upn)) {
            figures[0]++;
        }
        figures[1] += minutes;
    }

    private static @Nullable String country(String number) {
        for (var code : COUNTRY_CODES.entrySet()) {
            if (number.startsWith(code.getKey())) {
                return code.getValue();
            }
        }
        return null;
    }

    // --- writing --------------------------------------------------------------------------------------------------

    private void write(SessionRecord... records) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(records)));
        for (SessionRecord r : records) {
            sent.put(r.dialogId(), r);
        }
    }

    private void writeUsers(UserRecord... records) {
        currentTenant.runAs(tenant.id(), () -> directory.upsert(List.of(records)));
        for (UserRecord u : records) {
            String upn = u.upn().toLowerCase(Locale.ROOT);
            UserRecord known = users.get(upn);
            if (u.callingPlans() != null && !u.callingPlans().isEmpty()) {
                firstPlans.putIfAbsent(upn, u.callingPlans());
            }
            // a record without callingPlans keeps the stored ones (docs/ingest.md)
            users.put(
                    upn,
                    u.callingPlans() == null && known != null
                            ? new UserRecord(
                                    upn,
                                    u.alias(),
                                    u.displayName(),
                                    u.licensedFrom(),
                                    u.deletedAt(),
                                    null,
                                    u.usageLocation(),
                                    null,
                                    known.callingPlans())
                            : u);
        }
    }

    private UserRecord user(
            String alias,
            LocalDate licensedFrom,
            @Nullable LocalDate deletedAt,
            @Nullable String usageLocation,
            @Nullable List<CallingPlan> plans) {
        return new UserRecord(
                upn(alias), alias, "User " + alias, licensedFrom, deletedAt, null, usageLocation, null, plans);
    }

    private String upn(String alias) {
        return alias + "@" + tenant.name();
    }

    private String uri(String alias) {
        return "sip:" + upn(alias);
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
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
