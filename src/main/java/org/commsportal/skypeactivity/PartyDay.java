package org.commsportal.skypeactivity;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import org.commsportal.sessions.ConferenceJoin;
import org.commsportal.sessions.ConferenceKey;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.Modality;

/**
 * One row of the read model's key: a licensed user (0 for the tenant as a whole), the UTC day a session started, the
 * kind of the user's part in it and the conference (all zero for peer-to-peer).
 */
record PartyDay(long userId, LocalDate day, Kind kind, byte[] conferenceKey) {

    static final long TENANT = 0;
    private static final byte[] PEER_TO_PEER = new byte[8];

    /** The user's part in a session: the number stored in {@code kind}. */
    enum Kind {
        PEER_TO_PEER,
        ORGANIZED,
        PARTICIPATED;

        int code() {
            return ordinal();
        }
    }

    /** A kind and day of the tenant's day totals ({@code activity_day_total}), in key order. */
    record KindDay(LocalDate day, Kind kind) implements Comparable<KindDay> {
        @Override
        public int compareTo(KindDay other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : kind.compareTo(other.kind);
        }
    }

    KindDay kindDay() {
        return new KindDay(day, kind);
    }

    /** Key order, the order rows are written in so that concurrent writers lock them alike. */
    static final Comparator<PartyDay> ORDER = Comparator.comparingLong(PartyDay::userId)
            .thenComparing(PartyDay::kind)
            .thenComparing(PartyDay::day)
            .thenComparing(PartyDay::conferenceKey, Arrays::compareUnsigned);

    /**
     * The rows a session counts in: its licensed parties' (a session with oneself once) and, if peer-to-peer, the
     * tenant's, which counts every peer-to-peer session as the peer-to-peer page does. A re-linked session comes as
     * the parties that stop and start counting, taken away and added: the tenant's count does not change.
     */
    static void forEachRow(CountedSession s, java.util.function.Consumer<PartyDay> row) {
        LocalDate day = s.start().atOffset(ZoneOffset.UTC).toLocalDate();
        byte[] key = ConferenceKey.of(s.conferenceId());
        if (s.conference()) {
            if (s.fromUserId() != null) {
                row.accept(new PartyDay(s.fromUserId(), day, Kind.PARTICIPATED, key));
            }
            if (s.toUserId() != null) {
                row.accept(new PartyDay(s.toUserId(), day, Kind.ORGANIZED, key));
            }
            return;
        }
        if (s.fromUserId() != null) {
            row.accept(new PartyDay(s.fromUserId(), day, Kind.PEER_TO_PEER, key));
        }
        if (s.toUserId() != null && !s.toUserId().equals(s.fromUserId())) {
            row.accept(new PartyDay(s.toUserId(), day, Kind.PEER_TO_PEER, key));
        }
        row.accept(new PartyDay(TENANT, day, Kind.PEER_TO_PEER, key));
    }

    /**
     * What one session adds to a row (or, with sign -1, takes away): its media, and for a conference how its From
     * party joined (docs/skype-for-business-activity.md).
     */
    record Counts(
            long sessions,
            long im,
            long audioVideo,
            long appSharing,
            long audioVideoMs,
            long web,
            long webStated,
            long telephone,
            long dialMicrosoft,
            long dialThirdParty,
            long dialInMicrosoftMs,
            long dialOutMicrosoftMs) {

        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        static Counts of(CountedSession s, int sign) {
            long audioVideoMs = Math.max(
                    s.durations().getOrDefault(Modality.AUDIO, 0L),
                    s.durations().getOrDefault(Modality.VIDEO, 0L));
            ConferenceJoin join = s.conferenceJoin();
            boolean microsoft = join.provider() == ConferenceJoin.ConferencingProvider.MICROSOFT;
            return new Counts(
                    sign,
                    has(s, Modality.IM) * sign,
                    (has(s, Modality.AUDIO) | has(s, Modality.VIDEO)) * sign,
                    has(s, Modality.APPLICATION_SHARING) * sign,
                    audioVideoMs * sign,
                    (Boolean.TRUE.equals(join.webConferencing()) ? 1 : 0) * sign,
                    (join.webConferencing() != null ? 1 : 0) * sign,
                    (join.telephone() ? 1 : 0) * sign,
                    (microsoft ? 1 : 0) * sign,
                    (join.provider() == ConferenceJoin.ConferencingProvider.THIRD_PARTY ? 1 : 0) * sign,
                    (microsoft && join.direction() == ConferenceJoin.DialDirection.DIAL_IN ? audioVideoMs : 0) * sign,
                    (microsoft && join.direction() == ConferenceJoin.DialDirection.DIAL_OUT ? audioVideoMs : 0) * sign);
        }

        private static long has(CountedSession s, Modality modality) {
            return (s.mediaMask() & modality.bit()) != 0 ? 1 : 0;
        }

        Counts plus(Counts other) {
            return new Counts(
                    sessions + other.sessions,
                    im + other.im,
                    audioVideo + other.audioVideo,
                    appSharing + other.appSharing,
                    audioVideoMs + other.audioVideoMs,
                    web + other.web,
                    webStated + other.webStated,
                    telephone + other.telephone,
                    dialMicrosoft + other.dialMicrosoft,
                    dialThirdParty + other.dialThirdParty,
                    dialInMicrosoftMs + other.dialInMicrosoftMs,
                    dialOutMicrosoftMs + other.dialOutMicrosoftMs);
        }
    }
}
