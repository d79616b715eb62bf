package org.commsportal.pstn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.export.ExportFormat;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The PSTN charges (docs/pstn-usage.md, "Charges") against a recomputation written here from the calls the test
 * sent and the rates it saved: per started minute, the connection fee, zero-length calls, rounding to the currency's
 * minor unit, calls without a country or a rate, a rate change, sorting and paging by charge, the totals, the
 * exports; and the rate table's roles, audit and refusals of bad input.
 */
@PortalIntegrationTest
class PstnChargesIT {

    private static final LocalDate LONG_AGO = LocalDate.of(2020, 1, 1);

    /** This test's own country codes of the numbers it sends. */
    private static final Map<String, String> COUNTRY_OF = Map.of(
            "+14255550123", "US",
            "+442079460456", "GB",
            "+4930901820", "DE",
            "+61291234567", "AU",
            "0301234", "");

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
    PstnRates rates;

    @Autowired
    org.commsportal.sessions.ReadModelCheck readModelCheck;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.commsportal.savedviews.SavedViews savedViews;

    @Autowired
    org.commsportal.schedules.ScheduledExports scheduledExports;

    private Tenant tenant;
    private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    /** Sent calls by dialog id: the other number, outbound or not, milliseconds. */
    private final Map<String, Sent> sent = new LinkedHashMap<>();

    private record Sent(String id, Instant start, String number, boolean outbound, long ms) {}

