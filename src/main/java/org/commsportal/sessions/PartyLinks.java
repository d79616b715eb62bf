package org.commsportal.sessions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which licensed user, if any, a session's party counts for: the user whose UPN equals the party's UPN
 * ({@link SipUris#upn}), when the user is licensed on the UTC day the session starts, that is from
 * {@code licensedFrom} through {@code deletedAt} (the day the licence was removed still counts). The session writer
 * links new sessions with this rule and re-links stored ones with it whenever a user record is written, so the
 * order in which users and sessions arrive never matters (docs/ingest.md, "How parties are matched to users").
 */
final class PartyLinks {

    /** A licensed user's id and licence. */
    record LicensedParty(
            long id, LocalDate licensedFrom, @Nullable LocalDate deletedAt) {
        boolean licensedOn(LocalDate day) {
            return !day.isBefore(licensedFrom) && (deletedAt == null || !day.isAfter(deletedAt));
        }
    }

    private final Map<String, LicensedParty> byUpn;

    /** The users by lower-case UPN. */
    PartyLinks(Map<String, LicensedParty> byUpn) {
        this.byUpn = byUpn;
    }

    /**
     * The key under which a session stores a party's UPN (from_party, to_party): the CRC-32 of its UTF-8 bytes, as
     * MariaDB's CRC32() computes it. Several UPNs may share a key; whoever finds sessions by key compares UPNs.
     */
    static long key(String upn) {
        var crc = new java.util.zip.CRC32();
        crc.update(upn.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** The user the party with this UPN counts for in a session starting at {@code start}, or null. */
    @Nullable
    Long userId(@Nullable String upn, Instant start) {
        if (upn == null) {
            return null;
        }
        LicensedParty user = byUpn.get(upn);
        return user != null && user.licensedOn(start.atOffset(ZoneOffset.UTC).toLocalDate()) ? user.id() : null;
    }
}
