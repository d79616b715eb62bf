package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every figure of the sibling reports (CsConference*, CsP2PSession*, CsP2PAVTime*, CsAVConferenceTime*,
 * CsPSTNConferenceTime*) as the service answers it, against a recomputation in Java from the raw sessions the test
 * wrote, with java.time's zone rules, in UTC, +05:45 and a DST zone; the sessions arrive before and after their
 * users, in random order, and some are sent again changed. A conference counts once, in the period of its first
 * session, with the media of all its sessions (docs/reporting-web-service.md, "The sibling reports").
 */
@PortalIntegrationTest
class RwsSiblingReportsIT {

    private static final Pattern JSON_DATE = Pattern.compile("/Date\\((-?\\d+)\\)/");
    private static final List<String> ZONES = List.of("UTC", "Asia/Kathmandu", "America/New_York");

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
    Clock clock;

    @Autowired
    ReadModelCheck readModelCheck;

    private final ObjectMapper json = new ObjectMapper();
    private Tenant tenant;
    private String account;
    private RwsHttp http;

    @BeforeEach
    void tenant() {
        tenant = testTenants.newTenant("rws-siblings");
        account = testTenants.newAccount(tenant, Role.REPORTS_READER);
        http = new RwsHttp(port);
    }

    @Test
    void every_sibling_figure_in_every_zone_equals_a_recomputation_from_the_raw_sessions() throws Exception {
        Set<String> licensed = new HashSet<>();
        List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            users.add(new UserRecord(
                    "u" + i + "@" + tenant.name(), "u" + i, "User " + i, LocalDate.parse("2024-01-01"), null));
            licensed.add("sip:u" + i + "@" + tenant.name());
        }
        List<String> parties = new ArrayList<>(licensed);
        Collections.sort(parties);
        parties.add("sip:guest@partner.example");
        parties.add("sip:other@partner.example");

        Random random = new Random(20261202);
        Instant now = clock.instant();
        Map<String, SessionRecord> sessions = new LinkedHashMap<>();
        for (int i = 0; i < 700; i++) {
            Instant start = now.minusSeconds(random.nextInt(100 * 24 * 3600))
                    .truncatedTo(ChronoUnit.SECONDS)
                    .plusMillis(random.nextInt(1000));
            sessions.put("s-" + i, randomSession("s-" + i, start, random, parties));
        }
        // the hours around the DST changes of New York, and Kathmandu's and UTC's midnights
        for (String instant : List.of(
                "2026-11-01T05:59:59Z",
                "2026-11-01T06:00:00Z",
                "2026-11-01T04:00:00Z",
                "2026-11-20T18:14:59Z",
                "2026-11-20T18:15:00Z",
                "2026-11-21T00:00:00Z",
                "2026-11-20T23:59:59.999Z")) {
            String id = "edge-" + instant;
            sessions.put(id, randomSession(id, Instant.parse(instant), random, parties));
        }
        List<SessionRecord> first = new ArrayList<>(sessions.values());
        Collections.shuffle(first, random);
        // half the sessions before their users exist, then the users, then the rest and changed re-sends
        write(first.subList(0, first.size() / 2));
        currentTenant.runAs(tenant.id(), () -> directory.upsert(users));
        write(first.subList(first.size() / 2, first.size()));
        List<SessionRecord> resent = new ArrayList<>();
        // distinct dialogs: a batch naming one dialog twice is the write core's to refuse, not this test's
        for (int i = 0; i < 700; i += 11) {
            String id = "s-" + i;
            SessionRecord changed = randomSession(id, sessions.get(id).startTime(), random, parties);
            sessions.put(id, changed);
            resent.add(changed);
        }
        write(resent);
        assertThat(readModelCheck.differences(tenant.id(), 10))
                .as("the listener's rows equal the SQL recomputation (verify-rollups)")
                .isEmpty();
        Map<String, List<JsonNode>> before = new LinkedHashMap<>();
        for (String set : List.of("CsConferenceDaily", "CsP2PAVTimeMonthly", "CsPSTNConferenceTimeWeekly")) {
            before.put(set, feed(set, "Asia/Kathmandu"));
        }
        assertThat(readModelCheck.rebuild(tenant.id())).contains("SessionSlotFigures");
        for (var set : before.entrySet()) {
            assertThat(feed(set.getKey(), "Asia/Kathmandu"))
                    .as("after a rebuild from the raw sessions: " + set.getKey())
                    .isEqualTo(set.getValue());
        }