    @BeforeEach
    void tenantWithCalls() {
        tenant = testTenants.newTenant("pstn-charges");
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("ada@" + tenant.name(), "ada", "User ada", LONG_AGO, null, null, "US"))));
        // the billing edges: no length, a millisecond, just under, at and just over a minute, and longer calls
        write(
                call("zero", "08:00:00", "+14255550123", true, 0),
                call("one-ms", "08:01:00", "+14255550123", true, 1),
                call("under", "08:02:00", "+14255550123", true, 59_999),
                call("minute", "08:03:00", "+14255550123", true, 60_000),
                call("over", "08:04:00", "+14255550123", true, 60_001),
                call("long-gb", "08:05:00", "+442079460456", true, 125_400),
                call("gb-half", "08:06:00", "+442079460456", true, 30_000),
                call("in-de", "08:07:00", "+4930901820", false, 61_000),
                // a destination without a rate, a call type without a rate, a number without a country
                call("au", "08:08:00", "+61291234567", true, 300_000),
                call("in-us", "08:09:00", "+14255550123", false, 90_000),
                call("no-country", "08:10:00", "0301234", true, 45_000));
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void every_charge_and_the_total_equal_a_recomputation_and_follow_a_rate_change_at_once() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertCharges(Map.of(), null);

        List<PstnRate> table = List.of(
                rate("US", PstnCallType.USER_OUT, "0.0215", "0.10"),
                rate("GB", PstnCallType.USER_OUT, "0.1234", "0"),
                rate("DE", PstnCallType.USER_IN, "0.005", "0.0049"));
        rates.save("eur", table);
        assertCharges(byKey(table), "EUR");

        // a rate change re-prices every call, a removed rate leaves its calls without a charge
        List<PstnRate> changed = List.of(
                rate("US", PstnCallType.USER_OUT, "0.03", "0"),
                rate("US", PstnCallType.USER_IN, "0.0101", "0.25"),
                rate("DE", PstnCallType.USER_IN, "0.005", "0.0049"));
        rates.save("EUR", changed);
        assertCharges(byKey(changed), "EUR");

        // a currency without a minor unit rounds each call to whole units
        rates.save("JPY", List.of(rate("US", PstnCallType.USER_OUT, "3.5", "10")));
        assertCharges(byKey(List.of(rate("US", PstnCallType.USER_OUT, "3.5", "10"))), "JPY");
    }

    @Test
    void calls_sort_and_page_by_charge_in_the_database_and_the_exports_hold_charge_and_currency() throws Exception {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        List<PstnRate> table = List.of(
                rate("US", PstnCallType.USER_OUT, "0.0215", "0.10"), rate("GB", PstnCallType.USER_OUT, "0.1234", "0"));
        rates.save("USD", table);
        Map<String, PstnRate> byKey = byKey(table);

        for (boolean ascending : List.of(true, false)) {
            PstnCallQuery query = PstnCallQuery.of(ReportPeriod.D7).sortedBy(PstnCallColumn.CHARGE, ascending);
            List<PstnCallRow> paged = new ArrayList<>();
            for (int offset = 0; offset < sent.size(); offset += 3) {
                paged.addAll(service.calls(query, offset, 3));
            }
            Comparator<@Nullable BigDecimal> order = Comparator.nullsFirst(Comparator.naturalOrder());
            List<@Nullable BigDecimal> expected = sent.values().stream()
                    .map(call -> charge(call, byKey, "USD"))
                    .sorted(ascending ? order : order.reversed())
                    .toList();
            assertThat(paged)
                    .extracting(PstnCallRow::charge)
                    .as("ascending %s", ascending)
                    .containsExactlyElementsOf(expected);
        }

        var out = new ByteArrayOutputStream();
        service.export(
                PstnCallQuery.of(ReportPeriod.D7).sortedBy(PstnCallColumn.START_TIME, true),
                List.of(
                        PstnCallColumn.START_TIME,
                        PstnCallColumn.DURATION,
                        PstnCallColumn.CHARGE,
                        PstnCallColumn.CURRENCY),
                ExportFormat.CSV,
                out,
                written -> {});
        String text = out.toString(StandardCharsets.UTF_8);
        List<CSVRecord> csv = CSVFormat.RFC4180
                .parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text))
                .getRecords();
        assertThat(csv.get(0).toList()).containsExactly("Start time (UTC)", "Duration (seconds)", "Charge", "Currency");
        List<Sent> inOrder = new ArrayList<>(sent.values());
        for (int i = 0; i < inOrder.size(); i++) {
            BigDecimal expected = charge(inOrder.get(i), byKey, "USD");
            assertThat(csv.get(i + 1).get(2))
                    .as("charge of %s", inOrder.get(i).id())
                    .isEqualTo(expected == null ? "" : expected.toPlainString());
            assertThat(csv.get(i + 1).get(3)).isEqualTo(expected == null ? "" : "USD");
        }
    }

    @Test
    void a_saved_pstn_view_with_its_filters_is_kept_and_its_table_is_attached_as_the_page_exports_it()
            throws Exception {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        rates.save("EUR", List.of(rate("US", PstnCallType.USER_OUT, "0.0215", "0.10")));
        String address = "period=D7&direction=outbound&country=US&columns=START_TIME,CHARGE,CURRENCY&sort=CHARGE"
                + "&order=desc";
        savedViews.save("usage/pstn-usage", address, "US outbound", false);
        assertThatThrownBy(() -> savedViews.save("usage/pstn-usage", "period=D7&carrier=x", "bad", false))
                .isInstanceOf(org.commsportal.savedviews.SavedViewProblem.class);

        var out = new ByteArrayOutputStream();
        var rendered = scheduledExports.export("usage/pstn-usage", address, ExportFormat.CSV, out);
        List<Sent> expected = sent.values().stream()
                .filter(call -> call.outbound() && COUNTRY_OF.get(call.number()).equals("US"))
                .toList();
        assertThat(rendered.rows()).isEqualTo(expected.size());
        assertThat(rendered.fileName()).contains("outbound", "country-US");
        String text = out.toString(StandardCharsets.UTF_8);
        List<CSVRecord> csv = CSVFormat.RFC4180
                .parse(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text))
                .getRecords();
        assertThat(csv.get(0).toList()).containsExactly("Start time (UTC)", "Charge", "Currency");
        Map<String, PstnRate> table = byKey(rates.table().rates());
        assertThat(csv.subList(1, csv.size()).stream().map(row -> row.get(1)).toList())
                .containsExactlyElementsOf(expected.stream()
                        .map(call -> Objects.requireNonNull(charge(call, table, "EUR")))
                        .sorted(Comparator.reverseOrder())
                        .map(BigDecimal::toPlainString)
                        .toList());
    }

    @Test
    void another_tenants_rates_price_nothing_here() {
        Tenant other = testTenants.newTenant("pstn-charges-other");
        testTenants.signInAs(other, Role.GLOBAL_ADMIN);
        rates.save("EUR", List.of(rate("US", PstnCallType.USER_OUT, "1", "1")));
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThat(rates.table()).isEqualTo(PstnRateTable.empty());
        assertCharges(Map.of(), null);
    }

    @Test
    void only_global_administrators_read_and_change_the_rate_table() {
        for (Role role : List.of(Role.GLOBAL_READER, Role.REPORTS_READER, Role.SFB_ADMIN, Role.BILLING_ADMIN)) {
            testTenants.signInAs(tenant, role);
            assertThatThrownBy(() -> rates.table()).as("%s reads", role).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> rates.save("EUR", List.of(rate("US", PstnCallType.USER_OUT, "1", "0"))))
                    .as("%s saves", role)
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> rates.upload("r.csv", csvFile("US,user_out,1,0,EUR")))
                    .as("%s uploads", role)
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> rates.download(new ByteArrayOutputStream()))
                    .as("%s downloads", role)
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pstn_rate WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void every_change_is_audited_with_what_changed() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        rates.save(
                "EUR",
                List.of(rate("US", PstnCallType.USER_OUT, "0.02", "0"), rate("GB", PstnCallType.USER_OUT, "0.1", "0")));
        rates.save("EUR", List.of(rate("US", PstnCallType.USER_OUT, "0.03", "0")));
        assertThat(audit()).hasSize(2).satisfies(details -> {
            assertThat(details.get(0)).contains("2 rates in EUR", "+GB user_out 0.1/min + 0");
            assertThat(details.get(1))
                    .contains("1 rates in EUR", "US user_out 0.02/min + 0 -> 0.03/min + 0", "-GB user_out");
        });
    }

    @Test
    void a_csv_file_replaces_the_table_and_downloads_as_it_was_uploaded() throws Exception {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        String file = "Country,CallType,PricePerMinute,ConnectionFee,Currency\r\n"
                + "DE,user_in,0.005,0.0049,EUR\r\nGB,user_out,0.1234,0,EUR\r\nUS,user_out,0.0215,0.1,EUR\r\n";
        rates.upload("rates.csv", new ByteArrayInputStream(("\uFEFF" + file).getBytes(StandardCharsets.UTF_8)));
        assertCharges(
                byKey(List.of(
                        rate("US", PstnCallType.USER_OUT, "0.0215", "0.10"),
                        rate("GB", PstnCallType.USER_OUT, "0.1234", "0"),
                        rate("DE", PstnCallType.USER_IN, "0.005", "0.0049"))),
                "EUR");
        var out = new ByteArrayOutputStream();
        rates.download(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(file);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :t AND action = 'EXPORT'")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .singleElement()
                .satisfies(detail -> assertThat(detail).contains("PSTN rate table as CSV, 3 rates"));
    }

    @Test
    void bad_rates_are_refused_with_every_problem_named_and_nothing_is_written() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        rates.save("EUR", List.of(rate("US", PstnCallType.USER_OUT, "0.02", "0")));
        PstnRateTable before = rates.table();

        assertRefused(
                () -> rates.save("EUR", List.of(rate("XX", PstnCallType.USER_OUT, "0.02", "0"))),
                "country \"XX\" is not an ISO 3166 region code");
        assertRefused(
                () -> rates.save("EUR", List.of(rate("US", PstnCallType.USER_OUT, "-0.02", "0"))),
                "US user_out: the price per minute -0.02 is negative");
        assertRefused(
                () -> rates.save("EUR", List.of(rate("US", PstnCallType.USER_OUT, "2500", "0"))),
                "the price per minute 2500 is more than 1000");
        assertRefused(
                () -> rates.save("EUR", List.of(rate("US", PstnCallType.USER_OUT, "0.000001", "0"))),
                "has more than 4 decimals");
        assertRefused(
                () -> rates.save("EUR", List.of(rate("US", PstnCallType.USER_OUT, "0.1", "-1"))),
                "the connection fee -1 is negative");
        assertRefused(
                () -> rates.save("EURO", List.of(rate("US", PstnCallType.USER_OUT, "0.1", "0"))),
                "currency \"EURO\" is not an ISO 4217 currency code");
        assertRefused(
                () -> rates.save(
                        "EUR",
                        List.of(
                                rate("US", PstnCallType.USER_OUT, "0.1", "0"),
                                rate("US", PstnCallType.USER_OUT, "0.2", "0"))),
                "given twice");

        assertRefused(
                () -> rates.upload("r.csv", csvFile("US,user_out,0.1,0,EUR", "ZZ,user_out,0.1,0,EUR")),
                "Line 3: country \"ZZ\"");
        assertRefused(
                () -> rates.upload("r.csv", csvFile("US,outbound,0.1,0,EUR")),
                "Line 2: call type \"outbound\" is not one of");
        assertRefused(
                () -> rates.upload("r.csv", csvFile("US,user_out,abc,0,EUR")),
                "Line 2: the price per minute \"abc\" is not a number");
        assertRefused(
                () -> rates.upload("r.csv", csvFile("US,user_out,-1,0,EUR")),
                "Line 2: the price per minute \"-1\" is negative");
        assertRefused(
                () -> rates.upload("r.csv", csvFile("US,user_out,1e3,0,EUR")), "is not a number written as 0.0215");
        assertRefused(
                () -> rates.upload("r.csv", csvFile("US,user_out,0.1,0,EUR", "GB,user_out,0.1,0,USD")),
                "several currencies [EUR, USD]");
        assertRefused(() -> rates.upload("r.csv", csvFile("US,user_out,0.1,EUR")), "Line 2: has 4 cells");
        assertRefused(() -> rates.upload("r.csv", csvFile()), "The file has no rates");
        assertRefused(
                () -> rates.upload(
                        "r.csv", new ByteArrayInputStream("US,user_out,0.1,0,EUR\n".getBytes(StandardCharsets.UTF_8))),
                "Line 1: the first line must be the header");
        assertRefused(
                () -> rates.upload("r.csv", new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41})),
                "not UTF-8 text");
        // a huge upload is refused after reading just past the limit, never read whole
        byte[] huge = new byte[PstnRateFile.MAX_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertRefused(() -> rates.upload("huge.csv", new ByteArrayInputStream(huge)), "larger than 256 KB");
        StringBuilder many = new StringBuilder("Country,CallType,PricePerMinute,ConnectionFee,Currency\n");
        for (int i = 0; i < PstnRateFile.MAX_RATES + 1; i++) {
            many.append("US,user_out,0.1,0,EUR\n");
        }
        assertRefused(
                () -> rates.upload(
                        "many.csv", new ByteArrayInputStream(many.toString().getBytes(StandardCharsets.UTF_8))),
                "more than 2000 rates");

        assertThat(rates.table()).isEqualTo(before);
        assertThat(audit()).hasSize(1);
    }

    // --- the recomputation ----------------------------------------------------------------------------------------

    /** Per started minute plus the fee, nothing for a call of no length, rounded half up to the minor unit. */
    private static @Nullable BigDecimal charge(Sent call, Map<String, PstnRate> rates, @Nullable String currency) {
        String country = COUNTRY_OF.get(call.number());
        PstnCallType type = call.outbound() ? PstnCallType.USER_OUT : PstnCallType.USER_IN;
        PstnRate rate = rates.get(country + "/" + type);
        if (rate == null || currency == null) {
            return null;
        }
        int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
        if (call.ms() == 0) {
            return BigDecimal.ZERO.setScale(digits);
        }
        long minutes = call.ms() / 60_000 + (call.ms() % 60_000 == 0 ? 0 : 1);
        return rate.connectionFee()
                .add(rate.pricePerMinute().multiply(BigDecimal.valueOf(minutes)))
                .setScale(digits, RoundingMode.HALF_UP);
    }

    private void assertCharges(Map<String, PstnRate> table, @Nullable String currency) {
        PstnCallQuery query = PstnCallQuery.of(ReportPeriod.D7).sortedBy(PstnCallColumn.START_TIME, true);
        List<PstnCallRow> rows = service.calls(query, 0, 100);
        List<Sent> calls = new ArrayList<>(sent.values());
        assertThat(rows).hasSameSizeAs(calls);
        BigDecimal total = null;
        long ms = 0;
        for (int i = 0; i < rows.size(); i++) {
            Sent call = calls.get(i);
            BigDecimal expected = charge(call, table, currency);
            assertThat(rows.get(i).start()).isEqualTo(call.start());
            assertThat(rows.get(i).charge()).as("charge of %s", call.id()).isEqualTo(expected);
            assertThat(rows.get(i).currency())
                    .as("currency of %s", call.id())
                    .isEqualTo(expected == null ? null : currency);
            assertThat(rows.get(i).chargeText())
                    .isEqualTo(expected == null ? "" : expected.toPlainString() + " " + currency);
            if (expected != null) {
                total = total == null ? expected : total.add(expected);
            }
            ms += call.ms();
        }
        // the day rollup's charges were re-priced with the saved rates (changeset 044)
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        PstnTotals totals = service.totals(query);
        assertThat(totals.calls()).isEqualTo(calls.size());
        assertThat(totals.minutes()).isEqualTo(Math.round(ms / 60_000.0));
        assertThat(totals.charge()).as("total charge").isEqualTo(total);
        assertThat(totals.currency()).isEqualTo(total == null ? null : currency);

        // the total of a filter: the outbound calls to the United States only
        PstnCallQuery us = query.withCountry("US").withDirection(PstnCallType.Direction.OUTBOUND);
        BigDecimal usTotal = calls.stream()
                .filter(call -> call.outbound() && COUNTRY_OF.get(call.number()).equals("US"))
                .map(call -> charge(call, table, currency))
                .filter(Objects::nonNull)
                .reduce(BigDecimal::add)
                .orElse(null);
        assertThat(service.totals(us).charge()).as("total of US outbound").isEqualTo(usTotal);
        // a user filter reads the calls themselves: the same figures (every call is ada's; names are concealed)
        String adaPseudonym = jdbc.sql("SELECT pseudonym FROM licensed_user WHERE tenant_id = :t AND alias = 'ada'")
                .param("t", tenant.id())
                .query(String.class)
                .single();
        assertThat(service.totals(query.withUserContains(adaPseudonym.substring(0, 8))))
                .isEqualTo(totals);
    }

    private static Map<String, PstnRate> byKey(List<PstnRate> table) {
        Map<String, PstnRate> map = new HashMap<>();
        table.forEach(rate -> map.put(rate.country() + "/" + rate.type(), rate));
        return map;
    }

    private static PstnRate rate(String country, PstnCallType type, String price, String fee) {
        return new PstnRate(country, type, new BigDecimal(price), new BigDecimal(fee));
    }

    private static ByteArrayInputStream csvFile(String... lines) {
        String text = "Country,CallType,PricePerMinute,ConnectionFee,Currency\n" + String.join("\n", lines);
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private interface Call {
        void run() throws Exception;
    }

    private void assertRefused(Call call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(PstnRateProblems.class).hasMessageContaining(message);
    }

    private List<String> audit() {
        return jdbc.sql(
                        "SELECT detail FROM audit_event WHERE tenant_id = :t AND action = 'PSTN_RATES_CHANGED' ORDER BY id")
                .param("t", tenant.id())
                .query(String.class)
                .list();
    }

    // --- writing ----------------------------------------------------------------------------------------------------

    private void write(SessionRecord... records) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(records)));
    }

    private SessionRecord call(String id, String time, String number, boolean outbound, long ms) {
        Instant start = TestCalls.at(day, time);
        sent.put(id, new Sent(id, start, number, outbound, ms));
        TestCalls calls = new TestCalls(tenant.name());
        return outbound
                ? calls.callOut(id, day, time, "ada", number, ms)
                : calls.callIn(id, day, time, number, "ada", ms);
    }
}
