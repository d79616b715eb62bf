package org.commsportal.demo;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.sessions.ConferenceJoin;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.sessions.Side;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Generates realistic tenants deterministically from a seed: users (some joining or deleted mid-period), about
 * six peer-to-peer IM sessions per user per weekday, fewer audio, video, application sharing and file transfer
 * sessions, conferences, PSTN calls, quality records with a few percent poor streams, and some feedback.
 * Everything is written through {@link SessionWriter}, the path ingestion uses, one day per transaction.
 */
@Service
public class DemoDataGenerator {

    static final List<String> TENANT_NAMES = List.of(
            "contoso.example",
            "fabrikam.example",
            "northwind.example",
            "adatum.example",
            "litware.example",
            "tailspin.example",
            "wingtip.example",
            "woodgrove.example");

    private static final Logger log = LoggerFactory.getLogger(DemoDataGenerator.class);

    private static final List<String> FIRST_NAMES = List.of(
            "Ada", "Ben", "Chen", "Dana", "Emil", "Fatima", "Gita", "Hugo", "Ines", "Jonas", "Kenji", "Lena", "Mateo",
            "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe",
            "Amara", "Bjorn", "Carmen", "Dmitri");
    private static final List<String> LAST_NAMES = List.of(
            "Adams",
            "Bauer",
            "Costa",
            "Dubois",
            "Eriksen",
            "Fischer",
            "Garcia",
            "Haddad",
            "Ito",
            "Jensen",
            "Kowalski",
            "Larsen",
            "Moreau",
            "Novak",
            "Okafor",
            "Petrov",
            "Quispe",
            "Rossi",
            "Schmidt",
            "Tanaka",
            "Ueda",
            "Varga",
            "Weber",
            "Xu",
            "Yilmaz",
            "Zhang");
    /**
     * The clients people sit at: mostly Skype for Business on Windows, some Macs, a few web app users and meeting
     * room phones. One of each platform the device usage page knows (docs/device-usage.md), and one it does not.
     */
    private static final List<String> DESKS = List.of(
            "UCCAPI/16.0.4549.1000 OC/16.0.4549.1000 (Skype for Business)",
            "UCCAPI/16.0.4549.1000 OC/16.0.4549.1000 (Skype for Business)",
            "UCCAPI/16.0.4549.1000 OC/16.0.4549.1000 (Skype for Business)",
            "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)",
            "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)",
            "UCCAPI/15.0.5023.1000 OC/15.0.5023.1000 (Skype for Business)",
            "UCCAPI/15.0.5023.1000 OC/15.0.5023.1000 (Skype for Business)",
            "SfBMac/16.24.0.0 (Skype for Business for Mac)",
            "SfBMac/16.24.0.0 (Skype for Business for Mac)",
            "LWA/16.0.0.0 (Skype for Business Web App)",
            "CPE/6.0.9319.510 (Polycom VVX 500)",
            "RoomSystem/2.1.0 (Conference Room)");

    /** The mobile clients of the people who have one, iPhones first. */
    private static final List<String> MOBILES = List.of(
            "UCWA/6.0.0.0 iPhoneLync/6.22.0.0 (iPhone iOS 12.1)",
            "UCWA/6.0.0.0 iPhoneLync/6.22.0.0 (iPhone iOS 12.1)",
            "UCWA/6.0.0.0 iPhoneLync/6.22.0.0 (iPhone iOS 12.1)",
            "UCWA/6.0.0.0 AndroidLync/6.22.0.0 (Android 9)",
            "UCWA/6.0.0.0 AndroidLync/6.22.0.0 (Android 9)",
            "UCWA/6.0.0.0 iPadLync/6.22.0.0 (iPad iOS 12.1)",
            "UCWA/5.0.0.0 WPLync/5.4.1087.0 (Windows Phone 8.0)");

    private static final String PARTNER_DOMAIN = "partner.example";

    private final TenantService tenants;
    private final DirectoryService directory;
    private final SessionWriter sessionWriter;
    private final CurrentTenant currentTenant;

    DemoDataGenerator(
            TenantService tenants,
            DirectoryService directory,
            SessionWriter sessionWriter,
            CurrentTenant currentTenant) {
        this.tenants = tenants;
        this.directory = directory;
        this.sessionWriter = sessionWriter;
        this.currentTenant = currentTenant;
    }

    /** Creates the spec's tenants with their users and sessions; returns them in creation order. */
    public List<Tenant> generate(DemoDataSpec spec) {
        List<Tenant> created = createTenants(spec);
        populate(spec, created, percent -> {});
        return created;
    }