        assertFeedsEqualRecomputation(sessions, licensed, set -> !set.startsWith("CsActiveUser"));
    }

    @Test
    void a_conference_counts_once_in_the_period_of_its_first_session_whatever_the_order_re_sends_and_retention()
            throws Exception {
        Set<String> licensed = new HashSet<>();
        List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(new UserRecord(
                    "u" + i + "@" + tenant.name(), "u" + i, "User " + i, LocalDate.parse("2024-01-01"), null));
            licensed.add("sip:u" + i + "@" + tenant.name());
        }
        currentTenant.runAs(tenant.id(), () -> directory.upsert(users));
        String organizer = "sip:u0@" + tenant.name();
        String guest = "sip:guest@partner.example";
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, SessionRecord> sessions = new LinkedHashMap<>();

        // across each zone's midnight (3 days apart): the first session (IM) arrives after the second (audio)
        Map<String, LocalDate> midnightDays = new LinkedHashMap<>();
        for (int i = 0; i < ZONES.size(); i++) {
            ZoneId zone = ZoneId.of(ZONES.get(i));
            LocalDate day = today.minusDays(10 + 3L * i);
            midnightDays.put(ZONES.get(i), day);
            SessionRecord second = conferenceSession(
                    "midnight-" + i + "-b",
                    day.plusDays(1).atTime(0, 10).atZone(zone).toInstant(),
                    guest,
                    organizer,
                    "midnight-" + i,
                    Modality.AUDIO);
            SessionRecord first = conferenceSession(
                    "midnight-" + i + "-a",
                    day.atTime(23, 50).atZone(zone).toInstant(),
                    guest,
                    organizer,
                    "midnight-" + i,
                    Modality.IM);
            write(List.of(second));
            write(List.of(first));
            sessions.put(second.dialogId(), second);
            sessions.put(first.dialogId(), first);
        }
        // a corrected re-send moves the conference's first session two days later than its other session
        List<SessionRecord> moved = List.of(
                conferenceSession(
                        "moved-a",
                        utc(today.minusDays(20), 10),
                        guest,
                        organizer,
                        "moved",
                        Modality.APPLICATION_SHARING),
                conferenceSession("moved-b", utc(today.minusDays(18), 10), guest, organizer, "moved", Modality.IM));
        write(moved);
        SessionRecord movedAgain = conferenceSession(
                "moved-a", utc(today.minusDays(16), 10), guest, organizer, "moved", Modality.APPLICATION_SHARING);
        write(List.of(movedAgain));
        sessions.put("moved-a", movedAgain);
        sessions.put("moved-b", moved.get(1));
        // a re-send to an organizer who is no licensed user takes the conference away
        write(List.of(conferenceSession("gone", utc(today.minusDays(22), 10), guest, organizer, "gone", Modality.IM)));
        SessionRecord gone =
                conferenceSession("gone", utc(today.minusDays(22), 10), organizer, guest, "gone", Modality.IM);
        write(List.of(gone));
        sessions.put("gone", gone);
        // retention cuts a conference (video before the cut, IM after it) and forgets one wholly before it
        LocalDate cut = today.minusDays(40);
        List<SessionRecord> cutOnes = List.of(
                conferenceSession(
                        "cut-a",
                        cut.minusDays(1).atTime(23, 50).toInstant(ZoneOffset.UTC),
                        guest,
                        organizer,
                        "cut",
                        Modality.VIDEO),
                conferenceSession(
                        "cut-b", cut.atTime(0, 10).toInstant(ZoneOffset.UTC), guest, organizer, "cut", Modality.IM),
                conferenceSession("old", utc(cut.minusDays(2), 12), guest, organizer, "old", Modality.AUDIO));
        write(cutOnes);
        cutOnes.forEach(s -> sessions.put(s.dialogId(), s));
        assertThat(readModelCheck.differences(tenant.id(), 10)).isEmpty();
        assertThat(daily("UTC").get(cut.minusDays(1)))
                .as("before retention, the cut conference starts the day before the cut")
                .containsEntry("TotalConferences", 1L)
                .containsEntry("AVConferences", 1L)
                .containsEntry("IMConferences", 1L);
        assertThat(currentTenant.runAs(tenant.id(), () -> writer.keepFrom(cut))).isTrue();
        sessions.values()
                .removeIf(s ->
                        s.startTime().isBefore(cut.atStartOfDay(ZoneOffset.UTC).toInstant()));

        assertThat(readModelCheck.differences(tenant.id(), 10))
                .as("the listener's rows equal the SQL recomputation (verify-rollups)")
                .isEmpty();
        for (var zone : midnightDays.entrySet()) {
            Map<LocalDate, Map<String, Long>> days = daily(zone.getKey());
            assertThat(days.get(zone.getValue()))
                    .as(
                            "the conference across %s's midnight on its first day, with the media of both sessions",
                            zone.getKey())
                    .containsEntry("TotalConferences", 1L)
                    .containsEntry("AVConferences", 1L)
                    .containsEntry("IMConferences", 1L);
            assertThat(days.get(zone.getValue().plusDays(1)))
                    .as("and not on the next day in " + zone.getKey())
                    .containsEntry("TotalConferences", 0L);
        }
        Map<LocalDate, Map<String, Long>> utcDays = daily("UTC");
        assertThat(utcDays.get(today.minusDays(18)))
                .as("the moved conference starts with its other session, with both sessions' media")
                .containsEntry("TotalConferences", 1L)
                .containsEntry("IMConferences", 1L)
                .containsEntry("ApplicationSharingConferences", 1L);
        assertThat(utcDays.get(today.minusDays(20))).containsEntry("TotalConferences", 0L);
        assertThat(utcDays.get(today.minusDays(16))).containsEntry("TotalConferences", 0L);
        assertThat(utcDays.get(today.minusDays(22))).containsEntry("TotalConferences", 0L);
        assertThat(utcDays.get(cut))
                .as("the cut conference starts with its first kept session")
                .containsEntry("TotalConferences", 1L)
                .containsEntry("AVConferences", 0L)
                .containsEntry("IMConferences", 1L);
        assertThat(utcDays.get(cut.minusDays(1))).containsEntry("TotalConferences", 0L);
        assertThat(utcDays.get(cut.minusDays(2))).containsEntry("TotalConferences", 0L);

        assertFeedsEqualRecomputation(sessions, licensed, set -> set.startsWith("CsConference"));
        assertThat(readModelCheck.rebuild(tenant.id())).contains("SessionSlotFigures");
        assertThat(readModelCheck.differences(tenant.id(), 10)).isEmpty();
        assertFeedsEqualRecomputation(sessions, licensed, set -> set.startsWith("CsConference"));
    }

    @Test
    void concurrent_writes_of_the_same_conferences_keep_each_counted_once_at_its_first_session() throws Exception {
        Set<String> licensed = new HashSet<>();
        List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(new UserRecord(
                    "u" + i + "@" + tenant.name(), "u" + i, "User " + i, LocalDate.parse("2024-01-01"), null));
            licensed.add("sip:u" + i + "@" + tenant.name());
        }
        currentTenant.runAs(tenant.id(), () -> directory.upsert(users));
        String organizer = "sip:u0@" + tenant.name();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<Modality> media = List.of(Modality.IM, Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING);
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        Map<String, SessionRecord> sessions = new ConcurrentHashMap<>();
        try {
            List<Future<Map<String, SessionRecord>>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                jobs.add(pool.submit(() -> {
                    Random random = new Random(writer);
                    Map<String, SessionRecord> mine = new LinkedHashMap<>();
                    for (int b = 0; b < 10; b++) {
                        Map<String, SessionRecord> batch = new LinkedHashMap<>();
                        for (int i = 0; i < 5; i++) {
                            // the writer's own dialog ids, some sent again moved: its last copy is known
                            String id = "w" + writer + "-" + random.nextInt(20);
                            batch.put(
                                    id,
                                    conferenceSession(
                                            id,
                                            now.minus(random.nextInt(4 * 24 * 60), ChronoUnit.MINUTES)
                                                    .minus(1, ChronoUnit.DAYS),
                                            random.nextBoolean() ? "sip:guest@partner.example" : organizer,
                                            random.nextInt(5) == 0 ? "sip:guest@partner.example" : organizer,
                                            "shared-" + random.nextInt(4),
                                            media.get(random.nextInt(media.size()))));
                        }
                        retryingLostRaces(() -> write(new ArrayList<>(batch.values())));
                        mine.putAll(batch);
                    }
                    return mine;
                }));
            }
            for (Future<Map<String, SessionRecord>> job : jobs) {
                sessions.putAll(job.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(readModelCheck.differences(tenant.id(), 10))
                .as("the listener's rows equal the SQL recomputation (verify-rollups)")
                .isEmpty();
        assertFeedsEqualRecomputation(new LinkedHashMap<>(sessions), licensed, set -> set.startsWith("CsConference"));
    }

    /** Re-runs a write that lost a race with a concurrent one, as an ingestion client resends a refused batch. */
    private static void retryingLostRaces(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (org.springframework.dao.PessimisticLockingFailureException
                    | org.springframework.dao.DuplicateKeyException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** The tenant's CsConferenceDaily figures in the zone, by the day each row counts. */
    private Map<LocalDate, Map<String, Long>> daily(String zone) throws Exception {
        Map<LocalDate, Map<String, Long>> days = new LinkedHashMap<>();
        for (JsonNode row : feed("CsConferenceDaily", zone)) {
            days.put(date(row).toLocalDate().minusDays(1), figures(row));
        }
        return days;
    }

    private static Instant utc(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    /** A five-minute session of one medium in the conference (URL and instance), from one party to the other. */
    private static SessionRecord conferenceSession(
            String id, Instant start, String from, String to, String conference, Modality modality) {
        long ms = 5 * 60_000;
        return new SessionRecord(
                id,
                start,
                start.plusMillis(ms),
                from,
                to,
                "UCCAPI/16.0",
                null,
                "sip:organizer@conf.example;gruu;opaque=app:conf:focus:id:" + conference,
                "1",
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                List.of(new MediaUsage(modality, ms)),
                0,
                Quality.Report.none(),
                Boolean.FALSE,
                null,
                null);
    }

    @Test
    void the_sibling_reports_take_the_same_options_and_refuse_another_reports_fields() throws Exception {
        HttpResponse<String> selected = http.get(
                RwsHttp.ROOT + "/CsConferenceWeekly",
                "$select=Date,TotalConferences&$filter=TotalConferences ge 0&$orderby=Date desc&$top=2&$format=json",
                account,
                TestTenants.PASSWORD,
                Map.of());
        assertThat(selected.statusCode()).isEqualTo(200);
        JsonNode results = json.readTree(selected.body()).get("d").get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("__metadata").get("type").asText())
                .isEqualTo("TenantReporting.CsConferenceReport");
        List<String> names = new ArrayList<>();
        results.get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("__metadata", "Date", "TotalConferences");

        HttpResponse<String> wrongField = http.get(
                RwsHttp.ROOT + "/CsP2PSessionDaily",
                "$filter=ActiveUsers gt 1",
                account,
                TestTenants.PASSWORD,
                Map.of());
        assertThat(wrongField.statusCode()).isEqualTo(400);
        assertThat(wrongField.body()).contains("Unknown field 'ActiveUsers'").contains("TotalP2PSessions");

        HttpResponse<String> noYearly =
                http.get(RwsHttp.ROOT + "/CsConferenceYearly", "", account, TestTenants.PASSWORD, Map.of());
        assertThat(noYearly.statusCode()).isEqualTo(404);
    }

    /**
     * Every row of the sets in every zone equals the recomputation from the sessions (the last copy of each dialog,
     * those of the kept days), and the weeks and months of the conference figures equal the sums of their days.
     */
    private void assertFeedsEqualRecomputation(
            Map<String, SessionRecord> sessions, Set<String> licensed, Predicate<String> sets) throws Exception {
        Instant now = clock.instant();
        for (String zoneName : ZONES) {
            ZoneId zone = ZoneId.of(zoneName);
            Map<String, List<JsonNode>> feeds = new LinkedHashMap<>();
            for (String set : RwsHttp.ENTITY_SETS) {
                if (!sets.test(set)) {
                    continue;
                }
                List<JsonNode> rows = feed(set, zoneName);
                feeds.put(set, rows);
                assertThat(rows).as(set + " " + zoneName).isNotEmpty();
                LocalDate today = LocalDate.ofInstant(now, zone);
                LocalDate lastEnd = date(rows.get(rows.size() - 1)).toLocalDate();
                if (set.endsWith("Daily")) {
                    assertThat(lastEnd)
                            .as(set + " " + zoneName + " ends with yesterday")
                            .isEqualTo(today);
                } else {
                    assertThat(lastEnd)
                            .as(set + " " + zoneName + " includes today")
                            .isAfter(today);
                }
                for (int i = 0; i < rows.size(); i++) {
                    JsonNode row = rows.get(i);
                    LocalDate end = date(row).toLocalDate();
                    LocalDate start = start(set, end);
                    if (i > 0) {
                        assertThat(date(rows.get(i - 1)).toLocalDate()).isEqualTo(start);
                    }
                    assertThat(row.get("ID").asText())
                            .isEqualTo(String.valueOf(
                                    set.endsWith("Daily")
                                            ? start.toEpochDay()
                                            : set.endsWith("Weekly")
                                                    ? Math.floorDiv(start.toEpochDay(), 7)
                                                    : start.getYear() * 12L + start.getMonthValue() - 1));
                    Instant from = start.atStartOfDay(zone).toInstant();
                    Instant until = end.atStartOfDay(zone).toInstant();
                    assertThat(figures(row))
                            .as(set + " " + zoneName + " " + start)
                            .isEqualTo(expected(set, sessions.values(), from, until, licensed));
                }
            }
            List<JsonNode> days = feeds.get("CsConferenceDaily");
            if (days == null) {
                continue;
            }
            LocalDate lastDay = date(days.get(days.size() - 1)).toLocalDate();
            for (String set : List.of("CsConferenceWeekly", "CsConferenceMonthly")) {
                for (JsonNode row : feeds.get(set)) {
                    LocalDate end = date(row).toLocalDate();
                    if (end.isAfter(lastDay)) {
                        continue; // the current period: its days are not all listed yet
                    }
                    LocalDate start = start(set, end);
                    Map<String, Long> sum = new java.util.TreeMap<>();
                    for (JsonNode day : days) {
                        LocalDate dayStart = date(day).toLocalDate().minusDays(1);
                        if (!dayStart.isBefore(start) && dayStart.isBefore(end)) {
                            figures(day).forEach((figure, value) -> sum.merge(figure, value, Long::sum));
                        }
                    }
                    assertThat(figures(row))
                            .as(set + " " + zoneName + " " + start + " is the sum of its days")
                            .isEqualTo(sum);
                }
            }
        }
    }

    private static LocalDate start(String set, LocalDate end) {
        return set.endsWith("Daily")
                ? end.minusDays(1)
                : set.endsWith("Weekly") ? end.minusWeeks(1) : end.minusMonths(1);
    }

    private void write(List<SessionRecord> records) {
        currentTenant.runAs(tenant.id(), () -> writer.write(records));
    }

    private List<JsonNode> feed(String set, String zone) throws Exception {
        HttpResponse<String> response = http.get(
                RwsHttp.ROOT + "/" + set, "$format=json", account, TestTenants.PASSWORD, Map.of("X-timezone", zone));
        assertThat(response.statusCode())
                .as(set + " " + zone + ": " + response.body())
                .isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        json.readTree(response.body()).get("d").get("results").forEach(rows::add);
        return rows;
    }

    private static LocalDateTime date(JsonNode row) {
        Matcher matcher = JSON_DATE.matcher(row.get("Date").asText());
        assertThat(matcher.find()).isTrue();
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(matcher.group(1))), ZoneOffset.UTC);
    }

    /** The row's own figures: every property but the common ones, as numbers. */
    private static Map<String, Long> figures(JsonNode row) {
        Map<String, Long> figures = new java.util.TreeMap<>();
        row.fields().forEachRemaining(field -> {
            if (!Set.of("__metadata", "Date", "ID", "TenantGuid", "TenantName").contains(field.getKey())) {
                figures.put(field.getKey(), Long.parseLong(field.getValue().asText()));
            }
        });
        return figures;
    }

    /**
     * The figures of the set, recomputed from the sessions starting in the period [from, until); the conferences
     * from all sessions: those whose first session starts in the period, with the media of all their sessions.
     */
    private static Map<String, Long> expected(
            String set, Collection<SessionRecord> all, Instant from, Instant until, Set<String> licensed) {
        Predicate<String> isLicensed = uri -> uri != null && licensed.contains(uri);
        List<SessionRecord> in = all.stream()
                .filter(s -> !s.startTime().isBefore(from) && s.startTime().isBefore(until))
                .toList();
        List<SessionRecord> p2p =
                in.stream().filter(s -> s.conferenceUrl() == null).toList();
        List<SessionRecord> organized = in.stream()
                .filter(s -> s.conferenceUrl() != null && isLicensed.test(s.toUri()))
                .toList();
        List<SessionRecord> participated = in.stream()
                .filter(s -> s.conferenceUrl() != null && isLicensed.test(s.fromUri()))
                .toList();
        Map<String, Long> figures = new java.util.TreeMap<>();
        if (set.startsWith("CsConference")) {
            // each conference organized by a licensed user, once, in the period of its first session
            Map<String, List<SessionRecord>> conferences = new LinkedHashMap<>();
            for (SessionRecord s : all) {
                if (s.conferenceUrl() != null && isLicensed.test(s.toUri())) {
                    conferences
                            .computeIfAbsent(s.conferenceUrl() + "\n" + s.confInstance(), c -> new ArrayList<>())
                            .add(s);
                }
            }
            List<List<SessionRecord>> starting = conferences.values().stream()
                    .filter(c -> {
                        Instant first = c.stream()
                                .map(SessionRecord::startTime)
                                .min(Instant::compareTo)
                                .orElseThrow();
                        return !first.isBefore(from) && first.isBefore(until);
                    })
                    .toList();
            figures.put("TotalConferences", (long) starting.size());
            figures.put("AVConferences", withAny(starting, s -> has(s, Modality.AUDIO) || has(s, Modality.VIDEO)));
            figures.put("IMConferences", withAny(starting, s -> has(s, Modality.IM)));
            figures.put("ApplicationSharingConferences", withAny(starting, s -> has(s, Modality.APPLICATION_SHARING)));
            figures.put("WebConferences", withAny(starting, s -> Boolean.TRUE.equals(s.webConferencing())));
            figures.put("TelephonyConferences", withAny(starting, RwsSiblingReportsIT::telephone));
        } else if (set.startsWith("CsP2PSession")) {
            figures.put("TotalP2PSessions", (long) p2p.size());
            figures.put(
                    "P2PIMSessions",
                    p2p.stream().filter(s -> has(s, Modality.IM)).count());
            figures.put(
                    "P2PAudioSessions",
                    p2p.stream().filter(s -> has(s, Modality.AUDIO)).count());
            figures.put(
                    "P2PVideoSessions",
                    p2p.stream().filter(s -> has(s, Modality.VIDEO)).count());
            figures.put(
                    "P2PApplicationSharingSessions",
                    p2p.stream()
                            .filter(s -> has(s, Modality.APPLICATION_SHARING))
                            .count());
            figures.put(
                    "P2PFileTransferSessions",
                    p2p.stream().filter(s -> has(s, Modality.FILE_TRANSFER)).count());
        } else if (set.startsWith("CsP2PAVTime")) {
            figures.put(
                    "TotalAudioMinutes",
                    minutes(p2p.stream().mapToLong(s -> ms(s, Modality.AUDIO)).sum()));
            figures.put(
                    "TotalVideoMinutes",
                    minutes(p2p.stream().mapToLong(s -> ms(s, Modality.VIDEO)).sum()));
        } else if (set.startsWith("CsAVConferenceTime")) {
            figures.put(
                    "AVConferenceMinutes",
                    minutes(participated.stream()
                            .mapToLong(RwsSiblingReportsIT::audioVideoMs)
                            .sum()));
        } else {
            figures.put(
                    "PSTNConferenceMinutes",
                    minutes(organized.stream()
                            .filter(RwsSiblingReportsIT::telephone)
                            .mapToLong(RwsSiblingReportsIT::audioVideoMs)
                            .sum()));
        }
        return figures;
    }

    /** How many of the conferences have a session of the kind. */
    private static long withAny(List<List<SessionRecord>> conferences, Predicate<SessionRecord> kind) {
        return conferences.stream().filter(c -> c.stream().anyMatch(kind)).count();
    }

    private static boolean telephone(SessionRecord s) {
        return s.dialInOut() != null || s.fromTel() != null || s.toTel() != null;
    }

    private static boolean has(SessionRecord s, Modality modality) {
        return s.media().stream().anyMatch(m -> m.type() == modality);
    }

    private static long ms(SessionRecord s, Modality modality) {
        return s.media().stream()
                .filter(m -> m.type() == modality)
                .mapToLong(MediaUsage::durationMs)
                .sum();
    }

    private static long audioVideoMs(SessionRecord s) {
        return Math.max(ms(s, Modality.AUDIO), ms(s, Modality.VIDEO));
    }

    /** Whole minutes of a total, rounded half up. */
    private static long minutes(long ms) {
        return Math.floorDiv(ms + 30_000, 60_000);
    }

    private static SessionRecord randomSession(String id, Instant start, Random random, List<String> parties) {
        long ms = random.nextInt(2 * 3_600_000);
        List<MediaUsage> media = new ArrayList<>();
        for (Modality modality : List.of(
                Modality.IM, Modality.FILE_TRANSFER, Modality.APPLICATION_SHARING, Modality.AUDIO, Modality.VIDEO)) {
            if (random.nextInt(3) == 0) {
                media.add(new MediaUsage(modality, modality == Modality.VIDEO ? ms / 2 : ms));
            }
        }
        if (media.isEmpty()) {
            media.add(new MediaUsage(Modality.AUDIO, ms));
        }
        boolean conference = random.nextBoolean();
        String from = parties.get(random.nextInt(parties.size()));
        String to = parties.get(random.nextInt(parties.size()));
        boolean telephone = conference && random.nextInt(4) == 0;
        return new SessionRecord(
                id,
                start,
                start.plusMillis(ms),
                from,
                to,
                "UCCAPI/16.0",
                null,
                conference ? "sip:" + to.substring(4) + ";gruu;opaque=app:conf:focus:id:M" + random.nextInt(25) : null,
                conference ? String.valueOf(random.nextInt(2)) : null,
                telephone ? "+1425555" + (1000 + random.nextInt(9000)) : null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                media,
                0,
                Quality.Report.none(),
                conference ? List.of(Boolean.TRUE, Boolean.FALSE).get(random.nextInt(2)) : null,
                telephone && random.nextBoolean() ? ConferenceJoin.DialDirection.DIAL_IN : null,
                telephone ? ConferenceJoin.ConferencingProvider.MICROSOFT : null);
    }
}
