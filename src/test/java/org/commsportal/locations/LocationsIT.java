package org.commsportal.locations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.common.Place;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.quality.QualityCounts;
import org.commsportal.quality.QualityFilter;
import org.commsportal.quality.QualityService;
import org.commsportal.quality.QualitySplit;
import org.commsportal.reliability.ReliabilityCounts;
import org.commsportal.reliability.ReliabilityFilter;
import org.commsportal.reliability.ReliabilityService;
import org.commsportal.reliability.ReliabilitySplit;
import org.commsportal.security.Role;
import org.commsportal.sessiondetails.DrillThrough;
import org.commsportal.sessiondetails.SessionDetailsService;
import org.commsportal.sessiondetails.SessionRow;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
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
 * Every figure of the locations report and the missing subnets against a recomputation written here: each session's
 * streams are Good, Poor or Unclassified by construction (metrics far from the rules' thresholds), its reliability
 * outcome by its response code and diagnostic id, its subnets mapped by a brute-force longest-prefix search over the
 * file that applies on its UTC day (the latest activation covering the day). Edges: a supernet and its subnets (the
 * longest prefix wins), IPv4 and IPv6, a second file active mid-period, an older file re-activated for a few days in
 * the middle of that, subnets first seen after the upload (mapped by the write path), and unmapped subnets.
 */
@PortalIntegrationTest
class LocationsIT {

    private static final String HEADER = String.join(",", BuildingFile.COLUMNS);
    private static final String FILE_A = HEADER + "\n"
            + "10.0.0.0,Campus,8,HQ Campus,Contoso,,,Seattle,98001,US,WA,North America,1,0,0\n"
            + "10.1.0.0,B1,16,Building 1,Contoso,,,Seattle,98001,US,WA,North America,1,0,0\n"
            + "10.1.2.0,B1 floor 2,24,Building 1 floor 2,Contoso,,,Seattle,98001,US,WA,North America,1,0,0\n"
            + "2001:db8::,V6,32,V6 Campus,Contoso,,,Berlin,10115,DE,BE,Europe,1,0,0\n"
            + "2001:db8:1::,V6 lab,48,V6 Lab,Contoso,,,Berlin,10115,DE,BE,Europe,1,0,1\n";
    /** TSV without a header and without the VPN column; no 10.0.0.0/8, so 10.9.9.0 is missing while it applies. */
    private static final String FILE_B =
            "10.1.0.0\tB1 new\t16\tBuilding 1 new\t\t\t\tPortland\t97201\tUS\tOR\tNorth America\t1\t0\n"
                    + "192.168.1.0\tBranch\t24\tBranch\t\t\t\tLondon\t\tGB\t\tEurope\t1\t0\n"
                    + "2001:db8::\tV6\t32\tV6 Campus\t\t\t\tBerlin\t10115\tDE\tBE\tEurope\t1\t0\n";

    private static final List<String> EARLY_SUBNETS =
            List.of("10.1.2.0", "10.1.3.0", "10.9.9.0", "192.168.1.0", "2001:db8:1:5::", "2001:db9::");
    /** First seen after the files are uploaded: mapped in the session write. */
    private static final List<String> LATE_SUBNETS = List.of("2001:db8:2::", "10.1.2.128", "172.16.0.0");

    @Autowired
    SessionWriter writer;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    LocationService service;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.commsportal.sessions.ReadModelCheck readModelCheck;

    @Autowired
    QualityService quality;

    @Autowired
    ReliabilityService reliability;

    @Autowired
    SessionDetailsService sessionDetails;

    private Tenant tenant;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final List<Sent> sent = new ArrayList<>();

    /**
     * What a session contributes: its day and start, caller and callee subnets, stream verdicts, reliability outcome
     * and its ratings (caller and callee, 0 for none, with their tokens and the caller's comment).
     */
    private record Sent(
            String id,
            LocalDate day,
            String fromSubnet,
            String toSubnet,
            int fromVerdict,
            int toVerdict,
            int outcome,
            Instant start,
            int fromRating,
            int toRating,
            @Nullable String fromTokens,
            @Nullable String toTokens,
            @Nullable String comment) {}

    /** An upload as the test knows it: network (address, prefix) to the row's region, city, building. */
    private record Net(BigInteger address, int bits, int prefix, String region, String city, String building) {}

    @BeforeEach
    void emptyTenant() {
        tenant = testTenants.newTenant("locations");
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void every_figure_equals_a_recomputation_by_the_longest_prefix_of_the_file_applying_on_each_day() throws Exception {
        Random random = new Random(25);
        for (int i = 0; i < 150; i++) {
            write(random, "early-" + i, EARLY_SUBNETS);
        }
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        LocalDate middle = today.minusDays(20);
        LocationUpload a = service.upload("a.csv", in(FILE_A), null, null);
        LocationUpload b = service.upload("b.tsv", in(FILE_B), middle, middle.plusDays(10));
        service.activate(a.id(), middle.plusDays(5), middle.plusDays(7));
        awaitMapped();
        TestTenants.signOut();
        List<String> all = new ArrayList<>(EARLY_SUBNETS);
        all.addAll(LATE_SUBNETS);
        for (int i = 0; i < 120; i++) {
            write(random, "late-" + i, all);
        }

        Map<Long, List<Net>> files = Map.of(a.id(), nets(FILE_A), b.id(), nets(FILE_B));
        // the activations as the test made them, latest last
        List<Object[]> activations = List.of(
                new Object[] {a.id(), LocalDate.of(1970, 1, 1), null},
                new Object[] {b.id(), middle, middle.plusDays(10)},
                new Object[] {a.id(), middle.plusDays(5), middle.plusDays(7)});

        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        var whole = LocationFilter.lastDays(today, 46);
        assertThat(service.report(whole).rows())
                .extracting(LocationFigures::value)
                .containsExactlyInAnyOrder("North America", "Europe");
        assertThat(service.missingSubnets(whole))
                .extracting(MissingSubnet::subnet)
                .contains("10.9.9.0", "192.168.1.0", "2001:db9::", "172.16.0.0");
        for (LocalDate[] range : List.of(
                new LocalDate[] {today.minusDays(45), today},
                new LocalDate[] {middle.plusDays(3), middle.plusDays(8)},
                new LocalDate[] {middle.plusDays(6), middle.plusDays(6)})) {
            for (Modality modality : new Modality[] {null, Modality.AUDIO, Modality.VIDEO}) {
                var top = new LocationFilter(range[0], range[1], modality, null, null, null);
                assertLevels(top, files, activations);
                assertThat(service.missingSubnets(top))
                        .as("missing subnets %s %s", top.from(), top.to())
                        .containsExactlyElementsOf(expectedMissing(top, files, activations));
            }
        }
    }

    @Test
    void a_file_with_a_bad_line_stores_nothing_and_only_global_administrators_upload() {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThatThrownBy(() -> service.upload(
                        "bad.csv",
                        in(FILE_A + "10.1.0.0,dup,16,Again,,,,Seattle,,US,,North America,1,0,0\n"),
                        null,
                        null))
                .isInstanceOf(BuildingFileRejected.class)
                .satisfies(e -> assertThat(((BuildingFileRejected) e).problems())
                        .extracting(FileProblem::line)
                        .containsExactly(7));
        assertThat(service.uploads()).isEmpty();
        assertThat(service.activations()).isEmpty();
        service.upload("good.csv", in(FILE_A), null, null);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE tenant_id = :t AND action = 'LOCATIONS_UPLOADED'")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        assertThat(service.uploads()).hasSize(1);
        assertThatThrownBy(() -> service.upload("x.csv", in(FILE_A), null, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> service.activate(service.uploads().get(0).id(), null, null))
                .isInstanceOf(AccessDeniedException.class);
        testTenants.signInAs(tenant, Role.SFB_ADMIN);
        assertThatThrownBy(() -> service.uploads()).isInstanceOf(AccessDeniedException.class);
        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        assertThatThrownBy(() -> service.report(LocationFilter.lastDays(today, 7)))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_missing_subnets_export_is_a_building_file_to_complete() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 30; i++) {
            write(random, "m-" + i, List.of("10.1.2.0", "192.168.7.0", "2001:db9::"));
        }
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        service.upload("a.csv", in(FILE_A), null, null);
        awaitMapped();
        var filter = LocationFilter.lastDays(today, 60);
        var out = new ByteArrayOutputStream();
        long rows = service.exportMissingSubnets(filter, out, written -> {});
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(rows).isEqualTo(2);
        assertThat(lines.get(0)).isEqualTo(HEADER);
        assertThat(lines.subList(1, lines.size()))
                .containsExactlyInAnyOrder("192.168.7.0,,24,,,,,,,,,,,,", "2001:db9::,,64,,,,,,,,,,,,");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE tenant_id = :t AND action = 'EXPORT'")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    /**
     * The region, city and building filters of the call quality, reliability and Rate My Call pages, of the session
     * details drill-through and of the reliability page's top failures' links to their sessions (docs/locations.md,
     * "Filters on other pages"), against the same recomputation: a subnet counts in a place on the days the file
     * applying then maps it there (10.1.x moves from Seattle to Portland while the second file applies, and back while
     * the first is re-activated; 10.1.2.0 is in "Building 1 floor 2", the longest prefix, not in "Building 1");
     * 10.9.9.0 and 172.16.0.0 are in no place while no row maps them.
     */
    @Test
    void the_place_filters_of_quality_reliability_and_session_details_equal_a_recomputation() throws Exception {
        Random random = new Random(52);
        List<String> all = new ArrayList<>(EARLY_SUBNETS);
        all.addAll(LATE_SUBNETS);
        for (int i = 0; i < 160; i++) {
            write(random, "place-" + i, all);
        }
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        LocalDate middle = today.minusDays(20);
        LocationUpload a = service.upload("a.csv", in(FILE_A), null, null);
        LocationUpload b = service.upload("b.tsv", in(FILE_B), middle, middle.plusDays(10));
        service.activate(a.id(), middle.plusDays(5), middle.plusDays(7));
        awaitMapped();
        TestTenants.signOut();
        for (int i = 0; i < 60; i++) {
            write(random, "place-late-" + i, all);
        }
        Map<Long, List<Net>> files = Map.of(a.id(), nets(FILE_A), b.id(), nets(FILE_B));
        List<Object[]> activations = List.of(
                new Object[] {a.id(), LocalDate.of(1970, 1, 1), null},
                new Object[] {b.id(), middle, middle.plusDays(10)},
                new Object[] {a.id(), middle.plusDays(5), middle.plusDays(7)});

        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThat(quality.places(today))
                .contains(new Place("North America", "Seattle", "Building 1"), new Place("Europe", "Berlin", "V6 Lab"));
        assertThat(quality.places(middle.plusDays(1))).contains(new Place("Europe", "London", "Branch"));
        List<Place> places = List.of(
                new Place("North America", null, null),
                new Place("North America", "Seattle", null),
                new Place("North America", "Seattle", "Building 1"),
                new Place("North America", "Seattle", "Building 1 floor 2"),
                new Place("North America", "Portland", "Building 1 new"),
                new Place("Europe", null, null),
                new Place("Europe", "London", "Branch"),
                new Place("Nowhere", null, null));
        for (LocalDate[] range : List.of(
                new LocalDate[] {today.minusDays(45), today},
                new LocalDate[] {middle.plusDays(3), middle.plusDays(8)})) {
            for (Modality modality : new Modality[] {null, Modality.AUDIO}) {
                for (Place place : places) {
                    String what = place.describe() + " " + range[0] + " to " + range[1] + " " + modality;
                    assertQuality(
                            new QualityFilter(range[0], range[1], modality, Map.of(), place), files, activations, what);
                    assertReliability(
                            new ReliabilityFilter(range[0], range[1], modality, null, null, place),
                            files,
                            activations,
                            what);
                    assertSessionDetails(range[0], range[1], modality, place, files, activations, what);
                    assertTopFailureDrillThrough(
                            new ReliabilityFilter(range[0], range[1], modality, null, null, place),
                            files,
                            activations,
                            what);
                    if (modality == null) {
                        assertFeedback(
                                new ReliabilityFilter(range[0], range[1], null, null, null, place),
                                files,
                                activations,
                                what);
                    }
                }
            }
        }
        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        assertThatThrownBy(() -> quality.places(today)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reliability.report(
                        ReliabilityFilter.lastDays(today, 7).withPlace(new Place("Europe", null, null))))
                .isInstanceOf(AccessDeniedException.class);
    }

    /** Whether the subnet lies in the place by the file applying on the day. */
    private static boolean in(Place place, @Nullable Long upload, Map<Long, List<Net>> files, String subnet) {
        if (upload == null) {
            return false;
        }
        Net net = longest(files.get(upload), subnet);
        return net != null
                && net.region().equals(place.region())
                && (place.city() == null || place.city().equals(net.city()))
                && (place.building() == null || place.building().equals(net.building()));
    }

    private boolean inRange(Sent s, LocalDate from, LocalDate to) {
        return !s.day().isBefore(from) && !s.day().isAfter(to);
    }

    private void assertQuality(
            QualityFilter filter, Map<Long, List<Net>> files, List<Object[]> activations, String what) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        Map<String, long[]> subnets = new TreeMap<>();
        long[] total = new long[3];
        for (Sent s : sent) {
            if (!inRange(s, filter.from(), filter.to())) {
                continue;
            }
            Long upload = applying(activations, s.day());
            String[] sideSubnets = {s.fromSubnet(), s.toSubnet()};
            int[] verdicts = {s.fromVerdict(), s.toVerdict()};
            for (int i = 0; i < 2; i++) {
                if (in(filter.place(), upload, files, sideSubnets[i])) {
                    int slot = verdicts[i] == 1 ? 0 : verdicts[i] == 3 ? 1 : 2;
                    days.computeIfAbsent(s.day(), d -> new long[3])[slot]++;
                    subnets.computeIfAbsent(sideSubnets[i], d -> new long[3])[slot]++;
                    total[slot]++;
                }
            }
        }
        var report = quality.report(filter);
        QualityCounts shown = report.total();
        assertThat(new long[] {shown.good(), shown.poor(), shown.unclassified()})
                .as("quality total " + what)
                .isEqualTo(total);
        Map<LocalDate, long[]> trend = new TreeMap<>();
        report.trend()
                .forEach((day, byModality) -> byModality.values().forEach(c -> {
                    long[] row = trend.computeIfAbsent(day, d -> new long[3]);
                    row[0] += c.good();
                    row[1] += c.poor();
                    row[2] += c.unclassified();
                }));
        trend.values().removeIf(row -> row[0] + row[1] + row[2] == 0);
        assertThat(toText(trend)).as("quality trend " + what).isEqualTo(toText(days));
        Map<String, long[]> bySubnet = new TreeMap<>();
        for (var row : report.splits().get(QualitySplit.SUBNET)) {
            bySubnet.put(row.value(), new long[] {
                row.total().good(), row.total().poor(), row.total().unclassified()
            });
        }
        assertThat(toText(bySubnet)).as("quality by subnet " + what).isEqualTo(toText(subnets));
    }

    private void assertReliability(
            ReliabilityFilter filter, Map<Long, List<Net>> files, List<Object[]> activations, String what) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        Map<String, long[]> subnets = new TreeMap<>();
        long[] total = new long[4];
        for (Sent s : sent) {
            if (!inRange(s, filter.from(), filter.to())
                    || !in(filter.place(), applying(activations, s.day()), files, s.fromSubnet())) {
                continue;
            }
            for (long[] row : List.of(
                    total,
                    days.computeIfAbsent(s.day(), d -> new long[4]),
                    subnets.computeIfAbsent(s.fromSubnet(), d -> new long[4]))) {
                row[0] += s.outcome() == 1 ? 0 : 1;
                row[1] += s.outcome() == 2 ? 1 : 0;
                row[2] += s.outcome() == 3 ? 1 : 0;
                row[3] += s.outcome() == 1 ? 1 : 0;
            }
        }
        var report = reliability.report(filter);
        assertThat(counts(report.total())).as("reliability total " + what).isEqualTo(total);
        Map<LocalDate, long[]> trend = new TreeMap<>();
        report.trend().forEach((day, c) -> trend.put(day, counts(c)));
        assertThat(toText(trend)).as("reliability trend " + what).isEqualTo(toText(days));
        Map<String, long[]> bySubnet = new TreeMap<>();
        for (var row : report.splits().get(ReliabilitySplit.SUBNET)) {
            bySubnet.put(row.value(), counts(row.counts()));
        }
        assertThat(toText(bySubnet)).as("reliability by subnet " + what).isEqualTo(toText(subnets));
        // every session here is inside the corporate network on a wired connection
        long[] inside = new long[4];
        long[] overall = new long[4];
        for (var month : report.scorecard()) {
            add(overall, counts(month.overall()));
            add(inside, counts(month.inside()));
        }
        assertThat(overall).as("reliability scorecard " + what).isEqualTo(total);
        assertThat(inside).as("reliability scorecard inside " + what).isEqualTo(total);
        assertThat(report.splits().get(ReliabilitySplit.CONNECTION))
                .as("reliability by connection " + what)
                .allSatisfy(row -> assertThat(counts(row.counts())).isEqualTo(total));
        var wired = reliability.report(filter.withSplit(ReliabilitySplit.CONNECTION, "1"));
        assertThat(counts(wired.total())).as("reliability wired " + what).isEqualTo(total);
        var insideOnly = reliability.report(filter.withSplit(ReliabilitySplit.INSIDE, "1"));
        assertThat(counts(insideOnly.total())).as("reliability inside " + what).isEqualTo(total);
        subnets.forEach((subnet, expected) -> assertThat(counts(reliability
                        .report(filter.withSplit(ReliabilitySplit.SUBNET, subnet))
                        .total()))
                .as("reliability subnet " + subnet + " " + what)
                .isEqualTo(expected));
    }

    private static long[] counts(ReliabilityCounts c) {
        return new long[] {c.attempts(), c.setupFailures(), c.drops(), c.expected()};
    }

    private static void add(long[] sum, long[] row) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += row[i];
        }
    }

    /** The drill-through of a place (as the locations page links it) shows the sessions with a stream there. */
    private void assertSessionDetails(
            LocalDate from,
            LocalDate to,
            @Nullable Modality modality,
            Place place,
            Map<Long, List<Net>> files,
            List<Object[]> activations,
            String what) {
        long streams = 0;
        List<String> sessions = new ArrayList<>();
        for (Sent s : sent) {
            if (!inRange(s, from, to)) {
                continue;
            }
            Long upload = applying(activations, s.day());
            int here = (in(place, upload, files, s.fromSubnet()) ? 1 : 0)
                    + (in(place, upload, files, s.toSubnet()) ? 1 : 0);
            streams += here;
            if (here > 0) {
                sessions.add(s.id());
            }
        }
        var link = DrillThroughLink.of(new QualityFilter(from, to, modality, Map.of(), place));
        String query = link.toString().substring(link.toString().indexOf('?') + 1);
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters
                    .computeIfAbsent(nameValue[0], n -> new ArrayList<>())
                    .add(java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        var parsed = DrillThrough.parse(parameters, ZoneOffset.UTC);
        assertThat(parsed.errors()).as(link.toString()).isEmpty();
        var search = sessionDetails.search(parsed.search());
        assertThat(sessionDetails.countStreams(search))
                .as("session details streams " + what)
                .isEqualTo(streams);
        assertThat(sessionDetails.sessions(search, List.of(), 0, 1000))
                .as("session details sessions " + what)
                .extracting(SessionRow::dialogId)
                .containsExactlyInAnyOrderElementsOf(sessions);
        assertThat(sessionDetails.countSessions(search, List.of())).isEqualTo(sessions.size());
    }

    /**
     * Each top failure of a place links to exactly its sessions: those of the range whose caller's subnet lies in the
     * place, with the failure's outcome (500 is a setup failure, 200 with 52094 a drop).
     */
    private void assertTopFailureDrillThrough(
            ReliabilityFilter filter, Map<Long, List<Net>> files, List<Object[]> activations, String what) {
        Map<Integer, List<String>> byOutcome = new TreeMap<>();
        for (Sent s : sent) {
            if (inRange(s, filter.from(), filter.to())
                    && (s.outcome() == 2 || s.outcome() == 3)
                    && in(filter.place(), applying(activations, s.day()), files, s.fromSubnet())) {
                byOutcome.computeIfAbsent(s.outcome(), o -> new ArrayList<>()).add(s.id());
            }
        }
        var top = reliability.topFailures(filter, List.of(), 20);
        assertThat(top).as("top failures " + what).hasSize(byOutcome.size());
        for (var failure : top) {
            List<String> expected = byOutcome.get(failure.outcome().code());
            assertThat(failure.sessions()).as("top failure sessions " + what).isEqualTo(expected.size());
            String link = org.commsportal.reliability.SessionDetailsLink.of(
                    filter.from(),
                    filter.to(),
                    failure.responseCode(),
                    failure.diagnosticId(),
                    filter.modality(),
                    filter.place());
            var parsed = DrillThrough.parse(parameters(link), ZoneOffset.UTC);
            assertThat(parsed.errors()).as(link).isEmpty();
            var search = sessionDetails.search(parsed.search());
            assertThat(sessionDetails.sessions(search, List.of(), 0, 1000))
                    .as("top failure drill-through " + link + " " + what)
                    .extracting(SessionRow::dialogId)
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(sessionDetails.countSessions(search, List.of())).isEqualTo(failure.sessions());
        }
    }

    /**
     * Rate My Call of a place: the ratings (both sides) of the sessions the reliability page counts there, by the
     * caller's subnet; the subnet split by each rating's own side; each token once per rating.
     */
    private void assertFeedback(
            ReliabilityFilter filter, Map<Long, List<Net>> files, List<Object[]> activations, String what) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        Map<String, long[]> subnets = new TreeMap<>();
        Map<String, Long> tokens = new TreeMap<>();
        long[] total = new long[3];
        List<String> comments = new ArrayList<>();
        for (Sent s : sent) {
            if (!inRange(s, filter.from(), filter.to())
                    || !in(filter.place(), applying(activations, s.day()), files, s.fromSubnet())) {
                continue;
            }
            int[] ratings = {s.fromRating(), s.toRating()};
            String[] sideSubnets = {s.fromSubnet(), s.toSubnet()};
            String[] sideTokens = {s.fromTokens(), s.toTokens()};
            for (int i = 0; i < 2; i++) {
                if (ratings[i] == 0) {
                    continue;
                }
                for (long[] row : List.of(
                        total,
                        days.computeIfAbsent(s.day(), d -> new long[3]),
                        subnets.computeIfAbsent(sideSubnets[i], d -> new long[3]))) {
                    row[0]++;
                    row[1] += ratings[i];
                    row[2] += ratings[i] <= 2 ? 1 : 0;
                }
                if (sideTokens[i] != null) {
                    java.util.Arrays.stream(sideTokens[i].split(","))
                            .map(String::strip)
                            .distinct()
                            .forEach(token -> tokens.merge(token, 1L, Long::sum));
                }
            }
            if (s.comment() != null) {
                comments.add(s.comment());
            }
        }
        var report = reliability.feedback(filter);
        assertThat(feedbackCounts(report.total())).as("feedback total " + what).isEqualTo(total);
        Map<LocalDate, long[]> trend = new TreeMap<>();
        report.trend().forEach((day, c) -> trend.put(day, feedbackCounts(c)));
        assertThat(toText(trend)).as("feedback trend " + what).isEqualTo(toText(days));
        Map<String, long[]> bySubnet = new TreeMap<>();
        for (var row : report.splits().get(ReliabilitySplit.SUBNET)) {
            bySubnet.put(row.value(), feedbackCounts(row.counts()));
        }
        assertThat(toText(bySubnet)).as("feedback by subnet " + what).isEqualTo(toText(subnets));
        // each rating has one value of every split, whose rows so add up to the total
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            long[] sum = new long[3];
            for (var row : report.splits().get(split)) {
                long[] counts = feedbackCounts(row.counts());
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += counts[i];
                }
            }
            assertThat(sum).as("feedback split " + split + " " + what).isEqualTo(total);
        }
        // every session here is inside the corporate network: one inside row with every rating, or none
        assertThat(report.splits().get(ReliabilitySplit.INSIDE))
                .as("feedback inside " + what)
                .allSatisfy(row -> assertThat(feedbackCounts(row.counts())).isEqualTo(total));
        Map<String, Long> shownTokens = new TreeMap<>();
        report.tokens().values().forEach(list -> list.forEach(e -> shownTokens.put(e.getKey(), e.getValue())));
        assertThat(shownTokens).as("feedback tokens " + what).isEqualTo(tokens);
        assertThat(report.tokens().get(org.commsportal.reliability.ProblemTokens.Group.AUDIO))
                .extracting(Map.Entry::getKey)
                .allMatch(token -> token.equals("Echo") || token.equals("DistortedSpeech"));
        assertThat(reliability.commentCount(filter)).as("comments " + what).isEqualTo(comments.size());
        var shownComments = reliability.comments(filter, 0, 1000);
        assertThat(shownComments)
                .extracting(ReliabilityService.Comment::text)
                .as("comments " + what)
                .containsExactlyInAnyOrderElementsOf(comments);
        for (int i = 1; i < shownComments.size(); i++) {
            assertThat(shownComments.get(i).sessionStart())
                    .isBeforeOrEqualTo(shownComments.get(i - 1).sessionStart());
        }
        // a split value fixed with the place: the ratings of the caller's subnet alone
        subnets.forEach((subnet, expected) -> assertThat(feedbackCounts(reliability
                        .feedback(filter.withSplit(ReliabilitySplit.SUBNET, subnet))
                        .total()))
                .as("feedback subnet " + subnet + " " + what)
                .isEqualTo(expected));
    }

    private static long[] feedbackCounts(org.commsportal.reliability.FeedbackCounts c) {
        return new long[] {c.rated(), c.ratingSum(), c.poor()};
    }

    /** A link's query parameters as the page reads them. */
    private static Map<String, List<String>> parameters(String link) {
        String query = link.substring(link.indexOf('?') + 1);
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters
                    .computeIfAbsent(nameValue[0], n -> new ArrayList<>())
                    .add(java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }

    // ---- the recomputation ----

    private void assertLevels(LocationFilter filter, Map<Long, List<Net>> files, List<Object[]> activations) {
        Map<String, long[]> expected = expectedRows(filter, files, activations);
        List<LocationFigures> rows = service.report(filter).rows();
        Map<String, long[]> actual = new TreeMap<>();
        for (LocationFigures row : rows) {
            actual.put(row.value(), new long[] {
                row.good(), row.poor(), row.unclassified(), row.attempts(), row.setupFailures(), row.drops()
            });
        }
        assertThat(toText(actual))
                .as(
                        "%s level, path %s/%s/%s, %s to %s, %s",
                        filter.level(),
                        filter.region(),
                        filter.city(),
                        filter.building(),
                        filter.from(),
                        filter.to(),
                        filter.modality())
                .isEqualTo(toText(expected));
        if (filter.level() != LocationLevel.SUBNET) {
            for (String value : expected.keySet()) {
                assertLevels(filter.into(value), files, activations);
            }
        }
    }

    private static Map<String, String> toText(Map<?, long[]> rows) {
        Map<String, String> text = new TreeMap<>();
        rows.forEach((k, v) -> text.put(k.toString(), java.util.Arrays.toString(v)));
        return text;
    }

    private Map<String, long[]> expectedRows(
            LocationFilter filter, Map<Long, List<Net>> files, List<Object[]> activations) {
        Map<String, long[]> rows = new TreeMap<>();
        for (Sent s : sent) {
            if (s.day().isBefore(filter.from()) || s.day().isAfter(filter.to())) {
                continue;
            }
            Long upload = applying(activations, s.day());
            if (upload == null) {
                continue;
            }
            boolean audio = filter.modality() == null || filter.modality() == Modality.AUDIO;
            if (audio) {
                count(rows, filter, files.get(upload), s.fromSubnet(), s.fromVerdict(), -1);
                count(rows, filter, files.get(upload), s.toSubnet(), s.toVerdict(), -1);
            }
            if (filter.modality() == null || filter.modality() == Modality.AUDIO) {
                count(rows, filter, files.get(upload), s.fromSubnet(), 0, s.outcome());
            }
        }
        return rows;
    }

    private static void count(
            Map<String, long[]> rows, LocationFilter filter, List<Net> nets, String subnet, int verdict, int outcome) {
        Net net = longest(nets, subnet);
        if (net == null
                || (filter.region() != null && !filter.region().equals(net.region()))
                || (filter.city() != null && !filter.city().equals(net.city()))
                || (filter.building() != null && !filter.building().equals(net.building()))) {
            return;
        }
        String key = switch (filter.level()) {
            case REGION -> net.region();
            case CITY -> net.city();
            case BUILDING -> net.building();
            case SUBNET -> subnet;
        };
        long[] row = rows.computeIfAbsent(key, k -> new long[6]);
        if (verdict > 0) {
            row[verdict == 1 ? 0 : verdict == 3 ? 1 : 2]++;
        }
        if (outcome >= 0 && outcome != 1) {
            row[3]++;
            if (outcome == 2) {
                row[4]++;
            }
            if (outcome == 3) {
                row[5]++;
            }
        }
    }

    private List<MissingSubnet> expectedMissing(
            LocationFilter filter, Map<Long, List<Net>> files, List<Object[]> activations) {
        Map<String, Long> streams = new HashMap<>();
        boolean audio = filter.modality() == null || filter.modality() == Modality.AUDIO;
        for (Sent s : sent) {
            if (!audio || s.day().isBefore(filter.from()) || s.day().isAfter(filter.to())) {
                continue;
            }
            Long upload = applying(activations, s.day());
            for (String subnet : List.of(s.fromSubnet(), s.toSubnet())) {
                if (upload == null || longest(files.get(upload), subnet) == null) {
                    streams.merge(subnet, 1L, Long::sum);
                }
            }
        }
        return streams.entrySet().stream()
                .map(e -> new MissingSubnet(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(MissingSubnet::streams)
                        .reversed()
                        .thenComparing(MissingSubnet::subnet))
                .toList();
    }

    private static @Nullable Long applying(List<Object[]> activations, LocalDate day) {
        Long found = null;
        for (Object[] a : activations) {
            LocalDate from = (LocalDate) a[1];
            LocalDate to = (LocalDate) a[2];
            if (!day.isBefore(from) && (to == null || !day.isAfter(to))) {
                found = (Long) a[0];
            }
        }
        return found;
    }

    /** Brute force: every network that contains the address, the longest prefix of them. */
    private static @Nullable Net longest(List<Net> nets, String subnet) {
        byte[] bytes = IpNetwork.parseAddress(subnet);
        BigInteger address = new BigInteger(1, bytes);
        int bits = bytes.length * 8;
        Net best = null;
        for (Net net : nets) {
            if (net.bits() == bits
                    && address.shiftRight(bits - net.prefix())
                            .equals(net.address().shiftRight(bits - net.prefix()))
                    && (best == null || net.prefix() > best.prefix())) {
                best = net;
            }
        }
        return best;
    }

    private static List<Net> nets(String file) {
        List<Net> nets = new ArrayList<>();
        for (String line : file.split("\n")) {
            String[] f = line.split(line.contains("\t") ? "\t" : ",", -1);
            if (f[0].equals("NetworkIP")) {
                continue;
            }
            byte[] bytes = IpNetwork.parseAddress(f[0]);
            nets.add(new Net(new BigInteger(1, bytes), bytes.length * 8, Integer.parseInt(f[2]), f[11], f[7], f[3]));
        }
        return nets;
    }

    // ---- records ----

    private void write(Random random, String id, List<String> subnets) {
        LocalDate day = today.minusDays(random.nextInt(40));
        Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(86_000));
        String fromSubnet = subnets.get(random.nextInt(subnets.size()));
        String toSubnet = subnets.get(random.nextInt(subnets.size()));
        int fromVerdict = 1 + random.nextInt(3);
        int toVerdict = 1 + random.nextInt(3);
        int kind = random.nextInt(4); // 0 fine, 1 setup failure, 2 drop, 3 expected failure
        int response = kind == 1 ? 500 : kind == 3 ? 486 : 200;
        Integer diagnostic = kind == 2 ? 52094 : null;
        var lines = List.of(line(Side.FROM, fromSubnet), line(Side.TO, toSubnet));
        var audio = List.of(audio(Side.FROM, fromVerdict), audio(Side.TO, toVerdict));
        // ratings by the id alone, so the random draws (and the other tests' sessions) stay as they were
        int hash = Math.floorMod(id.hashCode(), 1000);
        int fromRating = 1 + hash % 5;
        int toRating = hash % 3 == 0 ? 0 : 1 + (hash / 5) % 5;
        String fromTokens = fromRating <= 2 ? "Echo, DistortedSpeech,Echo" : fromRating == 3 ? "FrozenVideo" : null;
        String toTokens = toRating == 1 ? "DroppedCall" : null;
        String comment = hash % 4 == 0 ? "comment on " + id : null;
        List<Quality.Feedback> feedback = new ArrayList<>();
        feedback.add(new Quality.Feedback(Side.FROM, fromRating, fromTokens, comment));
        if (toRating > 0) {
            feedback.add(new Quality.Feedback(Side.TO, toRating, toTokens, null));
        }
        var quality = new Quality.Report(
                List.of(), lines, audio, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), feedback);
        var record = new SessionRecord(
                id,
                start,
                start.plusSeconds(120),
                "sip:ada@" + tenant.name(),
                "sip:cyd@" + tenant.name(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                response,
                diagnostic,
                List.of(new MediaUsage(Modality.AUDIO, 120_000)),
                0,
                quality);
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(record)));
        sent.add(new Sent(
                id,
                day,
                fromSubnet,
                toSubnet,
                fromVerdict,
                toVerdict,
                kind == 3 ? 1 : kind == 1 ? 2 : kind == 2 ? 3 : 0,
                start,
                fromRating,
                toRating,
                fromTokens,
                toTokens,
                comment));
    }

    private static Quality.MediaLine line(Side side, String subnet) {
        return new Quality.MediaLine(
                side, Modality.AUDIO, "10.0.0.1", 50000, subnet, true, false, "wired", null, null, "succeeded", null);
    }

    /** Verdict 1 Good (every metric far below its threshold), 3 Poor (jitter far above), 2 Unclassified (no metric). */
    private static Quality.AudioStream audio(Side side, int verdict) {
        Double jitter = verdict == 2 ? null : verdict == 3 ? 90.0 : 3.0;
        Double small = verdict == 2 ? null : 0.001;
        Double roundTrip = verdict == 2 ? null : 40.0;
        Double degradation = verdict == 2 ? null : 0.05;
        return new Quality.AudioStream(
                side,
                "SILK",
                jitter,
                null,
                small,
                null,
                roundTrip,
                null,
                null,
                null,
                degradation,
                null,
                small,
                null,
                null);
    }

    private void awaitMapped() throws InterruptedException {
        for (int i = 0; i < 200 && service.status().remapping(); i++) {
            Thread.sleep(100);
        }
        assertThat(service.status().remapping()).isFalse();
    }

    private static ByteArrayInputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