    /** Creates the spec's tenants, still empty; returns them in creation order. */
    public List<Tenant> createTenants(DemoDataSpec spec) {
        List<Tenant> created = new ArrayList<>();
        for (int i = 0; i < spec.tenants(); i++) {
            String name = TENANT_NAMES.get(i);
            UUID guid = UUID.nameUUIDFromBytes((spec.seed() + "/" + name).getBytes(StandardCharsets.UTF_8));
            // The first demo tenant shows real names, the others keep the concealing default: both are visible.
            created.add(tenants.create(name, guid, i != 0));
        }
        return created;
    }

    /**
     * Writes the users and sessions of the tenants {@link #createTenants} made, telling {@code percent} how much of
     * the whole (every tenant's days) is written.
     */
    public void populate(DemoDataSpec spec, List<Tenant> created, IntConsumer percent) {
        long daysInAll = (long) created.size() * spec.days();
        for (int i = 0; i < created.size(); i++) {
            Tenant tenant = created.get(i);
            var random = new DemoRandom(spec.seed() * 31 + i);
            long daysBefore = (long) i * spec.days();
            currentTenant.runAs(
                    tenant.id(),
                    () -> populate(
                            spec,
                            random,
                            tenant.name(),
                            done -> percent.accept((int) (100 * (daysBefore + done) / daysInAll))));
        }
    }

    private void populate(DemoDataSpec spec, DemoRandom random, String domain, LongConsumer daysDone) {
        List<UserRecord> users = users(spec, random, domain);
        directory.upsert(users);
        var sessions = new SessionFactory(random, domain);
        long total = 0;
        for (LocalDate day = spec.firstDay(); !day.isAfter(spec.lastDay()); day = day.plusDays(1)) {
            List<SessionRecord> batch = sessions.forDay(day, activeOn(users, day));
            sessionWriter.write(batch);
            total += batch.size();
            long done = day.toEpochDay() - spec.firstDay().toEpochDay() + 1;
            daysDone.accept(done);
            if (done % 30 == 0 || day.equals(spec.lastDay())) {
                log.info("Demo data for {}: {} of {} days, {} sessions", domain, done, spec.days(), total);
            }
        }
    }

    static List<UserRecord> users(DemoDataSpec spec, DemoRandom random, String domain) {
        List<UserRecord> users = new ArrayList<>(spec.users());
        Set<String> aliases = new HashSet<>();
        LocalDate first = spec.firstDay();
        for (int i = 0; i < spec.users(); i++) {
            String given = random.pick(FIRST_NAMES);
            String family = random.pick(LAST_NAMES);
            String base = (given + "." + family).toLowerCase(Locale.ROOT);
            String alias = base;
            for (int n = 2; !aliases.add(alias); n++) {
                alias = base + n;
            }
            LocalDate licensedFrom = first.minusDays(random.between(30, 400));
            LocalDate deletedAt = null;
            if (random.chance(0.06)) {
                licensedFrom = first.plusDays(random.between(0, spec.days())); // joined during the period
            } else if (random.chance(0.05)) {
                deletedAt = first.plusDays(random.between(0, spec.days())); // license removed during the period
            }
            users.add(new UserRecord(
                    alias + "@" + domain,
                    alias,
                    given + " " + family,
                    licensedFrom,
                    deletedAt,
                    null,
                    usageLocation(alias)));
        }
        return users;
    }

    /**
     * Most people work in the US, one in ten in Great Britain and one in ten in Germany, so that the PSTN usage
     * page has domestic and international calls (docs/pstn-usage.md); from the alias, without a random draw, so
     * every other figure stays as it was.
     */
    private static String usageLocation(String alias) {
        return switch (Math.floorMod(alias.hashCode(), 10)) {
            case 0 -> "GB";
            case 1 -> "DE";
            default -> "US";
        };
    }

    static List<UserRecord> activeOn(List<UserRecord> users, LocalDate day) {
        return users.stream()
                .filter(u -> !u.licensedFrom().isAfter(day) && (u.deletedAt() == null || day.isBefore(u.deletedAt())))
                .toList();
    }

    /** Builds one day of sessions for the users licensed that day. */
    static final class SessionFactory {
        private final DemoRandom random;
        private final QualityGenerator quality;
        private final String domain;

        SessionFactory(DemoRandom random, String domain) {
            this.random = random;
            this.quality = new QualityGenerator(random);
            this.domain = domain;
        }

