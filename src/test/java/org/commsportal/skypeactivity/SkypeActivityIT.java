package org.commsportal.skypeactivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.Role;
import org.commsportal.sessions.ConferenceJoin;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.sessions.SessionChangeListener;
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
import org.springframework.util.ClassUtils;

/**
 * The Skype for Business activity read model against a recomputation written here from the records the test sent:
 * peer-to-peer sessions, conferences organized (To party) and taken part in (From party), a conference being its URL
 * and instance, with re-sends, users written after their sessions, deleted users, a session with oneself, an
 * organizer who also takes part, and conferences across midnight.
 */
@PortalIntegrationTest
class SkypeActivityIT {

    private static final LocalDate LONG_AGO = LocalDate.of(2020, 1, 1);

    @Autowired
    SessionWriter writer;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    SkypeActivityService service;

    @Autowired
    ReadModelCheck readModelCheck;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ActivityPeriodTotals periodTotals;

    @Autowired
    List<SessionChangeListener> readModels;

    private Tenant tenant;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    /** The records as last sent, by dialog id: what the raw rows hold. */
    private final Map<String, SessionRecord> sent = new LinkedHashMap<>();
    /** The directory as last sent, by lower-case UPN. */
    private final Map<String, UserRecord> users = new HashMap<>();

    @BeforeEach
    void emptyTenant() {
        tenant = testTenants.newTenant("skype-activity");
        // the per-user period totals built from the start: every write below changes them in its transaction
        moveTotalsTo(service.reportDate());
    }

