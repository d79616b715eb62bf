package org.commsportal.pstn;

import java.time.Instant;
import org.commsportal.sessions.SipUris;
import org.jspecify.annotations.Nullable;

/**
 * One call of the read model as stored: derived from one session with a telephone party by {@link #of}, the rule
 * docs/pstn-usage.md states ("Which sessions are calls").
 */
record PstnCall(
        long sessionId,
        Instant start,
        String userUpn,
        @Nullable String userNumber,
        @Nullable String otherNumber,
        PstnCallType type,
        @Nullable String destinationCountry,
        long durationMs) {

    /** A stored session's columns that the rule reads. */
    record TelephoneSession(
            long id,
            Instant start,
            Instant end,
            String fromUri,
            @Nullable String toUri,
            @Nullable String fromTel,
            @Nullable String toTel,
            boolean conference,
            int dialDirection,
            boolean fromLicensed) {}

    /** The code of {@code comm_session.dial_direction} for a conference's call out to the party. */
    private static final int DIAL_OUT = 2;

    /** The call of a session, or null when it has no telephone party. */
    static @Nullable PstnCall of(TelephoneSession s) {
        String fromUpn = SipUris.upn(s.fromUri());
        @Nullable String toUpn = s.toUri() == null ? null : SipUris.upn(s.toUri());
        long duration = s.end().toEpochMilli() - s.start().toEpochMilli();
        if (s.conference()) {
            if (s.dialDirection() == 0 && s.fromTel() == null && s.toTel() == null) {
                return null;
            }
            // an authenticated dial-in is the licensed participant's own call; an outside number's is the
            // organizer's, whose conference it joined (the To party of a conference session)
            String user = s.fromLicensed() || toUpn == null ? fromUpn : toUpn;
            String other = s.fromTel() != null ? s.fromTel() : s.toTel() != null ? s.toTel() : numberOf(s.fromUri());
            PstnCallType type = s.dialDirection() == DIAL_OUT ? PstnCallType.CONF_OUT : PstnCallType.CONF_IN;
            return new PstnCall(s.id(), s.start(), user, null, other, type, PhoneNumbers.country(other), duration);
        }
        if (s.toTel() != null) {
            return new PstnCall(
                    s.id(),
                    s.start(),
                    fromUpn,
                    s.fromTel(),
                    s.toTel(),
                    PstnCallType.USER_OUT,
                    PhoneNumbers.country(s.toTel()),
                    duration);
        }
        if (s.fromTel() != null) {
            return new PstnCall(
                    s.id(),
                    s.start(),
                    toUpn == null ? fromUpn : toUpn,
                    null,
                    s.fromTel(),
                    PstnCallType.USER_IN,
                    PhoneNumbers.country(s.fromTel()),
                    duration);
        }
        return null;
    }

    /** The number in a telephone URI's user part (sip:+14255550123@contoso.com;user=phone), if it is one. */
    private static @Nullable String numberOf(String uri) {
        String user = SipUris.upn(uri);
        int at = user.indexOf('@');
        String part = at < 0 ? user : user.substring(0, at);
        return part.matches("\\+?[0-9]{3,}") ? part : null;
    }
}
