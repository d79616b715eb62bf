package org.commsportal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
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
import org.commsportal.sessions.Side;
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
 * Every figure of the reliability and Rate My Call pages against a recomputation written here from the records the
 * test sent: the classification table of docs/reliability.md restated below, each session's split values from its
 * caller's first media line and user agent, users impacted from the parties licensed on the session's day, the
 * ratings' tokens and comments. Edges: expected failures, failed ICE in any letter case, drops, IM-only sessions,
 * re-sends that change a response code or a rating, a deleted user, a user written after its sessions, concealment
 * and retention.
 */
@PortalIntegrationTest
class ReliabilityIT {

    private static final LocalDate LONG_AGO = LocalDate.of(2020, 1, 1);
    private static final String WIN = "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)";
    private static final String OLD = "UCCAPI/15.0.5023.1000 OC/15.0.5023.1000 (Skype for Business)";
    /** The client version groups of the agents sent, by hand from docs/call-quality.md ("Client versions"). */
    private static final Map<String, String> CLIENT_GROUPS =
            Map.of(WIN, "Skype for Business 2016 16.0.x", OLD, "Lync 2013 15.0.x");

    private static final List<String> TOKENS =
            List.of("DistortedSpeech", "Echo", "NoiseLevel", "FrozenVideo", "PixelatedVideo", "DroppedCall");

    @Autowired
    SessionWriter writer;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    ReliabilityService service;

    @Autowired
    ReadModelCheck readModelCheck;

    @Autowired
    ReliabilityRebuild rebuild;

    @Autowired
    ReliabilityExports exports;

    @Autowired
    ReliabilityBackfill backfill;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final Map<String, SessionRecord> sent = new LinkedHashMap<>();
    private final Map<String, UserRecord> users = new HashMap<>();
    private @Nullable LocalDate keptFrom;

    @BeforeEach
    void emptyTenant() {
        tenant = testTenants.newTenant("reliability");
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void every_figure_equals_a_recomputation_through_re_sends_late_users_and_retention() {
        writeUsers(user("ada", null), user("bob", null), user("cyd", null), user("dee", today.minusDays(6)));
        Random random = new Random(24);
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            records.add(randomSession("r-" + i, random));
        }
        for (int start = 0; start < records.size(); start += 37) {
            write(records.subList(start, Math.min(records.size(), start + 37)).toArray(SessionRecord[]::new));
        }
        assertEqualsRecomputation();
        // re-sends change response codes, diagnostic ids and ratings; the late user's sessions count for them now
        for (int i = 0; i < records.size(); i += 5) {
            write(randomSession("r-" + i, random));
        }
        writeUsers(user("late", null));
        assertEqualsRecomputation();
        keptFrom = today.minusDays(8);
        currentTenant.runAs(tenant.id(), () -> writer.keepFrom(keptFrom));
        assertEqualsRecomputation();
        rebuild.rebuild(tenant.id());
        assertEqualsRecomputation();
        // a rating's caller subnet (changeset 058) is checked against its session row's
        assertThat(jdbc.sql("UPDATE feedback_rating SET caller_subnet = '192.0.2.0' WHERE tenant_id = :t LIMIT 1")
                        .param("t", tenant.id())
                        .update())
                .isOne();
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThat(readModelCheck.differences(tenant.id(), 20))
                .singleElement()
                .asString()
                .contains("feedback_rating", "caller subnet stored '192.0.2.0'");
    }

    @Test
    void sessions_stored_before_the_read_model_are_built_after_start_up_while_others_are_written() throws Exception {
        writeUsers(user("ada", null), user("bob", null), user("cyd", null));
        Random random = new Random(42);
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            records.add(randomSession("b-" + i, random));
        }
        write(records.toArray(SessionRecord[]::new));
        // a database upgraded past changeset 022: the sessions are there, their reliability rows are not
        for (String table : List.of(
                "reliability_day", "reliability_session", "feedback_token_day", "feedback_day", "feedback_rating")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t")
                    .param("t", tenant.id())
                    .update();
        }
        jdbc.sql("INSERT INTO reliability_backfill (tenant_id) VALUES (:t)")
                .param("t", tenant.id())
                .update();
        assertThat(backfill.pendingTenants()).contains(tenant.id());
        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThat(service.stillBuilding())
                .as("the pages say the figures are incomplete")
                .isTrue();
        TestTenants.signOut();

