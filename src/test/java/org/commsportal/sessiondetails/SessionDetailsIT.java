package org.commsportal.sessiondetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.QualityRankRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.Role;
import org.commsportal.security.ViewerTimeZone;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.sessions.Side;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The session details report against MariaDB: every figure is checked against SQL over the raw rows written in
 * this test, in another tenant's presence (with the same aliases), in a non-UTC zone across a DST change.
 */
@PortalIntegrationTest
class SessionDetailsIT {

    private static final LocalDateTime MARCH_1 = LocalDateTime.parse("2026-03-01T00:00");

    @Autowired
    SessionDetailsService service;

    @Autowired
    SessionWriter writer;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TenantService tenants;

    @Autowired
    TestTenants testTenants;

    @Autowired
    ViewerTimeZone viewerTimeZone;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private Tenant otherTenant;

    @BeforeEach
    void twoTenantsWithTheSameAliases() {
        tenant = tenants.create("sd-" + TestTenants.uniqueDigits() + ".test", UUID.randomUUID(), false);
        otherTenant = tenants.create("sd-other-" + TestTenants.uniqueDigits() + ".test", UUID.randomUUID(), false);
        for (Tenant t : List.of(tenant, otherTenant)) {
            currentTenant.runAs(t.id(), () -> {
                directory.upsert(List.of(user("alice", t), user("bob", t), user("carol", t)));
                writer.write(sessions(t));
            });
        }
    }

    @Test
    void the_result_set_is_every_session_of_the_user_in_the_range_and_nothing_else() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        SessionSearch search = service.search(new SearchForm(userId(tenant, "alice"), MARCH_1, null));

        List<SessionRow> rows = service.sessions(search, List.of(), 0, 1000);

