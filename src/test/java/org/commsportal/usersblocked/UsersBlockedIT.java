package org.commsportal.usersblocked;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.directory.PstnBlockAction;
import org.commsportal.export.ExportFormat;
import org.commsportal.ingest.IngestionKeys;
import org.commsportal.security.Role;
import org.commsportal.security.ViewerTimeZone;
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
 * The users blocked page against a recomputation written here from the user records the test sent over the ingest
 * API: blocks, a change of action, an unblock, re-sends and corrections, days of the viewer's zone in UTC and at
 * +05:45 (Asia/Kathmandu), concealment, roles, the export, and the ingest fields' validation.
 */
@PortalIntegrationTest
class UsersBlockedIT {

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final String BLOCKED = "BlockedForPstn";
    private static final String INTERNATIONAL = "InternationalCallsBlocked";

    @LocalServerPort
    int port;

    @Autowired
    TestTenants testTenants;

    @Autowired
    IngestionKeys keys;

    @Autowired
    UsersBlockedService service;

    @Autowired
    ViewerTimeZone viewerTimeZone;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private String key;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    /** What each user's records said, in the order sent: the test's own log of blocks and unblocks. */
    private final Map<String, List<Sent>> sent = new LinkedHashMap<>();

    /** One user record as sent: a block (action, reason, time or null) or no block, and when the request ran. */
    private record Sent(
            @Nullable String action,
            @Nullable String reason,
            @Nullable Instant at,
            Instant before,
            Instant after) {}

    /** A block as the page should show it. */
    private record Expected(
            String upn,
            String action,
            @Nullable String reason,
            Instant since,
            @Nullable Instant until) {}

