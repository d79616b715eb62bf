package org.commsportal.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activeusers.ActiveUserRecomputation;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserPeriodTotals;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.locations.BuildingFile;
import org.commsportal.locations.LocationService;
import org.commsportal.security.Role;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bulk path of the imports (docs/ingest.md, "Bulk imports") against the per-request write path: the same
 * generated sessions, with re-sends, written once through each into two tenants end in equal rows in every read
 * model, both equal to a recomputation from the raw rows, and a few report figures equal an independent count of
 * the generated sessions.
 */
@PortalIntegrationTest
class BulkImportIT {

    private static final int USERS = 24;
    private static final int SESSIONS = 1_200;
    private static final int DAYS = 30;

    /** The read models' tables (and the core's daily rollups), compared row by row between the two tenants. */
    private static final List<String> READ_MODEL_TABLES = List.of(
            "user_daily_rollup",
            "tenant_daily_rollup",
            "user_period_total",
            "user_quarter_hours",
            "active_user_interior",
            "active_user_count",
            "activity_party_day",
            "activity_day_total",
            "skype_activity_period_total",
            "device_usage_day",
            "device_usage_platform_day",
            "quality_stream",
            "quality_day",
            "quality_split_day",
            "quality_filter_day",
            "quality_session_day",
            "quality_session_quarter",
            "quality_user_day",
            "quality_user_pair_day",
            "reliability_session",
            "reliability_day",
            "feedback_rating",
            "feedback_day",
            "feedback_token_day",
            "session_slot_figure",
            "conference_extent",
            "conference_start_figure",
            "location_subnet_map",
            "pstn_call",
            "pstn_call_day");

    @Autowired
    SessionWriter writer;

    @Autowired
    BulkSessionWriter bulk;

    @Autowired
    BulkImportStatus status;

    @Autowired
    ReadModelCheck readModelCheck;

    @Autowired
    org.commsportal.quality.QualityPeriodTotals qualityTotals;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LocationService locations;

    @Autowired
    UserPeriodTotals periodTotals;

    @Autowired
    ActivityService activity;

    @Autowired
    ActiveUsersService activeUsers;

    private LocalDate reportDate;

    @BeforeEach
    void reportDate() {
        reportDate = activity.reportDate();
    }

