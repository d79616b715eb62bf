package org.commsportal.pstn;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.commsportal.sessions.ConferenceJoin;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.jspecify.annotations.Nullable;

/**
 * Session records with a telephone party, as a Mediation Server reports them, for the users of one tenant's domain
 * (alias@domain): the PSTN tests' calls (docs/pstn-usage.md, "Which sessions are calls").
 */
public record TestCalls(String domain) {

    public String upn(String alias) {
        return alias + "@" + domain;
    }

    public String uri(String alias) {
        return "sip:" + upn(alias);
    }

    public String phoneUri(String number) {
        return "sip:" + number + "@" + domain + ";user=phone";
    }

    /** The focus of the organizer's conference. */
    public String focus(String organizer) {
        return "sip:" + upn(organizer) + ";gruu;opaque=app:conf:focus:id:X1";
    }

    public static Instant at(LocalDate day, String time) {
        return Instant.parse(day + "T" + time + "Z");
    }

    /** The user calls the number. */
    public SessionRecord callOut(String id, LocalDate day, String time, String user, String number, long ms) {
        return session(id, at(day, time), ms, uri(user), phoneUri(number), "+14255550100", number, null, null);
    }

    /** The number calls the user. */
    public SessionRecord callIn(String id, LocalDate day, String time, String number, String user, long ms) {
        return session(id, at(day, time), ms, phoneUri(number), uri(user), number, null, null, null);
    }

    /** A telephone party in the organizer's conference: a licensed user dialling in as themself, or a number. */
    public SessionRecord dialIn(
            String id, LocalDate day, String time, @Nullable String user, String number, String organizer, long ms) {
        return session(
                id,
                at(day, time),
                ms,
                user == null ? phoneUri(number) : uri(user),
                focus(organizer),
                number,
                null,
                focus(organizer),
                ConferenceJoin.DialDirection.DIAL_IN);
    }

    /** The organizer's conference calls the number. */
    public SessionRecord dialOut(String id, LocalDate day, String time, String number, String organizer, long ms) {
        return session(
                id,
                at(day, time),
                ms,
                phoneUri(number),
                focus(organizer),
                number,
                null,
                focus(organizer),
                ConferenceJoin.DialDirection.DIAL_OUT);
    }

    /** A minute of audio between two users: no call. */
    public SessionRecord p2p(String id, LocalDate day, String time, String from, String to) {
        return session(id, at(day, time), 60_000, uri(from), uri(to), null, null, null, null);
    }

    private static SessionRecord session(
            String id,
            Instant start,
            long ms,
            String fromUri,
            String toUri,
            @Nullable String fromTel,
            @Nullable String toTel,
            @Nullable String conferenceUrl,
            ConferenceJoin.@Nullable DialDirection dial) {
        return new SessionRecord(
                id,
                start,
                start.plusMillis(ms),
                fromUri,
                toUri,
                "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)",
                "Mediation Server",
                conferenceUrl,
                conferenceUrl == null ? null : "1",
                fromTel,
                toTel,
                null,
                null,
                null,
                null,
                200,
                null,
                List.of(new MediaUsage(Modality.AUDIO, ms)),
                0,
                Quality.Report.none(),
                conferenceUrl == null ? null : Boolean.FALSE,
                dial,
                dial == null ? null : ConferenceJoin.ConferencingProvider.MICROSOFT);
    }
}