        List<SessionRecord> forDay(LocalDate day, List<UserRecord> active) {
            List<SessionRecord> out = new ArrayList<>();
            if (active.size() < 2) {
                return out;
            }
            double load = switch (day.getDayOfWeek()) {
                case SATURDAY -> 0.25;
                case SUNDAY -> 0.15;
                default -> day.getDayOfWeek() == DayOfWeek.MONDAY ? 0.9 : 1.0;
            };
            for (UserRecord user : active) {
                repeat(random.poisson(3.0 * load), () -> out.add(peerToPeer(day, user, active, List.of(Modality.IM))));
                repeat(
                        random.poisson(0.5 * load),
                        () -> out.add(peerToPeer(
                                day,
                                user,
                                active,
                                random.chance(0.35)
                                        ? List.of(Modality.AUDIO, Modality.VIDEO)
                                        : List.of(Modality.AUDIO))));
                repeat(
                        random.poisson(0.12 * load),
                        () -> out.add(
                                peerToPeer(day, user, active, List.of(Modality.AUDIO, Modality.APPLICATION_SHARING))));
                repeat(
                        random.poisson(0.15 * load),
                        () -> out.add(peerToPeer(day, user, active, List.of(Modality.IM, Modality.FILE_TRANSFER))));
                repeat(random.poisson(0.08 * load), () -> out.add(pstnCall(day, user)));
                repeat(random.poisson(0.2 * load), () -> out.addAll(conference(day, user, active)));
            }
            return out;
        }

        private static void repeat(int times, Runnable action) {
            for (int i = 0; i < times; i++) {
                action.run();
            }
        }

        private SessionRecord peerToPeer(
                LocalDate day, UserRecord from, List<UserRecord> active, List<Modality> media) {
            String toUri;
            @Nullable UserRecord callee = null;
            boolean external = random.chance(0.08);
            if (external) {
                toUri = "sip:" + random.pick(FIRST_NAMES).toLowerCase(Locale.ROOT) + "." + random.hex(4) + "@"
                        + PARTNER_DOMAIN;
            } else {
                UserRecord to = from;
                while (to == from) {
                    to = random.pick(active);
                }
                toUri = "sip:" + to.upn();
                callee = to;
            }
            Instant start = startTime(day);
            List<MediaUsage> usages = usages(media);
            long duration =
                    usages.stream().mapToLong(MediaUsage::durationMs).max().orElse(60_000);
            String fromVersion = clientOf(from);
            boolean realTime = media.contains(Modality.AUDIO)
                    || media.contains(Modality.VIDEO)
                    || media.contains(Modality.APPLICATION_SHARING);
            Quality.Report report = realTime
                    ? quality.report(media, external ? List.of(Side.FROM) : List.of(Side.FROM, Side.TO), fromVersion)
                    : Quality.Report.none();
            int imCount = media.contains(Modality.IM) ? random.between(1, 40) : 0;
            Ending ending = ending(fromVersion);
            return new SessionRecord(
                    dialogId(),
                    start,
                    start.plusMillis(duration),
                    "sip:" + from.upn(),
                    toUri,
                    fromVersion,
                    callee == null ? null : clientOf(callee),
                    null,
                    null,
                    null,
                    null,
                    random.uuid().toString(),
                    external ? null : random.uuid().toString(),
                    null,
                    null,
                    ending.responseCode(),
                    ending.diagnosticId(),
                    usages,
                    imCount,
                    report,
                    null,
                    null,
                    null,
                    ending.reason());
        }

        /**
         * A user's call to a number, or, one in four (from the same draw as the number), a number's call to the user;
         * outbound calls carry the user's own number (from their alias).
         */
        private SessionRecord pstnCall(LocalDate day, UserRecord user) {
            String number = phoneNumber();
            boolean inbound = Math.floorMod(number.hashCode(), 4) == 3;
            Instant start = startTime(day);
            List<MediaUsage> usages = usages(List.of(Modality.AUDIO));
            String version = clientOf(user);
            Ending ending = ending(version);
            String userUri = "sip:" + user.upn();
            String numberUri = "sip:" + number + "@" + domain + ";user=phone";
            return new SessionRecord(
                    dialogId(),
                    start,
                    start.plusMillis(usages.get(0).durationMs()),
                    inbound ? numberUri : userUri,
                    inbound ? userUri : numberUri,
                    inbound ? "Mediation Server" : version,
                    inbound ? version : "Mediation Server",
                    null,
                    null,
                    inbound ? number : ownNumber(user),
                    inbound ? null : number,
                    random.uuid().toString(),
                    null,
                    null,
                    null,
                    ending.responseCode(),
                    ending.diagnosticId(),
                    usages,
                    0,
                    quality.report(List.of(Modality.AUDIO), List.of(inbound ? Side.TO : Side.FROM), version),
                    null,
                    null,
                    null,
                    ending.reason());
        }

