package org.commsportal.directory;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A licensed user as stored; {@code deletedAt} is set when the license was removed. */
public record LicensedUser(
        long id,
        String upn,
        String alias,
        String displayName,
        LocalDate licensedFrom,
        @Nullable LocalDate deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