    @BeforeEach
    void tenantWithKey() {
        tenant = testTenants.newTenant("users-blocked");
        key = testTenants.newIngestionKey(tenant, keys, "directory sync");
        concealNames(false);
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void each_day_shows_the_blocks_in_force_on_it_as_recomputed_from_the_records_sent() throws Exception {
        LocalDate d = today.minusDays(10);
        send(
                block("ada", BLOCKED, "Unpaid invoice", at(d.minusDays(5), "10:00:00")),
                block("bob", INTERNATIONAL, null, at(d.minusDays(4), "23:30:00")),
                block("cyd", BLOCKED, "Fraud check", at(d.minusDays(3), "00:00:00")),
                noBlock("dan"));
        // a change of action ends ada's first block and starts the second; bob is unblocked now
        send(block("ada", INTERNATIONAL, "Roaming abuse", at(d.minusDays(2), "20:00:00")), noBlock("bob"));
        // re-sent unchanged: nothing changes; then cyd's reason corrected, same action and time
        send(block("cyd", BLOCKED, "Fraud check", at(d.minusDays(3), "00:00:00")));
        send(block("cyd", BLOCKED, "Fraud check (confirmed)", at(d.minusDays(3), "00:00:00")));
        // a block without a time starts when it is written; a block re-sent without a time keeps its time
        send(block("eve", BLOCKED, "New hire", null));
        send(block("ada", INTERNATIONAL, "Roaming abuse", null));

        for (ZoneId zone : List.of(ZoneOffset.UTC, KATHMANDU)) {
            testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
            viewerTimeZone.change(zone);
            for (LocalDate day = d.minusDays(7); !day.isAfter(today); day = day.plusDays(1)) {
                assertDay(day, zone);
            }
        }
        // the edges: bob's block of 23:30 UTC is the next day at +05:45, ada's change of 20:00 UTC too
        viewerTimeZone.change(KATHMANDU);
        assertThat(service.blocks(BlockedUserQuery.of(d.minusDays(4)), 0, 10))
                .extracting(BlockedUserRow::user)
                .containsExactly(upn("ada"));
        assertThat(service.blocks(BlockedUserQuery.of(d.minusDays(2)).sortedBy(BlockedUserColumn.USER, true), 0, 10))
                .extracting(BlockedUserRow::user, BlockedUserRow::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(upn("ada"), PstnBlockAction.BLOCKED_FOR_PSTN),
                        org.assertj.core.groups.Tuple.tuple(upn("bob"), PstnBlockAction.INTERNATIONAL_CALLS_BLOCKED),
                        org.assertj.core.groups.Tuple.tuple(upn("cyd"), PstnBlockAction.BLOCKED_FOR_PSTN));
        viewerTimeZone.change(ZoneOffset.UTC);
        assertThat(service.blocks(BlockedUserQuery.of(d.minusDays(4)), 0, 10))
                .extracting(BlockedUserRow::user)
                .containsExactlyInAnyOrder(upn("ada"), upn("bob"));
        // today, as the page opens: ada, cyd and eve are blocked; bob's block ended today
        assertThat(service.today()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
        assertThat(service.countBlockedUsers(service.today())).isEqualTo(4);
        assertThat(service.countBlocks(BlockedUserQuery.of(today).withUserContains("EVE@")))
                .isEqualTo(1);
        assertThat(service.countBlocks(BlockedUserQuery.of(today).withAction(PstnBlockAction.BLOCKED_FOR_PSTN)))
                .isEqualTo(2);
    }

    @Test
    void sorting_and_paging_run_over_every_block_of_the_day() throws Exception {
        List<String[]> users = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            users.add(block(
                    "u" + (100 + i),
                    i % 3 == 0 ? INTERNATIONAL : BLOCKED,
                    "reason " + (char) ('a' + (i * 7) % 26),
                    at(today.minusDays(1 + i % 5), "0" + (i % 10) + ":00:00")));
        }
        send(users.toArray(String[][]::new));
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        viewerTimeZone.change(ZoneOffset.UTC);
        for (BlockedUserColumn column : BlockedUserColumn.values()) {
            for (boolean ascending : List.of(true, false)) {
                BlockedUserQuery query = BlockedUserQuery.of(today).sortedBy(column, ascending);
                List<BlockedUserRow> pages = new ArrayList<>();
                for (int offset = 0; offset < 30; offset += 7) {
                    pages.addAll(service.blocks(query, offset, 7));
                }
                List<Expected> expected = expectedOn(today, ZoneOffset.UTC);
                Comparator<Expected> order = switch (column) {
                    case USER -> Comparator.comparing(Expected::upn);
                    case ACTION -> Comparator.comparing(Expected::action);
                    case REASON -> Comparator.comparing(e -> Objects.requireNonNull(e.reason()));
                    case SINCE -> Comparator.comparing(Expected::since);
                    case UNTIL -> Comparator.comparing(e -> Instant.MAX);
                };
                assertThat(pages).hasSize(30);
                List<Object> shown = pages.stream().map(row -> key(row, column)).toList();
                List<Object> wanted = expected.stream()
                        .sorted(ascending ? order : order.reversed())
                        .map(e -> key(e, column))
                        .toList();
                assertThat(shown)
                        .as(column + (ascending ? " ascending" : " descending"))
                        .isEqualTo(wanted);
            }
        }
    }

    @Test
    void concealed_viewers_see_and_find_pseudonyms_only_and_chart_roles_see_only_the_count() throws Exception {
        send(block("ada", BLOCKED, "Unpaid invoice", at(today.minusDays(1), "09:00:00")));
        String pseudonym = jdbc.sql("SELECT pseudonym FROM licensed_user WHERE tenant_id = :t AND alias = 'ada'")
                .param("t", tenant.id())
                .query(String.class)
                .single();
        BlockedUserQuery query = BlockedUserQuery.of(today.minusDays(1));

        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        viewerTimeZone.change(ZoneOffset.UTC);
        assertThat(service.blocks(query, 0, 10))
                .extracting(BlockedUserRow::user)
                .containsExactly(pseudonym);
        // "ada@", not "ada": the concealed search reads the 32 hex characters of pseudonyms, which hold "ada" in
        // about one tenant in 140; a search of the real names would find "ada@" in ada's user name
        assertThat(service.countBlocks(query.withUserContains("ada@"))).isZero();
        assertThat(service.countBlocks(query.withUserContains(pseudonym.substring(3, 11))))
                .isEqualTo(1);

        concealNames(true);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        viewerTimeZone.change(ZoneOffset.UTC);
        assertThat(service.blocks(query, 0, 10))
                .extracting(BlockedUserRow::user)
                .containsExactly(pseudonym);
        var out = new ByteArrayOutputStream();
        service.export(query, List.of(BlockedUserColumn.values()), ExportFormat.CSV, out, rows -> {});
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(pseudonym).doesNotContain("ada@");

        testTenants.signInAs(tenant, Role.SFB_ADMIN);
        concealNames(false);
        viewerTimeZone.change(ZoneOffset.UTC);
        assertThat(service.blocks(query, 0, 10))
                .extracting(BlockedUserRow::user)
                .containsExactly(upn("ada"));

        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        viewerTimeZone.change(ZoneOffset.UTC);
        assertThat(service.countBlockedUsers(query.day())).isEqualTo(1);
        assertThatThrownBy(() -> service.blocks(query, 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.export(
                        query,
                        List.of(BlockedUserColumn.values()),
                        ExportFormat.CSV,
                        new ByteArrayOutputStream(),
                        r -> {}))
                .isInstanceOf(AccessDeniedException.class);

        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        assertThatThrownBy(() -> service.countBlockedUsers(query.day())).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_export_holds_every_row_with_times_in_the_viewers_zone_and_is_audited() throws Exception {
        send(
                block("ada", BLOCKED, "Unpaid, \"twice\"", at(today.minusDays(3), "20:00:00")),
                block("bob", INTERNATIONAL, null, at(today.minusDays(2), "01:00:00")));
        send(block("ada", INTERNATIONAL, "Roaming", at(today.minusDays(2), "22:30:00")));
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        viewerTimeZone.change(KATHMANDU);
        // day -2 in Kathmandu runs from 18:15 UTC of day -3 to 18:15 UTC of day -2
        BlockedUserQuery query = BlockedUserQuery.of(today.minusDays(2)).sortedBy(BlockedUserColumn.SINCE, true);
        var out = new ByteArrayOutputStream();
        long rows = service.export(query, List.of(BlockedUserColumn.values()), ExportFormat.CSV, out, written -> {});
        assertThat(rows).isEqualTo(2);
        List<CSVRecord> csv = csv(out.toString(StandardCharsets.UTF_8));
        assertThat(csv.get(0).values())
                .containsExactly(
                        "User",
                        "Block action",
                        "Block action reason",
                        "Blocked since (Asia/Kathmandu)",
                        "Blocked until (Asia/Kathmandu)");
        assertThat(csv.get(1).values())
                .containsExactly(
                        upn("ada"),
                        BLOCKED,
                        "Unpaid, \"twice\"",
                        today.minusDays(2) + "T01:45:00",
                        today.minusDays(1) + "T04:15:00");
        assertThat(csv.get(2).values())
                .containsExactly(upn("bob"), INTERNATIONAL, "", today.minusDays(2) + "T06:45:00", "");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :t AND action = 'EXPORT'")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .singleElement()
                .satisfies(detail -> assertThat(detail).contains("Users blocked table", ": 2 rows"));
    }

    @Test
    void bad_block_fields_are_refused_naming_the_record_and_field_and_nothing_is_written() throws Exception {
        String u = tenant.name();
        String body = """
                [{"upn":"ok@%1$s","alias":"ok","displayName":"Ok","licensedFrom":"2020-01-01","pstnBlockAction":"BlockedForPstn"},
                 {"upn":"a@%1$s","alias":"a","displayName":"A","licensedFrom":"2020-01-01","pstnBlockAction":"BlockedForEverything"},
                 {"upn":"b@%1$s","alias":"b","displayName":"B","licensedFrom":"2020-01-01","pstnBlockReason":"why"},
                 {"upn":"c@%1$s","alias":"c","displayName":"C","licensedFrom":"2020-01-01","pstnBlockedAt":"2026-01-01T00:00:00Z"},
                 {"upn":"d@%1$s","alias":"d","displayName":"D","licensedFrom":"2020-01-01","pstnBlockAction":"BlockedForPstn","pstnBlockedAt":"yesterday"},
                 {"upn":"e@%1$s","alias":"e","displayName":"E","licensedFrom":"2020-01-01","pstnBlockAction":"BlockedForPstn","pstnBlockedAt":"9999-01-01T00:00:00Z"},
                 {"upn":"f@%1$s","alias":"f","displayName":"F","licensedFrom":"2020-01-01","pstnBlockAction":"BlockedForPstn","pstnBlockReason":"%2$s"},
                 {"upn":"g@%1$s","alias":"g","displayName":"G","licensedFrom":"2020-01-01","pstnBlockAction":7}]
                """.formatted(u, "x".repeat(256));
        HttpResponse<String> refused = post(body);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body())
                .contains(
                        "\"problemCount\":7",
                        "{\"index\":1,\"field\":\"pstnBlockAction\",\"reason\":\"must be one of \\\"BlockedForPstn\\\", \\\"InternationalCallsBlocked\\\"\"}",
                        "{\"index\":2,\"field\":\"pstnBlockReason\",\"reason\":\"needs pstnBlockAction",
                        "{\"index\":3,\"field\":\"pstnBlockedAt\",\"reason\":\"needs pstnBlockAction",
                        "{\"index\":4,\"field\":\"pstnBlockedAt\",\"reason\":\"must be an ISO-8601 instant",
                        "{\"index\":5,\"field\":\"pstnBlockedAt\",\"reason\":\"is in the future",
                        "{\"index\":6,\"field\":\"pstnBlockReason\",\"reason\":\"is 256 characters long; at most 255 fit\"}",
                        "{\"index\":7,\"field\":\"pstnBlockAction\"");
        assertThat(count("licensed_user")).isZero();
        assertThat(count("pstn_block_period")).isZero();

        // a change of action that does not start after the block it ends contradicts the history: nothing written
        send(block("ada", BLOCKED, null, at(today.minusDays(2), "10:00:00")));
        HttpResponse<String> contradiction = post(json(
                block("new", BLOCKED, null, at(today.minusDays(1), "10:00:00")),
                block("ada", INTERNATIONAL, null, at(today.minusDays(3), "10:00:00"))));
        assertThat(contradiction.statusCode()).isEqualTo(422);
        assertThat(contradiction.body()).contains("{\"index\":1,\"field\":\"pstnBlockedAt\",\"reason\":\"is not after");
        assertThat(count("pstn_block_period")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM licensed_user WHERE tenant_id = :t AND alias = 'new'")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    // --- the recomputation ------------------------------------------------------------------------------------------

    /**
     * The blocks in force at some moment of the day in the zone, from the test's log: each user's records in the
     * order sent, a block of another action ending the one before at its time, a record without a block ending it
     * when it was written, a block of the same action keeping its first time unless the record names one.
     */
    private List<Expected> expectedOn(LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<Expected> periods = new ArrayList<>();
        sent.forEach((upn, records) -> {
            Expected open = null;
            for (Sent r : records) {
                if (r.action() == null) {
                    if (open != null) {
                        periods.add(new Expected(upn, open.action(), open.reason(), open.since(), r.after()));
                        open = null;
                    }
                } else if (open != null && open.action().equals(r.action())) {
                    open = new Expected(upn, open.action(), r.reason(), r.at() == null ? open.since() : r.at(), null);
                } else {
                    Instant since = r.at() == null ? r.after() : r.at();
                    if (open != null) {
                        periods.add(new Expected(upn, open.action(), open.reason(), open.since(), since));
                    }
                    open = new Expected(upn, r.action(), r.reason(), since, null);
                }
            }
            if (open != null) {
                periods.add(open);
            }
        });
        return periods.stream()
                .filter(p -> p.since().isBefore(to)
                        && (p.until() == null || p.until().isAfter(from)))
                .toList();
    }

    private void assertDay(LocalDate day, ZoneId zone) {
        List<Expected> expected = expectedOn(day, zone);
        List<BlockedUserRow> shown =
                service.blocks(BlockedUserQuery.of(day).sortedBy(BlockedUserColumn.SINCE, true), 0, 100);
        assertThat(shown).as(day + " in " + zone).hasSize(expected.size());
        List<Expected> sorted =
                expected.stream().sorted(Comparator.comparing(Expected::since)).toList();
        for (int i = 0; i < shown.size(); i++) {
            BlockedUserRow row = shown.get(i);
            Expected e = sorted.get(i);
            assertThat(row.user()).as(day + " " + zone).isEqualTo(e.upn());
            assertThat(row.action().wireName()).isEqualTo(e.action());
            assertThat(row.reason()).isEqualTo(e.reason());
            if (sent.get(e.upn()).stream().anyMatch(s -> s.action() != null && s.at() == null)
                    && e.since().isAfter(Instant.now().minus(1, ChronoUnit.HOURS))) {
                // written without a time: the write's instant, between the test's clock readings
                assertThat(row.since()).isBetween(e.since().minusSeconds(60), e.since());
            } else {
                assertThat(row.since()).isEqualTo(e.since());
            }
            if (e.until() == null) {
                assertThat(row.until()).isNull();
            } else if (e.until().isAfter(Instant.now().minus(1, ChronoUnit.HOURS))) {
                assertThat(row.until()).isNotNull().isBetween(e.until().minusSeconds(60), e.until());
            } else {
                assertThat(row.until()).isEqualTo(e.until());
            }
        }
        assertThat(service.countBlocks(BlockedUserQuery.of(day))).isEqualTo(expected.size());
        assertThat(service.countBlockedUsers(day))
                .isEqualTo(expected.stream().map(Expected::upn).distinct().count());
    }

    private static Object key(BlockedUserRow row, BlockedUserColumn column) {
        return column == BlockedUserColumn.UNTIL
                ? ""
                : Objects.requireNonNull(row.valueOf(column)).toString();
    }

    private static Object key(Expected e, BlockedUserColumn column) {
        return switch (column) {
            case USER -> e.upn();
            case ACTION -> e.action();
            case REASON -> Objects.requireNonNull(e.reason());
            case SINCE -> e.since().toString();
            case UNTIL -> "";
        };
    }

    // --- sending --------------------------------------------------------------------------------------------------

    /** A user record as fields: alias, action (null: no block), reason, time. */
    private static String[] block(
            String alias, @Nullable String action, @Nullable String reason, @Nullable Instant at) {
        return new String[] {alias, action, reason, at == null ? null : at.toString()};
    }

    private static String[] noBlock(String alias) {
        return block(alias, null, null, null);
    }

    private void send(String[]... users) throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HttpResponse<String> response = post(json(users));
        Instant after = Instant.now();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (String[] u : users) {
            sent.computeIfAbsent(upn(u[0]), x -> new ArrayList<>())
                    .add(new Sent(u[1], u[2], u[3] == null ? null : Instant.parse(u[3]), before, after));
        }
    }

    private String json(String[]... users) {
        List<String> records = new ArrayList<>();
        for (String[] u : users) {
            StringBuilder r = new StringBuilder("{\"upn\":\"" + upn(u[0]) + "\",\"alias\":\"" + u[0]
                    + "\",\"displayName\":\"User " + u[0] + "\",\"licensedFrom\":\"2020-01-01\"");
            if (u[1] != null) {
                r.append(",\"pstnBlockAction\":\"").append(u[1]).append('"');
            }
            if (u[2] != null) {
                r.append(",\"pstnBlockReason\":\"")
                        .append(u[2].replace("\"", "\\\""))
                        .append('"');
            }
            if (u[3] != null) {
                r.append(",\"pstnBlockedAt\":\"").append(u[3]).append('"');
            }
            records.add(r.append('}').toString());
        }
        return "[" + String.join(",\n", records) + "]";
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/users"))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }

    private void concealNames(boolean concealed) {
        jdbc.sql("UPDATE tenant SET display_concealed_names = :c WHERE id = :id")
                .param("c", concealed)
                .param("id", tenant.id())
                .update();
    }

    private String upn(String alias) {
        return alias + "@" + tenant.name();
    }

    private static Instant at(LocalDate day, String time) {
        return Instant.parse(day + "T" + time + "Z");
    }

    private static List<CSVRecord> csv(String body) throws Exception {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }
}