    private void moveTotalsTo(LocalDate reportDate) {
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate));
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void every_day_and_user_figure_equals_a_recomputation_from_the_records_sent() {
        LocalDate d1 = today.minusDays(3);
        LocalDate d2 = today.minusDays(2);
        writeUsers(user("ada", LONG_AGO, null), user("bob", LONG_AGO, null), user("cyd", LONG_AGO, d1));

        write(
                p2p("p-1", d1, "09:00", "ada", "bob", Modality.IM, Modality.AUDIO),
                p2p("p-self", d1, "10:00", "ada", "ada", Modality.AUDIO),
                p2p("p-external", d2, "11:00", "ada", "guest@other.example", Modality.VIDEO),
                p2p("p-deleted", d2, "12:00", "cyd", "ada", Modality.IM),
                p2p("p-nobody", d2, "12:30", "x@other.example", "y@other.example", Modality.IM),
                // one meeting organized by bob across midnight, bob taking part too
                conference("c-ada", d1, "23:50", "ada", "bob", "meet-1", "1", Modality.IM, Modality.AUDIO),
                conference("c-bob", d2, "00:10", "bob", "bob", "meet-1", "1", Modality.AUDIO),
                // the same URL with another instance is another meeting
                conference("c-ada-2", d2, "09:00", "ada", "bob", "meet-1", "2", Modality.APPLICATION_SHARING),
                // organized outside the tenant: ada took part, nobody here organized it
                conference("c-guest", d2, "15:00", "ada", "guest@other.example", "meet-9", "1", Modality.VIDEO),
                // dee's sessions arrive before dee does
                p2p("p-dee", d1, "08:00", "dee", "bob", Modality.AUDIO),
                conference("c-dee", d2, "16:00", "dee", "dee", "meet-dee", "1", Modality.IM));
        assertEqualsRecomputation();

        writeUsers(user("dee", d1, null));
        assertEqualsRecomputation();

        // re-sends: another media set, another organizer, and unchanged
        write(
                p2p("p-1", d1, "09:00", "ada", "bob", Modality.IM),
                conference("c-ada-2", d2, "09:00", "ada", "dee", "meet-1", "2", Modality.APPLICATION_SHARING),
                p2p("p-self", d1, "10:00", "ada", "ada", Modality.AUDIO));
        assertEqualsRecomputation();

        // licences move: bob licensed only from d2, cyd's deletion taken back
        writeUsers(user("bob", d2, null), user("cyd", LONG_AGO, null));
        assertEqualsRecomputation();
    }

    @Test
    void web_conferencing_and_dial_in_out_count_what_the_records_say_and_are_unknown_where_they_say_nothing() {
        LocalDate d1 = today.minusDays(4);
        LocalDate d2 = today.minusDays(3);
        LocalDate d3 = today.minusDays(2);
        writeUsers(user("ada", LONG_AGO, null), user("bob", LONG_AGO, null), user("cyd", LONG_AGO, null));
        var in = ConferenceJoin.DialDirection.DIAL_IN;
        var out = ConferenceJoin.DialDirection.DIAL_OUT;
        var microsoft = ConferenceJoin.ConferencingProvider.MICROSOFT;
        var thirdParty = ConferenceJoin.ConferencingProvider.THIRD_PARTY;
        write(
                // d1: bob's meeting with slides; a phone dials in through Microsoft, another is called out to
                joined(conference("w-1", d1, "09:00", "ada", "bob", "m-1", "1", Modality.IM), true, null, null, null),
                joined(
                        conference("w-2", d1, "09:01", "cyd", "bob", "m-1", "1", Modality.AUDIO),
                        false,
                        null,
                        null,
                        null),
                joined(
                        conference("t-1", d1, "09:02", "+14255550101@other.example", "bob", "m-1", "1", Modality.AUDIO),
                        false,
                        in,
                        microsoft,
                        "+14255550101"),
                joined(
                        conference("t-2", d1, "09:03", "+14255550102@other.example", "bob", "m-1", "1", Modality.AUDIO),
                        false,
                        out,
                        microsoft,
                        "+14255550102"),
                // d1: a dial-in-only meeting of ada through a third party, ada not a party; cyd dials in as herself
                joined(
                        conference("t-3", d1, "14:00", "+14255550103@other.example", "ada", "m-2", "1", Modality.AUDIO),
                        null,
                        in,
                        thirdParty,
                        "+14255550103"),
                joined(
                        conference("t-4", d1, "14:01", "cyd", "ada", "m-2", "1", Modality.AUDIO),
                        null,
                        in,
                        thirdParty,
                        "+14255550104"),
                // d2: old-style records that say nothing, one with a telephone number: web and dial-in/out unknown
                conference("o-1", d2, "10:00", "ada", "cyd", "m-3", "1", Modality.IM),
                joined(
                        conference("o-2", d2, "10:01", "+14255550105@other.example", "cyd", "m-3", "1", Modality.AUDIO),
                        null,
                        null,
                        null,
                        "+14255550105"),
                // d3: said, without a telephone party: known zeros
                joined(conference("k-1", d3, "11:00", "bob", "ada", "m-4", "1", Modality.IM), false, null, null, null));
        assertEqualsRecomputation();

        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        Map<LocalDate, ConferenceDay> organized = new HashMap<>();
        service.organizedDays(d1, d3).forEach(day -> organized.put(day.day(), day));
        // hand-checked, beside the recomputation
        assertThat(organized.get(d1).web()).isEqualTo(1L);
        assertThat(organized.get(d1).dialInOutMicrosoft()).isEqualTo(1L);
        assertThat(organized.get(d1).dialInOutThirdParty()).isEqualTo(1L);
        assertThat(organized.get(d1).dialInOutMicrosoftUsers()).isEqualTo(1L);
        assertThat(organized.get(d2).web()).isNull();
        assertThat(organized.get(d2).dialInOutMicrosoft()).isNull();
        assertThat(organized.get(d2).dialInMicrosoftMs()).isNull();
        assertThat(organized.get(d2).im()).isEqualTo(1L);
        assertThat(organized.get(d3).web()).isZero();
        assertThat(organized.get(d3).dialInOutMicrosoft()).isZero();
        Map<Long, UserActivityFigures> figures = service.users(userIds().values(), d1, today.plusDays(1));
        UserActivityFigures cyd = figures.get(userIds().get("cyd@" + tenant.name()));
        assertThat(cyd.participated().dialInOutThirdParty()).isEqualTo(1L);
        assertThat(cyd.participated().web()).isZero(); // w-2 said no; t-4 said nothing
        assertThat(cyd.organized().web()).isNull(); // o-1 and o-2 said nothing
        TestTenants.signOut();

        // a re-send that says more makes the figure known
        write(joined(conference("o-1", d2, "10:00", "ada", "cyd", "m-3", "1", Modality.IM), true, null, null, null));
        assertEqualsRecomputation();
        // and one that says nothing again unknown; a provider said, then taken back, likewise (the day totals change
        // by each write's difference both ways: changeset 060)
        write(conference("o-1", d2, "10:00", "ada", "cyd", "m-3", "1", Modality.IM));
        write(joined(
                conference("o-2", d2, "10:01", "+14255550105@other.example", "cyd", "m-3", "1", Modality.AUDIO),
                null,
                in,
                microsoft,
                "+14255550105"));
        assertEqualsRecomputation();
        write(joined(
                conference("o-2", d2, "10:01", "+14255550105@other.example", "cyd", "m-3", "1", Modality.AUDIO),
                null,
                null,
                null,
                "+14255550105"));
        assertEqualsRecomputation();
    }

    @Test
    void records_in_any_order_and_any_batches_end_in_the_same_figures() {
        LocalDate first = today.minusDays(20);
        Random random = new Random(21);
        List<String> aliases = List.of("u0", "u1", "u2", "u3", "u4", "u5");
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            LocalDate day = first.plusDays(random.nextInt(20));
            String time = String.format(Locale.ROOT, "%02d:%02d", random.nextInt(24), random.nextInt(60));
            String from = aliases.get(random.nextInt(aliases.size()));
            String to = random.nextInt(5) == 0 ? "guest@other.example" : aliases.get(random.nextInt(aliases.size()));
            Modality[] media = randomMedia(random);
            records.add(
                    random.nextBoolean()
                            ? p2p("r-" + i, day, time, from, to, media)
                            : randomJoin(
                                    random,
                                    conference(
                                            "r-" + i,
                                            day,
                                            time,
                                            from,
                                            to,
                                            "meet-" + random.nextInt(8),
                                            String.valueOf(random.nextInt(2)),
                                            media)));
        }
        Collections.shuffle(records, random);
        writeUsers(user("u0", LONG_AGO, null), user("u1", first.plusDays(5), null));
        for (int start = 0; start < records.size(); start += 37) {
            write(records.subList(start, Math.min(records.size(), start + 37)).toArray(SessionRecord[]::new));
            if (start == 111) {
                writeUsers(user("u2", LONG_AGO, first.plusDays(10)), user("u3", LONG_AGO, null));
            }
        }
        // a third of the records again, some changed
        for (int i = 0; i < records.size(); i += 3) {
            SessionRecord r = records.get(i);
            write(i % 2 == 0 ? r : withMedia(r, Modality.IM));
        }
        writeUsers(user("u4", LONG_AGO, null), user("u5", first.plusDays(12), null));
        assertEqualsRecomputation();

        // a rebuild from the raw sessions (after a load that bypassed the write path) ends in the same rows
        assertThat(readModelCheck.rebuild(tenant.id())).contains("ActivityPartyDays", "DeviceUsageDays");
        assertEqualsRecomputation();
    }

    @Test
    void retention_forgets_the_days_it_removes_and_keeps_the_rest_exact() {
        LocalDate old = today.minusDays(40);
        writeUsers(user("ada", LONG_AGO, null), user("bob", LONG_AGO, null));
        write(
                p2p("old", old, "10:00", "ada", "bob", Modality.IM),
                conference("old-c", old, "11:00", "ada", "bob", "meet-1", "1", Modality.AUDIO),
                p2p("new", today.minusDays(2), "10:00", "ada", "bob", Modality.AUDIO));
        LocalDate keptFrom = today.minusDays(30);
        currentTenant.runAs(tenant.id(), () -> writer.keepFrom(keptFrom));
        sent.remove("old");
        sent.remove("old-c");
        assertEqualsRecomputation();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM activity_party_day WHERE tenant_id = :t AND day < :d")
                        .param("t", tenant.id())
                        .param("d", keptFrom)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void the_per_user_tables_list_every_licensed_user_with_the_recomputed_figures_in_every_sort_order() {
        LocalDate reportDate = service.reportDate();
        LocalDate d1 = reportDate.minusDays(1);
        writeUsers(
                user("ada", LONG_AGO, null),
                user("bob", LONG_AGO, null),
                user("cyd", LONG_AGO, reportDate.minusDays(3)),
                user("gone", LONG_AGO, reportDate.minusDays(30)),
                user("eve", LONG_AGO, null),
                user("fin", LONG_AGO, reportDate.plusDays(2))); // deleted after the report date: not deleted as of it
        write(
                p2p("p-1", d1, "09:00", "ada", "bob", Modality.IM, Modality.AUDIO),
                p2p("p-2", reportDate, "23:59", "ada", "eve", Modality.VIDEO),
                p2p("p-3", reportDate.minusDays(5), "00:00", "cyd", "ada", Modality.IM),
                conference("c-1", d1, "10:00", "ada", "bob", "meet-1", "1", Modality.IM, Modality.AUDIO),
                conference("c-2", d1, "10:05", "eve", "bob", "meet-1", "1", Modality.APPLICATION_SHARING),
                conference("c-3", reportDate.minusDays(6), "12:00", "bob", "ada", "meet-2", "1", Modality.VIDEO),
                // after the report date: in no table yet
                p2p("p-today", today, "00:30", "ada", "bob", Modality.IM));
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        assertTables(reportDate, d1);
        // the same tables summed from the day rows while the totals end on another day (before the nightly move)
        moveTotalsTo(reportDate.minusDays(1));
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        assertTables(reportDate, d1);
        moveTotalsTo(reportDate);
        // concealed: pseudonyms shown and searched, never real names
        jdbc.sql("UPDATE tenant SET display_concealed_names = TRUE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        SkypeActivityQuery concealed =
                SkypeActivityQuery.of(SkypeActivityPage.ACTIVITY, org.commsportal.common.ReportPeriod.D7);
        assertThat(service.users(concealed, 0, 100))
                .allSatisfy(row -> assertThat(row.userName()).matches("[0-9a-f]{32}"));
        assertThat(service.users(concealed.withFilter("ada"), 0, 100))
                .allSatisfy(row -> assertThat(row.userName()).contains("ada"));
    }

    @Test
    void period_totals_follow_writes_and_report_date_moves_and_equal_the_recomputation() {
        LocalDate reportDate = service.reportDate();
        writeUsers(
                user("ada", LONG_AGO, null),
                user("bob", LONG_AGO, null),
                user("cyd", LONG_AGO, reportDate.minusDays(20)),
                user("dee", reportDate.minusDays(100), null));
        Random random = new Random(31);
        List<String> aliases = List.of("ada", "bob", "cyd", "dee", "eve", "guest@other.example");
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            LocalDate day = reportDate.plusDays(1).minusDays(random.nextInt(215));
            String time = String.format(Locale.ROOT, "%02d:%02d", random.nextInt(24), random.nextInt(60));
            String from = aliases.get(random.nextInt(aliases.size()));
            String to = aliases.get(random.nextInt(aliases.size()));
            Modality[] media = randomMedia(random);
            records.add(
                    random.nextInt(3) == 0
                            ? p2p("m-" + i, day, time, from, to, media)
                            : randomJoin(
                                    random,
                                    conference(
                                            "m-" + i,
                                            day,
                                            time,
                                            from,
                                            to,
                                            "meet-" + random.nextInt(40),
                                            String.valueOf(random.nextInt(2)),
                                            media)));
        }
        // meetings across the midnight that starts each window of every report date the totals end on below: the
        // window holds the meeting's second day only, and counts it once with that day's media
        for (LocalDate end : List.of(reportDate.minusDays(12), reportDate.minusDays(5), reportDate.minusDays(40))) {
            for (var period : org.commsportal.common.ReportPeriod.values()) {
                LocalDate first = period.firstDay(end);
                String meeting = "edge-" + end + "-" + period;
                records.add(conference(
                        meeting + "-a", first.minusDays(1), "23:50", "ada", "bob", meeting, "1", Modality.IM));
                records.add(conference(meeting + "-b", first, "00:10", "cyd", "bob", meeting, "1", Modality.AUDIO));
                records.add(conference(
                        meeting + "-c", first, "00:20", "bob", "bob", meeting, "1", Modality.APPLICATION_SHARING));
            }
        }
        Collections.shuffle(records, random);
        int third = records.size() / 3;

        moveTotalsTo(reportDate.minusDays(12)); // built before any record, then kept by each write
        write(records.subList(0, third).toArray(SessionRecord[]::new));
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();

        moveTotalsTo(reportDate.minusDays(5)); // forward by 7 days: D7's window replaced, the others shifted
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        for (int start = third; start < records.size(); start += 50) {
            write(records.subList(start, Math.min(records.size(), start + 50)).toArray(SessionRecord[]::new));
        }
        // re-sends, some changed, and users arriving after their sessions
        for (int i = 0; i < records.size(); i += 4) {
            SessionRecord r = records.get(i);
            write(i % 8 == 0 ? r : withMedia(r, Modality.VIDEO));
        }
        // a newest day gained, then lost again by a re-send to an earlier day: the last days move forward, then back
        for (String alias : List.of("ada", "bob", "cyd")) {
            write(p2p("newest-" + alias, reportDate.minusDays(5), "23:59", alias, "dee", Modality.IM));
            assertThat(totalsDifferences()).isEmpty();
            write(p2p("newest-" + alias, reportDate.minusDays(150), "23:59", alias, "dee", Modality.IM));
            assertThat(totalsDifferences()).isEmpty();
        }
        writeUsers(user("eve", reportDate.minusDays(60), null));
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();

        moveTotalsTo(reportDate);
        assertEqualsRecomputation();

        moveTotalsTo(reportDate.minusDays(40)); // backwards (a clock set back): recounted
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        moveTotalsTo(reportDate); // forward by 40 days
        assertEqualsRecomputation();
    }

    /** Every page, period and sort of the per-user tables against the recomputation. */
    private void assertTables(LocalDate reportDate, LocalDate d1) {
        Map<String, Long> ids = userIds();
        for (SkypeActivityPage page : SkypeActivityPage.values()) {
            for (var period : org.commsportal.common.ReportPeriod.values()) {
                LocalDate from = reportDate.minusDays(period.days() - 1L);
                SkypeActivityQuery query = SkypeActivityQuery.of(page, period);
                List<SkypeActivityUserRow> rows = service.users(query, 0, 100);
                // every user licensed at some time in the period, zeros included; "gone" left before D7 and D30
                List<String> expectedUsers = users.values().stream()
                        .filter(u -> u.deletedAt() == null || !u.deletedAt().isBefore(from))
                        .map(u -> u.upn().toLowerCase(Locale.ROOT))
                        .sorted()
                        .toList();
                assertThat(rows.stream().map(SkypeActivityUserRow::userName).toList())
                        .as(page + " " + period)
                        .isEqualTo(expectedUsers);
                assertThat(service.countUsers(query)).isEqualTo(expectedUsers.size());
                for (SkypeActivityUserRow row : rows) {
                    UserActivityFigures wanted = expectedUser(row.userName(), from, reportDate.plusDays(1));
                    UserActivityFigures lastDays = expectedUser(row.userName(), LONG_AGO, reportDate.plusDays(1));
                    UserRecord user = users.get(row.userName());
                    assertThat(row.userId()).isEqualTo(ids.get(row.userName()));
                    assertThat(row.peerToPeerSessions()).isEqualTo(wanted.peerToPeerSessions());
                    assertThat(row.organized().conferences())
                            .isEqualTo(wanted.organized().conferences());
                    assertThat(row.participated()).isEqualTo(wanted.participated());
                    assertThat(row.organized()).isEqualTo(wanted.organized());
                    assertThat(row.peerToPeerLastDay()).isEqualTo(lastDays.peerToPeerLastDay());
                    assertThat(row.deleted())
                            .isEqualTo(user.deletedAt() != null
                                    && !user.deletedAt().isAfter(reportDate));
                    assertThat(row.lastActivityDate())
                            .isEqualTo(java.util.stream.Stream.of(
                                            lastDays.peerToPeerLastDay(),
                                            lastDays.organized().lastDay(),
                                            lastDays.participated().lastDay())
                                    .filter(Objects::nonNull)
                                    .max(LocalDate::compareTo)
                                    .orElse(null));
                }
                for (SkypeActivityColumn column : page.columns()) {
                    for (boolean ascending : new boolean[] {true, false}) {
                        List<SkypeActivityUserRow> sorted = service.users(query.sortedBy(column, ascending), 0, 100);
                        assertThat(sorted).as(page + " by " + column).containsExactlyInAnyOrderElementsOf(rows);
                        List<@Nullable Object> values =
                                sorted.stream().map(column::valueOf).toList();
                        for (int i = 1; i < values.size(); i++) {
                            int order = SORT_ORDER.compare(values.get(i - 1), values.get(i));
                            assertThat(ascending ? order <= 0 : order >= 0)
                                    .as(page + " by " + column + (ascending ? " ascending " : " descending ") + values)
                                    .isTrue();
                            // ties by id, in the sort's direction (minutes are shown rounded, sorted exact)
                            if (order == 0 && !column.name().endsWith("MINUTES")) {
                                long before = sorted.get(i - 1).userId();
                                long after = sorted.get(i).userId();
                                assertThat(ascending ? before < after : before > after)
                                        .as(page + " by " + column + ": tie of " + before + " and " + after)
                                        .isTrue();
                            }
                        }
                        List<SkypeActivityUserRow> pageByPage = new ArrayList<>();
                        for (int offset = 0; offset < sorted.size(); offset += 2) {
                            pageByPage.addAll(service.users(query.sortedBy(column, ascending), offset, 2));
                        }
                        assertThat(pageByPage)
                                .as(page + " by " + column + " page by page")
                                .isEqualTo(sorted);
                        assertThat(service.users(query.sortedBy(column, ascending), 1, Integer.MAX_VALUE))
                                .as(page + " by " + column + " after the first row, however many")
                                .isEqualTo(sorted.subList(1, sorted.size()));
                    }
                }
            }
            // a chosen day: that day's figures
            SkypeActivityQuery day = SkypeActivityQuery.of(page, org.commsportal.common.ReportPeriod.D7)
                    .withDay(d1);
            for (SkypeActivityUserRow row : service.users(day, 0, 100)) {
                UserActivityFigures wanted = expectedUser(row.userName(), d1, d1.plusDays(1));
                assertThat(row.peerToPeerSessions()).as(row.userName()).isEqualTo(wanted.peerToPeerSessions());
                assertThat(row.organized().conferences())
                        .isEqualTo(wanted.organized().conferences());
                assertThat(row.participated().conferences())
                        .isEqualTo(wanted.participated().conferences());
            }
            // the filter matches the name shown
            assertThat(service
                            .users(
                                    SkypeActivityQuery.of(page, org.commsportal.common.ReportPeriod.D7)
                                            .withFilter("ADA@"),
                                    0,
                                    100)
                            .stream()
                            .map(SkypeActivityUserRow::userName))
                    .containsExactly("ada@" + tenant.name());
        }
    }

    /** The database's order of a column's values: nulls first, then by value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final java.util.Comparator<@Nullable Object> SORT_ORDER =
            java.util.Comparator.nullsFirst((a, b) -> ((Comparable) a).compareTo(b));

    // --- the recomputation ---------------------------------------------------------------------------------------

    private void assertEqualsRecomputation() {
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        LocalDate from = today.minusDays(60);
        LocalDate to = today;
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        List<ActivityDay> days = service.days(from, to);
        assertThat(days).hasSize(61);
        List<ActivityDay> expected = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            expected.add(expectedDay(day));
        }
        assertThat(days).containsExactlyElementsOf(expected);
        for (boolean organized : new boolean[] {true, false}) {
            List<ConferenceDay> conferenceDays =
                    organized ? service.organizedDays(from, to) : service.participatedDays(from, to);
            List<ConferenceDay> expectedConferenceDays = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                expectedConferenceDays.add(expectedConferenceDay(day, organized));
            }
            assertThat(conferenceDays)
                    .as(organized ? "organized" : "participated")
                    .containsExactlyElementsOf(expectedConferenceDays);
        }

        for (LocalDate periodStart : List.of(from, today.minusDays(2), today.minusDays(3))) {
            for (LocalDate until : List.of(today.plusDays(1), today.minusDays(2), today.minusDays(1))) {
                Map<Long, UserActivityFigures> figures = service.users(userIds().values(), periodStart, until);
                Map<Long, UserActivityFigures> wanted = new TreeMap<>();
                userIds().forEach((upn, id) -> {
                    UserActivityFigures f = expectedUser(upn, periodStart, until);
                    if (!f.equals(UserActivityFigures.NONE) || hasAnyRow(upn, until)) {
                        wanted.put(id, f);
                    }
                });
                assertThat(new TreeMap<>(figures))
                        .as("users from " + periodStart + " until " + until)
                        .isEqualTo(wanted);
            }
        }
        assertPeriodsEqualRecomputation();
        TestTenants.signOut();
    }

    /**
     * Each period ending on the report date, as the Graph-style user detail and the per-user tables read it (from
     * the period totals once they end there), against the recomputation from the records.
     */
    private void assertPeriodsEqualRecomputation() {
        LocalDate reportDate = service.reportDate();
        Map<String, Long> ids = userIds();
        for (var period : org.commsportal.common.ReportPeriod.values()) {
            LocalDate from = period.firstDay(reportDate);
            Map<Long, UserActivityFigures> figures = service.users(ids.values(), from, reportDate.plusDays(1));
            Map<Long, UserActivityFigures> wanted = new TreeMap<>();
            ids.forEach((upn, id) -> {
                UserActivityFigures f = expectedUser(upn, from, reportDate.plusDays(1));
                if (!f.equals(UserActivityFigures.NONE) || hasAnyRow(upn, reportDate.plusDays(1))) {
                    wanted.put(id, f);
                }
            });
            assertThat(new TreeMap<>(figures)).as("users of " + period).isEqualTo(wanted);
            SkypeActivityQuery query = SkypeActivityQuery.of(SkypeActivityPage.ACTIVITY, period);
            for (SkypeActivityUserRow row : service.users(query, 0, 1000)) {
                UserActivityFigures f = wanted.getOrDefault(row.userId(), UserActivityFigures.NONE);
                assertThat(new UserActivityFigures(
                                row.peerToPeerSessions(), row.peerToPeerLastDay(), row.organized(), row.participated()))
                        .as(period + " table row of " + row.userName())
                        .isEqualTo(f);
                assertThat(row.lastActivityDate()).isEqualTo(f.lastActivityDay());
            }
        }
    }

    /** The licensed user a party counts for on the session's day, by the rule of docs/ingest.md; null if none. */
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

    private static LocalDate dayOf(SessionRecord s) {
        return s.startTime().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static String meeting(SessionRecord s) {
        return s.conferenceUrl() + " " + s.confInstance();
    }

    private ActivityDay expectedDay(LocalDate day) {
        long peerToPeer = 0;
        Set<String> organized = new HashSet<>();
        Set<String> participated = new HashSet<>();
        Set<String> p2pUsers = new HashSet<>();
        Set<String> organizers = new HashSet<>();
        Set<String> participants = new HashSet<>();
        for (SessionRecord s : sent.values()) {
            if (!dayOf(s).equals(day)) {
                continue;
            }
            String from = counted(s.fromUri(), s.startTime());
            String to = counted(s.toUri(), s.startTime());
            if (s.conferenceUrl() == null) {
                peerToPeer++; // every one, as the peer-to-peer page counts them
                p2pUsers.addAll(nonNull(from, to));
            } else {
                if (to != null) {
                    organized.add(meeting(s));
                    organizers.add(to);
                }
                if (from != null) {
                    participated.add(meeting(s));
                    participants.add(from);
                }
            }
        }
        return new ActivityDay(
                day,
                peerToPeer,
                organized.size(),
                participated.size(),
                p2pUsers.size(),
                organizers.size(),
                participants.size());
    }

    private static List<String> nonNull(@Nullable String... values) {
        return Arrays.stream(values).filter(Objects::nonNull).toList();
    }

    private boolean hasAnyRow(String upn, LocalDate until) {
        return sent.values().stream()
                .filter(s -> dayOf(s).isBefore(until))
                .anyMatch(s -> upn.equals(counted(s.fromUri(), s.startTime()))
                        || upn.equals(counted(s.toUri(), s.startTime())));
    }

    private UserActivityFigures expectedUser(String upn, LocalDate from, LocalDate until) {
        long peerToPeer = 0;
        LocalDate peerToPeerLast = null;
        Map<String, long[]> organized = new HashMap<>();
        Map<String, long[]> participated = new HashMap<>();
        LocalDate organizedLast = null;
        LocalDate participatedLast = null;
        for (SessionRecord s : sent.values()) {
            LocalDate day = dayOf(s);
            if (!day.isBefore(until)) {
                continue;
            }
            boolean inPeriod = !day.isBefore(from);
            boolean isFrom = upn.equals(counted(s.fromUri(), s.startTime()));
            boolean isTo = upn.equals(counted(s.toUri(), s.startTime()));
            if (s.conferenceUrl() == null) {
                if (isFrom || isTo) {
                    peerToPeer += inPeriod ? 1 : 0;
                    peerToPeerLast = later(peerToPeerLast, day);
                }
                continue;
            }
            if (isTo) {
                organizedLast = later(organizedLast, day);
                if (inPeriod) {
                    add(organized, s);
                }
            }
            if (isFrom) {
                participatedLast = later(participatedLast, day);
                if (inPeriod) {
                    add(participated, s);
                }
            }
        }
        return new UserActivityFigures(
                peerToPeer,
                peerToPeerLast,
                conferences(organized, organizedLast),
                conferences(participated, participatedLast));
    }

    /**
     * Per meeting, from the sessions counted: had IM, audio/video, app sharing, web conferencing, a third-party and
     * a Microsoft telephone party (0/1); then sums of audio/video ms, sessions, sessions that said whether they used
     * web conferencing, telephone sessions, dial-in and dial-out ms through Microsoft.
     */
    private static void add(Map<String, long[]> meetings, SessionRecord s) {
        long[] m = meetings.computeIfAbsent(meeting(s), key -> new long[12]);
        long audioVideoMs = 0;
        for (MediaUsage usage : s.media()) {
            switch (usage.type()) {
                case IM -> m[0] = 1;
                case AUDIO, VIDEO -> {
                    m[1] = 1;
                    audioVideoMs = Math.max(audioVideoMs, usage.durationMs());
                }
                case APPLICATION_SHARING -> m[2] = 1;
                default -> {}
            }
        }
        boolean microsoft = s.audioConferencingProvider() == ConferenceJoin.ConferencingProvider.MICROSOFT;
        m[3] |= Boolean.TRUE.equals(s.webConferencing()) ? 1 : 0;
        m[4] |= s.audioConferencingProvider() == ConferenceJoin.ConferencingProvider.THIRD_PARTY ? 1 : 0;
        m[5] |= microsoft ? 1 : 0;
        m[6] += audioVideoMs;
        m[7] += 1;
        m[8] += s.webConferencing() != null ? 1 : 0;
        m[9] += s.dialInOut() != null || s.fromTel() != null || s.toTel() != null ? 1 : 0;
        m[10] += microsoft && s.dialInOut() == ConferenceJoin.DialDirection.DIAL_IN ? audioVideoMs : 0;
        m[11] += microsoft && s.dialInOut() == ConferenceJoin.DialDirection.DIAL_OUT ? audioVideoMs : 0;
    }

    private static long count(Map<String, long[]> meetings, int flag) {
        return meetings.values().stream().filter(m -> m[flag] == 1).count();
    }

    private static long sum(Map<String, long[]> meetings, int counter) {
        return meetings.values().stream().mapToLong(m -> m[counter]).sum();
    }

    /** Unknown (null) when there were sessions of which none said whether they used web conferencing. */
    private static @Nullable Long webUnknownOr(Map<String, long[]> meetings, long value) {
        return sum(meetings, 7) > 0 && sum(meetings, 8) == 0 ? null : value;
    }

    /** Unknown (null) when there were telephone sessions of which none said its provider. */
    private static @Nullable Long providerUnknownOr(Map<String, long[]> meetings, long value) {
        return sum(meetings, 9) > 0 && count(meetings, 4) + count(meetings, 5) == 0 ? null : value;
    }

    private static ConferenceFigures conferences(Map<String, long[]> meetings, @Nullable LocalDate last) {
        return new ConferenceFigures(
                meetings.size(),
                count(meetings, 0),
                count(meetings, 1),
                count(meetings, 2),
                webUnknownOr(meetings, count(meetings, 3)),
                providerUnknownOr(meetings, count(meetings, 4)),
                providerUnknownOr(meetings, count(meetings, 5)),
                sum(meetings, 6),
                providerUnknownOr(meetings, sum(meetings, 10)),
                providerUnknownOr(meetings, sum(meetings, 11)),
                last);
    }

    /**
     * A day's conferences organized (To party counted) or taken part in (From party counted), and per type the
     * distinct users who had a session of that type, recomputed from the records.
     */
    private ConferenceDay expectedConferenceDay(LocalDate day, boolean organized) {
        Map<String, long[]> meetings = new HashMap<>();
        Map<String, Map<String, long[]>> byUser = new HashMap<>();
        for (SessionRecord s : sent.values()) {
            if (!dayOf(s).equals(day) || s.conferenceUrl() == null) {
                continue;
            }
            String user = counted(organized ? s.toUri() : s.fromUri(), s.startTime());
            if (user != null) {
                add(meetings, s);
                add(byUser.computeIfAbsent(user, u -> new HashMap<>()), s);
            }
        }
        if (meetings.isEmpty()) {
            return ConferenceDay.none(day);
        }
        java.util.function.IntFunction<Long> users = flag -> byUser.values().stream()
                .filter(userMeetings -> count(userMeetings, flag) > 0)
                .count();
        ConferenceFigures f = conferences(meetings, day);
        return new ConferenceDay(
                day,
                f.im(),
                f.audioVideo(),
                f.appSharing(),
                f.web(),
                f.dialInOutThirdParty(),
                f.dialInOutMicrosoft(),
                users.apply(0),
                users.apply(1),
                users.apply(2),
                webUnknownOr(meetings, users.apply(3)),
                providerUnknownOr(meetings, users.apply(4)),
                providerUnknownOr(meetings, users.apply(5)),
                f.audioVideoMs(),
                f.dialInMicrosoftMs(),
                f.dialOutMicrosoftMs());
    }

    private static LocalDate later(@Nullable LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private Map<String, Long> userIds() {
        Map<String, Long> ids = new TreeMap<>();
        jdbc.sql("SELECT LOWER(upn) AS upn, id FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, row) -> ids.put(rs.getString("upn"), rs.getLong("id")))
                .list();
        return ids;
    }

    // --- writing ----------------------------------------------------------------------------------------------------

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

    private String uri(String party) {
        return "sip:" + (party.contains("@") ? party : party + "@" + tenant.name());
    }

    /** Says, or not, whether web conferencing was used and how a telephone party joined, at random. */
    private static SessionRecord randomJoin(Random random, SessionRecord conference) {
        Boolean web = random.nextInt(3) == 0 ? null : random.nextBoolean();
        if (random.nextInt(3) > 0) {
            return joined(conference, web, null, null, null);
        }
        var direction = random.nextInt(4) == 0 ? null : ConferenceJoin.DialDirection.values()[random.nextInt(2)];
        var provider = direction == null || random.nextInt(4) == 0
                ? null
                : ConferenceJoin.ConferencingProvider.values()[random.nextInt(2)];
        return joined(conference, web, direction, provider, "+1425555" + (1000 + random.nextInt(9000)));
    }

    private static Modality[] randomMedia(Random random) {
        List<Modality> media = new ArrayList<>();
        for (Modality m : List.of(Modality.IM, Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING)) {
            if (random.nextInt(3) == 0) {
                media.add(m);
            }
        }
        if (media.isEmpty()) {
            media.add(Modality.IM);
        }
        return media.toArray(Modality[]::new);
    }

    /** The activity and device usage read models' differences from a recount (the whole check takes seconds). */
    private List<String> totalsDifferences() {
        List<SessionChangeListener> models = readModels.stream()
                .filter(model -> Set.of("ActivityPartyDays", "DeviceUsageDays")
                        .contains(ClassUtils.getUserClass(model).getSimpleName()))
                .toList();
        assertThat(models).hasSize(2);
        return models.stream()
                .flatMap(model -> model.differences(tenant.id(), 20).stream())
                .toList();
    }

    private SessionRecord p2p(String id, LocalDate day, String time, String from, String to, Modality... media) {
        return record(id, day, time, from, to, null, null, media);
    }

    /** A conference session: From is the participant, To the organizer (docs/ingest.md). */
    private SessionRecord conference(
            String id,
            LocalDate day,
            String time,
            String participant,
            String organizer,
            String meeting,
            String instance,
            Modality... media) {
        return record(
                id,
                day,
                time,
                participant,
                organizer,
                "sip:" + meeting + "@conf." + tenant.name() + ";gruu;opaque=app:conf:focus:id:" + meeting,
                instance,
                media);
    }

    private SessionRecord record(
            String id,
            LocalDate day,
            String time,
            String from,
            String to,
            @Nullable String conferenceUrl,
            @Nullable String instance,
            Modality... media) {
        Instant start = Instant.parse(day + "T" + time + ":00Z");
        long durationMs = 30_000L + Math.floorMod(id.hashCode(), 600) * 1_000L;
        List<MediaUsage> usages = new ArrayList<>();
        for (int i = 0; i < media.length; i++) {
            usages.add(new MediaUsage(media[i], durationMs - i * 1_000L));
        }
        return new SessionRecord(
                id,
                start,
                start.plusMillis(durationMs),
                uri(from),
                uri(to),
                "UCCAPI/16.0",
                null,
                conferenceUrl,
                instance,
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                usages,
                0,
                Quality.Report.none());
    }

    /** The record with what its From party says of how it joined the conference. */
    private static SessionRecord joined(
            SessionRecord r,
            @Nullable Boolean web,
            ConferenceJoin.@Nullable DialDirection direction,
            ConferenceJoin.@Nullable ConferencingProvider provider,
            @Nullable String fromTel) {
        return new SessionRecord(
                r.dialogId(),
                r.startTime(),
                r.endTime(),
                r.fromUri(),
                r.toUri(),
                r.fromClientVersion(),
                r.toClientVersion(),
                r.conferenceUrl(),
                r.confInstance(),
                fromTel,
                r.toTel(),
                r.fromEndpointId(),
                r.toEndpointId(),
                r.onBehalfOfUri(),
                r.referredByUri(),
                r.responseCode(),
                r.diagnosticId(),
                r.media(),
                r.imMessageCount(),
                r.quality(),
                web,
                direction,
                provider);
    }

    private SessionRecord withMedia(SessionRecord r, Modality... media) {
        LocalDate day = dayOf(r);
        String time =
                r.startTime().atOffset(ZoneOffset.UTC).toLocalTime().toString().substring(0, 5);
        String from = r.fromUri().substring(4).replace("@" + tenant.name(), "");
        String to = r.toUri().substring(4).replace("@" + tenant.name(), "");
        return record(r.dialogId(), day, time, from, to, r.conferenceUrl(), r.confInstance(), media);
    }
}