        /** A user's own direct number, in their usage location's country. */
        private static String ownNumber(UserRecord user) {
            String line = String.format("%04d", Math.floorMod(user.upn().hashCode(), 10_000));
            return switch (String.valueOf(user.usageLocation())) {
                case "GB" -> "+44161496" + line;
                case "DE" -> "+49891234" + line;
                default -> "+1206555" + line;
            };
        }

        /**
         * An organizer's conference and the sessions of the participants who joined it: some with web conferencing
         * (slides, whiteboard), some with telephone parties who dialled in or were called, through the organizer's
         * audio conferencing provider (a quarter of organizers use a third party's).
         */
        private List<SessionRecord> conference(LocalDate day, UserRecord organizer, List<UserRecord> active) {
            String focus = "sip:" + organizer.upn() + ";gruu;opaque=app:conf:focus:id:"
                    + random.hex(8).toUpperCase();
            String instance = random.uuid().toString();
            Instant start = startTime(day);
            // one draw, as many as before: half are full meetings, the rest IM and audio, audio only or chat only,
            // so that the organizer and participant pages' IM and audio/video lines differ
            double kind = random.between(0.0, 1.0);
            List<Modality> media = kind < 0.5
                    ? List.of(Modality.IM, Modality.AUDIO, Modality.VIDEO, Modality.APPLICATION_SHARING)
                    : kind < 0.75
                            ? List.of(Modality.IM, Modality.AUDIO)
                            : kind < 0.9 ? List.of(Modality.AUDIO) : List.of(Modality.IM);
            boolean web = random.chance(0.4);
            ConferenceJoin.ConferencingProvider provider =
                    Math.floorMod(organizer.upn().hashCode(), 4) == 0
                            ? ConferenceJoin.ConferencingProvider.THIRD_PARTY
                            : ConferenceJoin.ConferencingProvider.MICROSOFT;
            List<SessionRecord> out = new ArrayList<>();
            int participants = 1 + random.between(1, 5);
            for (int i = 0; i < participants; i++) {
                UserRecord who = i == 0 ? organizer : random.pick(active);
                // now and then a participant joins from a mobile phone, dialling in as themself
                boolean dialsIn = i > 0 && random.chance(0.08);
                List<Modality> used = dialsIn ? List.of(Modality.AUDIO) : media;
                List<MediaUsage> usages = usages(used);
                Instant joined = start.plusSeconds(random.between(0, 120));
                long duration =
                        usages.stream().mapToLong(MediaUsage::durationMs).max().orElse(60_000);
                String version = dialsIn ? "Mediation Server" : clientOf(who);
                String number = dialsIn ? phoneNumber() : null;
                out.add(conferenceSession(
                        joined,
                        duration,
                        "sip:" + who.upn(),
                        number,
                        focus,
                        instance,
                        version,
                        usages,
                        dialsIn ? Boolean.FALSE : web && random.chance(0.85),
                        dialsIn ? ConferenceJoin.DialDirection.DIAL_IN : null,
                        dialsIn ? provider : null,
                        quality.report(used, List.of(Side.FROM), version)));
            }
            if (random.chance(0.3)) {
                // an outside party on the telephone: dialled in, or called out to by the conference
                String number = phoneNumber();
                List<MediaUsage> usages = usages(List.of(Modality.AUDIO));
                Instant joined = start.plusSeconds(random.between(0, 300));
                out.add(conferenceSession(
                        joined,
                        usages.get(0).durationMs(),
                        "sip:" + number + "@" + domain + ";user=phone",
                        number,
                        focus,
                        instance,
                        "Mediation Server",
                        usages,
                        Boolean.FALSE,
                        random.chance(0.75)
                                ? ConferenceJoin.DialDirection.DIAL_IN
                                : ConferenceJoin.DialDirection.DIAL_OUT,
                        provider,
                        Quality.Report.none()));
            }
            return out;
        }

