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
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * users, in random order, and some are sent again changed.
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

        for (String zoneName : ZONES) {
            ZoneId zone = ZoneId.of(zoneName);
            for (String set : RwsHttp.ENTITY_SETS) {
                if (set.startsWith("CsActiveUser")) {
                    continue;
                }
                List<JsonNode> rows = feed(set, zoneName);
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
                    LocalDate start = set.endsWith("Daily")
                            ? end.minusDays(1)
                            : set.endsWith("Weekly") ? end.minusWeeks(1) : end.minusMonths(1);
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
                    List<SessionRecord> in = sessions.values().stream()
                            .filter(s -> !s.startTime().isBefore(from)
                                    && s.startTime().isBefore(until))
                            .toList();
                    assertThat(figures(row))
                            .as(set + " " + zoneName + " " + start)
                            .isEqualTo(expected(set, in, licensed));
                }
            }
        }
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

    /** The figures of the set, recomputed from the sessions starting in the period. */
    private static Map<String, Long> expected(String set, List<SessionRecord> in, Set<String> licensed) {
        Predicate<String> isLicensed = uri -> uri != null && licensed.contains(uri);
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
            figures.put("TotalConferences", conferences(organized, s -> true));
            figures.put("AVConferences", conferences(organized, s -> has(s, Modality.AUDIO) || has(s, Modality.VIDEO)));
            figures.put("IMConferences", conferences(organized, s -> has(s, Modality.IM)));
            figures.put(
                    "ApplicationSharingConferences", conferences(organized, s -> has(s, Modality.APPLICATION_SHARING)));
            figures.put("WebConferences", conferences(organized, s -> Boolean.TRUE.equals(s.webConferencing())));
            figures.put("TelephonyConferences", conferences(organized, RwsSiblingReportsIT::telephone));
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

    private static long conferences(List<SessionRecord> sessions, Predicate<SessionRecord> kind) {
        return sessions.stream()
                .filter(kind)
                .map(s -> s.conferenceUrl() + "\n" + s.confInstance())
                .distinct()
                .count();
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
