package org.commsportal.directory;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A licensed user as it arrives from the directory or the demo generator. {@code objectId} is the directory's
 * object id (a GUID), by which Teams call records name users; optional (docs/ingest.md, "Users"). {@code
 * usageLocation} is the directory's usage location, an ISO 3166 alpha-2 code in upper case, against which the PSTN
 * usage page tells domestic from international calls (docs/pstn-usage.md); optional. {@code pstnBlocking} is what
 * the record says of the user's PSTN block (docs/users-blocked.md) and {@code callingPlans} the user's assigned
 * calling plans (docs/pstn-minute-pools.md); null when the sender says nothing of them, which keeps what is stored.
 */
public record UserRecord(
        String upn,
        String alias,
        String displayName,
        LocalDate licensedFrom,
        @Nullable LocalDate deletedAt,
        @Nullable String objectId,
        @Nullable String usageLocation,
        @Nullable PstnBlocking pstnBlocking,
        @Nullable List<CallingPlan> callingPlans) {

    /** A user whose record says nothing of PSTN blocks and calling plans. */
    public UserRecord(
            String upn,
            String alias,
            String displayName,
            LocalDate licensedFrom,
            @Nullable LocalDate deletedAt,
            @Nullable String objectId,
            @Nullable String usageLocation) {
        this(upn, alias, displayName, licensedFrom, deletedAt, objectId, usageLocation, null, null);
    }

    /** A user without a usage location. */
    public UserRecord(
            String upn,
            String alias,
            String displayName,
            LocalDate licensedFrom,
            @Nullable LocalDate deletedAt,
            @Nullable String objectId) {
        this(upn, alias, displayName, licensedFrom, deletedAt, objectId, null);
    }

    /** A user without a directory object id. */
    public UserRecord(
            String upn, String alias, String displayName, LocalDate licensedFrom, @Nullable LocalDate deletedAt) {
        this(upn, alias, displayName, licensedFrom, deletedAt, null, null);
    }
}