        // new sessions and re-sends arrive while the backfill runs
        Thread sender = new Thread(() -> {
            Random other = new Random(7);
            for (int i = 0; i < 40; i++) {
                write(randomSession(i % 2 == 0 ? "b-" + (i * 3) : "late-" + i, other));
            }
        });
        sender.start();
        backfill.backfill(tenant.id());
        sender.join();

        assertEqualsRecomputation();
        assertThat(backfill.pendingTenants()).doesNotContain(tenant.id());
        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThat(service.stillBuilding()).isFalse();
    }

    @Test
    void chart_roles_see_the_figures_only_per_user_roles_the_comments_concealed_as_user_data() throws Exception {
        writeUsers(user("ada", null));
        var quality = report(
                List.of(line(Side.FROM, Modality.AUDIO, "10.1.1.0", true, "succeeded")),
                List.of(),
                List.of(new Quality.Feedback(Side.FROM, 1, "Echo", "I could not hear ada@elsewhere.example")));
        write(session("s-1", today.minusDays(2), "ada", "cyd", null, List.of(Modality.AUDIO), 500, 1, "x", quality));
        ReliabilityFilter filter = ReliabilityFilter.lastDays(today.minusDays(1), 7);

        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThat(service.report(filter).total().setupFailures()).isEqualTo(1);
        assertThat(service.feedback(filter).total().poor()).isEqualTo(1);
        assertThatThrownBy(() -> service.comments(filter, 0, 10)).isInstanceOf(AccessDeniedException.class);
        // the figures' exports hold what the pages show, and are audited
        assertThat(exports.reliabilityRows(filter))
                .contains(new ReliabilityExports.ReliabilityRow("Total", "All", 1, 1, 0, 0, 0, "100.00", "", ""));
        assertThat(exports.feedbackRows(filter))
                .contains(new ReliabilityExports.FeedbackRow("Total", "All", 1, "1.00", 1, "100.00"));
        var csv = new java.io.ByteArrayOutputStream();
        assertThat(exports.exportReliability(filter, ExportFormat.CSV, csv, written -> {}))
                .isEqualTo(exports.reliabilityRows(filter).size());
        assertThat(csv.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("Setup failure %", "100.00");
        var xlsx = new java.io.ByteArrayOutputStream();
        assertThat(exports.exportFeedback(filter, ExportFormat.XLSX, xlsx, written -> {}))
                .isEqualTo(exports.feedbackRows(filter).size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE tenant_id = :t AND detail LIKE '%figures%'")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        assertThatThrownBy(() -> service.report(filter)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.feedback(filter)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> exports.reliabilityRows(filter)).isInstanceOf(AccessDeniedException.class);

        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        testTenants.signInAs(tenant, Role.GLOBAL_READER); // always concealed
        assertThat(service.comments(filter, 0, 10).get(0).user()).matches("[0-9a-f]{32}");
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        assertThat(service.comments(filter, 0, 10).get(0).user()).isEqualTo("ada@" + tenant.name());

        assertThatThrownBy(() -> service.topFailures(filter, List.of(400, 401, 402, 403, 404, 405), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("At most 5 response codes");
    }

    // ---- the recomputation ----

    /** A session's modality (0 the session) as this test expects it. */
    private record Expected(
            String dialogId,
            LocalDate day,
            Instant start,
            int modality,
            int outcome,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            @Nullable String header,
            Set<String> users,
            Map<ReliabilitySplit, String> splits) {}

    /** A rating as this test expects it. */
    private record Rating(
            String dialogId,
            LocalDate day,
            Instant start,
            Side side,
            @Nullable String upn,
            int rating,
            Set<String> tokens,
            @Nullable String tokensText,
            @Nullable String text,
            Map<ReliabilitySplit, String> splits) {}

    /** The classification table of docs/reliability.md, restated. */
    private static int outcome(@Nullable Integer code, @Nullable Integer diagnostic, boolean iceFailed) {
        boolean failed = code != null && code >= 300;
        if (failed
                && (Set.of(480, 486, 487, 600, 603).contains(code)
                        || (diagnostic != null
                                && Set.of(1003, 4005, 13004, 51004).contains(diagnostic)))) {
            return 1;
        }
        if (failed || iceFailed) {
            return 2;
        }
        return diagnostic != null && Set.of(52094, 52097).contains(diagnostic) ? 3 : 0;
    }

    private boolean licensed(@Nullable String upn, LocalDate day) {
        UserRecord u = upn == null ? null : users.get(upn);
        return u != null && !day.isBefore(u.licensedFrom()) && (u.deletedAt() == null || !day.isAfter(u.deletedAt()));
    }

    private static @Nullable String upn(@Nullable String uri) {
        return uri == null ? null : uri.replaceFirst("^sip:", "");
    }

    private Map<ReliabilitySplit, String> splits(SessionRecord r, Side side, Set<Modality> types) {
        Quality.MediaLine line = r.quality().mediaLines().stream()
                .filter(l -> l.side() == side && types.contains(l.mediaType()))
                .findFirst()
                .orElse(null);
        String agent = r.quality().sessions().stream()
                .filter(s -> s.side() == side
                        && s.userAgent() != null
                        && !s.userAgent().isEmpty())
                .map(Quality.SessionInfo::userAgent)
                .findFirst()
                .orElse(side == Side.FROM ? r.fromClientVersion() : r.toClientVersion());
        Map<ReliabilitySplit, String> values = new EnumMap<>(ReliabilitySplit.class);
        values.put(ReliabilitySplit.CONFERENCE, r.isConference() ? "1" : "0");
        String connection = line == null || line.connectionType() == null ? "" : line.connectionType();
        values.put(
                ReliabilitySplit.CONNECTION,
                switch (connection) {
                    case "wired" -> "1";
                    case "wifi" -> "2";
                    case "mobile" -> "3";
                    default -> "0";
                });
        values.put(
                ReliabilitySplit.INSIDE,
                line == null || line.insideCorp() == null ? "2" : line.insideCorp() ? "1" : "0");
        values.put(ReliabilitySplit.VPN, line == null || line.vpn() == null ? "2" : line.vpn() ? "1" : "0");
        values.put(ReliabilitySplit.SUBNET, line == null || line.subnet() == null ? "" : line.subnet());
        values.put(ReliabilitySplit.CLIENT, agent == null || agent.isEmpty() ? "" : CLIENT_GROUPS.get(agent));
        return values;
    }

    private List<Expected> expectedSessions() {
        Set<Modality> counted = Set.of(Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING);
        List<Expected> rows = new ArrayList<>();
        for (SessionRecord r : sent.values()) {
            LocalDate day = r.startTime().atOffset(ZoneOffset.UTC).toLocalDate();
            if (keptFrom != null && day.isBefore(keptFrom)) {
                continue;
            }
            Set<Modality> used = new LinkedHashSet<>();
            r.media().forEach(m -> {
                if (counted.contains(m.type())) {
                    used.add(m.type());
                }
            });
            if (used.isEmpty()) {
                continue;
            }
            Set<String> parties = new LinkedHashSet<>();
            if (licensed(upn(r.fromUri()), day)) {
                parties.add(upn(r.fromUri()));
            }
            if (!r.isConference() && licensed(upn(r.toUri()), day)) {
                parties.add(upn(r.toUri()));
            }
            List<Integer> modalities = new ArrayList<>(List.of(0));
            used.forEach(m -> modalities.add(m.id()));
            for (int m : modalities) {
                Set<Modality> types = m == 0 ? counted : Set.of(Modality.ofId(m));
                boolean ice = r.quality().mediaLines().stream()
                        .anyMatch(l -> types.contains(l.mediaType()) && "failed".equalsIgnoreCase(l.iceResult()));
                rows.add(new Expected(
                        r.dialogId(),
                        day,
                        r.startTime(),
                        m,
                        outcome(r.responseCode(), r.diagnosticId(), ice),
                        r.responseCode(),
                        r.diagnosticId(),
                        r.diagnosticHeader(),
                        parties,
                        splits(r, Side.FROM, types)));
            }
        }
        return rows;
    }

    private List<Rating> expectedRatings() {
        Set<Modality> counted = Set.of(Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING);
        List<Rating> rows = new ArrayList<>();
        for (SessionRecord r : sent.values()) {
            LocalDate day = r.startTime().atOffset(ZoneOffset.UTC).toLocalDate();
            if (keptFrom != null && day.isBefore(keptFrom)) {
                continue;
            }
            for (Quality.Feedback f : r.quality().feedback()) {
                String party = f.side() == Side.FROM ? upn(r.fromUri()) : r.isConference() ? null : upn(r.toUri());
                Set<String> tokens = new LinkedHashSet<>();
                if (f.tokens() != null) {
                    for (String token : f.tokens().split(",")) {
                        if (!token.trim().isEmpty()) {
                            tokens.add(token.trim());
                        }
                    }
                }
                rows.add(new Rating(
                        r.dialogId(),
                        day,
                        r.startTime(),
                        f.side(),
                        licensed(party, day) ? party : null,
                        f.rating(),
                        tokens,
                        f.tokens(),
                        f.feedbackText(),
                        splits(r, f.side(), counted)));
            }
        }
        return rows;
    }

    private static ReliabilityCounts counts(List<Expected> rows) {
        return new ReliabilityCounts(
                rows.stream().filter(e -> e.outcome() != 1).count(),
                rows.stream().filter(e -> e.outcome() == 2).count(),
                rows.stream().filter(e -> e.outcome() == 3).count(),
                rows.stream().filter(e -> e.outcome() == 1).count());
    }

    private static FeedbackCounts ratingCounts(List<Rating> rows) {
        return new FeedbackCounts(
                rows.size(),
                rows.stream().mapToLong(Rating::rating).sum(),
                rows.stream().filter(r -> r.rating() <= 2).count());
    }

    private static Predicate<Map<ReliabilitySplit, String>> inFilter(ReliabilityFilter filter) {
        return splits -> filter.split() == null || splits.get(filter.split()).equals(filter.splitValue());
    }

    private void assertEqualsRecomputation() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        try {
            assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
            LocalDate last = today.minusDays(1);
            List<ReliabilityFilter> filters = List.of(
                    ReliabilityFilter.lastDays(last, 14),
                    ReliabilityFilter.lastDays(last, 14).withModality(Modality.AUDIO),
                    ReliabilityFilter.lastDays(last, 10).withModality(Modality.VIDEO),
                    ReliabilityFilter.lastDays(last, 14).withSplit(ReliabilitySplit.INSIDE, "1"),
                    ReliabilityFilter.lastDays(last, 14)
                            .withModality(Modality.APPLICATION_SHARING)
                            .withSplit(ReliabilitySplit.CLIENT, "Skype for Business 2016 16.0.x"),
                    ReliabilityFilter.lastDays(last, 120).withSplit(ReliabilitySplit.CONFERENCE, "1"));
            List<Expected> sessions = expectedSessions();
            List<Rating> ratings = expectedRatings();
            // the data covers every outcome, users impacted, tokens and comments: no figure is compared empty
            assertThat(sessions.stream().map(Expected::outcome).distinct()).contains(0, 1, 2, 3);
            assertThat(sessions.stream()
                            .filter(e -> e.outcome() >= 2 && !e.users().isEmpty()))
                    .isNotEmpty();
            assertThat(ratings.stream()
                            .filter(r -> r.text() != null && !r.tokens().isEmpty()))
                    .isNotEmpty();
            ReliabilityReport all = service.report(filters.get(0));
            assertThat(all.total().setupFailures()).isPositive();
            assertThat(all.total().drops()).isPositive();
            assertThat(service.topFailures(filters.get(0), List.of(), 5)).isNotEmpty();
            for (ReliabilityFilter filter : filters) {
                assertReport(filter, sessions);
                assertTopFailures(filter, sessions, List.of());
                assertTopFailures(filter, sessions, List.of(500, 404, 200));
                assertFeedback(filter, ratings);
            }
        } finally {
            TestTenants.signOut();
        }
    }

    private void assertReport(ReliabilityFilter filter, List<Expected> all) {
        int code = filter.modality() == null ? 0 : filter.modality().id();
        List<Expected> inRange = all.stream()
                .filter(e -> !e.day().isBefore(filter.from()) && !e.day().isAfter(filter.to()))
                .toList();
        List<Expected> chosen =
                inRange.stream().filter(e -> inFilter(filter).test(e.splits())).toList();
        ReliabilityReport report = service.report(filter);
        List<Expected> ofModality =
                chosen.stream().filter(e -> e.modality() == code).toList();
        assertThat(report.total()).as("total of %s", filter).isEqualTo(counts(ofModality));
        Map<LocalDate, ReliabilityCounts> trend = new TreeMap<>();
        ofModality.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        e -> filter.monthly() ? e.day().withDayOfMonth(1) : e.day()))
                .forEach((day, rows) -> trend.put(day, counts(rows)));
        assertThat(report.trend()).as("trend of %s", filter).isEqualTo(trend);
        Map<Modality, ReliabilityCounts> byModality = new EnumMap<>(Modality.class);
        for (Modality m : ReliabilityService.MODALITIES) {
            List<Expected> rows =
                    chosen.stream().filter(e -> e.modality() == m.id()).toList();
            if (!rows.isEmpty()) {
                byModality.put(m, counts(rows));
            }
        }
        assertThat(report.byModality()).as("per modality of %s", filter).isEqualTo(byModality);
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            Map<String, ReliabilityCounts> values = new TreeMap<>();
            inRange.stream()
                    .filter(e -> e.modality() == code)
                    .collect(java.util.stream.Collectors.groupingBy(
                            e -> e.splits().get(split)))
                    .forEach((value, rows) -> values.put(value, counts(rows)));
            Map<String, ReliabilityCounts> shown = new TreeMap<>();
            report.splits().get(split).forEach(row -> shown.put(row.value(), row.counts()));
            assertThat(shown).as("%s of %s", split, filter).isEqualTo(values);
        }
        Map<YearMonth, List<ReliabilityCounts>> months = new TreeMap<>();
        inRange.stream()
                .filter(e -> e.modality() == code)
                .collect(java.util.stream.Collectors.groupingBy(e -> YearMonth.from(e.day())))
                .forEach((month, rows) -> months.put(
                        month,
                        List.of(
                                counts(rows),
                                counts(rows.stream()
                                        .filter(e -> e.splits()
                                                .get(ReliabilitySplit.INSIDE)
                                                .equals("1"))
                                        .toList()))));
        Map<YearMonth, List<ReliabilityCounts>> scorecard = new TreeMap<>();
        report.scorecard().forEach(m -> scorecard.put(m.month(), List.of(m.overall(), m.inside())));
        assertThat(scorecard).as("scorecard of %s", filter).isEqualTo(months);
    }

    private void assertTopFailures(ReliabilityFilter filter, List<Expected> all, List<Integer> codes) {
        int code = filter.modality() == null ? 0 : filter.modality().id();
        int days = (int) (filter.to().toEpochDay() - filter.from().toEpochDay() + 1);
        Map<String, List<Expected>> byKey = new TreeMap<>();
        all.stream()
                .filter(e -> e.modality() == code && (e.outcome() == 2 || e.outcome() == 3))
                .filter(e -> !e.day().isBefore(filter.from()) && !e.day().isAfter(filter.to()))
                .filter(e -> inFilter(filter).test(e.splits()))
                .filter(e -> codes.isEmpty() || (e.responseCode() != null && codes.contains(e.responseCode())))
                .forEach(e -> byKey.computeIfAbsent(
                                e.outcome() + "/" + e.responseCode() + "/" + e.diagnosticId(), k -> new ArrayList<>())
                        .add(e));
        Map<String, String> expected = new TreeMap<>();
        byKey.forEach((key, rows) -> {
            long[] perDay = new long[days];
            rows.forEach(e -> perDay[(int) (e.day().toEpochDay() - filter.from().toEpochDay())]++);
            Set<String> users = new LinkedHashSet<>();
            rows.forEach(e -> users.addAll(e.users()));
            expected.put(
                    key,
                    rows.size() + " sessions, " + users.size() + " users, "
                            + rows.stream()
                                    .map(Expected::start)
                                    .min(Comparator.naturalOrder())
                                    .orElseThrow() + " to "
                            + rows.stream()
                                    .map(Expected::start)
                                    .max(Comparator.naturalOrder())
                                    .orElseThrow() + " "
                            + java.util.Arrays.toString(perDay));
        });
        Map<String, String> shown = new TreeMap<>();
        for (var failure : service.topFailures(filter, codes, 1000)) {
            shown.put(
                    failure.outcome().code() + "/" + failure.responseCode() + "/" + failure.diagnosticId(),
                    failure.sessions() + " sessions, " + failure.usersImpacted() + " users, " + failure.firstSeen()
                            + " to " + failure.lastSeen() + " "
                            + java.util.Arrays.toString(failure.perDay().stream()
                                    .mapToLong(Long::longValue)
                                    .toArray()));
        }
        assertThat(shown).as("top failures of %s, codes %s", filter, codes).isEqualTo(expected);
        // the reason: the header of the failure's latest session, else what its code means
        for (var failure : service.topFailures(filter, codes, 1000)) {
            List<Expected> rows =
                    byKey.get(failure.outcome().code() + "/" + failure.responseCode() + "/" + failure.diagnosticId());
            Instant latest = rows.stream()
                    .map(Expected::start)
                    .max(Comparator.naturalOrder())
                    .orElseThrow();
            List<Expected> last =
                    rows.stream().filter(e -> e.start().equals(latest)).toList();
            if (last.size() == 1) {
                String header = last.get(0).header();
                String meaning = FailureClassification.meaning(failure.responseCode(), failure.diagnosticId());
                assertThat(failure.reason())
                        .as("reason of %s", failure)
                        .isEqualTo(header != null ? header : meaning == null ? "" : meaning);
            }
        }
        var top = service.topFailures(filter, codes, 3);
        for (int i = 1; i < top.size(); i++) {
            assertThat(top.get(i).sessions()).isLessThanOrEqualTo(top.get(i - 1).sessions());
        }
    }

    private void assertFeedback(ReliabilityFilter filter, List<Rating> all) {
        List<Rating> inRange = all.stream()
                .filter(r -> !r.day().isBefore(filter.from()) && !r.day().isAfter(filter.to()))
                .toList();
        List<Rating> chosen =
                inRange.stream().filter(r -> inFilter(filter).test(r.splits())).toList();
        var report = service.feedback(filter);
        assertThat(report.total()).as("ratings of %s", filter).isEqualTo(ratingCounts(chosen));
        Map<LocalDate, FeedbackCounts> trend = new TreeMap<>();
        chosen.stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        r -> filter.monthly() ? r.day().withDayOfMonth(1) : r.day()))
                .forEach((day, rows) -> trend.put(day, ratingCounts(rows)));
        assertThat(report.trend()).as("rating trend of %s", filter).isEqualTo(trend);
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            Map<String, FeedbackCounts> values = new TreeMap<>();
            inRange.stream()
                    .collect(java.util.stream.Collectors.groupingBy(
                            r -> r.splits().get(split)))
                    .forEach((value, rows) -> values.put(value, ratingCounts(rows)));
            Map<String, FeedbackCounts> shown = new TreeMap<>();
            report.splits().get(split).forEach(row -> shown.put(row.value(), row.counts()));
            assertThat(shown).as("ratings per %s of %s", split, filter).isEqualTo(values);
        }
        Map<String, Long> tokens = new TreeMap<>();
        chosen.forEach(r -> r.tokens().forEach(t -> tokens.merge(t, 1L, Long::sum)));
        Map<String, Long> shownTokens = new TreeMap<>();
        report.tokens()
                .forEach((group, list) -> list.forEach(entry -> {
                    assertThat(ProblemTokens.group(entry.getKey())).isEqualTo(group);
                    shownTokens.put(entry.getKey(), entry.getValue());
                }));
        assertThat(shownTokens).as("tokens of %s", filter).isEqualTo(tokens);

        Map<String, String> pseudonyms = new HashMap<>();
        jdbc.sql("SELECT upn, pseudonym FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, n) -> pseudonyms.put(rs.getString(1), rs.getString(2)))
                .list();
        List<String> comments = chosen.stream()
                .filter(r -> r.text() != null && !r.text().isBlank())
                .sorted(Comparator.comparing(Rating::start)
                        .reversed()
                        .thenComparing(Comparator.comparing(Rating::dialogId).reversed())
                        .thenComparing(Rating::side))
                .map(r -> r.start() + " " + (r.upn() == null ? "(not a licensed user)" : pseudonyms.get(r.upn())) + " "
                        + r.rating() + " " + r.text())
                .toList();
        assertThat(service.commentCount(filter)).isEqualTo(comments.size());
        assertThat(service.comments(filter, 0, 1000).stream()
                        .map(c -> c.sessionStart() + " " + c.user() + " " + c.rating() + " " + c.text())
                        .toList())
                .as("comments of %s", filter)
                .containsExactlyElementsOf(comments);
    }

    // ---- records ----

    private SessionRecord randomSession(String id, Random random) {
        LocalDate day = today.minusDays(1 + random.nextInt(12));
        String time = "%02d:%02d:%02d.%03d"
                .formatted(random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1000));
        List<Modality> media = new ArrayList<>();
        for (Modality m : List.of(Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING, Modality.IM)) {
            if (random.nextInt(3) == 0) {
                media.add(m);
            }
        }
        if (media.isEmpty()) {
            media.add(random.nextInt(6) == 0 ? Modality.IM : Modality.AUDIO);
        }
        List<Quality.MediaLine> lines = new ArrayList<>();
        List<Quality.SessionInfo> infos = new ArrayList<>();
        List<Quality.Feedback> feedback = new ArrayList<>();
        for (Side side : Side.values()) {
            for (Modality m : media) {
                if (m != Modality.IM && random.nextInt(4) != 0) {
                    lines.add(line(
                            side,
                            m,
                            random.nextBoolean() ? "10.1.1.0" : random.nextBoolean() ? "10.9.9.0" : null,
                            random.nextInt(3) == 0 ? null : random.nextBoolean(),
                            List.of("succeeded", "succeeded", "succeeded", "failed", "FAILED")
                                    .get(random.nextInt(5))));
                }
            }
            if (random.nextBoolean()) {
                infos.add(new Quality.SessionInfo(
                        side, "PC", "Windows", null, 4, random.nextBoolean() ? WIN : OLD, null));
            }
            if (random.nextInt(3) == 0) {
                String tokens = random.nextBoolean()
                        ? null
                        : TOKENS.get(random.nextInt(TOKENS.size())) + ", " + TOKENS.get(random.nextInt(TOKENS.size()))
                                + (random.nextBoolean() ? ",," : "");
                String text = random.nextBoolean() ? "comment " + random.nextInt(1000) : null;
                feedback.add(new Quality.Feedback(side, 1 + random.nextInt(5), tokens, text));
            }
        }
        String from = List.of("ada", "bob", "cyd", "dee", "late", "guest@other.example")
                .get(random.nextInt(6));
        String to = List.of("ada", "bob", "cyd", "dee", "late").get(random.nextInt(5));
        String conference = random.nextInt(4) == 0 ? "conf-" + random.nextInt(3) : null;
        Integer code = List.of(200, 200, 200, 200, 200, 486, 487, 603, 480, 404, 408, 500, 503)
                .get(random.nextInt(13));
        Integer responseCode = random.nextInt(15) == 0 ? null : code;
        Integer diagnostic = java.util.Arrays.asList(null, null, 51004, 4005, 52094, 52097, 23, 1003)
                .get(random.nextInt(8));
        return session(
                id,
                day,
                from,
                to,
                conference,
                media,
                responseCode,
                diagnostic,
                random.nextBoolean() ? "reason " + diagnostic : null,
                report(lines, infos, feedback),
                time);
    }

    private SessionRecord session(
            String id,
            LocalDate day,
            String from,
            String to,
            @Nullable String conference,
            List<Modality> media,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            @Nullable String header,
            Quality.Report quality) {
        return session(id, day, from, to, conference, media, responseCode, diagnosticId, header, quality, "10:00:00");
    }

    private SessionRecord session(
            String id,
            LocalDate day,
            String from,
            String to,
            @Nullable String conference,
            List<Modality> media,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            @Nullable String header,
            Quality.Report quality,
            String time) {
        Instant start = Instant.parse(day + "T" + time + "Z");
        String conferenceUrl = conference == null
                ? null
                : "sip:" + to + "@" + tenant.name() + ";gruu;opaque=app:conf:focus:id:" + conference;
        return new SessionRecord(
                id,
                start,
                start.plusSeconds(60),
                uri(from),
                uri(to),
                WIN,
                OLD,
                conferenceUrl,
                conferenceUrl == null ? null : "1",
                null,
                null,
                null,
                null,
                null,
                null,
                responseCode,
                diagnosticId,
                media.stream().map(m -> new MediaUsage(m, 60_000)).toList(),
                0,
                quality,
                null,
                null,
                null,
                header);
    }

    private static Quality.Report report(
            List<Quality.MediaLine> lines, List<Quality.SessionInfo> infos, List<Quality.Feedback> feedback) {
        return new Quality.Report(
                infos, lines, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), feedback);
    }

    private static Quality.MediaLine line(
            Side side, Modality type, @Nullable String subnet, @Nullable Boolean inside, String ice) {
        return new Quality.MediaLine(
                side,
                type,
                "10.0.0.1",
                50000,
                subnet,
                inside,
                inside,
                inside == null ? null : inside ? "wired" : "wifi",
                null,
                null,
                ice,
                null);
    }

    private void write(SessionRecord... records) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(records)));
        for (SessionRecord r : records) {
            sent.put(r.dialogId(), r);
        }
    }

    private void writeUsers(UserRecord... records) {
        currentTenant.runAs(tenant.id(), () -> directory.upsert(List.of(records)));
        for (UserRecord r : records) {
            users.put(r.upn(), r);
        }
    }

    private UserRecord user(String alias, @Nullable LocalDate deletedAt) {
        return new UserRecord(alias + "@" + tenant.name(), alias, "User " + alias, LONG_AGO, deletedAt);
    }

    private String uri(String party) {
        return "sip:" + (party.contains("@") ? party : party + "@" + tenant.name());
    }
}
