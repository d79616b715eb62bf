package org.commsportal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commsportal.deviceusage.ClientPlatforms;
import org.commsportal.deviceusage.Platform;
import org.commsportal.directory.UserRecord;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator's content without a database: deterministic, and shaped as the README's demo data describes. */
class DemoContentTest {

    private static final DemoDataSpec SPEC = new DemoDataSpec(42, 1, 200, 28, LocalDate.parse("2026-11-01"));
    private static List<UserRecord> users;
    private static List<List<SessionRecord>> days;

    @BeforeAll
    static void generate() {
        users = DemoDataGenerator.users(SPEC, new DemoRandom(7), "contoso.example");
        days = generateDays(new DemoRandom(8));
    }

    private static List<List<SessionRecord>> generateDays(DemoRandom random) {
        var factory = new DemoDataGenerator.SessionFactory(random, "contoso.example");
        List<List<SessionRecord>> out = new ArrayList<>();
        for (LocalDate day = SPEC.firstDay(); !day.isAfter(SPEC.lastDay()); day = day.plusDays(1)) {
            out.add(factory.forDay(day, DemoDataGenerator.activeOn(users, day)));
        }
        return out;
    }

    @Test
    void the_same_seed_generates_the_same_users_and_sessions() {
        assertThat(DemoDataGenerator.users(SPEC, new DemoRandom(7), "contoso.example"))
                .isEqualTo(users);
        assertThat(generateDays(new DemoRandom(8))).isEqualTo(days);
    }

    @Test
    void another_seed_generates_other_data() {
        assertThat(generateDays(new DemoRandom(9))).isNotEqualTo(days);
    }

    @Test
    void users_have_unique_aliases_and_some_join_or_leave_during_the_period() {
        assertThat(users).extracting(UserRecord::alias).doesNotHaveDuplicates();
        assertThat(users).anyMatch(u -> u.deletedAt() != null && !u.deletedAt().isBefore(SPEC.firstDay()));
        assertThat(users).anyMatch(u -> u.licensedFrom().isAfter(SPEC.firstDay()));
    }