        private SessionRecord conferenceSession(
                Instant joined,
                long durationMs,
                String fromUri,
                @Nullable String fromTel,
                String focus,
                String instance,
                String version,
                List<MediaUsage> usages,
                Boolean webConferencing,
                ConferenceJoin.@Nullable DialDirection dialInOut,
                ConferenceJoin.@Nullable ConferencingProvider provider,
                Quality.Report report) {
            return new SessionRecord(
                    dialogId(),
                    joined,
                    joined.plusMillis(durationMs),
                    fromUri,
                    focus,
                    version,
                    "Conferencing Server",
                    focus,
                    instance,
                    fromTel,
                    null,
                    random.uuid().toString(),
                    null,
                    null,
                    null,
                    200,
                    null,
                    usages,
                    usages.stream().anyMatch(u -> u.type() == Modality.IM) ? random.between(0, 15) : 0,
                    report,
                    webConferencing,
                    dialInOut,
                    provider);
        }

        /**
         * The client a user is on: their desk client (fixed per user) three times in four, else their mobile, for
         * the half of users who have one (fixed per user too).
         */
        private String clientOf(UserRecord user) {
            int seed = Math.floorMod(user.upn().hashCode(), 1 << 20);
            boolean mobile = seed % 2 == 0 && random.chance(0.25);
            return mobile ? MOBILES.get((seed / 2) % MOBILES.size()) : DESKS.get((seed / 7) % DESKS.size());
        }

        /**
         * A number in the US mostly, in Great Britain, Germany or Australia now and then; its country from the same
         * one draw, so that every other figure stays as it was.
         */
        private String phoneNumber() {
            int line = random.between(0, 10_000);
            String prefix = switch (line % 10) {
                case 0 -> "+44207946";
                case 1 -> "+4930901";
                case 2 -> "+6129123";
                default -> "+1425555";
            };
            return prefix + String.format("%04d", line);
        }

        private List<MediaUsage> usages(List<Modality> media) {
            long longest = random.durationMs(media.contains(Modality.AUDIO) ? 480 : 240, 7200);
            List<MediaUsage> usages = new ArrayList<>();
            for (Modality type : media) {
                long duration = type == Modality.AUDIO || type == Modality.IM
                        ? longest
                        : Math.max(1000, Math.round(longest * random.between(0.3, 1.0)));
                usages.add(new MediaUsage(type, duration));
            }
            return usages;
        }

        /** Mostly office hours UTC, a few late-evening sessions that run past midnight. */
        private Instant startTime(LocalDate day) {
            long second;
            if (random.chance(0.01)) {
                second = random.between(23 * 3600 + 30 * 60, 24 * 3600);
            } else {
                double hour = Math.min(23.9, Math.max(0, random.gaussian(13, 3.5)));
                second = Math.round(hour * 3600);
            }
            return day.atStartOfDay()
                    .toInstant(ZoneOffset.UTC)
                    .plusSeconds(second)
                    .plusMillis(random.between(0, 1000));
        }

        private String dialogId() {
            return random.hex(32) + ";from-tag=" + random.hex(10) + ";to-tag=" + random.hex(10);
        }

        /**
         * How a call ended (docs/reliability.md): about 4 % expected failures (declined, busy, unanswered,
         * cancelled), about 2.5 % setup failures, of which one cause stands out (488 with the media connectivity
         * failure of an internal and a remote endpoint), and about 1 % drops, three times as many on the old client
         * ({@link QualityGenerator#BAD_CLIENT}).
         */
        private Ending ending(String clientVersion) {
            boolean badClient = QualityGenerator.BAD_CLIENT.equals(clientVersion);
            if (random.chance(0.04)) {
                return random.pick(List.of(
                        new Ending(480, 13004, "Request was proxied to one or more registered endpoints"),
                        new Ending(486, null, null),
                        new Ending(487, null, null),
                        new Ending(603, 51004, "Action initiated by user")));
            }
            if (random.chance(0.025)) {
                return random.chance(0.7)
                        ? new Ending(
                                488,
                                23,
                                "Call failed to establish due to a media connectivity failure when one endpoint is"
                                        + " internal and the other is remote")
                        : random.pick(List.of(
                                new Ending(500, null, null),
                                new Ending(408, null, null),
                                new Ending(504, 1008, "Unable to resolve DNS SRV record")));
            }
            if (random.chance(badClient ? 0.03 : 0.008)) {
                return new Ending(
                        200, 52094, "Call terminated on mid-call media failure where both endpoints are internal");
            }
            return new Ending(200, null, null);
        }

        /** A call's final response code, diagnostic id and its reason text. */
        private record Ending(
                int responseCode,
                @Nullable Integer diagnosticId,
                @Nullable String reason) {}
    }
}
