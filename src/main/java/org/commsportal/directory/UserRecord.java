package org.commsportal.directory;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A licensed user as it arrives from the directory or the demo generator. */
public record UserRecord(
        String upn,
        String alias,
        String displayName,
        LocalDate licensedFrom,
        @Nullable LocalDate deletedAt) {}
