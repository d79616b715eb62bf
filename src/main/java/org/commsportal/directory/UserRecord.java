package org.commsportal.directory;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A licensed user as it arrives from the directory or the demo generator. {@code objectId} is the directory's
 * object id (a GUID), by which Teams call records name users; optional (docs/ingest.md, "Users").
 */
public record UserRecord(
        String upn,
        String alias,
        String displayName,
        LocalDate licensedFrom,
        @Nullable LocalDate deletedAt,
        @Nullable String objectId) {

    /** A user without a directory object id. */
    public UserRecord(
            String upn, String alias, String displayName, LocalDate licensedFrom, @Nullable LocalDate deletedAt) {
        this(upn, alias, displayName, licensedFrom, deletedAt, null);
    }
}