    @Test
    void a_user_takes_part_in_about_six_peer_to_peer_im_sessions_per_weekday() {
        long participations = 0;
        long activeUserDays = 0;
        for (int i = 0; i < days.size(); i++) {
            LocalDate day = SPEC.firstDay().plusDays(i);
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY
                    || day.getDayOfWeek() == DayOfWeek.SUNDAY
                    || day.getDayOfWeek() == DayOfWeek.MONDAY) {
                continue;
            }
            activeUserDays += DemoDataGenerator.activeOn(users, day).size();
            participations += days.get(i).stream()
                    .filter(s -> !s.isConference() && uses(s, Modality.IM))
                    .mapToLong(s -> s.toUri() != null && s.toUri().endsWith("@contoso.example") ? 2 : 1)
                    .sum();
        }
        assertThat((double) participations / activeUserDays).isBetween(5.0, 7.0);
    }

    @Test
    void weekdays_are_busier_than_weekends() {
        assertThat(sessionsOn(DayOfWeek.WEDNESDAY)).isGreaterThan(3 * sessionsOn(DayOfWeek.SUNDAY));
    }

    @Test
    void there_are_conferences_pstn_calls_and_sessions_past_midnight() {
        List<SessionRecord> all = days.stream().flatMap(List::stream).toList();
        assertThat(all).anyMatch(SessionRecord::isConference);
        assertThat(all).anyMatch(s -> s.toTel() != null && s.toTel().matches("\\+1425555\\d{4}"));
        assertThat(all)
                .anyMatch(s -> !s.startTime()
                        .atZone(java.time.ZoneOffset.UTC)
                        .toLocalDate()
                        .equals(s.endTime().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
    }

    @Test
    void conferences_differ_in_their_media_so_that_each_type_has_its_own_line() {
        var mediaSets = days.stream()
                .flatMap(List::stream)
                .filter(s -> s.isConference() && s.conferenceJoin().direction() == null)
                .map(s -> s.media().stream().map(MediaUsage::type).collect(java.util.stream.Collectors.toSet()))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(mediaSets)
                .contains(
                        java.util.Set.of(Modality.IM),
                        java.util.Set.of(Modality.AUDIO),
                        java.util.Set.of(Modality.IM, Modality.AUDIO),
                        java.util.Set.of(Modality.IM, Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING));
    }

    @Test
    void callers_use_every_client_platform_and_some_unrecognised_clients() {
        var platforms = days.stream()
                .flatMap(List::stream)
                .map(s -> ClientPlatforms.platformOf(s.fromClientVersion()))
                .collect(java.util.stream.Collectors.toSet());
        assertThat(platforms).containsExactlyInAnyOrder(Platform.values());
    }

    @Test
    void a_few_percent_of_audio_streams_are_poor_and_some_sessions_have_feedback() {
        List<Quality.AudioStream> streams = days.stream()
                .flatMap(List::stream)
                .flatMap(s -> s.quality().audioStreams().stream())
                .toList();
        long poor = streams.stream()
                .filter(a -> a.jitterAvgMs() > 30
                        || a.packetLossRateAvg() > 0.1
                        || a.roundTripAvgMs() > 500
                        || a.degradationAvg() > 1.0
                        || a.concealedRatioAvg() > 0.07)
                .count();
        assertThat((double) poor / streams.size()).isBetween(0.01, 0.10);
        assertThat(days.stream().flatMap(List::stream))
                .anyMatch(s -> !s.quality().feedback().isEmpty());
    }

    @Test
    void wi_fi_outside_the_bad_subnet_and_the_bad_client_have_more_poor_audio_streams() {
        Map<String, long[]> byGroup = new java.util.HashMap<>();
        days.stream().flatMap(List::stream).forEach(s -> {
            for (Quality.AudioStream a : s.quality().audioStreams()) {
                Quality.MediaLine line = s.quality().mediaLines().stream()
                        .filter(l -> l.side() == a.side() && l.mediaType() == org.commsportal.sessions.Modality.AUDIO)
                        .findFirst()
                        .orElseThrow();
                boolean poor = a.jitterAvgMs() > 30
                        || a.packetLossRateAvg() > 0.1
                        || a.roundTripAvgMs() > 500
                        || a.degradationAvg() > 1.0
                        || a.concealedRatioAvg() > 0.07;
                String agent = s.quality().sessions().stream()
                        .filter(i -> i.side() == a.side())
                        .map(Quality.SessionInfo::userAgent)
                        .findFirst()
                        .orElse("");
                for (String group : List.of(
                        "all",
                        "connection " + line.connectionType(),
                        "inside " + line.insideCorp(),
                        QualityGenerator.BAD_SUBNET.equals(line.subnet()) ? "bad subnet" : "other subnets",
                        QualityGenerator.BAD_CLIENT.equals(agent) ? "bad client" : "other clients")) {
                    long[] counts = byGroup.computeIfAbsent(group, g -> new long[2]);
                    counts[0]++;
                    counts[1] += poor ? 1 : 0;
                }
            }
        });
        java.util.function.Function<String, Double> share = g -> (double) byGroup.get(g)[1] / byGroup.get(g)[0];
        assertThat(share.apply("connection wifi")).isGreaterThan(share.apply("connection wired") * 1.5);
        assertThat(share.apply("inside false")).isGreaterThan(share.apply("inside true") * 1.5);
        assertThat(share.apply("bad subnet")).isGreaterThan(share.apply("other subnets") * 4);
        assertThat(share.apply("bad client")).isGreaterThan(share.apply("other clients") * 2);
        assertThat(share.apply("all")).isBetween(0.01, 0.10);
    }

    private long sessionsOn(DayOfWeek dayOfWeek) {
        long count = 0;
        for (int i = 0; i < days.size(); i++) {
            if (SPEC.firstDay().plusDays(i).getDayOfWeek() == dayOfWeek) {
                count += days.get(i).size();
            }
        }
        return count;
    }

    private static boolean uses(SessionRecord session, Modality type) {
        return session.media().stream().map(MediaUsage::type).anyMatch(type::equals);
    }
}