    @Test
    void the_bulk_path_and_the_per_request_path_end_in_equal_read_models_equal_to_a_recomputation() {
        Tenant perRequest = tenant("per-request");
        Tenant bulkLoaded = tenant("bulk");
        List<SessionRecord> sent = generated(new Random(26), perRequest);

        // the per-request path: every record as sent, a re-send in a later request than its first copy
        currentTenant.runAs(perRequest.id(), () -> {
            for (List<SessionRecord> request : requests(sent, 100)) {
                writer.write(request);
            }
        });

        // the bulk path: the first 300 records already stored through the per-request path, then everything in bulk
        // batches, re-sends in the same batch as their first copy or in a later one
        List<SessionRecord> bulkSent = generated(new Random(26), bulkLoaded);
        currentTenant.runAs(bulkLoaded.id(), () -> {
            for (List<SessionRecord> request : requests(bulkSent.subList(0, 300), 100)) {
                writer.write(request);
            }
            bulk.start();
        });
        assertThat(status(bulkLoaded).orElseThrow().figuresUpTo()).isNull();
        currentTenant.runAs(bulkLoaded.id(), () -> {
            for (int from = 0; from < bulkSent.size(); from += 250) {
                bulk.write(bulkSent.subList(from, Math.min(bulkSent.size(), from + 250)));
            }
        });
        LocalDate firstDay = bulkSent.stream()
                .map(s -> s.startTime().atOffset(ZoneOffset.UTC).toLocalDate())
                .min(LocalDate::compareTo)
                .orElseThrow();
        assertThat(status(bulkLoaded).orElseThrow().figuresUpTo()).isEqualTo(firstDay.minusDays(1));
        assertThat(currentTenant.runAs(bulkLoaded.id(), () -> bulk.finish()))
                .contains(
                        "UserPeriodTotals",
                        "ActiveUserActivity",
                        "ActivityPartyDays",
                        "DeviceUsageDays",
                        "QualityStreams",
                        "ReliabilityReadModel",
                        "SessionSlotFigures",
                        "LocationSubnets",
                        "PstnCalls")
                .doesNotContain("ChangeFeed");
        assertThat(status(bulkLoaded)).isEmpty();

        assertThat(readModelCheck.differences(perRequest.id(), 20)).isEmpty();
        assertThat(readModelCheck.differences(bulkLoaded.id(), 20)).isEmpty();
        for (String table : READ_MODEL_TABLES) {
            List<String> rows = rows(table, bulkLoaded);
            if (!table.equals("location_subnet_map")) { // subnets are mapped once a building file is uploaded
                assertThat(rows).as(table).isNotEmpty();
            }
            assertThat(rows).as(table).isEqualTo(rows(table, perRequest));
        }
        assertThat(count("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t", bulkLoaded))
                .isEqualTo(lastCopies(bulkSent).size())
                .isEqualTo(count("SELECT COUNT(*) FROM session_dialog WHERE tenant_id = :t", bulkLoaded));

        // a few figures recomputed here from the generated records, the last copy of each dialog id
        Map<LocalDate, Long> p2pAudio = new TreeMap<>();
        for (SessionRecord s : lastCopies(bulkSent).values()) {
            if (s.conferenceUrl() == null && s.media().stream().anyMatch(m -> m.type() == Modality.AUDIO)) {
                p2pAudio.merge(s.startTime().atOffset(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
            }
        }
        assertThat(jdbc.sql("SELECT day, p2p_audio FROM tenant_daily_rollup WHERE tenant_id = :t AND p2p_audio > 0")
                        .param("t", bulkLoaded.id())
                        .query((rs, row) -> Map.entry(rs.getObject(1, LocalDate.class), rs.getLong(2)))
                        .list())
                .containsExactlyInAnyOrderElementsOf(p2pAudio.entrySet());
        String alias = "u3";
        testTenants.signInAs(bulkLoaded, Role.REPORTS_READER);
        try {
            UserActivityRow row =
                    activity.users(UserTableQuery.of(ReportPeriod.D30).withFilter(alias + "@"), 0, 10).stream()
                            .filter(r -> r.userName().startsWith(alias + "@"))
                            .findFirst()
                            .orElseThrow();
            assertThat(row.im()).isEqualTo(p2pSessionsOf(lastCopies(bulkSent), bulkLoaded, alias, Modality.IM, 30));
            assertThat(row.audio())
                    .isEqualTo(p2pSessionsOf(lastCopies(bulkSent), bulkLoaded, alias, Modality.AUDIO, 30));
        } finally {
            TestTenants.signOut();
        }
        ActiveUserRecomputation.assertReportsEqualRecomputation(activeUsers, jdbc, testTenants, bulkLoaded);
    }

    @Test
    void a_bulk_import_of_later_days_into_a_tenant_with_history_rebuilds_those_days_and_ends_equal_to_a_recomputation()
            throws InterruptedException {
        Tenant perRequest = tenant("history-per-request");
        Tenant bulkLoaded = tenant("history-bulk");
        uploadBuildings(perRequest);
        uploadBuildings(bulkLoaded);
        List<SessionRecord> sent = generated(new Random(27), perRequest);
        List<SessionRecord> bulkSent = generated(new Random(27), bulkLoaded);
        LocalDate cutoff = reportDate.minusDays(DAYS / 2);
        // a dialog goes wholly one way, by its copies' first start day: history over HTTP, later days in bulk, so the
        // bulk import's days are those from the cut-off on
        Map<String, LocalDate> firstDays = new HashMap<>();
        bulkSent.forEach(s -> firstDays.merge(
                s.dialogId(), s.startTime().atOffset(ZoneOffset.UTC).toLocalDate(), (a, b) -> a.isBefore(b) ? a : b));
        List<SessionRecord> history = bulkSent.stream()
                .filter(s -> firstDays.get(s.dialogId()).isBefore(cutoff))
                .toList();
        List<SessionRecord> later = bulkSent.stream()
                .filter(s -> !firstDays.get(s.dialogId()).isBefore(cutoff))
                .toList();
        assertThat(history).isNotEmpty();
        assertThat(later).isNotEmpty();

        currentTenant.runAs(perRequest.id(), () -> requests(sent, 100).forEach(writer::write));
        currentTenant.runAs(bulkLoaded.id(), () -> {
            requests(history, 100).forEach(writer::write);
            // the call quality period totals end on the report date: the rebuild of the imported days must keep them
            qualityTotals.moveTo(reportDate);
            bulk.start();
            for (int from = 0; from < later.size(); from += 250) {
                bulk.write(later.subList(from, Math.min(later.size(), from + 250)));
            }
        });
        LocalDate firstImported = later.stream()
                .map(s -> s.startTime().atOffset(ZoneOffset.UTC).toLocalDate())
                .min(LocalDate::compareTo)
                .orElseThrow();
        assertThat(status(bulkLoaded).orElseThrow().figuresUpTo()).isEqualTo(firstImported.minusDays(1));
        currentTenant.runAs(bulkLoaded.id(), () -> bulk.finish());

        assertThat(readModelCheck.differences(bulkLoaded.id(), 20)).isEmpty();
        for (String table : READ_MODEL_TABLES) {
            assertThat(rows(table, bulkLoaded)).as(table).isNotEmpty().isEqualTo(rows(table, perRequest));
        }
        ActiveUserRecomputation.assertReportsEqualRecomputation(activeUsers, jdbc, testTenants, bulkLoaded);
    }

    @Test
    void
            a_bulk_import_into_the_middle_of_a_history_rebuilds_the_active_users_of_the_days_its_sessions_are_in_progress_on()
                    throws InterruptedException {
        Tenant perRequest = tenant("middle-per-request");
        Tenant bulkLoaded = tenant("middle-bulk");
        // a few days of a month: the call quality period totals are kept around each day's rebuild (a larger share of
        // the days, as in the test above, sets them aside and recounts them once)
        LocalDate first = reportDate.minusDays(14);
        LocalDate last = reportDate.minusDays(12);
        List<List<SessionRecord>> perRequestSent = historyAndImport(perRequest, first, last);
        List<List<SessionRecord>> bulkSent = historyAndImport(bulkLoaded, first, last);
        List<SessionRecord> history = bulkSent.get(0);
        List<SessionRecord> imported = bulkSent.get(1);

        currentTenant.runAs(perRequest.id(), () -> {
            requests(perRequestSent.get(0), 100).forEach(writer::write);
            requests(perRequestSent.get(1), 100).forEach(writer::write);
        });
        // a row that a rebuild of the whole tenant would delete (a period long before the sessions): it must stay
        String sentinel = "INSERT INTO active_user_count (tenant_id, period_kind, period_start, shift, active_users)"
                + " VALUES (:t, 'D', :start, 0, 1)";
        currentTenant.runAs(bulkLoaded.id(), () -> {
            requests(history, 100).forEach(writer::write);
            jdbc.sql(sentinel)
                    .param("t", bulkLoaded.id())
                    .param("start", reportDate.minusYears(2))
                    .update();
            qualityTotals.moveTo(reportDate);
            bulk.start();
            for (int from = 0; from < imported.size(); from += 250) {
                bulk.write(imported.subList(from, Math.min(imported.size(), from + 250)));
            }
            assertThat(bulk.finish()).contains("ActiveUserActivity");
        });
        assertThat(jdbc.sql("DELETE FROM active_user_count WHERE tenant_id = :t AND period_start = :start")
                        .param("t", bulkLoaded.id())
                        .param("start", reportDate.minusYears(2))
                        .update())
                .as("the rows of other days are left as they were")
                .isOne();

        assertThat(readModelCheck.differences(bulkLoaded.id(), 20)).isEmpty();
        for (String table : List.of("user_quarter_hours", "active_user_interior", "active_user_count")) {
            assertThat(rows(table, bulkLoaded)).as(table).isNotEmpty().isEqualTo(rows(table, perRequest));
        }
        ActiveUserRecomputation.assertReportsEqualRecomputation(activeUsers, jdbc, testTenants, bulkLoaded);
    }

    /**
     * The generated sessions and those {@link #acrossDays} split in two: the history, sent over HTTP (the dialogs with
     * a copy starting outside [first, last]), and the import (those whose every copy starts on those days).
     */
    private List<List<SessionRecord>> historyAndImport(Tenant tenant, LocalDate first, LocalDate last) {
        List<SessionRecord> sent = generated(new Random(28), tenant);
        Map<String, Boolean> inWindow = new HashMap<>();
        sent.forEach(s -> {
            LocalDate day = s.startTime().atOffset(ZoneOffset.UTC).toLocalDate();
            inWindow.merge(s.dialogId(), !day.isBefore(first) && !day.isAfter(last), Boolean::logicalAnd);
        });
        List<SessionRecord> history = new ArrayList<>(acrossDays(tenant, first, last, true));
        sent.stream().filter(s -> !inWindow.get(s.dialogId())).forEach(history::add);
        List<SessionRecord> imported = new ArrayList<>(acrossDays(tenant, first, last, false));
        sent.stream().filter(s -> inWindow.get(s.dialogId())).forEach(imported::add);
        return List.of(history, imported);
    }

    /**
     * Audio and video sessions across days around the imported days [first, last]: in the history (sent over HTTP)
     * those that began before the first day and are in progress on it (from the day before, from three days before,
     * and from twelve days before, longer than the one read of the sessions looks back), one that ends exactly at
     * the first day's midnight, and a long one starting in the imported days that the import replaces by a short
     * one; in the import, that short copy, one that runs two days past the last day into the later history, and one
     * without duration at the first day's midnight.
     */
    private List<SessionRecord> acrossDays(Tenant tenant, LocalDate first, LocalDate last, boolean history) {
        long hour = 3_600_000L;
        long day = 24 * hour;
        if (history) {
            return List.of(
                    Sessions.p2p(
                            "x-night",
                            first.minusDays(1) + "T23:10:00Z",
                            2 * hour,
                            uri(tenant, 0),
                            uri(tenant, 1),
                            Modality.AUDIO),
                    Sessions.p2p(
                            "x-three",
                            first.minusDays(3) + "T10:00:00Z",
                            4 * day + 5 * hour,
                            uri(tenant, 1),
                            uri(tenant, 2),
                            Modality.AUDIO),
                    Sessions.p2p(
                            "x-twelve",
                            first.minusDays(12) + "T08:00:00Z",
                            13 * day,
                            uri(tenant, 3),
                            "sip:someone@outside.example",
                            Modality.VIDEO),
                    Sessions.p2p(
                            "x-to-midnight",
                            first.minusDays(1) + "T23:30:00Z",
                            hour / 2,
                            uri(tenant, 10),
                            uri(tenant, 11),
                            Modality.AUDIO),
                    Sessions.p2p(
                            "x-replaced",
                            last.minusDays(1) + "T20:00:00Z",
                            5 * day,
                            uri(tenant, 4),
                            uri(tenant, 5),
                            Modality.AUDIO));
        }
        return List.of(
                Sessions.p2p(
                        "x-replaced",
                        last.minusDays(1) + "T20:00:00Z",
                        600_000,
                        uri(tenant, 4),
                        uri(tenant, 5),
                        Modality.AUDIO),
                Sessions.p2p(
                        "x-past-last",
                        last + "T22:00:00Z",
                        2 * day + 3 * hour,
                        uri(tenant, 6),
                        uri(tenant, 7),
                        Modality.VIDEO,
                        Modality.AUDIO),
                Sessions.p2p("x-zero", first + "T00:00:00Z", 0, uri(tenant, 8), uri(tenant, 9), Modality.AUDIO));
    }

    @Test
    void a_bulk_import_killed_before_its_finish_is_completed_by_the_next_one() {
        Tenant tenant = tenant("killed");
        List<SessionRecord> sent = generated(new Random(7), tenant);
        currentTenant.runAs(tenant.id(), () -> {
            bulk.start();
            bulk.write(sent.subList(0, 600)); // then the import died: no finish
        });
        assertThat(status(tenant)).isPresent();
        assertThat(readModelCheck.differences(tenant.id(), 5)).isNotEmpty();
        // as an import killed before the state kept the last day in progress: its active users are rebuilt whole
        jdbc.sql("UPDATE bulk_import_state SET last_day_in_progress = NULL WHERE tenant_id = :t")
                .param("t", tenant.id())
                .update();

        currentTenant.runAs(tenant.id(), () -> {
            bulk.start();
            bulk.write(sent.subList(300, sent.size())); // the re-run sends everything again from a later point
        });
        assertThat(jdbc.sql("SELECT last_day_in_progress IS NULL FROM bulk_import_state WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        currentTenant.runAs(tenant.id(), () -> bulk.finish());
        assertThat(status(tenant)).isEmpty();
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t", tenant))
                .isEqualTo(lastCopies(sent).size());
    }

    @Test
    void sessions_before_the_kept_days_are_refused_on_the_bulk_path_as_on_the_per_request_path() {
        Tenant tenant = tenant("kept");
        currentTenant.runAs(tenant.id(), () -> writer.keepFrom(reportDate.minusDays(5)));
        SessionRecord old = Sessions.p2p(
                "old", reportDate.minusDays(9) + "T10:00:00Z", 60_000, uri(tenant, 1), uri(tenant, 2), Modality.IM);
        currentTenant.runAs(tenant.id(), () -> {
            bulk.start();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> bulk.write(List.of(old)))
                    .isInstanceOf(SessionsBeforeKeptDaysException.class);
            bulk.finish();
        });
        assertThat(count("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t", tenant))
                .isZero();
        assertThat(status(tenant)).isEmpty();
    }

    private java.util.Optional<BulkImportStatus.InProgress> status(Tenant tenant) {
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        try {
            return status.current();
        } finally {
            TestTenants.signOut();
        }
    }

    /** A tenant with the users, some licensed late or removed mid-period, and its period totals built. */
    private Tenant tenant(String label) {
        Tenant tenant = testTenants.newTenant(label);
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        List<UserRecord> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            LocalDate from = u % 7 == 5 ? reportDate.minusDays(12) : reportDate.minusYears(1);
            LocalDate deleted = u % 7 == 6 ? reportDate.minusDays(9) : null;
            users.add(new UserRecord("u" + u + "@" + tenant.name(), "u" + u, "User " + u, from, deleted));
        }
        currentTenant.runAs(tenant.id(), () -> {
            directory.upsert(users);
            periodTotals.moveTo(reportDate);
        });
        // the active-user rows built, so that both paths keep them
        ActiveUserRecomputation.rebuildFromRawSessions(activeUsers, jdbc, testTenants, tenant);
        return tenant;
    }

    private static String uri(Tenant tenant, int user) {
        return "sip:u" + user + "@" + tenant.name();
    }

    /**
     * Sessions of the last {@value #DAYS} days between the users (and some outside parties), in random order: peer to
     * peer with every media mix, conferences, telephone calls, calls across midnight, failures, quality records, and
     * about one in eight dialog ids sent again later with other content. The same random numbers give the same
     * sessions in every tenant, whose name is the users' domain.
     */
    private List<SessionRecord> generated(Random random, Tenant tenant) {
        List<SessionRecord> sent = new ArrayList<>();
        Modality[] types = {
            Modality.IM, Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING, Modality.FILE_TRANSFER
        };
        for (int n = 0; n < SESSIONS; n++) {
            sent.add(session(random, "d" + n, types, tenant.name()));
            if (random.nextInt(8) == 0) {
                int again = random.nextInt(sent.size());
                // a re-send with other content
                sent.add(session(random, sent.get(again).dialogId(), types, tenant.name()));
            }
        }
        return sent;
    }

    private SessionRecord session(Random random, String dialogId, Modality[] types, String domain) {
        LocalDate day = reportDate.minusDays(random.nextInt(DAYS));
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(86_400));
        long durationMs = 1_000L * (30 + random.nextInt(3_600));
        String from = "sip:u" + random.nextInt(USERS) + "@" + domain;
        String to = random.nextInt(10) == 0
                ? "sip:someone@outside.example"
                : "sip:u" + random.nextInt(USERS) + "@" + domain;
        List<MediaUsage> media = new ArrayList<>();
        for (Modality type : types) {
            if (random.nextInt(3) == 0) {
                media.add(new MediaUsage(type, durationMs));
            }
        }
        if (media.isEmpty()) {
            media.add(new MediaUsage(Modality.IM, durationMs));
        }
        boolean conference = random.nextInt(6) == 0;
        boolean phone = !conference && random.nextInt(12) == 0;
        boolean audio = media.stream().anyMatch(m -> m.type() == Modality.AUDIO);
        Quality.Report quality = random.nextInt(3) == 0 ? everyQualityTableOn(day) : Quality.Report.none();
        return new SessionRecord(
                dialogId,
                start,
                start.plusMillis(durationMs),
                from,
                phone ? "sip:+14255550" + (100 + random.nextInt(800)) + "@" + domain + ";user=phone" : to,
                random.nextBoolean() ? "UCCAPI/16.0.1 OC/16.0 (Skype for Business)" : "SfBMac/16.1",
                random.nextBoolean() ? "Teams/1.5 (Windows)" : null,
                conference ? "sip:organizer@conf.example;gruu;opaque=app:conf:focus:id:" + random.nextInt(20) : null,
                conference ? "inst-" + random.nextInt(3) : null,
                null,
                phone ? "+14255550" + (100 + random.nextInt(800)) : null,
                null,
                null,
                null,
                null,
                random.nextInt(15) == 0 ? 486 : 200,
                random.nextInt(20) == 0 ? 52094 : null,
                phone && !audio ? List.of(new MediaUsage(Modality.AUDIO, durationMs)) : media,
                random.nextInt(5),
                quality,
                null,
                null,
                null);
    }

    /** A quality record of every table whose subnet depends on the day, so later days bring subnets of their own. */
    private static Quality.Report everyQualityTableOn(LocalDate day) {
        Quality.Report every = Sessions.everyQualityTable();
        Quality.MediaLine line = every.mediaLines().get(0);
        String subnet = "10." + day.getDayOfMonth() + ".0.0";
        return new Quality.Report(
                every.sessions(),
                List.of(new Quality.MediaLine(
                        line.side(),
                        line.mediaType(),
                        "10." + day.getDayOfMonth() + ".0.1",
                        line.port(),
                        subnet,
                        line.insideCorp(),
                        line.vpn(),
                        line.connectionType(),
                        line.captureDevice(),
                        line.renderDevice(),
                        line.iceResult(),
                        line.relayIpAddress())),
                every.audioStreams(),
                every.audioClientEvents(),
                every.audioSignals(),
                every.appSharingStreams(),
                every.videoClientEvents(),
                every.videoStreams(),
                every.traceroutes(),
                every.feedback());
    }

    /** A building file whose networks cover half of the days' subnets, uploaded as a global administrator. */
    private void uploadBuildings(Tenant tenant) throws InterruptedException {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        try {
            StringBuilder file = new StringBuilder(String.join(",", BuildingFile.COLUMNS)).append('\n');
            for (int dayOfMonth = 1; dayOfMonth <= 31; dayOfMonth += 2) {
                file.append("10.%d.0.0,B%d,16,Building %d,Contoso,,,Seattle,98001,US,WA,North America,1,0,0\n"
                        .formatted(dayOfMonth, dayOfMonth, dayOfMonth));
            }
            locations.upload(
                    "buildings.csv",
                    new java.io.ByteArrayInputStream(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    null,
                    null);
            for (int i = 0; i < 200 && locations.status().remapping(); i++) {
                Thread.sleep(100);
            }
            assertThat(locations.status().remapping()).isFalse();
        } finally {
            TestTenants.signOut();
        }
    }

    /** The records batched as requests, a re-send never in the same request as an earlier copy. */
    private List<List<SessionRecord>> requests(List<SessionRecord> sent, int size) {
        List<List<SessionRecord>> requests = new ArrayList<>();
        List<SessionRecord> request = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (SessionRecord s : sent) {
            if (request.size() == size || !ids.add(s.dialogId())) {
                requests.add(request);
                request = new ArrayList<>();
                ids.clear();
                ids.add(s.dialogId());
            }
            request.add(s);
        }
        requests.add(request);
        return requests;
    }

    private static Map<String, SessionRecord> lastCopies(List<SessionRecord> sent) {
        Map<String, SessionRecord> last = new LinkedHashMap<>();
        sent.forEach(s -> last.put(s.dialogId(), s));
        return last;
    }

    /** The user's peer-to-peer sessions of the type in the period ending on the report date, while licensed. */
    private long p2pSessionsOf(
            Map<String, SessionRecord> sessions, Tenant tenant, String alias, Modality type, int days) {
        int user = Integer.parseInt(alias.substring(1));
        LocalDate licensedFrom = user % 7 == 5 ? reportDate.minusDays(12) : reportDate.minusYears(1);
        @Nullable LocalDate deleted = user % 7 == 6 ? reportDate.minusDays(9) : null;
        String uri = "sip:" + alias + "@" + tenant.name();
        return sessions.values().stream()
                .filter(s -> s.conferenceUrl() == null)
                .filter(s -> s.fromUri().equals(uri) || uri.equals(s.toUri()))
                .filter(s -> s.media().stream().anyMatch(m -> m.type() == type))
                .map(s -> s.startTime().atOffset(ZoneOffset.UTC).toLocalDate())
                .filter(day -> !day.isAfter(reportDate) && day.isAfter(reportDate.minusDays(days)))
                .filter(day -> !day.isBefore(licensedFrom) && (deleted == null || !day.isAfter(deleted)))
                .count();
    }

    private long count(String sql, Tenant tenant) {
        return jdbc.sql(sql).param("t", tenant.id()).query(Long.class).single();
    }

    /**
     * The tenant's rows of a read-model table, comparable between tenants: tenant ids left out, user ids as their
     * aliases, session ids as their dialog ids, raw quality rows' ids (stream_id) left out, sorted.
     */
    private List<String> rows(String table, Tenant tenant) {
        Map<Long, String> aliases = new HashMap<>();
        jdbc.sql("SELECT id, alias FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, row) -> aliases.put(rs.getLong(1), rs.getString(2)))
                .list();
        Map<Long, String> dialogs = new HashMap<>();
        jdbc.sql("SELECT id, dialog_id FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, row) -> dialogs.put(rs.getLong(1), rs.getString(2)))
                .list();
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql("SELECT * FROM " + table + " WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query()
                .listOfRows()) {
            Map<String, Object> comparable = new TreeMap<>();
            row.forEach((column, value) -> {
                String name = column.toLowerCase(java.util.Locale.ROOT);
                // ids of the tenant's own rows (one building file each where the test uploads one)
                if (name.equals("tenant_id")
                        || name.equals("id")
                        || name.equals("stream_id")
                        || name.equals("upload_id")) {
                    return;
                }
                if (value != null && name.endsWith("user_id")) {
                    value = aliases.get(((Number) value).longValue());
                } else if (value != null && name.endsWith("session_id")) {
                    value = dialogs.get(((Number) value).longValue());
                } else if (value instanceof byte[] bytes) {
                    value = java.util.HexFormat.of().formatHex(bytes);
                } else if (value instanceof String text) {
                    value = text.replace(tenant.name(), "TENANT");
                }
                comparable.put(name, value);
            });
            rows.add(comparable.toString());
        }
        rows.sort(null);
        return rows;
    }
}
