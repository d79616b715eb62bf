package org.commsportal.periodfigures;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BiConsumer;
import org.commsportal.sessions.ConferenceKey;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.Modality;

/**
 * The key of a quarter-hour row of changeset 023: its kind, the UTC quarter-hour in which the sessions start
 * (epoch seconds divided by 900) and, for organized conferences, the conference.
 */
record SlotRow(SlotKind kind, long slot, byte[] conferenceKey) {

    static final byte[] NO_CONFERENCE = new byte[8];
    static final long SLOT_SECONDS = 900;

    /** Key order, the order rows are written in so that concurrent writers lock them alike. */
    static final Comparator<SlotRow> ORDER = Comparator.comparing(SlotRow::kind)
            .thenComparingLong(SlotRow::slot)
            .thenComparing(SlotRow::conferenceKey, Arrays::compareUnsigned);

    /** The rows a session counts in, with its counts (times the sign: -1 for a session taken away). */
    static void forEachRow(CountedSession s, int sign, BiConsumer<SlotRow, Counts> row) {
        long slot = Math.floorDiv(s.start().getEpochSecond(), SLOT_SECONDS);
        long audioMs = s.durations().getOrDefault(Modality.AUDIO, 0L);
        long videoMs = s.durations().getOrDefault(Modality.VIDEO, 0L);
        long audioVideoMs = Math.max(audioMs, videoMs);
        if (!s.conference()) {
            // every peer-to-peer session of the tenant's records, whoever its parties count for: a re-linked session
            // comes as the parties that stop and start counting, taken away and added, which leaves this row as it is
            row.accept(
                    new SlotRow(SlotKind.PEER_TO_PEER, slot, NO_CONFERENCE),
                    new Counts(
                            sign,
                            has(s, Modality.IM) * sign,
                            has(s, Modality.AUDIO) * sign,
                            has(s, Modality.VIDEO) * sign,
                            0,
                            has(s, Modality.APPLICATION_SHARING) * sign,
                            has(s, Modality.FILE_TRANSFER) * sign,
                            0,
                            0,
                            audioMs * sign,
                            videoMs * sign,
                            0,
                            0));
            return;
        }
        boolean telephone = s.conferenceJoin().telephone();
        if (s.toUserId() != null) {
            Counts organized = new Counts(
                    sign,
                    has(s, Modality.IM) * sign,
                    0,
                    0,
                    (Modality.audioOrVideo(s.mediaMask()) ? 1 : 0) * sign,
                    has(s, Modality.APPLICATION_SHARING) * sign,
                    0,
                    (Boolean.TRUE.equals(s.conferenceJoin().webConferencing()) ? 1 : 0) * sign,
                    (telephone ? 1 : 0) * sign,
                    0,
                    0,
                    0,
                    telephone ? audioVideoMs * sign : 0);
            row.accept(new SlotRow(SlotKind.ORGANIZED, slot, ConferenceKey.of(s.conferenceId())), organized);
            row.accept(new SlotRow(SlotKind.ORGANIZED_ALL, slot, NO_CONFERENCE), organized);
        }
        if (s.fromUserId() != null) {
            row.accept(
                    new SlotRow(SlotKind.PARTICIPATED, slot, NO_CONFERENCE),
                    new Counts(sign, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, audioVideoMs * sign, 0));
        }
    }

    private static int has(CountedSession s, Modality modality) {
        return (s.mediaMask() & modality.bit()) != 0 ? 1 : 0;
    }

    /** The counters of a row, as the columns of changeset 023 name them. */
    record Counts(
            long sessions,
            long imSessions,
            long audioSessions,
            long videoSessions,
            long audioVideoSessions,
            long appSharingSessions,
            long fileTransferSessions,
            long webSessions,
            long telephoneSessions,
            long audioMs,
            long videoMs,
            long audioVideoMs,
            long telephoneMs) {

        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(
                    sessions + o.sessions,
                    imSessions + o.imSessions,
                    audioSessions + o.audioSessions,
                    videoSessions + o.videoSessions,
                    audioVideoSessions + o.audioVideoSessions,
                    appSharingSessions + o.appSharingSessions,
                    fileTransferSessions + o.fileTransferSessions,
                    webSessions + o.webSessions,
                    telephoneSessions + o.telephoneSessions,
                    audioMs + o.audioMs,
                    videoMs + o.videoMs,
                    audioVideoMs + o.audioVideoMs,
                    telephoneMs + o.telephoneMs);
        }

        Object[] values() {
            return new Object[] {
                sessions,
                imSessions,
                audioSessions,
                videoSessions,
                audioVideoSessions,
                appSharingSessions,
                fileTransferSessions,
                webSessions,
                telephoneSessions,
                audioMs,
                videoMs,
                audioVideoMs,
                telephoneMs
            };
        }
    }
}