        List<Long> expected =
                jdbc.sql("""
                SELECT s.id FROM comm_session s JOIN licensed_user u ON u.tenant_id = s.tenant_id AND u.alias = 'alice'
                WHERE s.tenant_id = :t AND (s.from_user_id = u.id OR s.to_user_id = u.id)
                  AND s.start_time >= '2026-03-01 00:00:00' AND s.start_time < '2026-03-31 00:00:00'
                ORDER BY s.start_time, s.id
                """).param("t", tenant.id()).query(Long.class).list();
        assertThat(rows).extracting(SessionRow::id).containsExactlyElementsOf(expected);
        assertThat(expected).hasSize(11); // the fixtures but two outside the range and one without alice
        assertThat(service.countSessions(search, List.of())).isEqualTo(expected.size());
        assertThat(rows)
                .extracting(SessionRow::dialogId)
                .allSatisfy(id -> assertThat(id).startsWith(tenant.name()));
    }

    @Test
    void shown_values_follow_the_raw_rows_with_telephone_numbers_masked() {
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        SessionSearch search = service.search(new SearchForm(userId(tenant, "alice"), MARCH_1, null));

        Map<String, SessionRow> byDialog = service.sessions(search, List.of(), 0, 1000).stream()
                .collect(Collectors.toMap(
                        row -> row.dialogId().substring(tenant.name().length() + 1), row -> row));

        SessionRow pstn = byDialog.get("pstn");
        assertThat(pstn.toTel()).isEqualTo("+1425555xxxx");
        assertThat(pstn.toUri()).isEqualTo("sip:+1425555xxxx@" + tenant.name() + ";user=phone");
        assertThat(pstn.fromTel()).isEqualTo("+1 (206) 555-xxxx");
        assertThat(pstn.responseCode()).isEqualTo(486);
        assertThat(pstn.mediaTypes()).isEqualTo("P2P: Audio");
        SessionRow conference = byDialog.get("conference");
        assertThat(conference.mediaTypes()).isEqualTo("Conference: IM, Application Sharing, Audio, Video");
        assertThat(conference.conferenceUrl()).isEqualTo(focus(tenant));
        assertThat(byDialog.get("poor-audio").quality()).isEqualTo(Verdict.POOR);
        assertThat(byDialog.get("im").quality()).isNull();
        assertThat(byDialog.get("im").fromUri()).isEqualTo("sip:bob@" + tenant.name());
        assertThat(byDialog.get("failed-ice").quality()).isEqualTo(Verdict.UNCLASSIFIED);
        assertThat(byDialog.get("no-report").quality()).isEqualTo(Verdict.UNCLASSIFIED);
        assertThat(byDialog.get("delegated").onBehalfOfUri()).isEqualTo("sip:carol@" + tenant.name());
    }

    @Test
    void group_counts_equal_independent_counts_at_both_levels() {
        testTenants.signInAs(tenant, Role.SFB_ADMIN);
        SessionSearch search = service.search(new SearchForm(userId(tenant, "alice"), MARCH_1, null));

        // independently: raw rows, the description built here from the media ids
        Map<String, Map<String, Long>> expected = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT s.conference_url, s.media_mask, s.response_code FROM comm_session s
                JOIN licensed_user u ON u.tenant_id = s.tenant_id AND u.alias = 'alice'
                WHERE s.tenant_id = :t AND (s.from_user_id = u.id OR s.to_user_id = u.id)
                  AND s.start_time >= '2026-03-01 00:00:00' AND s.start_time < '2026-03-31 00:00:00'
                """)
                .param("t", tenant.id())
                .query((rs, n) -> {
                    String kind = rs.getString(1) == null ? "P2P: " : "Conference: ";
                    int mask = rs.getInt(2);
                    String media = Arrays.stream(Modality.values())
                            .filter(m -> (mask & m.bit()) != 0)
                            .map(Modality::label)
                            .collect(Collectors.joining(", "));
                    String code = rs.getString(3);
                    expected.computeIfAbsent(kind + media, k -> new LinkedHashMap<>())
                            .merge(code, 1L, Long::sum);
                    return null;
                })
                .list();

        List<SessionGroup> media = service.groups(search, List.of(), SessionColumn.MEDIA_TYPES, 0, 100);
        assertThat(media).hasSize(expected.size());
        assertThat(service.countGroups(search, List.of(), SessionColumn.MEDIA_TYPES))
                .isEqualTo(expected.size());
        for (SessionGroup group : media) {
            assertThat(group.count())
                    .isEqualTo(expected.get(group.value()).values().stream()
                            .mapToLong(c -> c)
                            .sum());
            var path = List.of(new GroupFilter(SessionColumn.MEDIA_TYPES, group.value()));
            Map<String, Long> codes = new LinkedHashMap<>();
            service.groups(search, path, SessionColumn.RESPONSE_CODE, 0, 100)
                    .forEach(code -> codes.put(code.value(), code.count()));
            assertThat(codes).isEqualTo(expected.get(group.value()));
            for (SessionGroup code : service.groups(search, path, SessionColumn.RESPONSE_CODE, 0, 100)) {
                var leaf = List.of(path.get(0), new GroupFilter(SessionColumn.RESPONSE_CODE, code.value()));
                assertThat(service.sessions(search, leaf, 0, 100))
                        .hasSize((int) code.count())
                        .allSatisfy(row -> assertThat(row.mediaTypes()).isEqualTo(group.value()));
                assertThat(service.countSessions(search, leaf)).isEqualTo(code.count());
            }
        }
    }

    @Test
    void another_tenants_user_and_sessions_never_appear_even_for_a_shared_alias() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        long foreignAlice = userId(otherTenant, "alice");

        assertThat(service.findUsers("alice", 10))
                .extracting(UserChoice::userId)
                .containsExactly(userId(tenant, "alice"));
        assertThatThrownBy(() -> service.search(new SearchForm(foreignAlice, MARCH_1, null)))
                .isInstanceOf(InvalidSearchException.class)
                .hasMessage("No such user in this organization.");
        var forged = new SessionSearch(
                foreignAlice,
                "x",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z"),
                ZoneOffset.UTC,
                null,
                true);
        assertThat(service.sessions(forged, List.of(), 0, 100)).isEmpty();
        assertThat(service.groups(forged, List.of(), SessionColumn.MEDIA_TYPES, 0, 100))
                .isEmpty();
        long foreignSession = jdbc.sql("SELECT MIN(id) FROM comm_session WHERE tenant_id = :t AND media_mask & 16")
                .param("t", otherTenant.id())
                .query(Long.class)
                .single();
        SessionQuality quality = service.quality(foreignSession);
        assertThat(quality.report().audioStreams()).isEmpty();
        assertThat(quality.report().sessions()).isEmpty();
    }

    @Test
    void a_range_entered_in_berlin_on_the_dst_day_selects_by_its_utc_instants() {
        String account = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        testTenants.signIn(account);
        viewerTimeZone.change(ZoneId.of("Europe/Berlin"));
        // 29 March 2026 in Berlin is 23 hours long: 2026-03-28T23:00Z up to 2026-03-29T22:00Z
        SessionSearch search = service.search(new SearchForm(
                userId(tenant, "alice"),
                LocalDateTime.parse("2026-03-29T00:00"),
                LocalDateTime.parse("2026-03-30T00:00")));

        List<Long> expected =
                jdbc.sql("""
                SELECT s.id FROM comm_session s JOIN licensed_user u ON u.tenant_id = s.tenant_id AND u.alias = 'alice'
                WHERE s.tenant_id = :t AND (s.from_user_id = u.id OR s.to_user_id = u.id)
                  AND s.start_time >= '2026-03-28 23:00:00' AND s.start_time < '2026-03-29 22:00:00'
                ORDER BY s.start_time, s.id
                """).param("t", tenant.id()).query(Long.class).list();
        List<SessionRow> rows = service.sessions(search, List.of(), 0, 100);
        assertThat(rows).extracting(SessionRow::id).containsExactlyElementsOf(expected);
        assertThat(rows)
                .extracting(row -> row.dialogId().substring(tenant.name().length() + 1))
                .containsExactly("berlin-first", "berlin-last");

        String csv = export(search, List.of(SessionColumn.DIALOG_ID, SessionColumn.START_TIME), ExportFormat.CSV);
        assertThat(csv.lines().toList())
                .containsExactly(
                        "\uFEFFDialog ID,Start time (Europe/Berlin)",
                        tenant.name() + "-berlin-first,2026-03-29T00:00:00",
                        tenant.name() + "-berlin-last,2026-03-29T23:59:59");
    }

    @Test
    void concealed_names_hide_licensed_users_in_rows_groups_choices_and_exports_and_the_search_is_audited() {
        jdbc.sql("UPDATE tenant SET display_concealed_names = TRUE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        String account = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        testTenants.signIn(account);
        Map<String, String> pseudonyms = new LinkedHashMap<>();
        jdbc.sql("SELECT alias, pseudonym FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, n) -> pseudonyms.put(rs.getString(1), rs.getString(2)))
                .list();

        assertThat(service.findUsers("ali", 10)).isEmpty();
        List<UserChoice> choices = service.findUsers(pseudonyms.get("alice").substring(0, 12), 10);
        assertThat(choices).extracting(UserChoice::label).containsExactly(pseudonyms.get("alice"));
        SessionSearch search = service.search(new SearchForm(choices.get(0).userId(), MARCH_1, null));
        assertThat(search.userLabel()).isEqualTo(pseudonyms.get("alice"));

        Map<String, SessionRow> byDialog = service.sessions(search, List.of(), 0, 100).stream()
                .collect(Collectors.toMap(
                        row -> row.dialogId().substring(tenant.name().length() + 1), row -> row));
        assertThat(byDialog.get("im").fromUri()).isEqualTo(pseudonyms.get("bob"));
        assertThat(byDialog.get("im").toUri()).isEqualTo(pseudonyms.get("alice"));
        assertThat(byDialog.get("conference").toUri()).isEqualTo(pseudonyms.get("carol"));
        assertThat(byDialog.get("conference").conferenceUrl())
                .isEqualTo("sip:" + pseudonyms.get("carol") + ";gruu;opaque=app:conf:focus:id:42");
        assertThat(byDialog.get("delegated").onBehalfOfUri()).isEqualTo(pseudonyms.get("carol"));
        assertThat(byDialog.get("delegated").referredByUri()).isEqualTo(pseudonyms.get("bob"));
        assertThat(byDialog.get("pstn").toUri()).isEqualTo("sip:+1425555xxxx@" + tenant.name() + ";user=phone");
        assertThat(service.groups(search, List.of(), SessionColumn.FROM_URI, 0, 100))
                .extracting(SessionGroup::value)
                .containsExactlyInAnyOrder(pseudonyms.get("alice"), pseudonyms.get("bob"));

        String csv = export(search, List.of(SessionColumn.values()), ExportFormat.CSV);
        assertThat(csv)
                .contains(pseudonyms.get("alice"), pseudonyms.get("carol"))
                .doesNotContain("alice@", "bob@", "carol@", "5550123");
        List<String> audit = jdbc.sql("SELECT CONCAT(action, ' ', detail) FROM audit_event WHERE tenant_id = :t "
                        + "AND actor = :actor ORDER BY id")
                .param("t", tenant.id())
                .param("actor", account)
                .query(String.class)
                .list();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0))
                .startsWith("SESSION_SEARCH session details of " + pseudonyms.get("alice")
                        + " from 2026-03-01T00:00 to 2026-03-31T00:00 (UTC)");
        assertThat(audit.get(1))
                .startsWith("EXPORT exported session details of " + pseudonyms.get("alice"))
                .endsWith(": 11 rows");
    }

    @Test
    void the_excel_export_holds_every_session_in_the_tables_order_with_times_in_the_viewer_zone() throws Exception {
        String account = testTenants.newAccount(tenant, Role.REPORTS_READER);
        testTenants.signIn(account);
        viewerTimeZone.change(ZoneId.of("America/New_York"));
        SessionSearch search = service.search(new SearchForm(userId(tenant, "alice"), MARCH_1, null))
                .sortedBy(SessionColumn.RESPONSE_CODE, false);
        var out = new ByteArrayOutputStream();

        long rows = service.export(
                search,
                List.of(
                        SessionColumn.DIALOG_ID,
                        SessionColumn.END_TIME,
                        SessionColumn.RESPONSE_CODE,
                        SessionColumn.QUALITY),
                ExportFormat.XLSX,
                out,
                written -> {});

        List<SessionRow> shown = service.sessions(search, List.of(), 0, 1000);
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Row> sheet = workbook.getFirstSheet().read();
            assertThat(sheet.get(0).getCellText(1)).isEqualTo("End time (America/New_York)");
            assertThat(sheet).hasSize(shown.size() + 1);
            for (int i = 0; i < shown.size(); i++) {
                Row row = sheet.get(i + 1);
                assertThat(row.getCellText(0)).isEqualTo(shown.get(i).dialogId());
                assertThat(row.getCellAsDate(1).orElseThrow())
                        .isEqualTo(LocalDateTime.ofInstant(shown.get(i).endTime(), ZoneId.of("America/New_York"))
                                .withNano(0));
                assertThat(row.getCellText(3))
                        .isEqualTo(
                                shown.get(i).quality() == null
                                        ? "No media streams"
                                        : shown.get(i).quality().label());
            }
        }
        assertThat(rows).isEqualTo(shown.size()).isEqualTo(11);
        assertThat(shown.get(0).responseCode()).isEqualTo(486); // sorted by response code, descending
    }

    @Test
    void concealed_viewers_find_users_by_pseudonym_prefix_only_and_never_by_a_real_name() {
        Map<String, String> pseudonyms = new LinkedHashMap<>();
        jdbc.sql("SELECT alias, pseudonym FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, n) -> pseudonyms.put(rs.getString(1), rs.getString(2)))
                .list();
        String alice = pseudonyms.get("alice");
        List<String> realNames = List.of("alice", "ali", "alice@" + tenant.name(), "Alice", "a", "b", "c");

        // a global reader is concealed in a tenant that shows names; every per-user role once the tenant conceals
        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        assertThat(service.namesConcealed()).isTrue();
        for (String typed : realNames) {
            assertThat(service.findUsers(typed, 50))
                    .as("global reader typing " + typed)
                    .extracting(UserChoice::label)
                    .allSatisfy(label -> assertThat(label).startsWith(typed.toLowerCase(java.util.Locale.ROOT)));
        }
        jdbc.sql("UPDATE tenant SET display_concealed_names = TRUE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        for (Role role : List.of(Role.GLOBAL_ADMIN, Role.SFB_ADMIN, Role.REPORTS_READER, Role.GLOBAL_READER)) {
            testTenants.signInAs(tenant, role);
            for (String typed : realNames) {
                // a choice is only ever explained by its pseudonym, so it tells nothing about who is behind it
                assertThat(service.findUsers(typed, 50))
                        .as(role + " typing " + typed)
                        .extracting(UserChoice::label)
                        .allSatisfy(label -> assertThat(label)
                                .matches("[0-9a-f]{32}")
                                .startsWith(typed.toLowerCase(java.util.Locale.ROOT)));
            }
            assertThat(service.findUsers("alice", 50)).as(role.name()).isEmpty();
            assertThat(service.findUsers(" " + alice.substring(0, 10).toUpperCase(java.util.Locale.ROOT) + " ", 50))
                    .as(role.name())
                    .extracting(UserChoice::userId)
                    .containsExactly(userId(tenant, "alice"));
            assertThat(service.findUsers(alice, 50))
                    .as(role.name())
                    .extracting(UserChoice::label)
                    .containsExactly(alice);
            assertThat(service.findUsers("%", 50)).as(role.name()).isEmpty();
        }
    }

    @Test
    void a_viewer_who_sees_names_finds_users_by_alias_or_user_name() {
        testTenants.signInAs(tenant, Role.REPORTS_READER);

        assertThat(service.namesConcealed()).isFalse();
        assertThat(service.findUsers("ali", 10))
                .extracting(UserChoice::label)
                .containsExactly("alice@" + tenant.name() + " (ALICE)");
    }

    @Test
    void a_global_reader_sees_concealed_names_in_a_tenant_that_shows_real_ones() {
        testTenants.signInAs(tenant, Role.GLOBAL_READER);

        SessionSearch search = service.search(new SearchForm(userId(tenant, "alice"), MARCH_1, null));

        assertThat(search.userLabel()).matches("[0-9a-f]{32}");
        assertThat(service.sessions(search, List.of(), 0, 100))
                .extracting(SessionRow::fromUri)
                .allSatisfy(uri -> assertThat(uri).matches("[0-9a-f]{32}"));
    }

    @Test
    void roles_without_per_user_data_are_refused() {
        for (Role role : List.of(
                Role.USAGE_SUMMARY_READER,
                Role.BILLING_ADMIN,
                Role.PASSWORD_ADMIN,
                Role.USER_MANAGEMENT_ADMIN,
                Role.SERVICE_ADMIN)) {
            testTenants.signInAs(tenant, role);
            assertThatThrownBy(() -> service.findUsers("alice", 10))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> service.search(new SearchForm(userId(tenant, "alice"), MARCH_1, null)))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> service.quality(1L)).as(role.name()).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void invalid_input_runs_no_query_and_says_which_field() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);

        assertThatThrownBy(() -> service.search(new SearchForm(null, MARCH_1, MARCH_1.minusDays(1))))
                .isInstanceOfSatisfying(
                        InvalidSearchException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys(SearchForm.Field.USER, SearchForm.Field.TO));
    }

    @Test
    void sub_tabs_read_back_every_quality_table_with_verdicts_and_reasons() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        long id = sessionId(tenant, "poor-audio");

        SessionQuality quality = service.quality(id);

        assertThat(quality.report()).isEqualTo(everyTable());
        assertThat(quality.audioVerdicts())
                .extracting(StreamVerdict::verdict)
                .containsExactly(Verdict.POOR, Verdict.GOOD);
        assertThat(quality.audioVerdicts().get(0).reasons()).containsExactly("Jitter 45 ms > 30 ms");
        assertThat(quality.videoVerdicts()).extracting(StreamVerdict::verdict).containsExactly(Verdict.GOOD);
        assertThat(quality.appSharingVerdicts())
                .extracting(StreamVerdict::verdict)
                .containsExactly(Verdict.POOR);
        assertThat(service.quality(sessionId(tenant, "im")).report()).isEqualTo(Quality.Report.none());
    }

    @Test
    void every_stored_quality_rank_is_the_classifiers_worst_verdict_over_the_raw_quality_rows() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        Map<Verdict, Long> fixtures = storedRanksFollowRawQualityRows(tenant);
        assertThat(fixtures).containsKeys(Verdict.GOOD, Verdict.UNCLASSIFIED, Verdict.POOR);
        // what the bench loaders store for sessions they write with SQL: the same ranks
        jdbc.sql("UPDATE comm_session SET quality_rank = 0 WHERE tenant_id = :t")
                .param("t", tenant.id())
                .update();
        QualityRankRecomputation.store(jdbc, tenant.id());
        assertThat(storedRanksFollowRawQualityRows(tenant)).isEqualTo(fixtures);

        testTenants.signIn("global.admin"); // the demo account: tests add no accounts to demo tenants
        Map<Verdict, Long> demo = storedRanksFollowRawQualityRows(
                tenants.findByName("contoso.example").orElseThrow());
        assertThat(demo).containsKeys(Verdict.GOOD, Verdict.POOR);
    }

    /**
     * For every session of the signed-in tenant: the stored rank equals the worst verdict of the session's quality
     * records as read back from the QoE tables, and the rank changeset 011's SQL computes from them. Returns how
     * many sessions have each verdict.
     */
    private Map<Verdict, Long> storedRanksFollowRawQualityRows(Tenant t) {
        record Stored(long id, int mediaMask, boolean streams, int rank) {}
        List<Stored> sessions = jdbc.sql("""
                SELECT s.id, s.media_mask, s.quality_rank,
                       EXISTS (SELECT 1 FROM qoe_audio_stream a WHERE a.session_id = s.id)
                       OR EXISTS (SELECT 1 FROM qoe_video_stream v WHERE v.session_id = s.id)
                       OR EXISTS (SELECT 1 FROM qoe_app_sharing_stream p WHERE p.session_id = s.id) AS streams
                FROM comm_session s WHERE s.tenant_id = :t
                """)
                .param("t", t.id())
                .query((rs, row) -> new Stored(
                        rs.getLong("id"), rs.getInt("media_mask"), rs.getBoolean("streams"), rs.getInt("quality_rank")))
                .list();
        Map<Long, Integer> sqlRanks = QualityRankRecomputation.ranks(jdbc, t.id());
        int realTime = Modality.AUDIO.bit() | Modality.VIDEO.bit() | Modality.APPLICATION_SHARING.bit();
        Map<Verdict, Long> verdicts = new java.util.EnumMap<>(Verdict.class);
        for (Stored session : sessions) {
            // a session without real-time media or stream records has no verdict; the others are read back whole
            Verdict expected = (session.mediaMask() & realTime) == 0 && !session.streams()
                    ? null
                    : StreamClassifier.worst(service.quality(session.id()).report(), session.mediaMask());
            assertThat(session.rank())
                    .as("stored rank of session %d", session.id())
                    .isEqualTo(StoredQualityRank.rank(expected));
            assertThat(sqlRanks.get(session.id()))
                    .as("changeset 011's rank of session %d", session.id())
                    .isEqualTo(StoredQualityRank.rank(expected));
            if (expected != null) {
                verdicts.merge(expected, 1L, Long::sum);
            }
        }
        assertThat(sessions).isNotEmpty();
        return verdicts;
    }

    @Test
    void the_quality_column_agrees_with_the_classifier_on_every_demo_stream() {
        Tenant contoso = tenants.findByName("contoso.example").orElseThrow();
        testTenants.signIn("global.admin"); // the demo account: tests add no accounts to demo tenants
        long busiest = jdbc.sql("""
                SELECT from_user_id FROM comm_session WHERE tenant_id = :t AND from_user_id IS NOT NULL
                GROUP BY from_user_id ORDER BY COUNT(*) DESC, from_user_id LIMIT 1
                """).param("t", contoso.id()).query(Long.class).single();
        SessionSearch search = service.search(new SearchForm(
                busiest, LocalDateTime.parse("2000-01-01T00:00"), LocalDateTime.parse("2100-01-01T00:00")));

        List<SessionRow> rows = service.sessions(search, List.of(), 0, 100_000);
        int checked = 0;
        for (SessionRow row : rows) {
            boolean realTime = row.mediaTypes().matches(".*(Audio|Video|Application Sharing).*");
            if (!realTime) {
                assertThat(row.quality()).isNull();
                continue;
            }
            SessionQuality quality = service.quality(row.id());
            List<Verdict> streams = new ArrayList<>();
            quality.audioVerdicts().forEach(v -> streams.add(v.verdict()));
            quality.videoVerdicts().forEach(v -> streams.add(v.verdict()));
            quality.appSharingVerdicts().forEach(v -> streams.add(v.verdict()));
            if (row.mediaTypes().contains("Audio") && quality.audioVerdicts().isEmpty()
                    || row.mediaTypes().contains("Video")
                            && quality.videoVerdicts().isEmpty()
                    || row.mediaTypes().contains("Application Sharing")
                            && quality.appSharingVerdicts().isEmpty()) {
                streams.add(Verdict.UNCLASSIFIED); // no QoE report for a modality
            }
            Verdict worst = streams.stream().max(Verdict::compareTo).orElseThrow();
            assertThat(row.quality()).as(row.dialogId()).isEqualTo(worst);
            checked++;
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(rows).extracting(SessionRow::quality).contains(Verdict.POOR, Verdict.GOOD);
        // the groups of the Quality column count the same verdicts
        Map<String, Long> verdictCounts = rows.stream()
                .collect(Collectors.groupingBy(
                        row -> row.quality() == null ? "" : row.quality().label(), Collectors.counting()));
        assertThat(service.groups(search, List.of(), SessionColumn.QUALITY, 0, 10))
                .allSatisfy(group -> assertThat(group.count())
                        .isEqualTo(verdictCounts.get(group.value() == null ? "" : group.value())));
    }

    // ---- the search without a user (docs/session-details.md, "Search every user") ----

    /** The client version groups of the agents the fixtures send, by hand from docs/call-quality.md's table. */
    private static final Map<String, String> CLIENT_GROUPS = Map.of(
            "UCCAPI/16.0", "Skype for Business 2016 16.0.x",
            "UCCAPI/15.0", "Lync 2013 15.0.x",
            "UCCAPI", "Other",
            "SfBMac", "Mac",
            "Mediation Server", "Conferencing or mediation server");

    private static DrillThrough everyUser(String... filters) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("from", List.of("2026-03-01"));
        query.put("to", List.of("2026-03-30"));
        query.put("zone", List.of("UTC"));
        for (int i = 0; i < filters.length; i += 2) {
            query.put(filters[i], List.of(filters[i + 1]));
        }
        DrillThrough.Parsed parsed = DrillThrough.parse(query, ZoneOffset.UTC);
        assertThat(parsed.errors()).isEmpty();
        return parsed.search();
    }

    /** The fixtures of the tenant starting on the UTC days 2026-03-01 to 2026-03-30 that {@code wanted} leaves. */
    private List<String> expectedDialogs(java.util.function.Predicate<SessionRecord> wanted) {
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant to = Instant.parse("2026-03-31T00:00:00Z");
        return sessions(tenant).stream()
                .filter(r -> !r.startTime().isBefore(from) && r.startTime().isBefore(to))
                .filter(wanted)
                .sorted(java.util.Comparator.comparing(SessionRecord::startTime))
                .map(SessionRecord::dialogId)
                .toList();
    }

    /** Whether the session used audio and has an audio stream the rules leave Unclassified (SPEC section 1). */
    private static boolean unclassifiedAudio(SessionRecord r) {
        if (r.quality().audioStreams().isEmpty()) {
            // no QoE report of a session that used audio
            return r.media().stream().anyMatch(m -> m.type() == Modality.AUDIO);
        }
        return r.quality().audioStreams().stream()
                .anyMatch(a -> r.quality().mediaLines().stream()
                                .anyMatch(l -> l.side() == a.side()
                                        && l.mediaType() == Modality.AUDIO
                                        && "failed".equalsIgnoreCase(l.iceResult()))
                        || (a.jitterAvgMs() == null
                                && a.packetLossRateAvg() == null
                                && a.roundTripAvgMs() == null
                                && a.degradationAvg() == null
                                && a.concealedRatioAvg() == null));
    }

    /** The client version groups of a session's stream records: each side's user agent, else its client version. */
    private static List<String> streamClientGroups(SessionRecord r) {
        List<Side> sides = new ArrayList<>();
        r.quality().audioStreams().forEach(a -> sides.add(a.side()));
        r.quality().videoStreams().forEach(v -> sides.add(v.side()));
        r.quality().appSharingStreams().forEach(a -> sides.add(a.side()));
        return sides.stream()
                .map(side -> r.quality().sessions().stream()
                        .filter(info -> info.side() == side
                                && info.userAgent() != null
                                && !info.userAgent().isEmpty())
                        .map(Quality.SessionInfo::userAgent)
                        .findFirst()
                        .orElse(side == Side.FROM ? r.fromClientVersion() : r.toClientVersion()))
                .map(agent -> agent == null ? "" : CLIENT_GROUPS.getOrDefault(agent, "?"))
                .toList();
    }

    private List<String> dialogs(SessionSearch search) {
        return service.sessions(search, List.of(), 0, 1000).stream()
                .map(SessionRow::dialogId)
                .toList();
    }

    @Test
    void a_search_of_every_user_lists_exactly_the_sessions_its_filters_leave_in_the_database_order() {
        testTenants.signInAs(tenant, Role.REPORTS_READER);

        SessionSearch all = service.search(everyUser());
        List<String> expected = expectedDialogs(r -> true);
        assertThat(dialogs(all)).containsExactlyElementsOf(expected);
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(service.countSessions(all, List.of())).isEqualTo(expected.size());
        assertThat(all.userLabel()).isEqualTo("every user");
        // sorted and grouped in the database as any search: descending start, then the groups' counts
        List<String> descending = new ArrayList<>(expected);
        java.util.Collections.reverse(descending);
        assertThat(dialogs(all.sortedBy(SessionColumn.START_TIME, false))).containsExactlyElementsOf(descending);
        assertThat(service.groups(all, List.of(), SessionColumn.MEDIA_TYPES, 0, 100).stream()
                        .mapToLong(SessionGroup::count)
                        .sum())
                .isEqualTo(expected.size());

        SessionSearch conference = service.search(everyUser("conference", "true"));
        assertThat(dialogs(conference))
                .containsExactlyElementsOf(expectedDialogs(
                        r -> r.conferenceUrl() != null && !r.conferenceUrl().isEmpty()));

        SessionSearch unclassified = service.search(everyUser("modality", "audio", "verdict", "unclassified"));
        List<String> unclassifiedDialogs = expectedDialogs(SessionDetailsIT::unclassifiedAudio);
        assertThat(unclassifiedDialogs).hasSizeGreaterThan(2);
        assertThat(dialogs(unclassified)).containsExactlyElementsOf(unclassifiedDialogs);

        for (String group : List.of("Skype for Business 2016 16.0.x", "Other", "Mac")) {
            SessionSearch byClient = service.search(everyUser("client", group));
            List<String> behind = expectedDialogs(r -> streamClientGroups(r).contains(group));
            assertThat(behind).as(group).isNotEmpty();
            assertThat(dialogs(byClient)).as(group).containsExactlyElementsOf(behind);
            assertThat(service.countStreams(byClient))
                    .as(group)
                    .isEqualTo(sessions(tenant).stream()
                            .filter(r -> behind.contains(r.dialogId()))
                            .flatMap(r -> streamClientGroups(r).stream())
                            .filter(group::equals)
                            .count());
        }
    }

    @Test
    void a_search_sorts_and_groups_up_to_the_limit_of_sessions_whether_of_every_user_or_of_one() {
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        assertThat(service.sortAndGroupLimit()).as("the test profile's").isEqualTo(1_000);

        // the bounded read of the matching sessions (no session-day rows count a search without stream criteria)
        SessionSearch all = service.search(everyUser());
        int every = expectedDialogs(r -> true).size();
        assertThat(service.sortsAndGroups(all, every))
                .as("exactly at the limit")
                .isTrue();
        assertThat(service.sortsAndGroups(all, every - 1))
                .as("one over the limit")
                .isFalse();
        assertThat(service.sortsAndGroups(all)).isTrue();
        SessionSearch conference = service.search(everyUser("conference", "true"));
        int conferences = expectedDialogs(
                        r -> r.conferenceUrl() != null && !r.conferenceUrl().isEmpty())
                .size();
        assertThat(conferences).isPositive().isLessThan(every);
        assertThat(service.sortsAndGroups(conference, conferences)).isTrue();
        assertThat(service.sortsAndGroups(conference, conferences - 1)).isFalse();

        // counted from the session-day rows: every user's sessions with audio on whole UTC days
        SessionSearch audio = service.search(everyUser("modality", "audio"));
        int withAudio = expectedDialogs(r -> r.media().stream().anyMatch(m -> m.type() == Modality.AUDIO))
                .size();
        assertThat(withAudio).isPositive();
        assertThat(service.sortsAndGroups(audio, withAudio)).isTrue();
        assertThat(service.sortsAndGroups(audio, withAudio - 1)).isFalse();

        // one user's search, a party on either side of their sessions, by the same limit
        long userId = jdbc.sql("""
                        SELECT u.id FROM licensed_user u JOIN comm_session s ON s.tenant_id = u.tenant_id
                            AND (s.from_user_id = u.id OR s.to_user_id = u.id)
                        WHERE u.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to
                        GROUP BY u.id ORDER BY COUNT(*) DESC, u.id LIMIT 1
                        """)
                .param("t", tenant.id())
                .param("from", MARCH_1)
                .param("to", MARCH_1.plusDays(30))
                .query(Long.class)
                .single();
        SessionSearch oneUser = new SessionSearch(
                userId,
                "busiest",
                Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-31T00:00:00Z"),
                ZoneOffset.UTC,
                null,
                true);
        int theirs = Math.toIntExact(service.countSessions(oneUser, List.of()));
        assertThat(theirs).isGreaterThan(1);
        assertThat(service.sortsAndGroups(oneUser, theirs)).isTrue();
        assertThat(service.sortsAndGroups(oneUser, theirs - 1)).isFalse();
        assertThat(service.sortsAndGroups(oneUser, 1))
                .as("each party's part read to the limit")
                .isFalse();

        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThatThrownBy(() -> service.sortsAndGroups(all)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void every_users_sessions_with_a_modality_or_a_good_stream_page_in_start_order_and_count_exactly_in_any_zone() {
        String alice = "sip:alice@" + tenant.name();
        String bob = "sip:bob@" + tenant.name();
        String carol = "sip:carol@" + tenant.name();
        var goodAudio = new Quality.AudioStream(
                Side.FROM, "SILK", 10.0, 20.0, 0.01, 0.02, 50.0, 80.0, 4.1, 3.9, 0.2, 0.4, 0.01, 0.0, 80.0);
        Quality.Report good = new Quality.Report(
                List.of(),
                List.of(),
                List.of(goodAudio),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        // sessions starting at the same time (a page may end among them) on both sides of a UTC midnight, and on the
        // edges of the range in UTC and in New York; written after the other fixtures, so ids do not follow starts
        List<SessionRecord> extra = List.of(
                session(tenant, "tie-1", "2026-03-10T23:30:00Z", alice, bob, null, good, Modality.AUDIO),
                session(
                        tenant,
                        "tie-2",
                        "2026-03-10T23:30:00Z",
                        bob,
                        alice,
                        null,
                        Quality.Report.none(),
                        Modality.AUDIO),
                session(tenant, "tie-3", "2026-03-10T23:30:00Z", carol, bob, null, good, Modality.AUDIO),
                session(
                        tenant,
                        "tie-im",
                        "2026-03-10T23:30:00Z",
                        carol,
                        alice,
                        null,
                        Quality.Report.none(),
                        Modality.IM),
                session(tenant, "midnight-1", "2026-03-11T00:00:00Z", alice, carol, null, good, Modality.AUDIO),
                session(
                        tenant,
                        "midnight-2",
                        "2026-03-11T00:00:00Z",
                        bob,
                        carol,
                        null,
                        Quality.Report.none(),
                        Modality.AUDIO,
                        Modality.VIDEO),
                session(tenant, "utc-first", "2026-03-01T03:00:00Z", alice, bob, null, good, Modality.AUDIO),
                session(tenant, "ny-last", "2026-03-31T02:00:00Z", bob, alice, null, good, Modality.AUDIO));
        currentTenant.runAs(tenant.id(), () -> writer.write(extra));
        List<SessionRecord> written = new ArrayList<>(sessions(tenant));
        written.addAll(extra);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        Map<String, java.util.function.Predicate<SessionRecord>> filters = new LinkedHashMap<>();
        filters.put(
                "modality=audio",
                r -> r.media().stream().anyMatch(m -> m.type() == Modality.AUDIO)
                        || !r.quality().audioStreams().isEmpty());
        filters.put("verdict=good", SessionDetailsIT::hasGoodStream);
        // found from their streams, only on the days whose session-day rows hold such streams
        filters.put("modality=audio&verdict=unclassified", SessionDetailsIT::unclassifiedAudio);
        Map<String, String> streamConditions = Map.of(
                "modality=audio", "modality = 5",
                "verdict=good", "verdict = 1",
                "modality=audio&verdict=unclassified", "modality = 5 AND verdict = 2");
        // March, and a range reaching months before the tenant's first session
        for (String firstDay : List.of("2026-03-01", "2025-11-01")) {
            for (String zone : List.of("UTC", "America/New_York", "Asia/Kathmandu")) {
                ZoneId zoneId = ZoneId.of(zone);
                Instant from = LocalDate.parse(firstDay).atStartOfDay(zoneId).toInstant();
                Instant to = LocalDate.parse("2026-03-31").atStartOfDay(zoneId).toInstant();
                for (var filter : filters.entrySet()) {
                    Map<String, List<String>> query = new LinkedHashMap<>();
                    query.put("from", List.of(firstDay));
                    query.put("to", List.of("2026-03-30"));
                    query.put("zone", List.of(zone));
                    for (String parameter : filter.getKey().split("&")) {
                        query.put(parameter.split("=")[0], List.of(parameter.split("=")[1]));
                    }
                    DrillThrough.Parsed parsed = DrillThrough.parse(query, ZoneOffset.UTC);
                    assertThat(parsed.errors()).isEmpty();
                    SessionSearch search = service.search(java.util.Objects.requireNonNull(parsed.search()));
                    // the sessions from the records written, in (start, id) order
                    List<Long> expected = written.stream()
                            .filter(r -> !r.startTime().isBefore(from)
                                    && r.startTime().isBefore(to))
                            .filter(filter.getValue())
                            .map(r -> Map.entry(r.startTime(), idOfDialog(tenant, r.dialogId())))
                            .sorted(Map.Entry.<Instant, Long>comparingByKey()
                                    .thenComparing(Map.Entry.comparingByValue()))
                            .map(Map.Entry::getValue)
                            .toList();
                    String what = filter.getKey() + " from " + firstDay + " in " + zone;
                    assertThat(expected).as(what).hasSizeGreaterThan(3);
                    assertThat(service.countSessions(search, List.of()))
                            .as(what)
                            .isEqualTo(expected.size());
                    List<Long> descending = new ArrayList<>(expected);
                    java.util.Collections.reverse(descending);
                    for (int size : List.of(1, 2, 3, 4, 100)) {
                        assertThat(pagesOf(search, size))
                                .as("%s, pages of %d", what, size)
                                .containsExactlyElementsOf(expected);
                        assertThat(pagesOf(search.sortedBy(SessionColumn.START_TIME, false), size))
                                .as("%s, descending pages of %d", what, size)
                                .containsExactlyElementsOf(descending);
                    }
                    assertThat(service.countStreams(search))
                            .as(what + ": streams")
                            .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM quality_stream WHERE tenant_id = :t"
                                            + " AND session_id IN (:ids) AND "
                                            + streamConditions.get(filter.getKey()))
                                    .param("t", tenant.id())
                                    .param("ids", expected)
                                    .query(Long.class)
                                    .single());
                }
            }
        }
    }

    /** Whether one of the session's stream records is Good by the rules (StreamClassifier, the SQL's twin). */
    private static boolean hasGoodStream(SessionRecord r) {
        Quality.Report report = r.quality();
        return report.audioStreams().stream()
                        .anyMatch(a ->
                                StreamClassifier.audio(a, StreamClassifier.iceFailed(report, a.side(), Modality.AUDIO))
                                                .verdict()
                                        == Verdict.GOOD)
                || report.videoStreams().stream()
                        .anyMatch(v ->
                                StreamClassifier.video(v, StreamClassifier.iceFailed(report, v.side(), Modality.VIDEO))
                                                .verdict()
                                        == Verdict.GOOD)
                || report.appSharingStreams().stream()
                        .anyMatch(a -> StreamClassifier.appSharing(
                                                a,
                                                StreamClassifier.iceFailed(
                                                        report, a.side(), Modality.APPLICATION_SHARING))
                                        .verdict()
                                == Verdict.GOOD);
    }

    /** The ids of every session the search finds, read page by page. */
    private List<Long> pagesOf(SessionSearch search, int size) {
        List<Long> ids = new ArrayList<>();
        for (int offset = 0; ; offset += size) {
            List<SessionRow> page = service.sessions(search, List.of(), offset, size);
            page.forEach(row -> ids.add(row.id()));
            if (page.size() < size) {
                return ids;
            }
        }
    }

    @Test
    void a_concealed_viewer_searching_every_user_sees_pseudonyms_in_rows_exports_and_the_audit_names_no_one() {
        jdbc.sql("UPDATE tenant SET display_concealed_names = TRUE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        String account = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        testTenants.signIn(account);

        SessionSearch search = service.search(everyUser("conference", "false"));
        List<SessionRow> rows = service.sessions(search, List.of(), 0, 100);
        assertThat(rows).isNotEmpty();
        assertThat(rows)
                .flatExtracting(SessionRow::fromUri, SessionRow::toUri)
                .noneMatch(uri -> uri != null
                        && (uri.toString().contains("alice@") || uri.toString().contains("bob@")));
        String csv = export(search, List.of(SessionColumn.values()), ExportFormat.CSV);
        assertThat(csv).doesNotContain("alice@", "bob@", "carol@", "5550123");
        assertThat(csv.lines().count()).isEqualTo(1 + rows.size());
        List<String> audit = jdbc.sql("SELECT CONCAT(action, ' ', detail) FROM audit_event WHERE tenant_id = :t "
                        + "AND actor = :actor ORDER BY id")
                .param("t", tenant.id())
                .param("actor", account)
                .query(String.class)
                .list();
        assertThat(audit)
                .containsExactly(
                        "SESSION_SEARCH session details of every user on the days 2026-03-01 to 2026-03-30 (UTC),"
                                + " filters: peer-to-peer",
                        audit.get(1));
        assertThat(audit.get(1))
                .startsWith("EXPORT exported session details of every user")
                .endsWith(": " + rows.size() + " rows");
    }

    @Test
    void roles_without_per_user_data_cannot_search_every_user() {
        for (Role role : List.of(Role.USAGE_SUMMARY_READER, Role.BILLING_ADMIN, Role.SERVICE_ADMIN)) {
            testTenants.signInAs(tenant, role);
            assertThatThrownBy(() -> service.search(everyUser("verdict", "poor")))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void the_search_of_every_user_reads_no_table_without_an_index() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        // the shape of the search's selection with a stream filter, as SessionFilters and QualityStreamCriteria write
        // it
        List<String> plan = jdbc.sql("""
                        EXPLAIN SELECT s.id FROM comm_session s
                        WHERE s.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to
                          AND (SELECT 1 FROM quality_stream q WHERE q.tenant_id = s.tenant_id
                               AND q.session_id = s.id AND q.verdict = 3
                               AND q.day BETWEEN DATE(:from) AND DATE(:to) LIMIT 1) IS NOT NULL
                        """)
                .param("t", tenant.id())
                .param("from", LocalDateTime.parse("2026-03-01T00:00"))
                .param("to", LocalDateTime.parse("2026-03-31T00:00"))
                .query((rs, n) -> rs.getString("table") + " " + rs.getString("type") + " " + rs.getString("key"))
                .list();
        assertThat(plan)
                .as("EXPLAIN: %s", plan)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).doesNotContain(" ALL ").doesNotEndWith(" null"));
    }

    private String export(SessionSearch search, List<SessionColumn> columns, ExportFormat format) {
        var out = new ByteArrayOutputStream();
        try {
            service.export(search, columns, format, out, written -> {});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private long userId(Tenant t, String alias) {
        return jdbc.sql("SELECT id FROM licensed_user WHERE tenant_id = :t AND alias = :alias")
                .param("t", t.id())
                .param("alias", alias)
                .query(Long.class)
                .single();
    }

    private long sessionId(Tenant t, String dialog) {
        return idOfDialog(t, t.name() + "-" + dialog);
    }

    private long idOfDialog(Tenant t, String dialogId) {
        return jdbc.sql("SELECT id FROM comm_session WHERE tenant_id = :t AND dialog_id = :d")
                .param("t", t.id())
                .param("d", dialogId)
                .query(Long.class)
                .single();
    }

    private static UserRecord user(String alias, Tenant t) {
        return new UserRecord(alias + "@" + t.name(), alias, alias.toUpperCase(), LocalDate.parse("2025-01-01"), null);
    }

    private static String focus(Tenant t) {
        return "sip:carol@" + t.name() + ";gruu;opaque=app:conf:focus:id:42";
    }

    /** Alice's sessions and a few around them; dialog ids start with the tenant's name. */
    private static List<SessionRecord> sessions(Tenant t) {
        String alice = "sip:alice@" + t.name();
        String bob = "sip:bob@" + t.name();
        String carol = "sip:carol@" + t.name();
        Quality.Report failedIce = new Quality.Report(
                List.of(),
                List.of(new Quality.MediaLine(
                        Side.FROM, Modality.AUDIO, null, null, null, null, null, null, null, null, "failed", null)),
                List.of(new Quality.AudioStream(
                        Side.FROM, "SILK", 80.0, 90.0, 0.01, 0.02, 50.0, 80.0, 4.1, 3.9, 0.2, 0.4, 0.01, 0.0, 80.0)),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        return List.of(
                session(
                        t,
                        "poor-audio",
                        "2026-03-01T00:00:00Z",
                        alice,
                        bob,
                        null,
                        everyTable(),
                        Modality.AUDIO,
                        Modality.VIDEO,
                        Modality.APPLICATION_SHARING),
                session(t, "im", "2026-03-05T09:00:00Z", bob, alice, null, Quality.Report.none(), Modality.IM),
                pstn(t, alice),
                session(
                        t,
                        "conference",
                        "2026-03-12T15:00:00Z",
                        alice,
                        focus(t),
                        focus(t),
                        Quality.Report.none(),
                        Modality.IM,
                        Modality.AUDIO,
                        Modality.VIDEO,
                        Modality.APPLICATION_SHARING),
                session(t, "failed-ice", "2026-03-14T10:00:00Z", bob, alice, null, failedIce, Modality.AUDIO),
                delegated(t, alice, bob, carol),
                session(
                        t,
                        "no-report",
                        "2026-03-20T10:00:00Z",
                        alice,
                        bob,
                        null,
                        Quality.Report.none(),
                        Modality.AUDIO),
                session(t, "not-alice", "2026-03-06T09:00:00Z", bob, carol, null, Quality.Report.none(), Modality.IM),
                session(t, "before", "2026-02-28T23:59:59.999Z", alice, bob, null, Quality.Report.none(), Modality.IM),
                session(t, "at-to", "2026-03-31T00:00:00Z", alice, bob, null, Quality.Report.none(), Modality.IM),
                session(
                        t,
                        "berlin-before",
                        "2026-03-28T22:59:59.999Z",
                        alice,
                        bob,
                        null,
                        Quality.Report.none(),
                        Modality.IM),
                session(
                        t,
                        "berlin-first",
                        "2026-03-28T23:00:00Z",
                        alice,
                        bob,
                        null,
                        Quality.Report.none(),
                        Modality.IM),
                session(
                        t,
                        "berlin-last",
                        "2026-03-29T21:59:59.999Z",
                        bob,
                        alice,
                        null,
                        Quality.Report.none(),
                        Modality.IM),
                session(
                        t,
                        "berlin-after",
                        "2026-03-29T22:00:00Z",
                        alice,
                        bob,
                        null,
                        Quality.Report.none(),
                        Modality.IM));
    }

    private static SessionRecord session(
            Tenant t,
            String dialog,
            String start,
            String from,
            String to,
            String conferenceUrl,
            Quality.Report quality,
            Modality... media) {
        Instant begin = Instant.parse(start);
        return new SessionRecord(
                t.name() + "-" + dialog,
                begin,
                begin.plusSeconds(300),
                from,
                to,
                "UCCAPI/16.0",
                "UCCAPI/15.0",
                conferenceUrl,
                conferenceUrl == null ? null : "instance-1",
                null,
                null,
                "ep-from",
                null,
                null,
                null,
                200,
                null,
                Arrays.stream(media).map(m -> new MediaUsage(m, 300_000)).toList(),
                0,
                quality);
    }

    private static SessionRecord pstn(Tenant t, String alice) {
        Instant begin = Instant.parse("2026-03-10T10:00:00Z");
        return new SessionRecord(
                t.name() + "-pstn",
                begin,
                begin.plusSeconds(60),
                alice,
                "sip:+14255550123@" + t.name() + ";user=phone",
                "UCCAPI/16.0",
                "Mediation Server",
                null,
                null,
                "+1 (206) 555-0100",
                "+14255550123",
                "ep",
                null,
                null,
                null,
                486,
                null,
                List.of(new MediaUsage(Modality.AUDIO, 60_000)),
                0,
                new Quality.Report(
                        List.of(),
                        List.of(),
                        List.of(new Quality.AudioStream(
                                Side.FROM, "G722", 5.0, 9.0, 0.01, 0.02, 50.0, 80.0, 4.1, 3.9, 0.2, 0.4, 0.01, 0.0,
                                80.0)),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()));
    }

    private static SessionRecord delegated(Tenant t, String alice, String bob, String carol) {
        Instant begin = Instant.parse("2026-03-16T10:00:00Z");
        return new SessionRecord(
                t.name() + "-delegated",
                begin,
                begin.plusSeconds(60),
                alice,
                bob,
                "UCCAPI/16.0",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                carol,
                bob,
                200,
                null,
                List.of(new MediaUsage(Modality.IM, 60_000)),
                3,
                Quality.Report.none());
    }

    /** A record in every quality table; the FROM audio stream is poor by jitter, app sharing by spoiled tiles. */
    private static Quality.Report everyTable() {
        return new Quality.Report(
                List.of(
                        new Quality.SessionInfo(Side.FROM, "PC-1", "Windows 11", "i7", 8, "UCCAPI", null),
                        new Quality.SessionInfo(Side.TO, "PC-2", "macOS", "M2", 8, "SfBMac", "Citrix")),
                List.of(
                        new Quality.MediaLine(
                                Side.FROM,
                                Modality.AUDIO,
                                "10.0.0.1",
                                50000,
                                "10.0.0.0",
                                true,
                                false,
                                "wired",
                                "mic",
                                "speaker",
                                "succeeded",
                                null),
                        new Quality.MediaLine(
                                Side.TO,
                                Modality.VIDEO,
                                "10.0.0.2",
                                50002,
                                "10.0.0.0",
                                false,
                                true,
                                "wifi",
                                "cam",
                                "screen",
                                "succeeded",
                                "52.1.1.1")),
                List.of(
                        new Quality.AudioStream(
                                Side.FROM,
                                "SILKWide",
                                45.0,
                                90.0,
                                0.01,
                                0.02,
                                50.0,
                                80.0,
                                4.1,
                                3.9,
                                0.2,
                                0.4,
                                0.01,
                                0.0,
                                80.0),
                        new Quality.AudioStream(
                                Side.TO,
                                "SILKWide",
                                5.0,
                                9.0,
                                0.01,
                                0.02,
                                50.0,
                                80.0,
                                4.1,
                                3.9,
                                0.2,
                                0.4,
                                0.01,
                                0.0,
                                80.0)),
                List.of(new Quality.AudioClientEvents(
                        Side.FROM, 0.0, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)),
                List.of(new Quality.AudioSignal(Side.FROM, -20.0, -21.0, -65.0, -64.0, -45.0, 1.0, 1.0)),
                List.of(new Quality.AppSharingStream(Side.TO, 5.0, 40.0, 0.0, 100.0, 40.0, 0.3)),
                List.of(new Quality.VideoClientEvents(Side.TO, 0.01, 0.02)),
                List.of(new Quality.VideoStream(Side.TO, "H264", "1280x720", 25.0, 25.0, 1.0, 0.01, 1200.0)),
                List.of(
                        new Quality.TracerouteHop(Side.FROM, 1, "10.0.0.254", 1.5),
                        new Quality.TracerouteHop(Side.FROM, 2, "10.1.0.1", 4.0)),
                List.of(new Quality.Feedback(Side.TO, 2, "Echo,NoiseLevel", "Echo all the time")));
    }
}
